// The person's web of care as a picture (National Voices' "web of care", seed 003). The picture is
// described by its caption and repeats the list beside it, which is the accessible version: the SVG
// is role="img" with a text alternative, never the only place anything is said.
import { layoutWebOfCare, SECTOR_COLOURS, wrapLabel } from '@/lib/care-plan/web-of-care';
import { ROLE_FOR_PATIENTS, SECTOR_FOR_PATIENTS, firstName, possessive } from '@/lib/care-plan/plain';
import type { CareTeamMemberView } from '@/lib/care-plan/types';

export function CareTeamWeb(props: {
  members: readonly CareTeamMemberView[];
  personName: string;
  idPrefix: string;
  /** True when the person whose plan it is reads it ("you in the middle"); otherwise they are named. */
  readByPerson?: boolean;
}) {
  const members = props.members.filter((m) => m.role !== 'patient');
  if (members.length === 0) return null;
  const web = layoutWebOfCare(members, (m) => m.jobTitle.trim() || ROLE_FOR_PATIENTS[m.role], 780);
  const titleId = `${props.idPrefix}-web-title`;
  const descId = `${props.idPrefix}-web-desc`;
  const description = `${props.personName} in the middle, with ${members.length} ${members.length === 1 ? 'person' : 'people'} around: ${members
    .map((m) => `${m.name} (${SECTOR_FOR_PATIENTS[m.sector]})`)
    .join(', ')}.`;
  return (
    <figure className="my-4">
      {/* On a phone the picture can be scrolled sideways, so its words stay big enough to read. */}
      <div
        className="overflow-x-auto"
        tabIndex={0}
        role="group"
        aria-label="Web of care picture, scrolls sideways on small screens"
      >
        <svg
          viewBox={`0 0 ${web.width} ${web.height}`}
          role="img"
          aria-labelledby={`${titleId} ${descId}`}
          className="mx-auto h-auto w-full min-w-[34rem] max-w-xl print:min-w-0"
        >
          <title id={titleId}>Web of care</title>
          <desc id={descId}>{description}</desc>
          {web.nodes.map((n) => (
            <line
              key={`l-${n.id}`}
              x1={web.centre.x}
              y1={web.centre.y}
              x2={n.x}
              y2={n.y}
              stroke="#4c6272"
              strokeWidth={n.isCoordinator ? 5 : 2}
            />
          ))}
          <circle cx={web.centre.x} cy={web.centre.y} r={78} fill="#005eb8" />
          {wrapLabel(props.personName, 10).map((line, i, all) => (
            <text
              key={i}
              x={web.centre.x}
              y={web.centre.y + (i - (all.length - 1) / 2) * 30 + 10}
              textAnchor="middle"
              fontSize={27}
              fontWeight="bold"
              fill="#ffffff"
            >
              {line}
            </text>
          ))}
          {web.nodes.map((n) => {
            const colour = SECTOR_COLOURS[n.sector];
            const nameLines = wrapLabel(n.name, 15, 3);
            const detailLines = wrapLabel(n.detail, 18);
            const lines = [...nameLines, ...detailLines];
            const h = 22 + lines.length * 26;
            return (
              <g key={n.id}>
                <rect
                  x={n.x - 112}
                  y={n.y - h / 2}
                  width={224}
                  height={h}
                  rx={12}
                  fill={colour.fill}
                  stroke={colour.stroke}
                  strokeWidth={n.isCoordinator ? 6 : 2}
                />
                {lines.map((line, i) => (
                  <text
                    key={i}
                    x={n.x}
                    y={n.y - h / 2 + 32 + i * 26}
                    textAnchor="middle"
                    fontSize={i < nameLines.length ? 23 : 20}
                    fontWeight={i < nameLines.length ? 'bold' : 'normal'}
                    fill="#212b32"
                  >
                    {line}
                  </text>
                ))}
              </g>
            );
          })}
        </svg>
      </div>
      <figcaption className="mt-2 text-sm text-nhs-grey-1">
        {props.readByPerson
          ? 'The picture shows you in the middle and the people who help you around you. A thicker line shows your care coordinator. The same people are listed below.'
          : `The picture shows ${firstName(props.personName)} in the middle and the people who help them around them. A thicker line shows ${possessive(firstName(props.personName))} care coordinator. The same people are listed below.`}
      </figcaption>
    </figure>
  );
}
