import './scorecard.css';
import { STATUS_WORDS } from '@/lib/scorecard/format';
import type { CriterionColumn, FrameworkColumn, PathwayScorecard } from '@/lib/scorecard/model';
import { RATING_SHORT, STATUS_CELL_CLASS, STATUS_ICON, STATUS_SHORT } from './status';
import { StickyColumnRegion } from './StickyColumnRegion';

/**
 * Criteria × pathways. The table is its own text equivalent: every cell says its status in
 * words beside an icon, and links to that criterion's findings for the pathway. Each link's
 * accessible name starts with its visible words and goes on, in hidden text, to name the
 * criterion and the pathway, so a list of links is not dozens of "Met".
 */
export function Heatmap(props: {
  slug: string;
  pathways: readonly PathwayScorecard[];
  columns: readonly CriterionColumn[];
  frameworks: readonly FrameworkColumn[];
  /** What the skip link before the table goes to: an element id and its name in words. */
  skipTo: { id: string; name: string };
}) {
  const base = `/w/${props.slug}/scorecards`;
  const groups = props.frameworks
    .map((f) => ({ framework: f, columns: props.columns.filter((c) => c.frameworkId === f.id) }))
    .filter((g) => g.columns.length > 0);
  return (
    <section aria-labelledby="heatmap-heading" className="mb-8">
      <h2 id="heatmap-heading" className="text-2xl font-bold mb-2">
        Criteria by pathway
      </h2>
      <p className="mb-2 text-nhs-grey-1">
        The computed result for each criterion, with the rating agreed at a workshop under it where there is one. Select a
        result to see its findings.
      </p>
      <HeatmapKey />
      <details open className="mb-3">
        <summary className="cursor-pointer font-bold">Criteria key</summary>
        <dl className="mt-2 grid gap-x-3 gap-y-1 sm:grid-cols-[auto_1fr] text-sm">
          {props.columns.map((c) => (
            <div key={c.id} className="contents">
              <dt className="font-bold">{c.label}</dt>
              <dd>{c.title}</dd>
            </div>
          ))}
        </dl>
      </details>
      <a href={`#${props.skipTo.id}`} className="sr-only focus:not-sr-only focus:mb-2 focus:inline-block">
        {`Skip to ${props.skipTo.name}`}
      </a>
      <StickyColumnRegion
        label="Criteria by pathway table, scrolls sideways"
        className="sc-heat relative overflow-x-auto border border-nhs-grey-4 bg-white"
      >
        <table className="border-collapse text-sm">
          <caption className="sr-only">
            Criteria by pathway: computed result of each pathway&apos;s latest saved version, and the rating agreed at a workshop
          </caption>
          <thead>
            <tr>
              <th scope="col" rowSpan={2} className="sticky left-0 z-10 w-48 min-w-48 max-w-48 bg-white p-2 text-left align-bottom">
                Pathway
              </th>
              {groups.map((g) => (
                <th key={g.framework.id} scope="colgroup" colSpan={g.columns.length} className="border-l border-nhs-grey-4 p-1 text-left">
                  {g.framework.shortTitle}
                </th>
              ))}
            </tr>
            <tr>
              {groups.flatMap((g) =>
                g.columns.map((c, i) => (
                  <th key={c.id} scope="col" className={`p-1 text-xs font-bold whitespace-nowrap ${i === 0 ? 'border-l border-nhs-grey-4' : ''}`}>
                    <span aria-hidden="true">{c.label}</span>
                    <span className="sr-only">
                      {c.label}: {c.title}
                    </span>
                  </th>
                )),
              )}
            </tr>
          </thead>
          <tbody>
            {props.pathways.map((p) => (
              <tr key={p.id} className="border-t border-nhs-grey-4">
                <th scope="row" className="sticky left-0 z-10 w-48 min-w-48 max-w-48 bg-white p-2 text-left font-normal align-top">
                  <a href={`${base}/${p.id}`} className="font-bold">
                    {p.title}
                  </a>
                  <span className="block text-xs text-nhs-grey-1">{p.version ? `Version ${p.version.number}` : 'No saved version'}</span>
                </th>
                {!p.scored ? (
                  <td colSpan={props.columns.length} className="p-2 text-nhs-grey-1">
                    No stored scores yet.
                  </td>
                ) : (
                  groups.flatMap((g) =>
                    g.columns.map((c, i) => {
                      const cell = p.cells[c.id];
                      const edge = i === 0 ? 'sc-edge' : undefined;
                      if (!cell) {
                        return (
                          <td key={c.id} className={`${edge ?? ''} p-1 text-xs text-nhs-grey-1`}>
                            Not scored
                          </td>
                        );
                      }
                      // Hundreds of cells: plain links (no prefetching). The icon is hidden from
                      // screen readers; the name is the visible words, then the criterion and pathway.
                      const room = cell.consensus;
                      const short = STATUS_SHORT[cell.status];
                      const words = STATUS_WORDS[cell.status];
                      return (
                        <td key={c.id} className={edge} data-status={cell.status}>
                          <a href={`${base}/${p.id}#criterion-${c.id}`}>
                            <span>
                              <span aria-hidden="true">{`${STATUS_ICON[cell.status]} `}</span>
                              {short}
                              {words.startsWith(short) && words !== short ? <span className="sr-only">{words.slice(short.length)}</span> : null}
                            </span>
                            <span className="sr-only">{`: ${c.label} ${c.title}, ${p.title}${room ? '.' : ''}`}</span>
                            {room ? <span className="sc-room">{`Workshop: ${RATING_SHORT[room.value]}`}</span> : null}
                          </a>
                        </td>
                      );
                    }),
                  )
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </StickyColumnRegion>
    </section>
  );
}

function HeatmapKey() {
  const statuses = ['not_met', 'partly', 'needs_judgement', 'met'] as const;
  return (
    <ul className="mb-2 flex flex-wrap gap-2 text-xs" aria-label="Key">
      {statuses.map((s) => (
        <li key={s} className={`rounded px-2 py-1 font-bold ${STATUS_CELL_CLASS[s]}`}>
          <span aria-hidden="true">{STATUS_ICON[s]} </span>
          {STATUS_SHORT[s] === STATUS_WORDS[s] ? STATUS_WORDS[s] : `${STATUS_SHORT[s]}: ${STATUS_WORDS[s].toLowerCase()}`}
        </li>
      ))}
      <li className="rounded border border-dashed border-nhs-grey-1 bg-white px-2 py-1 font-bold">Workshop: the rating agreed at a workshop</li>
    </ul>
  );
}
