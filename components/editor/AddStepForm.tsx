'use client';
// Add a step by choosing its kind and lane (the keyboard path; the palette adds by dragging).
import { useState } from 'react';
import { SECTORS, STEP_KINDS, type Sector, type StepKind } from '@/lib/pathway/schema';
import { KIND_DESCRIPTIONS, KIND_LABELS, SECTOR_LABELS } from '@/lib/pathway/labels';
import { defaultStepTitle } from '@/lib/pathway/commands';
import { ErrorMessage, describedBy } from './fields';
import { validateField } from './validation';
import type { EditorStore } from './store';

export function AddStepForm({ store, idPrefix, onAdded }: { store: EditorStore; idPrefix: string; onAdded?: (stepId: string) => void }) {
  const [kind, setKind] = useState<StepKind>('assessment');
  const [sector, setSector] = useState<Sector>('primary_care');
  const [title, setTitle] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const titleId = `${idPrefix}-title`;
  return (
    <form
      className="pw-add-form"
      onSubmit={(e) => {
        e.preventDefault();
        const doc = store.doc;
        const wanted = title === '' ? defaultStepTitle(kind) : title;
        const problems = validateField(doc, ['steps', doc.steps.length], { id: '__new__', kind, sector, setting: 'home', leadRole: 'gp', title: wanted }, 'Title').filter((m) => m.startsWith('Title'));
        if (problems.length) return setErrors(problems);
        const r = store.exec({ type: 'addStep', input: { kind, sector, title: wanted } }, { announce: false });
        if (!r.ok) return setErrors([r.message]);
        setErrors([]);
        setTitle('');
        if (r.command.type === 'addStep' && r.command.input.id) {
          store.select({ kind: 'step', id: r.command.input.id });
          store.notify(`Added “${wanted}” to ${SECTOR_LABELS[sector]}.`);
          onAdded?.(r.command.input.id);
        }
      }}
    >
      <div className="pw-field">
        <label className="pw-label text-sm" htmlFor={`${idPrefix}-kind`}>
          Kind of step
        </label>
        <select id={`${idPrefix}-kind`} className="pw-select w-full" value={kind} onChange={(e) => setKind(e.target.value as StepKind)} aria-describedby={`${idPrefix}-kind-hint`}>
          {STEP_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
        <div id={`${idPrefix}-kind-hint`} className="pw-hint text-sm">
          {KIND_DESCRIPTIONS[kind]}
        </div>
      </div>
      <div className="pw-field">
        <label className="pw-label text-sm" htmlFor={`${idPrefix}-lane`}>
          Lane (sector)
        </label>
        <select id={`${idPrefix}-lane`} className="pw-select w-full" value={sector} onChange={(e) => setSector(e.target.value as Sector)}>
          {SECTORS.map((s) => (
            <option key={s} value={s}>
              {SECTOR_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div className={`pw-field${errors.length ? ' pw-field-error' : ''}`}>
        <label className="pw-label text-sm" htmlFor={titleId}>
          Title (optional)
        </label>
        <ErrorMessage id={titleId} errors={errors} announce />
        <input
          id={titleId}
          className="pw-input w-full"
          value={title}
          placeholder={defaultStepTitle(kind)}
          aria-invalid={errors.length ? true : undefined}
          aria-describedby={describedBy(titleId, false, errors)}
          onChange={(e) => setTitle(e.target.value)}
        />
      </div>
      <button type="submit" className="pw-button pw-button-small">
        Add step
      </button>
    </form>
  );
}
