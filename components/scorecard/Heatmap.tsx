import './scorecard.css';
import { STATUS_WORDS, RATING_WORDS } from '@/lib/scorecard/format';
import type { CriterionColumn, FrameworkColumn, PathwayScorecard } from '@/lib/scorecard/model';
import { RATING_SHORT, STATUS_CELL_CLASS, STATUS_ICON, STATUS_SHORT } from './status';

/**
 * Criteria × pathways. The table is its own text equivalent: every cell says its status in
 * words beside an icon, and links to that criterion's findings for the pathway.
 */
export function Heatmap(props: {
  slug: string;
  pathways: readonly PathwayScorecard[];
  columns: readonly CriterionColumn[];
  frameworks: readonly FrameworkColumn[];
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
        The computed result for each criterion, with the room&apos;s consensus under it where the room has rated it. Select a
        result to see its findings.
      </p>
      <HeatmapKey />
      <div role="region" aria-labelledby="heatmap-heading" tabIndex={0} className="sc-heat relative overflow-x-auto border border-nhs-grey-4 bg-white">
        <table className="border-collapse text-sm">
          <caption className="sr-only">
            Criteria by pathway: computed result of each pathway&apos;s latest saved version, and the room&apos;s consensus
          </caption>
          <thead>
            <tr>
              <th scope="col" rowSpan={2} className="sticky left-0 z-10 bg-white p-2 text-left align-bottom min-w-48">
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
                <th scope="row" className="sticky left-0 z-10 bg-white p-2 text-left font-normal align-top">
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
                      // Hundreds of cells: plain links (no prefetching), one text node each, and
                      // a name in full words ("Partly met", never just "Partly").
                      const room = cell.consensus;
                      return (
                        <td key={c.id} className={edge} data-status={cell.status}>
                          <a
                            href={`${base}/${p.id}#criterion-${c.id}`}
                            aria-label={room ? `${STATUS_WORDS[cell.status]}. Room: ${RATING_WORDS[room.value]}` : STATUS_SHORT[cell.status] === STATUS_WORDS[cell.status] ? undefined : STATUS_WORDS[cell.status]}
                          >
                            {`${STATUS_ICON[cell.status]} ${STATUS_SHORT[cell.status]}`}
                            {room ? <span>{`Room: ${RATING_SHORT[room.value]}`}</span> : null}
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
      </div>
      <details className="mt-2">
        <summary className="cursor-pointer">Criteria key</summary>
        <dl className="mt-2 grid gap-x-3 gap-y-1 sm:grid-cols-[auto_1fr] text-sm">
          {props.columns.map((c) => (
            <div key={c.id} className="contents">
              <dt className="font-bold">{c.label}</dt>
              <dd>{c.title}</dd>
            </div>
          ))}
        </dl>
      </details>
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
      <li className="rounded border border-dashed border-nhs-grey-1 bg-white px-2 py-1 font-bold">Room: the room&apos;s consensus rating</li>
    </ul>
  );
}
