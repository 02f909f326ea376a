'use client';
// Forms for care plans, in the NHS pattern: an error summary at the top that links to each field,
// and the message again beside the field. They submit to a server action and work before the page's
// JavaScript has loaded (useActionState). After an error, what the person typed is put back.
import {
  Component,
  createContext,
  createRef,
  useActionState,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
  useSyncExternalStore,
  type FormEvent,
  type ReactNode,
} from 'react';
import { keepingInput, type FormState } from '@/lib/care-plan/form-state';
import { ErrorSummary } from '@/components/shell/ErrorSummary';
import { UNREACHABLE_MESSAGE, useKeepOnFailure } from '@/components/shell/KeepOnFailure';

export type { FormState };

export type FormAction = (previous: FormState, form: FormData) => Promise<FormState>;

interface FormContextValue {
  prefix: string;
  state: FormState;
}
const FormContext = createContext<FormContextValue>({ prefix: 'f', state: { ok: true } });

function errorFor(state: FormState, name: string): string | undefined {
  return state.errors?.find((e) => e.path === name || e.path.startsWith(`${name}.`))?.message;
}

interface ActionFormProps {
  action: FormAction;
  children: ReactNode;
  submitLabel: string;
  /** Accessible name of the form, e.g. "Add a goal". */
  label: string;
  hidden?: Record<string, string>;
  secondary?: boolean;
  className?: string;
  /** Called as the form is sent (not when it stops at an unfinished date), e.g. to note what a remove button removes. */
  onSubmit?: (event: FormEvent<HTMLFormElement>) => void;
}

/** What a form shows after its server action could not be reached: the message and what was sent. */
function unreachable(sent: FormData | undefined): FormState {
  return sent ? keepingInput({ ok: false, message: UNREACHABLE_MESSAGE, errors: [] }, sent) : { ok: true };
}

export function ActionForm(props: ActionFormProps) {
  const keep = useKeepOnFailure();
  // The prefix outlives a failure, so links to fields stay the same.
  const prefix = `f${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const { onSubmit } = props;
  const onSent = (e: FormEvent<HTMLFormElement>) => {
    keep.remember(e);
    onSubmit?.(e);
  };
  return keep.wrap(
    <ActionFormBody {...props} prefix={prefix} initial={unreachable(keep.failedWith)} onSent={onSent} />,
  );
}

/**
 * What a form's fields were drawn from. A form that carries a `revision` (care-plan-revision.ts) sends
 * back the revision its fields were drawn from, not the newest the page has: any save on the page
 * draws the page again with every form's newest revision, while what the person typed stays in the
 * boxes, and sending that with the newest revision would save it over a change they have not seen.
 * So a form takes a newer revision only while the person has not changed anything in it since it was
 * drawn (and is then drawn afresh from the newer values, so what it shows is what the revision names),
 * or when its own save has worked. After a refusal it keeps the revision it was sent with (FormState's
 * `revision`), so what was typed is refused again until the page is reloaded. Before the page's
 * JavaScript has loaded, a form posts the revision in the HTML, which is the one it was drawn from.
 */
interface Drawn {
  /** The revision the fields were drawn from: the one the form sends. */
  revision: string | undefined;
  /** The newest revision the page has given the form. */
  given: string | undefined;
  /** The last answer to the form's own submission taken into account. */
  answer: FormState;
  /** Changed something since the fields were drawn. */
  dirty: boolean;
  /** Goes up each time the fields are drawn afresh from a newer revision. */
  epoch: number;
}

function useDrawnRevision(given: string | undefined, answer: FormState, initial: FormState) {
  const [drawn, setDrawn] = useState<Drawn>(() => ({
    // Drawn again after Pathweave could not be reached: the revision it was sent with.
    revision: initial.revision ?? given,
    given,
    answer,
    dirty: false,
    epoch: 0,
  }));
  let next = drawn;
  if (answer !== next.answer) {
    // Saved: the fields are drawn again from what is saved now. Refused: they keep what was typed.
    next = answer.ok
      ? { ...next, answer, revision: given, given, dirty: false }
      : { ...next, answer, revision: answer.revision ?? next.revision };
  }
  if (given !== next.given) {
    // Showing what was typed (a refusal's kept values) counts as changed, as typing does.
    const untouched = !next.dirty && !answer.values;
    next = untouched ? { ...next, revision: given, given, epoch: next.epoch + 1 } : { ...next, given };
  }
  if (next !== drawn) setDrawn(next);
  const touched = () => setDrawn((d) => (d.dirty ? d : { ...d, dirty: true }));
  return { revision: next.revision, epoch: next.epoch, touched };
}

/**
 * Drawing a form's fields afresh replaces the field that has the focus: the focus then goes to the
 * field of the same id in the new drawing, not to the page.
 */
class KeepFocus extends Component<{ children: ReactNode }> {
  private box = createRef<HTMLDivElement>();

  override getSnapshotBeforeUpdate(): string | null {
    const focused = document.activeElement;
    return focused?.id && this.box.current?.contains(focused) ? focused.id : null;
  }

  override componentDidUpdate(_props: unknown, _state: unknown, focusedId: string | null) {
    if (!focusedId || (document.activeElement && document.activeElement !== document.body)) return;
    document.getElementById(focusedId)?.focus();
  }

  override render() {
    return (
      <div ref={this.box} className="contents">
        {this.props.children}
      </div>
    );
  }
}

function ActionFormBody(
  props: ActionFormProps & { prefix: string; initial: FormState; onSent: (e: FormEvent<HTMLFormElement>) => void },
) {
  const [sentState, formAction, pending] = useActionState(props.action, props.initial);
  const { prefix } = props;
  const drawn = useDrawnRevision(props.hidden?.revision, sentState, props.initial);
  const hidden =
    props.hidden && 'revision' in props.hidden ? { ...props.hidden, revision: drawn.revision ?? '' } : props.hidden;
  // Dates typed only in part, caught before sending (see unfinishedDates).
  const [unfinished, setUnfinished] = useState<NonNullable<FormState['errors']> | null>(null);
  const state: FormState = unfinished ? { ...sentState, ok: false, message: undefined, errors: unfinished } : sentState;
  const summaryRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!sentState.ok && (sentState.errors?.length || sentState === props.initial)) summaryRef.current?.focus();
  }, [sentState, props.initial]);
  useEffect(() => {
    if (unfinished) summaryRef.current?.focus();
  }, [unfinished]);
  const errors = state.errors ?? [];
  // An error about a hidden field (the id or revision the form carries) or about the whole form (path
  // "") has no field to go to: the summary shows it as text, not as a link that would go nowhere.
  const hiddenNames = Object.keys(props.hidden ?? {});
  const hrefFor = (path: string) => {
    const field = path.split('.')[0] ?? '';
    return field && !hiddenNames.includes(field) ? `#${prefix}-${field}` : undefined;
  };
  return (
    <FormContext.Provider value={{ prefix, state }}>
      <form
        action={formAction}
        onChange={drawn.touched}
        onSubmit={(e) => {
          const bad = unfinishedDates(e.currentTarget);
          setUnfinished(bad.length ? bad : null);
          if (bad.length) e.preventDefault();
          else props.onSent(e);
        }}
        aria-label={props.label}
        className={props.className ?? 'space-y-3'}
        noValidate
      >
        {!state.ok && (
          <ErrorSummary
            ref={summaryRef}
            id={`${prefix}-error-title`}
            level={3}
            message={state.message}
            errors={errors.map((e) => ({ href: hrefFor(e.path), message: e.message }))}
          />
        )}
        {Object.entries(hidden ?? {}).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <KeepFocus>
          <div key={`${state.at ?? 0}.${drawn.epoch}`} className="space-y-3">
            {props.children}
          </div>
        </KeepFocus>
        <div className="flex flex-wrap items-center gap-3">
          <button
            type="submit"
            disabled={pending}
            className={
              props.secondary
                ? 'rounded border-2 border-nhs-blue bg-white px-4 py-2 font-bold text-nhs-blue hover:bg-nhs-grey-5 disabled:opacity-60'
                : 'rounded bg-nhs-green px-4 py-2 font-bold text-white hover:bg-[#00662f] disabled:opacity-60'
            }
          >
            {pending ? 'Saving…' : props.submitLabel}
          </button>
          <p role="status" className="text-nhs-green font-bold">
            {state.ok && state.message ? <span key={state.at}>{state.message}</span> : null}
          </p>
        </div>
      </form>
    </FormContext.Provider>
  );
}

/**
 * Date fields the browser holds only part of (a day and month but no year, say). The browser sends
 * such a field as empty, which the server would take as "no date" and so clear the saved one; the
 * form stops and names the field instead.
 */
function unfinishedDates(form: HTMLFormElement): { path: string; message: string }[] {
  const bad: { path: string; message: string }[] = [];
  for (const input of form.querySelectorAll<HTMLInputElement>('input[type="date"]')) {
    if (!input.validity.badInput) continue;
    const label = form.querySelector(`label[for="${CSS.escape(input.id)}"]`)?.textContent?.trim() || 'Date';
    bad.push({
      path: input.name,
      message: `${label}: the date is not complete. Enter the day, month and year, or clear the date.`,
    });
  }
  return bad;
}

function useField(name: string, defaultValue: string | undefined) {
  const { prefix, state } = useContext(FormContext);
  const id = `${prefix}-${name}`;
  const error = errorFor(state, name);
  const value = state.values && name in state.values ? state.values[name] : defaultValue;
  return { id, error, value };
}

function Label(props: { id: string; label: string; hint?: string; error?: string }) {
  return (
    <>
      <label htmlFor={props.id} className="block font-bold">
        {props.label}
      </label>
      {props.hint && (
        <p id={`${props.id}-hint`} className="text-nhs-grey-1 text-sm">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={`${props.id}-error`} className="font-bold text-nhs-red">
          <span className="sr-only">Error: </span>
          {props.error}
        </p>
      )}
    </>
  );
}

const describedBy = (id: string, hint?: string, error?: string) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

const inputClass = (error?: string) =>
  `block w-full max-w-xl rounded-none border-2 ${error ? 'border-nhs-red' : 'border-nhs-black'} bg-white px-2 py-1.5`;

export function TextField(props: {
  name: string;
  label: string;
  hint?: string;
  defaultValue?: string;
  type?: 'text' | 'email' | 'tel' | 'date';
  /** The keyboard a phone shows: "numeric" for a number such as an NHS number (the type stays text). */
  inputMode?: 'numeric';
  autoComplete?: string;
  required?: boolean;
}) {
  const { id, error, value } = useField(props.name, props.defaultValue);
  return (
    <div className={error ? 'border-l-4 border-nhs-red pl-3' : ''}>
      <Label id={id} label={props.label} hint={props.hint} error={error} />
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        inputMode={props.inputMode}
        spellCheck={props.inputMode === 'numeric' ? false : undefined}
        defaultValue={value ?? ''}
        autoComplete={props.autoComplete ?? 'off'}
        aria-describedby={describedBy(id, props.hint, error)}
        aria-invalid={error ? true : undefined}
        aria-required={props.required ? true : undefined}
        className={inputClass(error)}
      />
    </div>
  );
}

export function TextArea(props: {
  name: string;
  label: string;
  hint?: string;
  defaultValue?: string;
  rows?: number;
  required?: boolean;
}) {
  const { id, error, value } = useField(props.name, props.defaultValue);
  return (
    <div className={error ? 'border-l-4 border-nhs-red pl-3' : ''}>
      <Label id={id} label={props.label} hint={props.hint} error={error} />
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 3}
        defaultValue={value ?? ''}
        aria-describedby={describedBy(id, props.hint, error)}
        aria-invalid={error ? true : undefined}
        aria-required={props.required ? true : undefined}
        className={inputClass(error)}
      />
    </div>
  );
}

export function SelectField(props: {
  name: string;
  label: string;
  hint?: string;
  defaultValue?: string;
  options: readonly { value: string; label: string }[];
}) {
  const { id, error, value } = useField(props.name, props.defaultValue);
  return (
    <div className={error ? 'border-l-4 border-nhs-red pl-3' : ''}>
      <Label id={id} label={props.label} hint={props.hint} error={error} />
      <select
        id={id}
        name={props.name}
        defaultValue={value ?? ''}
        aria-describedby={describedBy(id, props.hint, error)}
        aria-invalid={error ? true : undefined}
        className={inputClass(error)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CheckboxField(props: {
  name: string;
  label: string;
  hint?: string;
  defaultChecked?: boolean;
  value?: string;
  onChange?: (checked: boolean) => void;
}) {
  const { state } = useContext(FormContext);
  const { id, error } = useField(props.name, undefined);
  const value = props.value ?? 'on';
  // After a refusal the box is as the person left it, not as saved.
  const checked = state.values ? (state.lists?.[props.name]?.includes(value) ?? false) : props.defaultChecked;
  return (
    <div className={`flex items-start gap-2 ${error ? 'border-l-4 border-nhs-red pl-3' : ''}`}>
      <input
        id={id}
        type="checkbox"
        name={props.name}
        value={value}
        defaultChecked={checked}
        onChange={props.onChange ? (e) => props.onChange?.(e.currentTarget.checked) : undefined}
        aria-describedby={describedBy(id, props.hint, error)}
        className="mt-1 h-6 w-6 shrink-0 accent-nhs-blue"
      />
      <div>
        <label htmlFor={id} className="font-bold">
          {props.label}
        </label>
        {props.hint && (
          <p id={`${id}-hint`} className="text-nhs-grey-1 text-sm">
            {props.hint}
          </p>
        )}
        {error && (
          <p id={`${id}-error`} className="font-bold text-nhs-red">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}

const noSubscription = () => () => {};

/**
 * A checkbox that stands in for the fields after it, e.g. "Their Pathweave account uses the email
 * address above" for a second email box, so nothing is typed twice (WCAG 2.2 SC 3.3.7). Unticked by
 * default. Ticked, the fields are hidden and disabled, so they are not sent; they keep what was typed
 * for when the box is unticked again (until the form is sent: what is not sent is not put back after a
 * refusal). Before the page's JavaScript has loaded they stay shown, and the server decides between
 * the box and what was typed. A field the server refused stays shown.
 */
export function CheckboxInsteadOf(props: {
  name: string;
  label: string;
  hint?: string;
  /** The names of the fields it stands in for. */
  fields: readonly string[];
  children: ReactNode;
}) {
  const { state } = useContext(FormContext);
  // After a refusal the box is as the person left it (CheckboxField draws it so too).
  const [ticked, setTicked] = useState(() => Boolean(state.values && state.lists?.[props.name]?.includes('on')));
  // False in the server's HTML and while hydrating, true once the page's JavaScript runs.
  const scripted = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const refused = props.fields.some((name) => errorFor(state, name));
  const hide = scripted && ticked && !refused;
  return (
    <>
      <CheckboxField name={props.name} label={props.label} hint={props.hint} onChange={setTicked} />
      <fieldset disabled={hide} hidden={hide} className="m-0 min-w-0 space-y-3 border-0 p-0">
        {props.children}
      </fieldset>
    </>
  );
}

/** A group of checkboxes sharing one name (e.g. the pathways of a new plan). */
export function CheckboxGroup(props: {
  name: string;
  legend: string;
  hint?: string;
  options: readonly { value: string; label: string; hint?: string }[];
  defaultValues?: readonly string[];
}) {
  const { prefix, state } = useContext(FormContext);
  const id = `${prefix}-${props.name}`;
  const error = errorFor(state, props.name);
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  // After a refusal the boxes are as the person left them, not as saved.
  const ticked = state.values ? (state.lists?.[props.name] ?? []) : (props.defaultValues ?? []);
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
      className={error ? 'border-l-4 border-nhs-red pl-3' : ''}
    >
      <legend className="font-bold">{props.legend}</legend>
      {props.hint && (
        <p id={hintId} className="text-nhs-grey-1 text-sm">
          {props.hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="font-bold text-nhs-red">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      )}
      <div className="mt-2 space-y-2">
        {props.options.map((o, i) => (
          <div key={o.value} className="flex items-start gap-2">
            <input
              id={`${id}-${i}`}
              type="checkbox"
              name={props.name}
              value={o.value}
              defaultChecked={ticked.includes(o.value)}
              className="mt-1 h-6 w-6 shrink-0 accent-nhs-blue"
            />
            <label htmlFor={`${id}-${i}`}>
              {o.label}
              {o.hint && <span className="block text-sm text-nhs-grey-1">{o.hint}</span>}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * One button that does one thing (tick off a job, delete a note, stop sharing), as a form that
 * works before the page's JavaScript has loaded. If it does not work, it says so beside the button
 * rather than failing in silence.
 */
interface ButtonFormProps {
  action: FormAction;
  hidden: Record<string, string>;
  buttonClassName: string;
  children: ReactNode;
  className?: string;
  /**
   * Ask first, for what cannot be undone (WCAG 3.3.4): the button opens a question with a button
   * that does it. A native disclosure, so it works with the keyboard and before JavaScript loads;
   * pressing the first button again closes it and nothing happens.
   */
  confirm?: { question: string; yes: string };
}

export function ButtonForm(props: ButtonFormProps) {
  const keep = useKeepOnFailure();
  return keep.wrap(<ButtonFormBody {...props} initial={unreachable(keep.failedWith)} onSent={keep.remember} />);
}

function ButtonFormBody(
  props: ButtonFormProps & { initial: FormState; onSent: (e: FormEvent<HTMLFormElement>) => void },
) {
  const [state, formAction, pending] = useActionState(props.action, props.initial);
  // The field's own sentence says most (e.g. "this person cannot see your plan now anyway").
  const problem = state.ok ? undefined : (state.errors?.[0]?.message ?? state.message);
  // A ticked-off job moves down its list, and moving a focused button drops the focus to the page:
  // put it back on the button (now "Not done yet: …"), so a keyboard or screen reader user stays put.
  const button = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  useEffect(() => {
    if (pending || !refocus.current) return;
    refocus.current = false;
    if (button.current && document.activeElement !== button.current) button.current.focus();
  }, [pending, state]);
  return (
    <form
      action={formAction}
      className={props.className ?? 'mt-2'}
      onSubmit={(e) => {
        refocus.current = !props.confirm && document.activeElement === button.current;
        props.onSent(e);
      }}
    >
      {Object.entries(props.hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {props.confirm ? (
        <details>
          <summary className={`${props.buttonClassName} cursor-pointer`}>{props.children}</summary>
          <p className="mt-2">{props.confirm.question}</p>
          <button
            type="submit"
            disabled={pending}
            className="mt-2 rounded bg-nhs-red px-4 py-2 font-bold text-white hover:bg-[#aa2016] disabled:opacity-60"
          >
            {props.confirm.yes}
          </button>
        </details>
      ) : (
        <button ref={button} type="submit" disabled={pending} className={`${props.buttonClassName} disabled:opacity-60`}>
          {props.children}
        </button>
      )}
      {problem ? (
        <p role="alert" className="mt-2 border-l-4 border-nhs-red pl-3 font-bold text-nhs-red">
          {problem}
        </p>
      ) : null}
    </form>
  );
}
