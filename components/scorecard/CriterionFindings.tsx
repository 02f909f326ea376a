import Link from 'next/link';
import { StatusLabel } from '@/components/scores/StatusLabel';
import type { CriterionDetail } from '@/lib/scorecard/findings';
import { ConsensusLabel } from './ConsensusLabel';

/**
 * One criterion's computed result and the rating agreed at a workshop side by side, with every
 * finding linking to the step or transition it names in the editor while the working copy has it.
 */
export function CriterionFindings({ criterion, editable }: { criterion: CriterionDetail; editable: boolean }) {
  const c = criterion;
  return (
    <li id={`criterion-${c.id}`} className="scroll-mt-4 bg-white border border-nhs-grey-4 p-4 target:border-4 target:border-nhs-blue" data-status={c.status}>
      <h4 className="text-lg font-bold mb-2">
        {c.label}: {c.title}
      </h4>
      <dl className="mb-2 grid gap-x-4 gap-y-1 sm:grid-cols-[10rem_1fr] items-baseline">
        <dt className="font-bold">Computed result</dt>
        <dd>
          <StatusLabel status={c.status} />
          {c.score !== null && c.status !== 'needs_judgement' ? <span className="ml-2">{Math.round(c.score * 100)}%</span> : null}
        </dd>
        <dt className="font-bold">Rating agreed at the workshop</dt>
        <dd>
          <ConsensusLabel consensus={c.consensus} />
        </dd>
        <dt className="font-bold">What was measured</dt>
        <dd>{c.measure || '–'}</dd>
      </dl>
      {c.findings.length > 0 ? (
        <>
          <h5 className="font-bold mt-3">Findings</h5>
          <ul className="list-disc pl-6 space-y-2">
            {c.findings.map((f, i) => (
              <li key={`${f.target}-${i}`}>
                <p>{f.message}</p>
                <p className="text-nhs-grey-1">
                  <span className="font-bold">Suggestion:</span> {f.suggestion}
                </p>
                {editable && f.known && f.editorHref ? (
                  <Link href={f.editorHref} className="font-bold">
                    Show {f.targetKind === 'step' ? 'step' : 'transition'} “{f.targetLabel}” in the editor
                  </Link>
                ) : (
                  <span className="text-sm text-nhs-grey-1">
                    {f.targetKind === 'step' ? 'Step' : 'Transition'}: {f.targetLabel}
                    {f.inWorkingCopy ? '' : ' (no longer in the pathway)'}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {c.advice.length > 0 ? (
        <>
          <h5 className="font-bold mt-3">For the whole pathway</h5>
          <ul className="list-disc pl-6 space-y-2">
            {c.advice.map((a, i) => (
              <li key={i}>
                <p>{a.message}</p>
                <p className="text-nhs-grey-1">
                  <span className="font-bold">Suggestion:</span> {a.suggestion}
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-nhs-grey-1">How this was scored</summary>
        <p className="mt-1">
          Computed from the pathway by Pathweave&apos;s check <code>{`Rule ${c.rule || 'not recorded'}`}</code>, named here so the
          result can be traced.
        </p>
      </details>
    </li>
  );
}
