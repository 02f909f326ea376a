// The person's web of care as a picture (National Voices' "web of care", seed 003). The picture is
// described by its caption and repeats the list beside it, which is the accessible version: the SVG
// is role="img" with a text alternative, never the only place anything is said.
//
// Where the figure is narrower than the picture needs (a phone; large text), the same people are
// drawn as a stack instead: the person at the top and each helper below, joined to them by a line
// (thicker for the care coordinator), so the page never scrolls sideways (WCAG 1.4.10) and no word
// is shrunk. The choice is a container query on the figure, so it follows the space it really has.
// The stack has the same text alternative as the picture; printing always draws the picture.
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
  const count = `${members.length} ${members.length === 1 ? 'person' : 'people'}`;
  const people = members.map((m) => `${m.name} (${SECTOR_FOR_PATIENTS[m.sector]})`).join(', ');
  const description = `${props.personName} in the middle, with ${count} around: ${people}.`;
  // The stack's text alternative says the same, as the stack draws it.
  const stackLabel = `Web of care. ${props.personName} at the top, with ${count} below, each joined to them by a line: ${people}.`;
  const line = '#4c6272';
  return (
    <figure className="@container my-4">
      <div className="hidden @min-[34rem]:block print:block">
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
              stroke={line}
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
      <div
        className="@min-[34rem]:hidden print:hidden"
        role="img"
        aria-label={stackLabel}
        data-testid="care-team-web-stack"
      >
        <p className="inline-block max-w-full rounded-full bg-nhs-blue px-5 py-2 text-xl font-bold text-white wrap-anywhere">
          {props.personName}
        </p>
        <div className="ml-6">
          {web.nodes.map((n, i) => {
            const colour = SECTOR_COLOURS[n.sector];
            const last = i === web.nodes.length - 1;
            return (
              <div key={n.id} className="relative pt-3 pl-6">
                {/* The line down from the person, and across to this helper. */}
                <span
                  aria-hidden="true"
                  className="absolute top-0 left-0 w-0.5"
                  style={{
                    background: line,
                    bottom: last ? undefined : 0,
                    height: last ? 'calc(50% + 0.375rem)' : undefined,
                  }}
                />
                <span
                  aria-hidden="true"
                  className="absolute left-0 w-6"
                  style={{
                    background: line,
                    top: 'calc(50% + 0.375rem)',
                    height: n.isCoordinator ? 5 : 2,
                    marginTop: n.isCoordinator ? -2 : -1,
                  }}
                />
                <div
                  className="rounded-xl px-3 py-2 wrap-anywhere text-nhs-black"
                  style={{ background: colour.fill, border: `${n.isCoordinator ? 6 : 2}px solid ${colour.stroke}` }}
                >
                  <p className="text-lg font-bold">{n.name}</p>
                  <p>{n.detail}</p>
                  <p className="text-sm">{SECTOR_FOR_PATIENTS[n.sector]}</p>
                </div>
              </div>
            );
          })}
        </div>
      </div>
      <figcaption className="mt-2 text-sm text-nhs-grey-1">
        <span className="hidden @min-[34rem]:inline print:inline">
          {props.readByPerson
            ? 'The picture shows you in the middle and the people who help you around you. A thicker line shows your care coordinator. The same people are listed below.'
            : `The picture shows ${firstName(props.personName)} in the middle and the people who help them around them. A thicker line shows ${possessive(firstName(props.personName))} care coordinator. The same people are listed below.`}
        </span>
        <span className="@min-[34rem]:hidden print:hidden">
          {props.readByPerson
            ? 'The picture shows you at the top and the people who help you below, each joined to you by a line. A thicker line shows your care coordinator. The same people are listed below.'
            : `The picture shows ${firstName(props.personName)} at the top and the people who help them below, each joined to them by a line. A thicker line shows ${possessive(firstName(props.personName))} care coordinator. The same people are listed below.`}
        </span>
      </figcaption>
    </figure>
  );
}
