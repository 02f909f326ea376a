import type { VersionChanges as Changes } from '@/lib/scorecard/changes';
import { formatDate, plural } from '@/lib/scorecard/format';

/** "Changes since version N": what changed between two saved versions and why the score moved. */
export function VersionChanges({ changes }: { changes: Changes }) {
  const { from, to } = changes;
  const headingId = `changes-${from.number}-${to.number}`;
  return (
    <section
      aria-labelledby={headingId}
      className="mb-8 bg-white border border-nhs-grey-4 p-4"
      data-testid="version-changes"
    >
      <h2 id={headingId} className="text-2xl font-bold mb-2">
        Changes since version {from.number}
      </h2>
      <p className="mb-1">
        Version {to.number} was saved {formatDate(to.savedAt)}
        {to.author ? ` by ${to.author}` : ''}.
      </p>
      <p className="mb-4">
        <span className="font-bold">Note saved with version {to.number}:</span> {to.note}
      </p>

      {changes.unreadable ? (
        <p>The two versions cannot be compared, because one of them cannot be read.</p>
      ) : (
        <>
          {changes.frameworkVersions.length > 0 ? (
            <div className="mb-4 border-l-4 border-nhs-blue pl-3">
              <h3 className="text-lg font-bold mb-1">The scoring rules changed</h3>
              <ul className="list-disc pl-6">
                {changes.frameworkVersions.map((f) => (
                  <li key={f.frameworkId}>
                    {f.title}: version {from.number} was scored with framework version {f.before ?? 'unknown'}, version{' '}
                    {to.number} with framework version {f.after ?? 'unknown'}.
                  </li>
                ))}
              </ul>
              <p className="mt-1">
                Some of the changes below may come from the new rules, not from changes to the pathway.
              </p>
            </div>
          ) : null}

          <h3 className="text-lg font-bold mb-1">Criteria that changed</h3>
          {changes.criteria.length === 0 ? (
            <p className="mb-4">No criterion changed its result.</p>
          ) : (
            <table className="mb-4 w-full border-collapse text-sm">
              <caption className="sr-only">
                Criteria whose result changed between version {from.number} and version {to.number}
              </caption>
              <thead>
                <tr className="border-b border-nhs-grey-4">
                  <th scope="col" className="p-1 text-left">
                    Criterion
                  </th>
                  <th scope="col" className="p-1 text-left">
                    Version {from.number}
                  </th>
                  <th scope="col" className="p-1 text-left">
                    Version {to.number}
                  </th>
                  <th scope="col" className="p-1 text-left">
                    Change
                  </th>
                </tr>
              </thead>
              <tbody>
                {changes.criteria.map((c) => (
                  <tr key={c.criterionId} className="border-b border-nhs-grey-4">
                    <th scope="row" className="p-1 text-left font-normal">
                      <span className="font-bold">{c.label}</span> {c.title}
                    </th>
                    <td className="p-1">{c.before}</td>
                    <td className="p-1">{c.after}</td>
                    <td className="p-1">{c.direction}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}

          <h3 className="text-lg font-bold mb-1">Steps added and removed</h3>
          {changes.stepsAdded.length === 0 && changes.stepsRemoved.length === 0 ? (
            <p>No steps were added or removed.</p>
          ) : (
            <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[12rem_1fr]">
              <dt className="font-bold">{plural(changes.stepsAdded.length, 'step added', 'steps added')}</dt>
              <dd>
                {changes.stepsAdded.length === 0 ? (
                  'None'
                ) : (
                  <ul className="list-disc pl-6">
                    {changes.stepsAdded.map((t, i) => (
                      <li key={i}>{t}</li>
                    ))}
                  </ul>
                )}
              </dd>
              <dt className="font-bold">{plural(changes.stepsRemoved.length, 'step removed', 'steps removed')}</dt>
              <dd>
                {changes.stepsRemoved.length === 0 ? (
                  'None'
                ) : (
                  <ul className="list-disc pl-6">
                    {changes.stepsRemoved.map((t, i) => (
                      <li key={i}>{t}</li>
                    ))}
                  </ul>
                )}
              </dd>
            </dl>
          )}
        </>
      )}
    </section>
  );
}
