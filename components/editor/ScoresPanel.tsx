'use client';
// Live scores (issue 4, item 4): both frameworks, every criterion with its status (icon and
// words), its measure and its findings, and the journey figures. Scoring a 500-step pathway takes
// about 2 ms here, so the editor scores in a useMemo on every edit and this panel updates in the
// same frame; no worker is needed (measured: see scripts/bench-editor.ts).
import { memo, useState } from 'react';
import type { Finding } from '@/lib/scoring/types';
import type { ScoreResult } from '@/lib/scoring';
import { percentOfPeople } from '@/lib/scoring/report';
import { StatusLabel } from '@/components/scores/StatusLabel';

export interface ScoresPanelProps {
  result: ScoreResult;
  /** Names of steps and transitions, for the findings' buttons. */
  names: ReadonlyMap<string, string>;
  onFinding: (finding: Finding) => void;
}

const FINDINGS_SHOWN = 5;

function ScoresPanelView({ result, names, onFinding }: ScoresPanelProps) {
  const j = result.journey;
  return (
    <div className="pw-scores" data-testid="scores-panel">
      <h2 className="pw-panel-heading">Scores</h2>
      <p className="text-sm text-nhs-grey-1 mb-3">These update as you edit. Choose a finding to go to the step or transition it is about.</p>
      <section aria-labelledby="journey-heading" className="mb-4">
        <h3 id="journey-heading" className="pw-inspector-subheading">
          The person’s journey
        </h3>
        <dl className="pw-figures" data-testid="journey-figures">
          <Figure term="Contacts with a professional" value={j.contacts} />
          <Figure term="Organisations (sectors) met" value={j.distinctSectors} />
          <Figure term="Fault-line crossings" value={j.transitionsCrossingFaultLines} />
          <Figure term="Crossings without information" value={j.crossingsWithoutInformation} warn={j.crossingsWithoutInformation > 0} />
          <Figure term="Repeated assessments" value={j.repeatedAssessments} warn={j.repeatedAssessments > 0} />
          <Figure
            term="Expected days on the pathway"
            value={j.expected ? `${Math.round(j.expected.days * 10) / 10}${j.expected.transitionsWithoutDays > 0 || j.expected.endingOutsideExits > 0 || !j.expected.converged ? ' or more' : ''}` : 'Not known'}
          />
          {j.expected && j.expected.endingOutsideExits > 0 ? (
            <Figure term="People who stop before an exit" value={percentOfPeople(j.expected.endingOutsideExits)} warn />
          ) : null}
        </dl>
        {j.expected === null ? <p className="text-sm text-nhs-grey-1">Add expected waits to transitions to see the expected days.</p> : null}
        {j.expected && j.expected.endingOutsideExits > 0 ? (
          <p className="text-sm mt-1" data-testid="ending-outside-exits">
            {percentOfPeople(j.expected.endingOutsideExits)} of people stop at a step that is not an exit: the chances on the routes out of a
            step add up to less than 1, or a step has no way out. The expected days and contacts count nothing after that point, so they are
            lower than they will really be. Check the chances on each decision’s routes, or add the missing route or exit.
          </p>
        ) : null}
      </section>
      {result.frameworks.map((f) => (
        <section key={f.id} aria-labelledby={`fw-${f.id}`} className="mb-4">
          <h3 id={`fw-${f.id}`} className="pw-inspector-subheading">
            {f.title}: {f.percent === null ? 'not scored' : `${f.percent}%`}
          </h3>
          <p className="text-sm text-nhs-grey-1 mb-2">
            {f.notMet} not met · {f.needsJudgement} need{f.needsJudgement === 1 ? 's' : ''} judgement
          </p>
          <ol className="space-y-3">
            {f.criteria.map((c) => (
              <li key={c.id} className="pw-criterion" data-criterion={c.id}>
                <div className="flex flex-wrap items-baseline gap-2">
                  <StatusLabel status={c.status} />
                  <span className="font-bold">{c.title}</span>
                </div>
                <p className="text-sm mt-1">{c.measure}</p>
                <CriterionFindings findings={c.findings} names={names} onFinding={onFinding} criterionTitle={c.title} />
                {c.advice.length ? (
                  <ul className="text-sm list-disc pl-5 mt-1">
                    {c.advice.map((a, i) => (
                      <li key={i}>
                        {a.message} {a.suggestion}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}

function Figure({ term, value, warn }: { term: string; value: number | string; warn?: boolean }) {
  return (
    <div className={`pw-figure${warn ? ' pw-figure-warn' : ''}`}>
      <dt>{term}</dt>
      <dd>
        {warn ? (
          <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" className="inline mr-1 align-[-1px]">
            <path d="M12 3L2 20h20L12 3zM12 9v5M12 17v.5" />
          </svg>
        ) : null}
        {value}
      </dd>
    </div>
  );
}

function CriterionFindings({
  findings,
  names,
  onFinding,
  criterionTitle,
}: {
  findings: readonly Finding[];
  names: ReadonlyMap<string, string>;
  onFinding: (f: Finding) => void;
  criterionTitle: string;
}) {
  const [all, setAll] = useState(false);
  if (findings.length === 0) return null;
  const shown = all ? findings : findings.slice(0, FINDINGS_SHOWN);
  return (
    <div className="mt-1">
      <p className="text-sm font-bold">
        {findings.length} finding{findings.length === 1 ? '' : 's'}
      </p>
      <ul className="pw-finding-list">
        {shown.map((f, i) => (
          <li key={`${f.target}-${i}`}>
            <button type="button" className="pw-finding" onClick={() => onFinding(f)} data-target={f.target}>
              <span className="pw-finding-target">
                {f.targetKind === 'step' ? 'Step' : 'Transition'}: {names.get(f.target) ?? f.target}
              </span>
              <span className="block">{f.message}</span>
              <span className="block text-nhs-grey-1">{f.suggestion}</span>
            </button>
          </li>
        ))}
      </ul>
      {findings.length > FINDINGS_SHOWN ? (
        <button type="button" className="pw-link-button text-sm" onClick={() => setAll(!all)} aria-expanded={all}>
          {all ? 'Show fewer' : `Show all ${findings.length} findings`}
          <span className="sr-only"> for {criterionTitle}</span>
        </button>
      ) : null}
    </div>
  );
}

export const ScoresPanel = memo(ScoresPanelView);
