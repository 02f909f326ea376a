'use client';
// A print view a board paper can use (issue 4, item 7): the pathway's purpose and sponsor, the
// diagram, every step by lane, every transition, the scores with their measures, and the journey
// figures. On paper only this view prints (editor.css @media print).
import { useEffect, useRef } from 'react';
import { SECTORS, type Pathway } from '@/lib/pathway/schema';
import {
  CHANNEL_LABELS,
  HOURS_LABELS,
  INFORMATION_LABELS,
  KIND_LABELS,
  ROLE_LABELS,
  SECTOR_LABELS,
  SETTING_LABELS,
} from '@/lib/pathway/labels';
import type { ScoreResult } from '@/lib/scoring';
import { STATUS_TEXT } from '@/components/scores/StatusLabel';
import { pathwayToSvg } from './exportImage';
import { percentOfPeople } from '@/lib/scoring/report';

export function PrintView({
  doc,
  scores,
  findingCounts,
  onClose,
  revisionNote,
}: {
  doc: Pathway;
  scores: ScoreResult;
  findingCounts: ReadonlyMap<string, number>;
  onClose: () => void;
  revisionNote: string;
}) {
  // Opened from a button in the editor, which is hidden now: the focus starts at the view's heading,
  // so keyboard and screen reader users begin at its top rather than nowhere.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const svg = pathwayToSvg(doc, { findingCounts });
  const titles = new Map(doc.steps.map((s) => [s.id, s.title]));
  const m = doc.metadata;
  const j = scores.journey;
  return (
    <article className="pw-print" aria-labelledby="print-title" data-testid="print-view">
      <div className="no-print flex flex-wrap gap-2 mb-4">
        <button type="button" className="pw-button" onClick={() => window.print()}>
          Print
        </button>
        <button type="button" className="pw-button pw-button-secondary" onClick={onClose}>
          Back to the editor
        </button>
      </div>
      <h1 ref={heading} id="print-title" tabIndex={-1} className="text-3xl font-bold mb-1">
        {doc.title}
      </h1>
      <p className="text-nhs-grey-1 mb-4">{revisionNote}</p>
      {doc.summary ? <p className="mb-3">{doc.summary}</p> : null}
      <dl className="pw-print-facts">
        <dt>Conditions</dt>
        <dd>{doc.conditions.length ? doc.conditions.join(', ') : 'Not given'}</dd>
        <dt>Who it is for</dt>
        <dd>{doc.population ?? 'Not given'}</dd>
        <dt>Sponsor</dt>
        <dd>{m.sponsor ? `${m.sponsor.name} (${ROLE_LABELS[m.sponsor.role]})` : 'None yet'}</dd>
        <dt>Incentives</dt>
        <dd>{m.incentives.length ? m.incentives.join('; ') : 'None'}</dd>
        <dt>Social value</dt>
        <dd>{m.socialValue.length ? m.socialValue.join('; ') : 'None'}</dd>
        <dt>Review date</dt>
        <dd>{m.reviewDate ?? 'Not set'}</dd>
        <dt>Evaluation plan</dt>
        <dd>{m.evaluationPlan ?? 'Not given'}</dd>
      </dl>

      <h2 className="pw-print-heading">The pathway</h2>
      {/* Built by pathwayToSvg from the document, with every text escaped. */}
      <div className="pw-print-diagram" role="img" aria-label={`Diagram of the pathway “${doc.title}”: the steps by sector, listed in full below.`} dangerouslySetInnerHTML={{ __html: svg }} />

      <h2 className="pw-print-heading">Steps by sector</h2>
      {SECTORS.map((sector) => {
        const steps = doc.steps.filter((s) => s.sector === sector);
        if (steps.length === 0) return null;
        return (
          <table key={sector} className="pw-table mb-4">
            <caption className="text-left font-bold">{SECTOR_LABELS[sector]}</caption>
            <thead>
              <tr>
                <th scope="col">Step</th>
                <th scope="col">Kind</th>
                <th scope="col">Setting and lead</th>
                <th scope="col">How the person reaches it</th>
                <th scope="col">Why it helps the person</th>
              </tr>
            </thead>
            <tbody>
              {steps.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.title}</th>
                  <td>{KIND_LABELS[s.kind]}</td>
                  <td>
                    {SETTING_LABELS[s.setting]}, led by {ROLE_LABELS[s.leadRole]}
                    {s.hours ? `, ${HOURS_LABELS[s.hours].toLowerCase()}` : ''}
                  </td>
                  <td>{s.channels.length ? s.channels.map((c) => CHANNEL_LABELS[c]).join(', ') : '–'}</td>
                  <td>{s.patientBenefit ?? 'Not given'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}

      <h2 className="pw-print-heading">Transitions</h2>
      <table className="pw-table mb-4">
        <thead>
          <tr>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">How information travels</th>
            <th scope="col">Expected wait</th>
          </tr>
        </thead>
        <tbody>
          {doc.transitions.map((t) => (
            <tr key={t.id}>
              <td>{titles.get(t.from) ?? t.from}</td>
              <td>
                {titles.get(t.to) ?? t.to}
                {t.label ? ` (${t.label})` : ''}
              </td>
              <td>{t.information === 'none' ? 'Warning: no information passed on' : INFORMATION_LABELS[t.information]}</td>
              <td>{t.targetDays !== undefined ? `${t.targetDays} days` : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 className="pw-print-heading">The person’s journey</h2>
      <ul className="list-disc pl-6 mb-4">
        <li>{j.contacts} contacts with a professional</li>
        <li>{j.distinctSectors} organisations (sectors)</li>
        <li>{j.transitionsCrossingFaultLines} fault-line crossings, {j.crossingsWithoutInformation} of them without information</li>
        <li>{j.repeatedAssessments} repeated assessments</li>
        <li>{j.expected ? `About ${Math.round(j.expected.days)} days expected on the pathway` : 'Expected days not known'}</li>
        {j.expected && j.expected.endingOutsideExits > 0 ? (
          <li>
            {percentOfPeople(j.expected.endingOutsideExits)} of people stop at a step that is not an exit, so the expected days count
            nothing after that point
          </li>
        ) : null}
      </ul>

      <h2 className="pw-print-heading">Scores</h2>
      {scores.frameworks.map((f) => (
        <table key={f.id} className="pw-table mb-4">
          <caption className="text-left font-bold">
            {f.title}: {f.percent === null ? 'not scored' : `${f.percent}%`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              <th scope="col">Status</th>
              <th scope="col">Measure</th>
              <th scope="col">Findings</th>
            </tr>
          </thead>
          <tbody>
            {f.criteria.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.title}</th>
                <td>{STATUS_TEXT[c.status]}</td>
                <td>{c.measure}</td>
                <td>{c.findings.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </article>
  );
}
