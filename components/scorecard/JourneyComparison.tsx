
import { barLength } from '@/lib/scorecard/charts';
import {
  JOURNEY_MEASURES,
  formatJourneyValue,
  journeyMaxima,
  journeyValue,
  type JourneyMeasureKey,
  type PathwayScorecard,
} from '@/lib/scorecard/model';

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** "Highest: COPD (14). Lowest: Frailty (7)." */
function summarise(pathways: readonly PathwayScorecard[], key: JourneyMeasureKey, label: string): string {
  const known = pathways.map((p) => ({ p, v: journeyValue(p.journey, key) })).filter((x): x is { p: PathwayScorecard; v: number } => x.v !== null);
  if (known.length === 0) return `${label}: not known for these pathways.`;
  const sorted = [...known].sort((a, b) => b.v - a.v);
  const hi = sorted[0]!;
  const lo = sorted[sorted.length - 1]!;
  const parts = [`${label}, by pathway.`, `Highest: ${hi.p.title} (${formatJourneyValue(key, hi.v)}).`];
  if (sorted.length > 1) parts.push(`Lowest: ${lo.p.title} (${formatJourneyValue(key, lo.v)}).`);
  parts.push('Every value is in the journey figures table.');
  return parts.join(' ');
}

/**
 * The journey figures of the pathways side by side: one small bar chart per figure, then the
 * same figures as one table (the charts' text equivalent).
 */
export function JourneyComparison({ slug, pathways }: { slug: string; pathways: readonly PathwayScorecard[] }) {
  const max = journeyMaxima(pathways);
  const rowH = 20;
  const labelW = 150;
  const track = 130;
  const width = labelW + track + 44;
  return (
    <section aria-labelledby="journey-heading" className="mb-8">
      <h2 id="journey-heading" className="text-2xl font-bold mb-2">
        Journey figures compared
      </h2>
      <p className="mb-3 text-nhs-grey-1">
        What the person lives through on each pathway&apos;s latest saved version. For contacts, organisations and hand-offs,
        fewer is usually better. Expected days between steps is not a wait: it adds up the target time of every step over the
        whole time on the pathway, planned reviews such as a yearly recall included, so a long figure can be good care.
        Organisations are counted as the sectors the person meets, because pathways do not yet name organisations.
      </p>
      <div className="grid gap-4 md:grid-cols-2 lg:grid-cols-3 mb-4">
        {JOURNEY_MEASURES.map((m) => {
          const height = pathways.length * rowH + 8;
          return (
            <figure key={m.key} className="bg-white border border-nhs-grey-4 p-2">
              <figcaption className="font-bold mb-1">{m.label}</figcaption>
              <svg role="img" aria-label={summarise(pathways, m.key, m.label)} viewBox={`0 0 ${width} ${height}`} className="w-full h-auto">
                {pathways.map((p, i) => {
                  const v = journeyValue(p.journey, m.key);
                  const y = 4 + i * rowH;
                  const w = barLength(v, max[m.key], track);
                  return (
                    <g key={p.id}>
                      <text x={labelW - 6} y={y + 14} textAnchor="end" fontSize="11" fill="#212b32">
                        {truncate(p.title, 24)}
                      </text>
                      <rect x={labelW} y={y + 3} width={w} height={rowH - 6} fill="#005eb8" />
                      <text x={labelW + w + 4} y={y + 14} fontSize="11" fill="#212b32">
                        {formatJourneyValue(m.key, v)}
                      </text>
                    </g>
                  );
                })}
              </svg>
            </figure>
          );
        })}
      </div>
      <div role="region" aria-labelledby="journey-table-caption" tabIndex={0} className="relative overflow-x-auto">
        <table className="w-full border-collapse bg-white text-sm">
          <caption id="journey-table-caption" className="text-left font-bold mb-1">
            Journey figures by pathway
          </caption>
          <thead>
            <tr className="border-b border-nhs-grey-4">
              <th scope="col" className="p-2 text-left">
                Pathway
              </th>
              {JOURNEY_MEASURES.map((m) => (
                <th key={m.key} scope="col" className="p-2 text-right">
                  {m.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {pathways.map((p) => (
              <tr key={p.id} className="border-b border-nhs-grey-4">
                <th scope="row" className="p-2 text-left font-normal">
                  <a href={`/w/${slug}/scorecards/${p.id}#journey`}>{p.title}</a>
                </th>
                {JOURNEY_MEASURES.map((m) => (
                  <td key={m.key} className="p-2 text-right" data-measure={m.key}>
                    {formatJourneyValue(m.key, journeyValue(p.journey, m.key))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
