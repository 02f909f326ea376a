'use client';
// Form fields of the inspector, in the NHS service manual's pattern: label, hint, then the error
// ("Error:" for screen readers) with a red bar on the left, then the control. A field keeps what
// the person typed while they type, and keeps an invalid value (with its error) rather than
// dropping it; the document only ever takes valid values.
import { memo, useId, useState, type ReactNode } from 'react';
import { focusIsLost } from './keep-focus';

export type Validate<T> = (value: T) => string[];

interface FieldShellProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  errors: readonly string[];
  children: ReactNode;
  className?: string;
}

export function describedBy(id: string, hint: unknown, errors: readonly string[]): string | undefined {
  const ids = [hint ? `${id}-hint` : '', errors.length ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/**
 * A field's error, beside it. `announce` for the error of a form's button (Connect, Add step, an
 * import): the focus stays on the button, so the message is an alert, read out as it appears.
 * Never for errors shown as the person types, which would interrupt them at every key.
 */
export function ErrorMessage({ id, errors, announce }: { id: string; errors: readonly string[]; announce?: boolean }) {
  if (errors.length === 0) return null;
  return (
    <p id={`${id}-error`} className="pw-error-message" role={announce ? 'alert' : undefined}>
      {errors.map((e, i) => (
        <span key={i} className="block">
          <span className="sr-only">Error:</span> {e}
        </span>
      ))}
    </p>
  );
}

function FieldShell({ id, label, hint, errors, children, className }: FieldShellProps) {
  return (
    <div className={`pw-field${errors.length ? ' pw-field-error' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className="pw-label">
        {label}
      </label>
      {hint ? (
        <div id={`${id}-hint`} className="pw-hint">
          {hint}
        </div>
      ) : null}
      <ErrorMessage id={id} errors={errors} />
      {children}
    </div>
  );
}

export interface TextFieldProps {
  label: ReactNode;
  hint?: ReactNode;
  /** The document's value. */
  value: string | undefined;
  /** Validate and, when valid, apply. Returns the errors to show (empty when applied). */
  onChange: Validate<string>;
  /** The field lost focus: ends one undo step of typing. */
  onDone?: () => void;
  multiline?: boolean;
  inputMode?: 'text' | 'decimal' | 'numeric';
  width?: 'full' | 'short';
  disabled?: boolean;
  name?: string;
  autoFocus?: boolean;
  /** The control's id, for focusing it from elsewhere; a generated one when absent. */
  id?: string;
  /** A value typed here before that is not allowed, kept while the field was not shown: shown again, with its error. */
  kept?: Kept | undefined;
  /**
   * Told when the field holds a value that is not allowed (to keep it), and when it no longer does
   * (null: corrected, or `reverted` by Escape to the document's value).
   */
  onKept?: (kept: Kept | null, reverted?: boolean) => void;
}

/** A value typed into a field (or chosen: the option's value) that is not allowed, and why. */
export interface Kept {
  text: string;
  errors: readonly string[];
}

/** A field of several boxes (a list, the sponsor) that holds values not allowed: all its boxes as typed, and the errors by box. */
export interface KeptDraft<T, K> {
  draft: T;
  errors: ReadonlyMap<K, readonly string[]>;
}

/** Props of a field of several boxes that keep what was typed there while it is not shown (as TextField's `kept`). */
export interface DraftKeeping<T, K> {
  /** The group's id (focused when it is gone to as a whole); each box's id is this, a dash and the box. */
  id?: string;
  kept?: KeptDraft<T, K> | undefined;
  onKept?: (kept: KeptDraft<T, K> | null, reverted?: boolean) => void;
}

const NO_ERRORS: ReadonlyMap<unknown, readonly string[]> = new Map<unknown, readonly string[]>();

/**
 * The state of a field of several boxes: the document's `value`, or, while a box holds a value that is
 * not allowed, what was typed in them all, with the errors by box. `apply` validates and, when valid,
 * applies, returning the errors. What is kept is told to `onKept`, and given back by `kept` when the
 * field is shown again. Escape in any of its boxes puts back the document's value (`escape` on the group).
 */
export function useDraft<T, K>(value: T, apply: (next: T) => ReadonlyMap<K, readonly string[]>, { id, kept, onKept }: DraftKeeping<T, K>) {
  const [draft, setDraft] = useState<T | null>(kept?.draft ?? null);
  const [errors, setErrors] = useState<ReadonlyMap<K, readonly string[]>>(kept?.errors ?? (NO_ERRORS as ReadonlyMap<K, readonly string[]>));
  const update = (next: T) => {
    const found = apply(next);
    setErrors(found);
    setDraft(found.size ? next : null);
    onKept?.(found.size ? { draft: next, errors: found } : null);
  };
  const escape = (e: React.KeyboardEvent) => {
    if (e.key !== 'Escape' || draft === null) return;
    e.stopPropagation();
    setDraft(null);
    setErrors(NO_ERRORS as ReadonlyMap<K, readonly string[]>);
    onKept?.(null, true);
    // A box added since (and now gone) had the focus: it goes to the group rather than to the page.
    requestAnimationFrame(() => {
      if (focusIsLost() && id) document.getElementById(id)?.focus();
    });
  };
  return { current: draft ?? value, errors, update, escape };
}

export function TextField({ label, hint, value, onChange, onDone, multiline, inputMode, width = 'full', disabled, name, autoFocus, id: givenId, kept, onKept }: TextFieldProps) {
  const generatedId = useId();
  const id = givenId ?? generatedId;
  // What the person has typed, kept while the field has focus or holds an invalid value.
  const [draft, setDraft] = useState<string | null>(kept?.text ?? null);
  const [errors, setErrors] = useState<readonly string[]>(kept?.errors ?? []);
  // In a live workshop someone else may change this field while this person types in it. Their
  // typing keeps its place, and they are told, rather than one person's words silently replacing
  // the other's: the document's value changed without this field having written it.
  const [seenValue, setSeenValue] = useState(value);
  const [wrote, setWrote] = useState(false);
  const [othersChanged, setOthersChanged] = useState(false);
  if (value !== seenValue) {
    setSeenValue(value);
    if (wrote) setWrote(false);
    else if (draft !== null) setOthersChanged(true);
  }
  const shown = draft ?? value ?? '';
  const change = (text: string) => {
    setDraft(text);
    setWrote(true);
    setOthersChanged(false);
    const found = onChange(text);
    setErrors(found);
    onKept?.(found.length ? { text, errors: found } : null);
  };
  const blur = () => {
    // While the other person's change is on show, leaving the field decides nothing: this person's
    // words and the message stay until they type (theirs go in) or press Escape (the other's stay).
    if (othersChanged) {
      onDone?.();
      return;
    }
    if (errors.length === 0) setDraft(null);
    setWrote(false);
    setOthersChanged(false);
    onDone?.();
  };
  const keyDown = (e: React.KeyboardEvent) => {
    // Escape shows the other person's words instead of one's own unsent ones, and puts back the
    // document's value in place of one that is not allowed.
    if (e.key === 'Escape' && (othersChanged || (draft !== null && errors.length > 0))) {
      e.stopPropagation();
      setDraft(null);
      setErrors([]);
      setWrote(false);
      setOthersChanged(false);
      onKept?.(null, true);
    }
  };
  const common = {
    id,
    name,
    value: shown,
    disabled,
    autoFocus,
    'aria-describedby': describedBy(id, hint, errors),
    'aria-invalid': errors.length > 0 ? true : undefined,
    onBlur: blur,
    onKeyDown: keyDown,
  } as const;
  return (
    <FieldShell id={id} label={label} hint={hint} errors={errors}>
      {multiline ? (
        <textarea {...common} rows={3} className="pw-input w-full" onChange={(e) => change(e.target.value)} />
      ) : (
        <input
          {...common}
          type="text"
          inputMode={inputMode}
          className={`pw-input ${width === 'short' ? 'w-32' : 'w-full'}`}
          onChange={(e) => change(e.target.value)}
        />
      )}
      {draft !== null ? (
        // Present while this person types here, so that the message below is announced when it comes.
        <p role="status" className="text-sm">
          {othersChanged
            ? `Someone else changed this while you were typing: it now says “${value ?? ''}”. Keep typing to put yours instead, or press Escape to keep theirs.`
            : ''}
        </p>
      ) : null}
    </FieldShell>
  );
}

export interface Option {
  value: string;
  label: string;
  hint?: string;
}

function sameOptions(a: readonly Option[], b: readonly Option[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]?.value !== b[i]?.value || a[i]?.label !== b[i]?.label) return false;
  return true;
}

/**
 * The options of a select, re-rendered only when one of them changes: a list of 500 steps is in
 * several selects, and typing into a field must not rebuild them all on every keystroke.
 */
const OptionItem = memo(function OptionItem({ value, label }: { value: string; label: string }) {
  return <option value={value}>{label}</option>;
});

export const OptionList = memo(
  function OptionList({ options }: { options: readonly Option[] }) {
    return (
      <>
        {options.map((o) => (
          <OptionItem key={o.value} value={o.value} label={o.label} />
        ))}
      </>
    );
  },
  (a, b) => sameOptions(a.options, b.options),
);

export interface SelectFieldProps {
  label: ReactNode;
  hint?: ReactNode;
  value: string | undefined;
  options: readonly Option[];
  /** Shown as the first option, for an optional field left unset ("Not known"). */
  emptyLabel?: string;
  onChange: Validate<string>;
  disabled?: boolean;
  /** As for TextField: the control's id, and a refused choice kept while the field was not shown (`text` is its value). */
  id?: string;
  kept?: Kept | undefined;
  onKept?: (kept: Kept | null, reverted?: boolean) => void;
}

export function SelectField({ label, hint, value, options, emptyLabel, onChange, disabled, id: givenId, kept, onKept }: SelectFieldProps) {
  const generatedId = useId();
  const id = givenId ?? generatedId;
  const [errors, setErrors] = useState<readonly string[]>(kept?.errors ?? []);
  // A choice that was refused (for example making the only entry step an exit) stays shown with its
  // error, until another is chosen or Escape puts back the document's.
  const [draft, setDraft] = useState<string | null>(kept?.text ?? null);
  return (
    <FieldShell id={id} label={label} hint={hint} errors={errors}>
      <select
        id={id}
        className="pw-select w-full"
        value={draft ?? value ?? ''}
        disabled={disabled}
        aria-describedby={describedBy(id, hint, errors)}
        aria-invalid={errors.length > 0 ? true : undefined}
        onChange={(e) => {
          const chosen = e.target.value;
          const errs = onChange(chosen);
          setErrors(errs);
          setDraft(errs.length ? chosen : null);
          onKept?.(errs.length ? { text: chosen, errors: errs } : null);
        }}
        onKeyDown={(e) => {
          if (e.key !== 'Escape' || draft === null) return;
          e.stopPropagation();
          setDraft(null);
          setErrors([]);
          onKept?.(null, true);
        }}
      >
        {emptyLabel !== undefined || value === undefined ? <option value="">{emptyLabel ?? 'Choose…'}</option> : null}
        <OptionList options={options} />
      </select>
    </FieldShell>
  );
}

export interface ChoicesProps {
  legend: ReactNode;
  hint?: ReactNode;
  options: readonly Option[];
  values: readonly string[];
  onChange: Validate<string[]>;
  disabled?: boolean;
  /** Radios (one value) instead of checkboxes. */
  single?: boolean;
}

/** A fieldset of checkboxes (several) or radios (one). */
export function Choices({ legend, hint, options, values, onChange, disabled, single }: ChoicesProps) {
  const id = useId();
  const [errors, setErrors] = useState<readonly string[]>([]);
  const toggle = (value: string, on: boolean) => {
    const next = single ? [value] : on ? options.map((o) => o.value).filter((v) => v === value || values.includes(v)) : values.filter((v) => v !== value);
    setErrors(onChange(next));
  };
  return (
    <fieldset className={`pw-field pw-fieldset${errors.length ? ' pw-field-error' : ''}`} aria-describedby={describedBy(id, hint, errors)}>
      <legend className="pw-label">{legend}</legend>
      {hint ? (
        <div id={`${id}-hint`} className="pw-hint">
          {hint}
        </div>
      ) : null}
      <ErrorMessage id={id} errors={errors} />
      <div className="pw-choices">
        {options.map((o) => {
          const optionId = `${id}-${o.value}`;
          return (
            <div key={o.value} className="pw-choice">
              <input
                id={optionId}
                type={single ? 'radio' : 'checkbox'}
                name={single ? id : undefined}
                value={o.value}
                checked={values.includes(o.value)}
                disabled={disabled}
                aria-describedby={o.hint ? `${optionId}-hint` : undefined}
                onChange={(e) => toggle(o.value, e.target.checked)}
              />
              <label htmlFor={optionId}>{o.label}</label>
              {o.hint ? (
                <div id={`${optionId}-hint`} className="pw-choice-hint">
                  {o.hint}
                </div>
              ) : null}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** A list of short texts (conditions, incentives, social value): one input each, add and remove. */
export function TextListField({
  legend,
  hint,
  itemLabel,
  values,
  onChange,
  disabled,
  addLabel,
  ...keeping
}: {
  legend: ReactNode;
  hint?: ReactNode;
  itemLabel: (index: number) => string;
  values: readonly string[];
  /** Validate the whole list; returns errors by index (-1 for the list as a whole). Applies when none. */
  onChange: (values: string[]) => Map<number, string[]>;
  disabled?: boolean;
  addLabel: string;
} & DraftKeeping<readonly string[], number>) {
  const generatedId = useId();
  const id = keeping.id ?? generatedId;
  const { current: list, errors, update, escape } = useDraft<readonly string[], number>(values, (next) => onChange([...next]), { ...keeping, id });
  const whole = errors.get(-1) ?? [];
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      className={`pw-field pw-fieldset${whole.length ? ' pw-field-error' : ''}`}
      aria-describedby={describedBy(id, hint, whole)}
      onKeyDown={escape}
    >
      <legend className="pw-label">{legend}</legend>
      {hint ? (
        <div id={`${id}-hint`} className="pw-hint">
          {hint}
        </div>
      ) : null}
      <ErrorMessage id={id} errors={whole} />
      {list.length === 0 ? <p className="text-sm text-nhs-grey-1 mb-2">None yet.</p> : null}
      <ol className="space-y-2 mb-2">
        {list.map((item, i) => {
          const itemId = `${id}-${i}`;
          const itemErrors = errors.get(i) ?? [];
          return (
            <li key={i} className={`pw-list-item${itemErrors.length ? ' pw-field-error' : ''}`}>
              <label htmlFor={itemId} className="pw-label text-sm">
                {itemLabel(i)}
              </label>
              <ErrorMessage id={itemId} errors={itemErrors} />
              <div className="flex gap-2">
                <input
                  id={itemId}
                  type="text"
                  className="pw-input flex-1 min-w-0"
                  value={item}
                  disabled={disabled}
                  aria-describedby={itemErrors.length ? `${itemId}-error` : undefined}
                  aria-invalid={itemErrors.length ? true : undefined}
                  onChange={(e) => update(list.map((v, k) => (k === i ? e.target.value : v)))}
                />
                <button
                  type="button"
                  className="pw-button pw-button-secondary pw-button-small"
                  disabled={disabled}
                  onClick={() => update(list.filter((_, k) => k !== i))}
                >
                  Remove<span className="sr-only"> {itemLabel(i).toLowerCase()}</span>
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <button type="button" className="pw-button pw-button-secondary pw-button-small" disabled={disabled} onClick={() => update([...list, ''])}>
        {addLabel}
      </button>
    </fieldset>
  );
}
