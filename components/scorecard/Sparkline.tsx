import { describeTrend, type TrendPoint } from '@/lib/scorecard/model';
import { lineRuns, pathD } from '@/lib/scorecard/charts';
import { seriesStyle } from './series';

/** A tiny trend of both frameworks over saved versions, for a table row. Its name says the trend in words. */
export function Sparkline({ series }: { series: readonly { frameworkId: string; title: string; points: readonly TrendPoint[] }[] }) {
  const withPoints = series.filter((s) => s.points.length > 0);
  if (withPoints.length === 0) return <span className="text-sm text-nhs-grey-1">No versions</span>;
  const box = { width: 100, height: 30, left: 3, right: 3, top: 3, bottom: 3 };
  const label = withPoints.map((s) => describeTrend(s.title, s.points)).join('. ');
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${box.width} ${box.height}`} width={box.width} height={box.height} className="overflow-visible">
      <line x1={box.left} x2={box.width - box.right} y1={box.height - box.bottom} y2={box.height - box.bottom} stroke="#d8dde0" />
      {withPoints.map((s) => {
        const style = seriesStyle(s.frameworkId);
        const runs = lineRuns(s.points.map((p) => p.percent), box).map((run) => run.map((p) => ({ x: Math.round(p.x), y: Math.round(p.y) })));
        return (
          <g key={s.frameworkId}>
            {runs.map((run, i) => (
              <path key={i} d={pathD(run)} fill="none" stroke={style.colour} strokeWidth={1.75} strokeDasharray={style.dash} />
            ))}
            {runs.flat().slice(-1).map((p) =>
              style.marker === 'circle' ? (
                <circle key="end" cx={p.x} cy={p.y} r={2.5} fill={style.colour} />
              ) : (
                <rect key="end" x={p.x - 2.5} y={p.y - 2.5} width={5} height={5} fill={style.colour} />
              ),
            )}
          </g>
        );
      })}
    </svg>
  );
}
