// "Who has looked at my plan": the audit trail in plain words, newest first.
import { formatMoment } from '@/lib/care-plan/plain';
import type { CarePlanAuditEntry } from '@/lib/server/get-care-plan-audit';

export function AuditList({ entries, emptyText }: { entries: readonly CarePlanAuditEntry[]; emptyText: string }) {
  if (entries.length === 0) return <p>{emptyText}</p>;
  return (
    <table className="w-full border-collapse bg-white text-left">
      <caption className="sr-only">Who opened or changed the plan, newest first</caption>
      <thead>
        <tr className="border-b-2 border-nhs-black">
          <th scope="col" className="p-2">
            When
          </th>
          <th scope="col" className="p-2">
            Who
          </th>
          <th scope="col" className="p-2">
            What
          </th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id} className="border-b border-nhs-grey-4 align-top">
            <td className="p-2 whitespace-nowrap">{formatMoment(e.at)}</td>
            <td className="p-2">
              <span className="font-bold">{e.who}</span>
              {e.role && <span className="block text-sm text-nhs-grey-1">{e.role}</span>}
            </td>
            <td className="p-2">
              {e.what}
              {e.outcome === 'denied' && (
                <span className="ml-1 font-bold text-nhs-red">
                  {e.refusedAsArchived ? '(refused: the plan is archived)' : '(refused: no access)'}
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
