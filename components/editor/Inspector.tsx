'use client';
// The inspector (issue 4, item 3): every field of the pathway format, for the selected step, the
// selected transition, or, with nothing selected, the pathway itself. Plain labels from
// lib/pathway/labels.ts, never enum names. Each change is validated through the zod schema as it
// is typed (validation.ts) and applied as a command only when valid.
import { useState, type ReactNode } from 'react';
import {
  ADAPTATIONS,
  CHANNELS,
  HOURS,
  INFORMATION_KINDS,
  OUTCOME_MEASURE_TYPES,
  ROLES,
  SECTORS,
  SETTINGS,
  STEP_FLAGS,
  STEP_KINDS,
  type OutcomeMeasure,
  type Pathway,
  type Role,
  type Sector,
  type Step,
  type StepFlags,
  type Transition,
} from '@/lib/pathway/schema';
import {
  ADAPTATION_LABELS,
  CHANNEL_DESCRIPTIONS,
  CHANNEL_LABELS,
  FLAG_DESCRIPTIONS,
  FLAG_LABELS,
  HOURS_LABELS,
  INFORMATION_DESCRIPTIONS,
  INFORMATION_LABELS,
  KIND_DESCRIPTIONS,
  KIND_LABELS,
  OUTCOME_MEASURE_TYPE_LABELS,
  ROLE_LABELS,
  SECTOR_LABELS,
  SETTING_LABELS,
} from '@/lib/pathway/labels';
import { canReorder, type Command, type MetadataPatch, type StepPatch, type TransitionPatch } from '@/lib/pathway/commands';
import { FAULT_LINE_LABELS, faultLinesCrossed } from '@/lib/scoring/faultlines';
import type { TargetedFinding } from '@/lib/scoring';
import {
  Choices,
  ErrorMessage,
  OptionList,
  SelectField,
  TextField,
  TextListField,
  describedBy,
  useDraft,
  type DraftKeeping,
  type Kept,
  type KeptDraft,
  type Option,
} from './fields';
import { numberFromText, validateField, validateGrouped, validateList, type PathSegment } from './validation';
import { firstProblem, pendingFieldId, useEditor, type EditorStore, type PendingValue } from './store';
import { KIND_ICONS } from './shapes';
import { focusNextFrame } from './keep-focus';

const kindOptions: Option[] = STEP_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }));
const sectorOptions: Option[] = SECTORS.map((s) => ({ value: s, label: SECTOR_LABELS[s] }));
const settingOptions: Option[] = SETTINGS.map((s) => ({ value: s, label: SETTING_LABELS[s] }));
const roleOptions: Option[] = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
const channelOptions: Option[] = CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c], hint: CHANNEL_DESCRIPTIONS[c] }));
const adaptationOptions: Option[] = ADAPTATIONS.map((a) => ({ value: a, label: ADAPTATION_LABELS[a] }));
const hoursOptions: Option[] = [{ value: '', label: 'Not known' }, ...HOURS.map((h) => ({ value: h, label: HOURS_LABELS[h] }))];
const flagOptions: Option[] = STEP_FLAGS.map((f) => ({ value: f, label: FLAG_LABELS[f], hint: FLAG_DESCRIPTIONS[f] }));
const informationOptions: Option[] = INFORMATION_KINDS.map((i) => ({ value: i, label: INFORMATION_LABELS[i], hint: INFORMATION_DESCRIPTIONS[i] }));

export interface InspectorProps {
  store: EditorStore;
  findings: ReadonlyMap<string, readonly TargetedFinding[]>;
  readOnly?: boolean;
}

export function Inspector({ store, findings, readOnly }: InspectorProps) {
  const doc = useEditor(store, (s) => s.history.present);
  const selection = useEditor(store, (s) => s.selection);
  const step = selection?.kind === 'step' ? doc.steps.find((s) => s.id === selection.id) : undefined;
  const transition = selection?.kind === 'transition' ? doc.transitions.find((t) => t.id === selection.id) : undefined;
  if (step) return <StepInspector key={step.id} store={store} doc={doc} step={step} findings={findings.get(step.id) ?? []} readOnly={readOnly} />;
  if (transition) {
    return (
      <TransitionInspector key={transition.id} store={store} doc={doc} transition={transition} findings={findings.get(transition.id) ?? []} readOnly={readOnly} />
    );
  }
  return <PathwayInspector store={store} doc={doc} readOnly={readOnly} />;
}

function Section({ title, children, id }: { title: string; children: ReactNode; id: string }) {
  return (
    <section aria-labelledby={id} className="pw-inspector-section">
      <h3 id={id} className="pw-inspector-subheading">
        {title}
      </h3>
      {children}
    </section>
  );
}

function FindingsList({ items }: { items: readonly TargetedFinding[] }) {
  if (items.length === 0) return null;
  return (
    <div className="pw-findings-box" role="note" aria-label="Open findings">
      <p className="font-bold">
        <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" className="inline mr-1 align-[-2px]">
          <path d="M12 3L2 20h20L12 3zM12 9v5M12 17v.5" />
        </svg>
        {items.length} open finding{items.length === 1 ? '' : 's'}
      </p>
      <ul className="list-disc pl-5 text-sm space-y-1">
        {items.map((f, i) => (
          <li key={i}>
            {f.message} <span className="text-nhs-grey-1">{f.suggestion}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The transition panel's heading, focused when a step's connection is chosen (its panel gives way). */
const TRANSITION_HEADING_ID = 'transition-inspector-heading';

function focusDetailsPanel() {
  requestAnimationFrame(() => document.getElementById('side-panel-details')?.focus());
}

/** Apply a field change: validate the candidate document, then run the command. Returns errors to show. Exported for the unit tests. */
export function applyField(store: EditorStore, path: readonly PathSegment[], value: unknown, label: string, command: Command): string[] {
  const errors = validateField(store.doc, path, value, label);
  if (errors.length) return errors;
  const result = store.exec(command, { announce: false });
  return result.ok ? [] : [result.message];
}

/** The field no longer holds a value that is not allowed: forgotten, and said when Escape put the document's back. */
function forget(store: EditorStore, kind: PendingValue['kind'], id: string, field: string, label: string, reverted?: boolean) {
  if (store.clearPending(kind, id, field) && reverted) store.notify(`“${label}” is back to what it said before.`);
}

/**
 * A text field's (or, with its `options`, a drop-down's) props that keep a value typed there, or a
 * choice, that is not allowed (store.ts, PendingValue): it outlives the panel, so choosing another
 * step and coming back shows it again, with its error.
 */
export function keeping(store: EditorStore, kind: PendingValue['kind'], id: string, field: string, label: string, options?: readonly Option[]) {
  const pending = store.pendingFor(kind, id, field);
  return {
    id: pendingFieldId({ kind, id, field }),
    kept: pending && { text: typeof pending.draft === 'string' ? pending.draft : pending.text, errors: pending.errors },
    onKept: (kept: Kept | null, reverted?: boolean) => {
      if (!kept) return forget(store, kind, id, field, label, reverted);
      // A choice is named by its option's label, and its value kept to show it again.
      const choice = options && { chosen: true, draft: kept.text, text: options.find((o) => o.value === kept.text)?.label ?? kept.text };
      store.keepPending({ kind, id, field, label, text: kept.text, errors: kept.errors, ...choice });
    },
  };
}

/** How messages name the box of a field of several that holds a value not allowed. */
type BoxName = Pick<PendingValue, 'label' | 'text'> & Partial<Pick<PendingValue, 'box' | 'chosen'>>;

/**
 * The same for a field of several boxes (a list, the sponsor): all of it is kept, and messages name its
 * first box that is not allowed, as `name` tells (`label` names the field as a whole, for Escape).
 */
function keepingDraft<T, K>(
  store: EditorStore,
  kind: PendingValue['kind'],
  id: string,
  field: string,
  label: string,
  name: (draft: T, box: K) => BoxName,
): DraftKeeping<T, K> {
  return {
    id: pendingFieldId({ kind, id, field }),
    kept: store.pendingFor(kind, id, field)?.draft as KeptDraft<T, K> | undefined,
    onKept: (kept, reverted) => {
      const first = kept && firstProblem(kept.errors);
      if (!kept || !first) return forget(store, kind, id, field, label, reverted);
      store.keepPending({ kind, id, field, errors: first.errors, ...name(kept.draft, first.box), draft: kept });
    },
  };
}

/**
 * A list's item that is not allowed ("Condition 2", what it says), or, for an error of the list as a
 * whole (-1), the list (its first item takes the focus).
 */
function listItemName(legend: string, itemLabel: (index: number) => string, items: readonly string[], index: number): BoxName {
  if (index < 0) return { label: legend, text: items.join(', '), ...(items.length ? { box: '0' } : {}) };
  return { label: itemLabel(index), text: items[index] ?? '', box: String(index) };
}

// ---------------------------------------------------------------------------------------------
// Step
// ---------------------------------------------------------------------------------------------

function StepInspector({ store, doc, step, findings, readOnly }: { store: EditorStore; doc: Pathway; step: Step; findings: readonly TargetedFinding[]; readOnly?: boolean }) {
  const index = doc.steps.indexOf(step);
  const done = () => store.seal();
  const set = (field: PathSegment[], value: unknown, label: string, patch: StepPatch) =>
    applyField(store, ['steps', index, ...field], value, label, { type: 'updateStep', stepId: step.id, patch });
  const text = (field: 'title' | 'patientBenefit' | 'assessment', label: string, optional: boolean) => (v: string) =>
    set([field], optional && v.trim() === '' ? undefined : v, label, { [field]: optional && v.trim() === '' ? null : v });
  const keep = (field: string, label: string, options?: readonly Option[]) => keeping(store, 'step', step.id, field, label, options);
  const flags = (values: string[]) => {
    const next = Object.fromEntries(STEP_FLAGS.map((f) => [f, values.includes(f)])) as StepFlags;
    return set(['flags'], next, 'Flags', { flags: next });
  };

  return (
    <div className="pw-inspector" data-testid="step-inspector">
      <h2 className="pw-panel-heading flex items-center gap-2">
        <svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
          <path d={KIND_ICONS[step.kind]} />
        </svg>
        <span>
          <span className="sr-only">Step: </span>
          {step.title}
        </span>
      </h2>
      <p className="text-sm text-nhs-grey-1 mb-3">
        {KIND_LABELS[step.kind]} in {SECTOR_LABELS[step.sector]} · reference <code>{step.id}</code>
      </p>
      <FindingsList items={findings} />
      {readOnly ? null : <StepActions store={store} doc={doc} step={step} />}

      <Section title="What happens" id="insp-what">
        <TextField label="Title" value={step.title} onChange={text('title', 'Title', false)} onDone={done} disabled={readOnly} {...keep('title', 'Title')} />
        <SelectField
          label="Kind of step"
          hint={KIND_DESCRIPTIONS[step.kind]}
          value={step.kind}
          options={kindOptions}
          disabled={readOnly}
          onChange={(v) => set(['kind'], v, 'Kind of step', { kind: v as Step['kind'] })}
          {...keep('kind', 'Kind of step', kindOptions)}
        />
        <TextField
          label="Why this step helps the person"
          hint="Leave empty if no one has said yet. The scores ask for it."
          value={step.patientBenefit}
          multiline
          onChange={text('patientBenefit', 'Why this step helps the person', true)}
          onDone={done}
          disabled={readOnly}
          {...keep('patientBenefit', 'Why this step helps the person')}
        />
        <TextField
          label="Assessment name (optional)"
          hint="For example “spirometry”. The same name in two sectors shows the person being assessed twice."
          value={step.assessment}
          onChange={text('assessment', 'Assessment name', true)}
          onDone={done}
          disabled={readOnly}
          {...keep('assessment', 'Assessment name')}
        />
      </Section>

      <Section title="Where and who" id="insp-where">
        <SelectField
          label="Lane (sector)"
          hint="Moving to another lane keeps the setting and lead if they still make sense there."
          value={step.sector}
          options={sectorOptions}
          disabled={readOnly}
          onChange={(v) => {
            const r = store.exec({ type: 'moveToLane', stepId: step.id, sector: v as Sector }, { announce: false });
            if (r.ok && r.changed) store.notify(`Moved “${step.title}” to ${SECTOR_LABELS[v as Sector]}.`);
            return r.ok ? [] : [r.message];
          }}
          {...keep('sector', 'Lane', sectorOptions)}
        />
        <SelectField
          label="Setting"
          value={step.setting}
          options={settingOptions}
          disabled={readOnly}
          onChange={(v) => set(['setting'], v, 'Setting', { setting: v as Step['setting'] })}
          {...keep('setting', 'Setting', settingOptions)}
        />
        <SelectField
          label="Who leads this step"
          value={step.leadRole}
          options={roleOptions}
          disabled={readOnly}
          onChange={(v) => set(['leadRole'], v, 'Who leads this step', { leadRole: v as Role })}
          {...keep('leadRole', 'Who leads this step', roleOptions)}
        />
        <Choices
          legend="Others taking part"
          options={roleOptions}
          values={step.roles}
          disabled={readOnly}
          onChange={(v) => set(['roles'], v, 'Others taking part', { roles: v as Role[] })}
        />
        <Choices
          legend="Hours"
          hint="When this step is available."
          single
          options={hoursOptions}
          values={[step.hours ?? '']}
          disabled={readOnly}
          onChange={([v]) => set(['hours'], v ? v : undefined, 'Hours', { hours: v ? (v as Step['hours']) : null })}
        />
      </Section>

      <Section title="How the person takes part" id="insp-access">
        <Choices
          legend="How the person reaches this step"
          hint="Select all that apply. An exit step often has none."
          options={channelOptions}
          values={step.channels}
          disabled={readOnly}
          onChange={(v) => set(['channels'], v, 'How the person reaches this step', { channels: v as Step['channels'] })}
        />
        <Choices
          legend="Adjustments offered"
          options={adaptationOptions}
          values={step.adaptations}
          disabled={readOnly}
          onChange={(v) => set(['adaptations'], v, 'Adjustments offered', { adaptations: v as Step['adaptations'] })}
        />
        <Choices legend="What this step does for the person" options={flagOptions} values={STEP_FLAGS.filter((f) => step.flags[f])} disabled={readOnly} onChange={flags} />
      </Section>

      <Section title="Measures and workload" id="insp-measures">
        <OutcomeMeasuresField store={store} step={step} index={index} disabled={readOnly} />
        <GpWorkloadField store={store} step={step} index={index} disabled={readOnly} />
      </Section>

      <Connections store={store} doc={doc} step={step} readOnly={readOnly} />
    </div>
  );
}

/** Keyboard paths for the selected step: lane, order, delete (WCAG 2.5.7: no dragging needed). */
export function StepActions({ store, doc, step }: { store: EditorStore; doc: Pathway; step: Step }) {
  const [lane, setLane] = useState<Sector>(step.sector);
  const [error, setError] = useState<string[]>([]);
  const run = (command: Command, said: string) => {
    const r = store.exec(command, { announce: false });
    if (!r.ok) setError([r.message]);
    else {
      setError([]);
      if (r.changed) store.notify(said);
      // The deleted step's panel is gone: keep keyboard focus in the details panel.
      if (r.changed && command.type === 'removeStep') focusDetailsPanel();
    }
  };
  const laneId = `move-lane-${step.id}`;
  return (
    <div className={`pw-step-actions${error.length ? ' pw-field-error' : ''}`} role="group" aria-label="Step actions">
      <ErrorMessage id={`actions-${step.id}`} errors={error} announce />
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 max-w-full">
          <label htmlFor={laneId} className="pw-label text-sm">
            Move to lane
          </label>
          <select id={laneId} className="pw-select" value={lane} onChange={(e) => setLane(e.target.value as Sector)}>
            {SECTORS.map((s) => (
              <option key={s} value={s}>
                {SECTOR_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        {/* These buttons are aria-disabled, not disabled: each can turn itself off when pressed (the
            step is now in the chosen lane, or at the end of its lane), and a button disabled under
            the focus drops it to the page. */}
        <button
          type="button"
          className="pw-button pw-button-secondary pw-button-small"
          aria-disabled={lane === step.sector}
          onClick={() => lane !== step.sector && run({ type: 'moveToLane', stepId: step.id, sector: lane }, `Moved “${step.title}” to ${SECTOR_LABELS[lane]}.`)}
        >
          Move<span className="sr-only"> “{step.title}” to {SECTOR_LABELS[lane]}</span>
        </button>
      </div>
      <div className="flex flex-wrap gap-2 mt-2">
        <button
          type="button"
          className="pw-button pw-button-secondary pw-button-small"
          aria-disabled={!canReorder(doc, step.id, 'earlier')}
          onClick={() => canReorder(doc, step.id, 'earlier') && run({ type: 'reorderStep', stepId: step.id, direction: 'earlier' }, `Moved “${step.title}” earlier in its lane.`)}
        >
          Earlier in lane
        </button>
        <button
          type="button"
          className="pw-button pw-button-secondary pw-button-small"
          aria-disabled={!canReorder(doc, step.id, 'later')}
          onClick={() => canReorder(doc, step.id, 'later') && run({ type: 'reorderStep', stepId: step.id, direction: 'later' }, `Moved “${step.title}” later in its lane.`)}
        >
          Later in lane
        </button>
        <button
          type="button"
          className="pw-button pw-button-warning pw-button-small"
          onClick={() => run({ type: 'removeStep', stepId: step.id }, `Deleted the step “${step.title}”. Press Control and Z to undo.`)}
        >
          Delete step
        </button>
      </div>
    </div>
  );
}

function Connections({ store, doc, step, readOnly }: { store: EditorStore; doc: Pathway; step: Step; readOnly?: boolean }) {
  const titles = new Map(doc.steps.map((s) => [s.id, s.title]));
  const out = doc.transitions.filter((t) => t.from === step.id);
  const into = doc.transitions.filter((t) => t.to === step.id);
  const item = (t: Transition, other: string, direction: 'to' | 'from') => (
    <li key={t.id}>
      <button
        type="button"
        className="pw-link-button"
        onClick={() => {
          store.select({ kind: 'transition', id: t.id });
          // The step's panel, and this button with it, gives way to the transition's: take the focus there.
          focusNextFrame(() => document.getElementById(TRANSITION_HEADING_ID));
        }}
      >
        {direction === 'to' ? 'To' : 'From'} “{titles.get(other) ?? other}”
      </button>{' '}
      <span className="text-sm">({t.information === 'none' ? 'warning: no information passed on' : INFORMATION_LABELS[t.information]})</span>
    </li>
  );
  return (
    <Section title="Connections" id="insp-connections">
      {out.length + into.length === 0 ? <p className="text-sm mb-2">Not connected to any step yet.</p> : null}
      {into.length ? (
        <>
          <p className="font-bold text-sm">Comes from</p>
          <ul className="mb-2 space-y-1">{into.map((t) => item(t, t.from, 'from'))}</ul>
        </>
      ) : null}
      {out.length ? (
        <>
          <p className="font-bold text-sm">Leads to</p>
          <ul className="mb-2 space-y-1">{out.map((t) => item(t, t.to, 'to'))}</ul>
        </>
      ) : null}
      {readOnly ? null : <ConnectForm store={store} doc={doc} fixedFrom={step.id} />}
    </Section>
  );
}

/** Connect two steps by choosing them (the keyboard path for drag-to-connect). */
export function ConnectForm({ store, doc, fixedFrom }: { store: EditorStore; doc: Pathway; fixedFrom?: string }) {
  const [from, setFrom] = useState<string>(fixedFrom ?? '');
  const [to, setTo] = useState<string>('');
  const [information, setInformation] = useState<Transition['information']>('none');
  const [errors, setErrors] = useState<string[]>([]);
  const base = fixedFrom ? `connect-${fixedFrom}` : 'connect';
  const options = doc.steps.map((s) => ({ value: s.id, label: `${s.title} (${SECTOR_LABELS[s.sector]})` }));
  const submit = () => {
    const source = fixedFrom ?? from;
    const problems: string[] = [];
    if (!source) problems.push('Choose the step the person comes from.');
    if (!to) problems.push('Choose the step the person goes to.');
    if (problems.length) return setErrors(problems);
    const r = store.exec({ type: 'connect', from: source, to, input: { information } }, { announce: false });
    if (!r.ok) return setErrors([r.message]);
    setErrors([]);
    const names = new Map(doc.steps.map((s) => [s.id, s.title]));
    store.notify(`Connected “${names.get(source)}” to “${names.get(to)}”.`);
    setTo('');
  };
  return (
    <form
      className={`pw-connect-form${errors.length ? ' pw-field-error' : ''}`}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <ErrorMessage id={base} errors={errors} announce />
      {fixedFrom ? null : (
        <div className="pw-field">
          <label className="pw-label text-sm" htmlFor={`${base}-from`}>
            From step
          </label>
          <select id={`${base}-from`} className="pw-select w-full" value={from} onChange={(e) => setFrom(e.target.value)} aria-describedby={describedBy(base, false, errors)}>
            <option value="">Choose a step…</option>
            <OptionList options={options} />
          </select>
        </div>
      )}
      <div className="pw-field">
        <label className="pw-label text-sm" htmlFor={`${base}-to`}>
          {fixedFrom ? 'Connect this step to' : 'To step'}
        </label>
        <select id={`${base}-to`} className="pw-select w-full" value={to} onChange={(e) => setTo(e.target.value)} aria-describedby={describedBy(base, false, errors)}>
          <option value="">Choose a step…</option>
          <OptionList options={options} />
        </select>
      </div>
      <div className="pw-field">
        <label className="pw-label text-sm" htmlFor={`${base}-info`}>
          How information travels
        </label>
        <select id={`${base}-info`} className="pw-select w-full" value={information} onChange={(e) => setInformation(e.target.value as Transition['information'])}>
          {INFORMATION_KINDS.map((i) => (
            <option key={i} value={i}>
              {INFORMATION_LABELS[i]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="pw-button pw-button-secondary pw-button-small">
        Connect
      </button>
    </form>
  );
}

type MeasureDraft = readonly { name: string; type: string }[];

function OutcomeMeasuresField({ store, step, index, disabled }: { store: EditorStore; step: Step; index: number; disabled?: boolean }) {
  const legend = 'Outcome measures';
  // What was typed here that is not allowed (an empty name: a measure added and not yet named) outlives the panel.
  const keep = keepingDraft<MeasureDraft, number>(store, 'step', step.id, 'outcomeMeasures', legend, (list, i) =>
    i < 0
      ? { label: legend, text: list.map((m) => m.name).join(', '), ...(list.length ? { box: '0-name' } : {}) }
      : { label: `Measure ${i + 1}: name`, text: list[i]?.name ?? '', box: `${i}-name` },
  );
  const id = keep.id ?? `om-${step.id}`;
  const { current: list, errors, update, escape } = useDraft<MeasureDraft, number>(
    step.outcomeMeasures,
    (next) => {
      const errs = validateList(store.doc, ['steps', index, 'outcomeMeasures'], next, 'Name');
      if (errs.size) return errs;
      const r = store.exec({ type: 'updateStep', stepId: step.id, patch: { outcomeMeasures: next as OutcomeMeasure[] } }, { announce: false });
      return r.ok ? errs : new Map([[-1, [r.message]]]);
    },
    keep,
  );
  const whole = errors.get(-1) ?? [];
  return (
    <fieldset id={id} tabIndex={-1} className={`pw-field pw-fieldset${whole.length ? ' pw-field-error' : ''}`} onKeyDown={escape}>
      <legend className="pw-label">{legend}</legend>
      <ErrorMessage id={id} errors={whole} />
      {list.length === 0 ? <p className="text-sm text-nhs-grey-1 mb-2">None recorded at this step.</p> : null}
      <ol className="space-y-3 mb-2">
        {list.map((m, i) => {
          const errs = errors.get(i) ?? [];
          const nameId = `${id}-${i}-name`;
          const typeId = `${id}-${i}-type`;
          return (
            <li key={i} className={`pw-list-item${errs.length ? ' pw-field-error' : ''}`}>
              <ErrorMessage id={nameId} errors={errs} />
              <label className="pw-label text-sm" htmlFor={nameId}>
                Measure {i + 1}: name
              </label>
              <input
                id={nameId}
                className="pw-input w-full"
                value={m.name}
                disabled={disabled}
                aria-invalid={errs.length ? true : undefined}
                aria-describedby={errs.length ? `${nameId}-error` : undefined}
                onChange={(e) => update(list.map((x, k) => (k === i ? { ...x, name: e.target.value } : x)))}
              />
              <label className="pw-label text-sm mt-1" htmlFor={typeId}>
                Measure {i + 1}: type
              </label>
              {/* On a narrow screen the button goes below, so the chosen type can be read in full. */}
              <div className="flex flex-wrap gap-2">
                <select
                  id={typeId}
                  className="pw-select flex-1 min-w-[min(12rem,100%)]"
                  value={m.type}
                  disabled={disabled}
                  onChange={(e) => update(list.map((x, k) => (k === i ? { ...x, type: e.target.value } : x)))}
                >
                  {OUTCOME_MEASURE_TYPES.map((t) => (
                    <option key={t} value={t}>
                      {OUTCOME_MEASURE_TYPE_LABELS[t]}
                    </option>
                  ))}
                </select>
                <button type="button" className="pw-button pw-button-secondary pw-button-small" disabled={disabled} onClick={() => update(list.filter((_, k) => k !== i))}>
                  Remove<span className="sr-only"> measure {i + 1}</span>
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <button type="button" className="pw-button pw-button-secondary pw-button-small" disabled={disabled} onClick={() => update([...list, { name: '', type: 'PROM' }])}>
        Add an outcome measure
      </button>
    </fieldset>
  );
}

function GpWorkloadField({ store, step, index, disabled }: { store: EditorStore; step: Step; index: number; disabled?: boolean }) {
  const workload = step.gpWorkload;
  const id = `gpw-${step.id}`;
  const minutesLabel = 'Minutes of practice time per person';
  const setWorkload = (next: { minutesPerPatient: number | string | undefined; funded: boolean } | undefined, label: string) => {
    const errors = applyField(store, ['steps', index, 'gpWorkload'], next, label, {
      type: 'updateStep',
      stepId: step.id,
      patch: { gpWorkload: next ? { minutesPerPatient: next.minutesPerPatient as number, funded: next.funded } : null },
    });
    // Switched off: minutes typed there that were not allowed go with the box.
    if (!next && errors.length === 0) store.clearPending('step', step.id, 'gpWorkload.minutesPerPatient');
    return errors;
  };
  return (
    <fieldset className="pw-field pw-fieldset">
      <legend className="pw-label">Work moved onto general practice</legend>
      <div className="pw-choice">
        <input
          id={`${id}-on`}
          type="checkbox"
          checked={workload !== undefined}
          disabled={disabled}
          onChange={(e) => setWorkload(e.target.checked ? { minutesPerPatient: 0, funded: false } : undefined, 'Work moved onto general practice')}
        />
        <label htmlFor={`${id}-on`}>This step moves work onto general practice</label>
      </div>
      {workload ? (
        <>
          <TextField
            label={minutesLabel}
            {...keeping(store, 'step', step.id, 'gpWorkload.minutesPerPatient', minutesLabel)}
            value={String(workload.minutesPerPatient)}
            inputMode="decimal"
            width="short"
            disabled={disabled}
            onDone={() => store.seal()}
            onChange={(v) => setWorkload({ minutesPerPatient: numberFromText(v), funded: workload.funded }, minutesLabel)}
          />
          <div className="pw-choice">
            <input
              id={`${id}-funded`}
              type="checkbox"
              checked={workload.funded}
              disabled={disabled}
              onChange={(e) => setWorkload({ minutesPerPatient: workload.minutesPerPatient, funded: e.target.checked }, 'Funded')}
            />
            <label htmlFor={`${id}-funded`}>This work is funded</label>
          </div>
        </>
      ) : null}
    </fieldset>
  );
}

// ---------------------------------------------------------------------------------------------
// Transition
// ---------------------------------------------------------------------------------------------

function TransitionInspector({
  store,
  doc,
  transition: t,
  findings,
  readOnly,
}: {
  store: EditorStore;
  doc: Pathway;
  transition: Transition;
  findings: readonly TargetedFinding[];
  readOnly?: boolean;
}) {
  const index = doc.transitions.indexOf(t);
  const from = doc.steps.find((s) => s.id === t.from);
  const to = doc.steps.find((s) => s.id === t.to);
  const crossings = from && to ? faultLinesCrossed(from, to) : [];
  const stepOptions: Option[] = doc.steps.map((s) => ({ value: s.id, label: `${s.title} (${SECTOR_LABELS[s.sector]})` }));
  const set = (field: string, value: unknown, label: string, patch: TransitionPatch) =>
    applyField(store, ['transitions', index, field], value, label, { type: 'updateTransition', transitionId: t.id, patch });
  const keep = (field: string, label: string, options?: readonly Option[]) => keeping(store, 'transition', t.id, field, label, options);
  const numeric = (field: 'targetDays' | 'probability', label: string) => (v: string) => {
    const n = numberFromText(v);
    return set(field, n, label, { [field]: n === undefined ? null : (n as number) });
  };
  const [deleteError, setDeleteError] = useState<string[]>([]);
  return (
    <div className="pw-inspector" data-testid="transition-inspector">
      <h2 id={TRANSITION_HEADING_ID} className="pw-panel-heading" tabIndex={-1}>
        <span className="sr-only">Transition: </span>
        {from?.title ?? t.from} → {to?.title ?? t.to}
      </h2>
      <p className="text-sm text-nhs-grey-1 mb-3">
        Transition · reference <code>{t.id}</code>
      </p>
      {t.information === 'none' || crossings.length ? (
        <div className="pw-warning-box">
          <p className="font-bold">
            <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" className="inline mr-1 align-[-2px]">
              <path d="M12 3L2 20h20L12 3zM12 9v5M12 17v.5" />
            </svg>
            <span className="sr-only">Warning: </span>
            {t.information === 'none' ? 'No information is passed on here.' : 'Information passes here, across a fault line.'}
          </p>
          {crossings.length ? (
            <p className="text-sm">Crosses the fault line{crossings.length === 1 ? '' : 's'} between: {crossings.map((c) => FAULT_LINE_LABELS[c]).join('; ')}.</p>
          ) : null}
        </div>
      ) : null}
      <FindingsList items={findings} />
      <Section title="Route" id="insp-route">
        <SelectField label="From step" value={t.from} options={stepOptions} disabled={readOnly} onChange={(v) => set('from', v, 'From step', { from: v })} {...keep('from', 'From step', stepOptions)} />
        <SelectField label="To step" value={t.to} options={stepOptions} disabled={readOnly} onChange={(v) => set('to', v, 'To step', { to: v })} {...keep('to', 'To step', stepOptions)} />
        <TextField
          label="Label (optional)"
          hint="For example “Suspected COPD”."
          value={t.label}
          disabled={readOnly}
          onDone={() => store.seal()}
          onChange={(v) => set('label', v === '' ? undefined : v, 'Label', { label: v === '' ? null : v })}
          {...keep('label', 'Label')}
        />
      </Section>
      <Section title="Information" id="insp-information">
        <Choices
          legend="How information travels"
          single
          options={informationOptions}
          values={[t.information]}
          disabled={readOnly}
          onChange={([v]) => set('information', v, 'How information travels', { information: v as Transition['information'] })}
        />
      </Section>
      <Section title="Timing and likelihood" id="insp-timing">
        <TextField
          label="Expected wait in days (optional)"
          hint="For example 14."
          value={t.targetDays === undefined ? undefined : String(t.targetDays)}
          inputMode="decimal"
          width="short"
          disabled={readOnly}
          onDone={() => store.seal()}
          onChange={numeric('targetDays', 'Expected wait in days')}
          {...keep('targetDays', 'Expected wait in days')}
        />
        <TextField
          label="Share of people who take this route (optional)"
          hint="A number from 0 to 1, for example 0.7 for 7 in 10 people."
          value={t.probability === undefined ? undefined : String(t.probability)}
          inputMode="decimal"
          width="short"
          disabled={readOnly}
          onDone={() => store.seal()}
          onChange={numeric('probability', 'Share of people who take this route')}
          {...keep('probability', 'Share of people who take this route')}
        />
      </Section>
      {readOnly ? null : (
        <div className={deleteError.length ? 'pw-field-error pl-3' : ''}>
          <ErrorMessage id={`del-${t.id}`} errors={deleteError} announce />
          <button
            type="button"
            className="pw-button pw-button-warning pw-button-small"
            onClick={() => {
              const r = store.exec({ type: 'removeTransition', transitionId: t.id }, { announce: false });
              if (r.ok) {
                store.notify('Deleted the transition. Press Control and Z to undo.');
                focusDetailsPanel();
              } else setDeleteError([r.message]);
            }}
          >
            Delete transition
          </button>
        </div>
      )}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Pathway
// ---------------------------------------------------------------------------------------------

function PathwayInspector({ store, doc, readOnly }: { store: EditorStore; doc: Pathway; readOnly?: boolean }) {
  const done = () => store.seal();
  const set = (path: PathSegment[], value: unknown, label: string, patch: MetadataPatch) =>
    applyField(store, path, value, label, { type: 'updateMetadata', patch });
  const optionalText = (field: 'summary' | 'population', label: string) => (v: string) =>
    set([field], v === '' ? undefined : v, label, { [field]: v === '' ? null : v });
  const keep = (field: string, label: string) => keeping(store, 'pathway', '', field, label);
  const meta = doc.metadata;
  return (
    <div className="pw-inspector" data-testid="pathway-inspector">
      <h2 className="pw-panel-heading">Pathway details</h2>
      <p className="text-sm text-nhs-grey-1 mb-3">Select a step or a transition to see its details instead.</p>
      <Section title="About the pathway" id="insp-about">
        <TextField label="Pathway title" value={doc.title} disabled={readOnly} onDone={done} onChange={(v) => set(['title'], v, 'Pathway title', { title: v })} {...keep('title', 'Pathway title')} />
        <TextField label="Summary" value={doc.summary} multiline disabled={readOnly} onDone={done} onChange={optionalText('summary', 'Summary')} {...keep('summary', 'Summary')} />
        <PathwayListField store={store} doc={doc} list="conditions" disabled={readOnly} />
        <TextField
          label="Who the pathway is for (population)"
          value={doc.population}
          multiline
          disabled={readOnly}
          onDone={done}
          onChange={optionalText('population', 'Who the pathway is for')}
          {...keep('population', 'Who the pathway is for')}
        />
      </Section>
      <Section title="Sponsor and incentives" id="insp-sponsor">
        <SponsorFields store={store} doc={doc} disabled={readOnly} />
        <PathwayListField store={store} doc={doc} list="incentives" disabled={readOnly} />
        <PathwayListField store={store} doc={doc} list="socialValue" disabled={readOnly} />
      </Section>
      <Section title="Review and evaluation" id="insp-review">
        <TextField
          label="Review date"
          hint="Written year-month-day, for example 2027-06-30."
          value={meta.reviewDate}
          width="short"
          disabled={readOnly}
          onDone={done}
          onChange={(v) => set(['metadata', 'reviewDate'], v === '' ? undefined : v, 'Review date', { metadata: { reviewDate: v === '' ? null : v } })}
          {...keep('metadata.reviewDate', 'Review date')}
        />
        <TextField
          label="Evaluation plan"
          hint="How you will know the pathway works, for example measures the person reports, and when."
          value={meta.evaluationPlan}
          multiline
          disabled={readOnly}
          onDone={done}
          onChange={(v) => set(['metadata', 'evaluationPlan'], v === '' ? undefined : v, 'Evaluation plan', { metadata: { evaluationPlan: v === '' ? null : v } })}
          {...keep('metadata.evaluationPlan', 'Evaluation plan')}
        />
      </Section>
    </div>
  );
}

/** The pathway's lists of short texts: where each is in the document, and how it is named. */
const PATHWAY_LISTS = {
  conditions: {
    path: ['conditions'],
    legend: 'Conditions',
    hint: 'One or more. Several make a pathway for people living with more than one condition.',
    item: 'Condition',
    addLabel: 'Add a condition',
  },
  incentives: {
    path: ['metadata', 'incentives'],
    legend: 'Incentives',
    hint: 'Payments or other incentives that support this pathway.',
    item: 'Incentive',
    addLabel: 'Add an incentive',
  },
  socialValue: {
    path: ['metadata', 'socialValue'],
    legend: 'Social value',
    hint: 'Benefits beyond health care, for the person, their family and community.',
    item: 'Social value',
    addLabel: 'Add a social value',
  },
} as const;

function PathwayListField({ store, doc, list, disabled }: { store: EditorStore; doc: Pathway; list: keyof typeof PATHWAY_LISTS; disabled?: boolean }) {
  const { path, legend, hint, item, addLabel } = PATHWAY_LISTS[list];
  const itemLabel = (i: number) => `${item} ${i + 1}`;
  return (
    <TextListField
      legend={legend}
      hint={hint}
      itemLabel={itemLabel}
      values={list === 'conditions' ? doc.conditions : doc.metadata[list]}
      addLabel={addLabel}
      disabled={disabled}
      onChange={(values) => {
        const errs = validateList(store.doc, path, values, item);
        if (errs.size) return errs;
        const r = store.exec({ type: 'updateMetadata', patch: list === 'conditions' ? { conditions: values } : { metadata: { [list]: values } } }, { announce: false });
        return r.ok ? new Map<number, string[]>() : new Map([[-1, [r.message]]]);
      }}
      {...keepingDraft<readonly string[], number>(store, 'pathway', '', path.join('.'), legend, (items, i) => listItemName(legend, itemLabel, items, i))}
    />
  );
}

type SponsorDraft = { name: string; role: string };

function SponsorFields({ store, doc, disabled }: { store: EditorStore; doc: Pathway; disabled?: boolean }) {
  const sponsor = doc.metadata.sponsor;
  const labels = { name: 'Sponsor’s name', role: 'Sponsor’s role' } as const;
  // A name without a role (or the other way round) is not allowed: both are kept until it is.
  const keep = keepingDraft<SponsorDraft, keyof SponsorDraft>(store, 'pathway', '', 'metadata.sponsor', 'Sponsor', (draft, box) =>
    box === 'role'
      ? { label: labels.role, text: ROLE_LABELS[draft.role as Role] ?? draft.role, box, chosen: true }
      : { label: labels.name, text: draft.name, box },
  );
  const id = keep.id ?? 'sponsor';
  const { current, errors: found, update, escape } = useDraft<SponsorDraft, keyof SponsorDraft>(
    { name: sponsor?.name ?? '', role: sponsor?.role ?? '' },
    (next) => {
      const empty = next.name.trim() === '' && next.role === '';
      const value = empty ? undefined : next.role === '' ? { name: next.name } : { name: next.name, role: next.role };
      const grouped = validateGrouped(store.doc, ['metadata', 'sponsor'], value, labels);
      const errs = new Map<keyof SponsorDraft, string[]>();
      if (grouped.name?.length) errs.set('name', grouped.name);
      if (grouped.role?.length) errs.set('role', grouped.role);
      if (errs.size) return errs;
      const r = store.exec(
        { type: 'updateMetadata', patch: { metadata: { sponsor: value ? { name: next.name, role: next.role as Role } : null } } },
        { announce: false },
      );
      return r.ok ? errs : new Map([['name', [r.message]]]);
    },
    keep,
  );
  const errors = { name: found.get('name') ?? [], role: found.get('role') ?? [] };
  const nameId = `${id}-name`;
  const roleId = `${id}-role`;
  return (
    <fieldset id={id} tabIndex={-1} className="pw-field pw-fieldset" aria-describedby={`${id}-hint`} onKeyDown={escape}>
      <legend className="pw-label">Sponsor</legend>
      <div className="pw-hint" id={`${id}-hint`}>
        Who drives this pathway. Leave both empty if there is no sponsor yet.
      </div>
      <div className={`pw-field${errors.name.length ? ' pw-field-error' : ''}`}>
        <label htmlFor={nameId} className="pw-label text-sm">
          Sponsor’s name
        </label>
        <ErrorMessage id={nameId} errors={errors.name} />
        <input
          id={nameId}
          className="pw-input w-full"
          value={current.name}
          disabled={disabled}
          aria-invalid={errors.name.length ? true : undefined}
          aria-describedby={describedBy(nameId, false, errors.name)}
          onBlur={() => store.seal()}
          onChange={(e) => update({ ...current, name: e.target.value })}
        />
      </div>
      <div className={`pw-field${errors.role.length ? ' pw-field-error' : ''}`}>
        <label htmlFor={roleId} className="pw-label text-sm">
          Sponsor’s role
        </label>
        <ErrorMessage id={roleId} errors={errors.role} />
        <select
          id={roleId}
          className="pw-select w-full"
          value={current.role}
          disabled={disabled}
          aria-invalid={errors.role.length ? true : undefined}
          aria-describedby={describedBy(roleId, false, errors.role)}
          onChange={(e) => update({ ...current, role: e.target.value })}
        >
          <option value="">Choose a role…</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
