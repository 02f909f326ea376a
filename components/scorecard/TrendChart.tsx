import { formatDate, formatPercent } from '@/lib/scorecard/format';
import { describeTrend, type TrendPoint } from '@/lib/scorecard/model';
import { lineRuns, pathD } from '@/lib/scorecard/charts';
import { frameworksWithMixedRules } from '@/lib/scorecard/changes';
import { seriesStyle } from './series';

interface Series {
  frameworkId: string;
  title: string;
  points: readonly TrendPoint[];
}

/**
 * Framework scores across a pathway's saved versions, with the same figures as a table. With
 * `versions`, the table gives each version's note. When a framework's rules changed between
 * versions, each of its scores names the rules it was scored with, so a rule change is not
 * mistaken for the pathway getting worse.
 */
export function TrendChart({
  id,
  series,
  versions,
}: {
  id: string;
  series: readonly Series[];
  versions?: readonly { number: number; note: string }[];
}) {
  const numbers = [...new Set(series.flatMap((s) => s.points.map((p) => p.number)))].sort((a, b) => a - b);
  if (numbers.length === 0) return <p>No saved versions yet.</p>;
  const box = { width: 560, height: 230, left: 44, right: 64, top: 14, bottom: 36 };
  const innerW = box.width - box.left - box.right;
  const innerH = box.height - box.top - box.bottom;
  const xOf = (i: number) => box.left + (numbers.length <= 1 ? innerW / 2 : (innerW * i) / (numbers.length - 1));
  const savedAt = new Map(series.flatMap((s) => s.points.map((p) => [p.number, p.savedAt] as const)));
  const notes = versions ? new Map(versions.map((v) => [v.number, v.note])) : null;
  const mixed = frameworksWithMixedRules(series);
  const label = `Scores across ${numbers.length} saved ${numbers.length === 1 ? 'version' : 'versions'}. ${series
    .map((s) => describeTrend(s.title, s.points))
    .join('. ')}.`;
  return (
    <figure className="mb-4">
      <svg role="img" aria-labelledby={`${id}-title`} viewBox={`0 0 ${box.width} ${box.height}`} className="w-full max-w-xl h-auto bg-white">
        <title id={`${id}-title`}>{label}</title>
        {[0, 25, 50, 75, 100].map((v) => {
          const y = box.top + innerH * (1 - v / 100);
          return (
            <g key={v}>
              <line x1={box.left} x2={box.width - box.right} y1={y} y2={y} stroke="#d8dde0" />
              <text x={box.left - 6} y={y + 4} textAnchor="end" fontSize="11" fill="#4c6272">
                {v}%
              </text>
            </g>
          );
        })}
        {numbers.map((n, i) => (
          <text key={n} x={xOf(i)} y={box.height - 14} textAnchor="middle" fontSize="11" fill="#4c6272">
            v{n}
          </text>
        ))}
        <text x={box.left + innerW / 2} y={box.height - 1} textAnchor="middle" fontSize="11" fill="#4c6272">
          Saved version
        </text>
        {series.map((s) => {
          const style = seriesStyle(s.frameworkId);
          const values = numbers.map((n) => s.points.find((p) => p.number === n)?.percent ?? null);
          const runs = lineRuns(values, box);
          const points = runs.flat();
          const last = points[points.length - 1];
          return (
            <g key={s.frameworkId}>
              {runs.map((run, i) => (
                <path key={i} d={pathD(run)} fill="none" stroke={style.colour} strokeWidth={2.5} strokeDasharray={style.dash} />
              ))}
              {points.map((p, i) =>
                style.marker === 'circle' ? (
                  <circle key={i} cx={p.x} cy={p.y} r={4.5} fill={style.colour} />
                ) : (
                  <rect key={i} x={p.x - 4} y={p.y - 4} width={8} height={8} fill={style.colour} />
                ),
              )}
              {last ? (
                <text x={last.x + 8} y={last.y + 4} fontSize="12" fontWeight="bold" fill={style.colour}>
                  {style.short}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="mt-1 text-sm text-nhs-grey-1">
        {series.map((s) => {
          const style = seriesStyle(s.frameworkId);
          return (
            <span key={s.frameworkId} className="mr-4 inline-flex items-center gap-1">
              <svg width="28" height="10" aria-hidden="true" focusable="false">
                <line x1="0" x2="28" y1="5" y2="5" stroke={style.colour} strokeWidth="2.5" strokeDasharray={style.dash} />
              </svg>
              {style.short}: {s.title}
            </span>
          );
        })}
      </figcaption>
      <table className="mt-3 w-full max-w-xl border-collapse bg-white text-sm">
        <caption className="text-left font-bold mb-1">Scores by version</caption>
        <thead>
          <tr className="border-b border-nhs-grey-4">
            <th scope="col" className="p-1 text-left">Version</th>
            <th scope="col" className="p-1 text-left">Saved</th>
            {series.map((s) => (
              <th key={s.frameworkId} scope="col" className="p-1 text-right">
                {s.title}
              </th>
            ))}
            {notes ? (
              <th scope="col" className="p-1 text-left">
                Note
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {numbers.map((n) => (
            <tr key={n} className="border-b border-nhs-grey-4">
              <th scope="row" className="p-1 text-left font-normal">
                Version {n}
              </th>
              <td className="p-1">{formatDate(savedAt.get(n))}</td>
              {series.map((s) => {
                const point = s.points.find((p) => p.number === n);
                return (
                  <td key={s.frameworkId} className="p-1 text-right">
                    {formatPercent(point?.percent ?? null)}
                    {point && mixed.has(s.frameworkId) ? (
                      <span className="block text-xs text-nhs-grey-1">Scored with framework version {point.frameworkVersion || 'unknown'}</span>
                    ) : null}
                  </td>
                );
              })}
              {notes ? <td className="p-1">{notes.get(n) ?? ''}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
      {mixed.size > 0 ? (
        <p className="mt-2 max-w-xl text-sm" data-testid="rules-changed">
          The scoring rules of {series.filter((s) => mixed.has(s.frameworkId)).map((s) => s.title).join(' and ')} changed between
          these versions. A score that moved when the rules changed may not mean the pathway changed.
        </p>
      ) : null}
    </figure>
  );
}
