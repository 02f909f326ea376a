'use client';
// Versions (issue 4, item 6): save an immutable version with a note (stored with its scores), the
// version history, and a comparison of any two versions: steps added, removed and changed, and the
// score change for each criterion.
import { useId, useState } from 'react';
import type { VersionSummary } from '@/lib/server/get-pathway-for-editing';
import type { VersionComparison } from '@/lib/server/compare-versions';
import type { FieldChange } from '@/lib/pathway/diff';
import { FLAG_LABELS, KIND_LABELS, SECTOR_LABELS, labelOf, type Vocabulary } from '@/lib/pathway/labels';
import type { StepFlag } from '@/lib/pathway/schema';
import { STATUS_TEXT } from '@/components/scores/StatusLabel';
import { ErrorMessage, describedBy } from './fields';
import type { EditorApi } from './api';

const WORKING_COPY = 'draft';

export interface VersionsPanelProps {
  pathwayId: string;
  api: EditorApi | null;
  versions: readonly VersionSummary[];
  canVersion: boolean;
  /** Saves the working copy if needed and then the version; resolves to errors (empty when saved). */
  onSaveVersion: (note: string) => Promise<string[]>;
  busy: boolean;
}

function when(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function VersionsPanel({ pathwayId, api, versions, canVersion, onSaveVersion, busy }: VersionsPanelProps) {
  const noteId = useId();
  const [note, setNote] = useState('');
  const [noteErrors, setNoteErrors] = useState<string[]>([]);
  // Null until the person chooses: the defaults follow the history as versions are saved.
  const [chosenFrom, setFrom] = useState<string | null>(null);
  const [chosenTo, setTo] = useState<string | null>(null);
  const [comparison, setComparison] = useState<VersionComparison | null>(null);
  const [compareError, setCompareError] = useState<string[]>([]);
  const [comparing, setComparing] = useState(false);

  const options = [{ id: WORKING_COPY, label: 'Working copy (last saved)' }, ...versions.map((v) => ({ id: v.id, label: `Version ${v.number}: ${v.note.slice(0, 60)}${v.note.length > 60 ? '…' : ''}` }))];
  // What each list shows is what is compared. By default the latest version against the one before
  // it, or the only version against the working copy; a choice no longer offered falls back to that.
  const offered = (id: string | null): id is string => id !== null && options.some((o) => o.id === id);
  const from = offered(chosenFrom) ? chosenFrom : (versions[1]?.id ?? versions[0]?.id ?? WORKING_COPY);
  const to = offered(chosenTo) ? chosenTo : versions[1] ? (versions[0]?.id ?? WORKING_COPY) : WORKING_COPY;

  const compare = async () => {
    // Pressed again while comparing (the button keeps the focus, so it is only aria-disabled).
    if (!api || comparing) return;
    if (from === to) {
      setCompareError(['Choose two different versions to compare.']);
      return;
    }
    setComparing(true);
    setCompareError([]);
    try {
      const result = await api.compareVersions({ pathwayId, fromVersionId: from, toVersionId: to });
      if (result.ok) setComparison(result.comparison);
      else {
        setComparison(null);
        setCompareError([result.message]);
      }
    } catch {
      setCompareError(['Could not reach the server, so the versions were not compared. Try again; if it keeps failing, reload the page.']);
    } finally {
      setComparing(false);
    }
  };

  return (
    <div className="pw-versions" data-testid="versions-panel">
      <h2 className="pw-panel-heading">Versions</h2>
      {canVersion && api ? (
        <form
          className={`pw-field${noteErrors.length ? ' pw-field-error' : ''}`}
          onSubmit={async (e) => {
            e.preventDefault();
            // The button stays focusable while a version is saving (aria-disabled): nothing more to do.
            if (busy) return;
            if (note.trim() === '') {
              setNoteErrors(['Write a short note saying what changed in this version.']);
              return;
            }
            const errors = await onSaveVersion(note);
            setNoteErrors(errors);
            if (errors.length === 0) setNote('');
          }}
        >
          <label htmlFor={noteId} className="pw-label">
            Note for a new version
          </label>
          <div id={`${noteId}-hint`} className="pw-hint">
            Say what changed, for example “After the second workshop: added the community respiratory team”. A version cannot be changed later.
          </div>
          <ErrorMessage id={noteId} errors={noteErrors} announce />
          <textarea
            id={noteId}
            className="pw-input w-full"
            rows={3}
            value={note}
            aria-invalid={noteErrors.length ? true : undefined}
            aria-describedby={describedBy(noteId, true, noteErrors)}
            onChange={(e) => setNote(e.target.value)}
          />
          <button type="submit" className="pw-button mt-2" aria-disabled={busy}>
            {busy ? 'Saving…' : 'Save version'}
          </button>
        </form>
      ) : (
        <p className="text-sm mb-3">{api ? 'You can look at versions but not save them.' : 'Versions are not available here.'}</p>
      )}

      <section aria-labelledby="history-heading" className="mt-4">
        <h3 id="history-heading" className="pw-inspector-subheading">
          Version history
        </h3>
        {versions.length === 0 ? (
          <p className="text-sm">No versions saved yet.</p>
        ) : (
          <ol className="pw-version-list" data-testid="version-history">
            {versions.map((v) => (
              <li key={v.id}>
                <p>
                  <strong>Version {v.number}</strong>
                  {Object.keys(v.percents).length ? (
                    <span className="text-sm text-nhs-grey-1">
                      {' '}
                      · RCGP {v.percents['rcgp-five-tests'] ?? '–'}% · National Voices {v.percents['national-voices'] ?? '–'}%
                    </span>
                  ) : null}
                </p>
                <p className="text-sm">{v.note}</p>
                <p className="text-sm text-nhs-grey-1">
                  {v.authorName ?? 'Unknown'}, <time dateTime={v.createdAt}>{when(v.createdAt)}</time>
                </p>
              </li>
            ))}
          </ol>
        )}
      </section>

      {api && versions.length > 0 ? (
        <section aria-labelledby="compare-heading" className="mt-4">
          <h3 id="compare-heading" className="pw-inspector-subheading">
            Compare two versions
          </h3>
          <form
            className={`pw-compare-form${compareError.length ? ' pw-field-error' : ''}`}
            onSubmit={(e) => {
              e.preventDefault();
              void compare();
            }}
          >
            <ErrorMessage id="compare" errors={compareError} announce />
            <div className="pw-field">
              <label className="pw-label text-sm" htmlFor="compare-from">
                From
              </label>
              <select id="compare-from" className="pw-select w-full" value={from} onChange={(e) => setFrom(e.target.value)}>
                {options.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="pw-field">
              <label className="pw-label text-sm" htmlFor="compare-to">
                To
              </label>
              <select id="compare-to" className="pw-select w-full" value={to} onChange={(e) => setTo(e.target.value)}>
                {options.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="pw-button pw-button-secondary" aria-disabled={comparing}>
              {comparing ? 'Comparing…' : 'Compare'}
            </button>
          </form>
          {comparison ? <ComparisonView comparison={comparison} /> : null}
        </section>
      ) : null}
    </div>
  );
}

function sideName(side: VersionComparison['from']): string {
  return side.number === null ? 'the working copy' : `version ${side.number}`;
}

const FIELD_VOCAB: Record<string, Vocabulary> = {
  kind: 'kind',
  sector: 'sector',
  setting: 'setting',
  leadRole: 'role',
  roles: 'role',
  channels: 'channel',
  adaptations: 'adaptation',
  hours: 'hours',
  information: 'information',
};

const FIELD_WORDS: Record<string, string> = {
  title: 'title',
  kind: 'kind',
  sector: 'lane',
  setting: 'setting',
  leadRole: 'lead',
  roles: 'others taking part',
  channels: 'how the person reaches it',
  adaptations: 'adjustments',
  hours: 'hours',
  patientBenefit: 'why it helps the person',
  outcomeMeasures: 'outcome measures',
  gpWorkload: 'work moved onto general practice',
  assessment: 'assessment name',
  label: 'label',
  information: 'how information travels',
  targetDays: 'expected wait',
  probability: 'share of people',
  from: 'from step',
  to: 'to step',
  summary: 'summary',
  conditions: 'conditions',
  population: 'population',
  'metadata.sponsor': 'sponsor',
  'metadata.incentives': 'incentives',
  'metadata.socialValue': 'social value',
  'metadata.reviewDate': 'review date',
  'metadata.evaluationPlan': 'evaluation plan',
};

function show(field: string, value: unknown): string {
  if (value === undefined || value === null) return 'not given';
  const vocab = FIELD_VOCAB[field];
  if (vocab && typeof value === 'string') return labelOf(vocab, value);
  if (vocab && Array.isArray(value)) return value.length ? value.map((v) => labelOf(vocab, String(v))).join(', ') : 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length ? value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ') : 'none';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function fieldWords(field: string): string {
  if (field.startsWith('flags.')) return `“${FLAG_LABELS[field.slice(6) as StepFlag] ?? field.slice(6)}”`;
  return FIELD_WORDS[field] ?? field;
}

function ChangeList({ changes }: { changes: readonly FieldChange[] }) {
  return (
    <ul className="list-disc pl-5 text-sm">
      {changes.map((c) => (
        <li key={c.field}>
          {fieldWords(c.field)}: {show(c.field, c.before)} → {show(c.field, c.after)}
        </li>
      ))}
    </ul>
  );
}

function ComparisonView({ comparison }: { comparison: VersionComparison }) {
  const { changes, scores } = comparison;
  const fromName = sideName(comparison.from);
  const toName = sideName(comparison.to);
  const nothing =
    changes.steps.added.length + changes.steps.removed.length + changes.steps.changed.length + changes.transitions.added.length + changes.transitions.removed.length + changes.transitions.changed.length + changes.metadata.length === 0;
  const titleOf = new Map([...comparison.from.document.steps, ...comparison.to.document.steps].map((s) => [s.id, s.title]));
  return (
    <div className="pw-comparison mt-3" data-testid="comparison" aria-live="polite">
      <h4 className="font-bold text-lg">
        From {fromName} to {toName}
      </h4>
      {nothing ? <p className="text-sm">The care is the same in both (steps may have moved on the canvas).</p> : null}
      {changes.steps.added.length ? (
        <>
          <h5 className="font-bold mt-2">Steps added ({changes.steps.added.length})</h5>
          <ul className="list-disc pl-5 text-sm">
            {changes.steps.added.map((s) => (
              <li key={s.id}>
                {s.title} <span className="text-nhs-grey-1">({KIND_LABELS[s.kind]}, {SECTOR_LABELS[s.sector]})</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {changes.steps.removed.length ? (
        <>
          <h5 className="font-bold mt-2">Steps removed ({changes.steps.removed.length})</h5>
          <ul className="list-disc pl-5 text-sm">
            {changes.steps.removed.map((s) => (
              <li key={s.id}>
                {s.title} <span className="text-nhs-grey-1">({KIND_LABELS[s.kind]}, {SECTOR_LABELS[s.sector]})</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {changes.steps.changed.length ? (
        <>
          <h5 className="font-bold mt-2">Steps changed ({changes.steps.changed.length})</h5>
          <ul className="space-y-1">
            {changes.steps.changed.map((s) => (
              <li key={s.id}>
                <span className="font-bold text-sm">{s.title}</span>
                <ChangeList changes={s.changes} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {changes.transitions.added.length + changes.transitions.removed.length + changes.transitions.changed.length ? (
        <>
          <h5 className="font-bold mt-2">Transitions</h5>
          <ul className="list-disc pl-5 text-sm">
            {changes.transitions.added.map((t) => (
              <li key={`a-${t.id}`}>
                Added: {titleOf.get(t.from) ?? t.from} → {titleOf.get(t.to) ?? t.to}
              </li>
            ))}
            {changes.transitions.removed.map((t) => (
              <li key={`r-${t.id}`}>
                Removed: {titleOf.get(t.from) ?? t.from} → {titleOf.get(t.to) ?? t.to}
              </li>
            ))}
            {changes.transitions.changed.map((t) => (
              <li key={`c-${t.id}`}>
                Changed: {titleOf.get(t.after.from) ?? t.after.from} → {titleOf.get(t.after.to) ?? t.after.to}
                <ChangeList changes={t.changes} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {changes.metadata.length ? (
        <>
          <h5 className="font-bold mt-2">Pathway details changed</h5>
          <ChangeList changes={changes.metadata} />
        </>
      ) : null}

      <h5 className="font-bold mt-3">Score change for each criterion</h5>
      {scores.frameworks.map((f) => (
        <table key={f.id} className="pw-table mt-2" data-framework={f.id}>
          <caption className="text-left font-bold">
            {f.title}: {f.before?.percent ?? '–'}% → {f.after?.percent ?? '–'}%
            {f.percentDelta !== null ? ` (${f.percentDelta > 0 ? '+' : ''}${f.percentDelta} points)` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              <th scope="col">{fromName}</th>
              <th scope="col">{toName}</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {f.criteria.map((c) => (
              <tr key={c.criterionId} data-criterion={c.criterionId} data-direction={c.direction}>
                <th scope="row">{c.title}</th>
                <td>{c.before ? STATUS_TEXT[c.before.status] : 'Not scored'}</td>
                <td>{c.after ? STATUS_TEXT[c.after.status] : 'Not scored'}</td>
                <td>
                  <span aria-hidden="true">{c.direction === 'better' ? '▲ ' : c.direction === 'worse' ? '▼ ' : c.direction === 'changed' ? '◆ ' : ''}</span>
                  {c.direction === 'better' ? 'Better' : c.direction === 'worse' ? 'Worse' : c.direction === 'changed' ? 'Changed' : 'Same'}
                  {c.findingsResolved ? `, ${c.findingsResolved} finding${c.findingsResolved === 1 ? '' : 's'} resolved` : ''}
                  {c.findingsAdded ? `, ${c.findingsAdded} new finding${c.findingsAdded === 1 ? '' : 's'}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}
