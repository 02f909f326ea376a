// What a good care plan has, and what this one is missing: each gap named, with a link to the part of
// the plan that fixes it. Never a percentage (issue 6, §2).
import type { Completeness } from '@/lib/care-plan/completeness';

export function CompletenessPanel({ completeness }: { completeness: Completeness }) {
  const met = completeness.items.filter((i) => i.met);
  return (
    <section
      aria-labelledby="completeness-heading"
      className={`mb-6 border-4 bg-white p-4 ${completeness.complete ? 'border-nhs-green' : 'border-nhs-warm-yellow'}`}
    >
      <h2 id="completeness-heading" className="mb-2 text-2xl font-bold">
        Is the plan complete?
      </h2>
      {completeness.complete ? (
        <p className="font-bold text-nhs-green">
          <span aria-hidden="true">✓ </span>The plan has every item of a good care plan.
        </p>
      ) : (
        <>
          <p className="mb-2 font-bold">
            {completeness.missing.length === 1
              ? '1 item is missing or incomplete:'
              : `${completeness.missing.length} items are missing or incomplete:`}
          </p>
          <ul className="mb-3 space-y-2">
            {completeness.missing.map((item) => (
              <li key={item.id} className="border-l-4 border-nhs-red pl-3">
                <p className="font-bold">
                  <span aria-hidden="true" className="text-nhs-red">
                    ✗{' '}
                  </span>
                  <a href={`#${item.section}`}>{item.label}</a>
                </p>
                <ul className="list-disc pl-5">
                  {item.missing.map((m, i) => (
                    <li key={i}>{m}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
      {met.length > 0 && (
        <details>
          <summary className="cursor-pointer font-bold">Items already in the plan ({met.length})</summary>
          <ul className="mt-2 space-y-1">
            {met.map((item) => (
              <li key={item.id}>
                <span aria-hidden="true" className="text-nhs-green">
                  ✓{' '}
                </span>
                {item.label}
              </li>
            ))}
          </ul>
        </details>
      )}
      <p className="mt-3 text-sm text-nhs-grey-1">
        The items follow the RCGP’s report on integrated care (a designated care co-ordinator, §9.6; patients aware of
        their plan, §6.1) and National Voices (a named coordinator, a jointly prepared plan, support for
        self-management).
      </p>
    </section>
  );
}
