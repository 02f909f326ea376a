import { STATUS_WORDS } from '@/lib/scorecard/format';
import { pointsAttr, radarPoint, radarPolygon, radarAngle } from '@/lib/scorecard/charts';
import type { Status } from '@/lib/scoring/types';

interface Axis {
  id: string;
  label: string;
  title: string;
  status: Status;
  score: number | null;
}

/**
 * One framework's criteria as a radar (spider) chart: further out is better. A criterion needing
 * judgement has no computed score, so it is marked "?" at the rim instead of being drawn as 0.
 * Its text equivalent is the criteria table beside it; the chart's name lists every value.
 */
export function RadarChart({ id, title, axes }: { id: string; title: string; axes: readonly Axis[] }) {
  const size = 340;
  const c = size / 2;
  const r = 105;
  const n = axes.length;
  if (n < 3) return null;
  const polygon = radarPolygon(
    axes.map((a) => (a.status === 'needs_judgement' ? null : (a.score ?? 0))),
    c,
    c,
    r,
  );
  const description = `${title}. ${axes
    .map((a) => `${a.label} ${STATUS_WORDS[a.status].toLowerCase()}${a.score !== null && a.status !== 'needs_judgement' ? ` (${Math.round(a.score * 100)}%)` : ''}`)
    .join(', ')}.`;
  return (
    <svg role="img" aria-labelledby={`${id}-title`} viewBox={`0 0 ${size} ${size}`} className="w-full max-w-xs h-auto">
      <title id={`${id}-title`}>{description}</title>
      {[0.25, 0.5, 0.75, 1].map((ring) => (
        <polygon key={ring} points={pointsAttr(axes.map((_, i) => radarPoint(i, n, ring, c, c, r)))} fill="none" stroke="#d8dde0" />
      ))}
      {axes.map((a, i) => {
        const end = radarPoint(i, n, 1, c, c, r);
        const angle = radarAngle(i, n);
        const lx = c + Math.cos(angle) * (r + 22);
        const ly = c + Math.sin(angle) * (r + 22);
        const anchor = Math.abs(Math.cos(angle)) < 0.3 ? 'middle' : Math.cos(angle) > 0 ? 'start' : 'end';
        return (
          <g key={a.id}>
            <line x1={c} y1={c} x2={end.x} y2={end.y} stroke="#aeb7bd" />
            <text x={lx} y={ly + 4} textAnchor={anchor} fontSize="11" fill="#212b32">
              {a.label}
            </text>
          </g>
        );
      })}
      {polygon.length >= 2 ? (
        <polygon points={pointsAttr(polygon)} fill="rgba(0, 94, 184, 0.18)" stroke="#005eb8" strokeWidth="2.5" strokeLinejoin="round" />
      ) : null}
      {axes.map((a, i) => {
        if (a.status === 'needs_judgement') {
          const tip = radarPoint(i, n, 1, c, c, r);
          return (
            <g key={a.id}>
              <circle cx={tip.x} cy={tip.y} r={7} fill="#fff" stroke="#212b32" strokeWidth="1.5" />
              <text x={tip.x} y={tip.y + 4} textAnchor="middle" fontSize="10" fontWeight="bold" fill="#212b32">
                ?
              </text>
            </g>
          );
        }
        const p = radarPoint(i, n, a.score ?? 0, c, c, r);
        return <circle key={a.id} cx={p.x} cy={p.y} r={3.5} fill="#005eb8" />;
      })}
    </svg>
  );
}
