// The result a care plan form shows: what the server actions return to components/care-plan/forms.tsx.
// Plain data, so it crosses from a server action to the browser.

export interface FormState {
  ok: boolean;
  /** Shown in a status message (success) or at the top of the error summary. */
  message?: string;
  errors?: { path: string; message: string }[];
  /** What was typed, to put back after an error. */
  values?: Record<string, string>;
  /** Every value sent under each name (ticked checkboxes), to put back after an error. */
  lists?: Record<string, string[]>;
  /**
   * After a refusal: the revision the form was sent with (what its fields were drawn from), which it
   * keeps, so saving what was typed is refused again until the page is reloaded (components/care-plan/forms.tsx).
   */
  revision?: string;
  /** Changes on every submission, so fields remount with fresh values. */
  at?: number;
}

type UseCaseResult =
  { ok: true } | { ok: false; reason: string; message: string; errors?: { path: string; message: string }[] };

/** The hidden fields of the care team's forms: what the form is about, never what was typed. */
const HIDDEN = ['planId', 'op', 'id', 'revision'] as const;

/** What was typed, as strings (first value of each field), never the hidden ids the form carries. */
export function typedValues(form: FormData, hidden: readonly string[] = HIDDEN): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== 'string' || hidden.includes(key) || key.startsWith('$ACTION') || key in values) continue;
    values[key] = value;
  }
  return values;
}

/** Every value sent under each name, never the hidden ids the form carries. */
export function sentLists(form: FormData, hidden: readonly string[] = HIDDEN): Record<string, string[]> {
  const lists: Record<string, string[]> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== 'string' || hidden.includes(key) || key.startsWith('$ACTION')) continue;
    (lists[key] ??= []).push(value);
  }
  return lists;
}

/**
 * A refusal that is not about any one field (signed out, or the save failed) with everything the
 * person typed and ticked, so the form shows it again rather than the saved values.
 */
export function keepingInput(state: FormState, form: FormData, hidden?: readonly string[]): FormState {
  return {
    ...state,
    values: typedValues(form, hidden),
    lists: sentLists(form, hidden),
    ...sentRevision(form),
    at: Date.now(),
  };
}

/** The revision a form was sent with, if any. */
function sentRevision(form: FormData): { revision?: string } {
  const revision = form.get('revision');
  return typeof revision === 'string' ? { revision } : {};
}

/** A use case's result as form state: success with a message, or the errors and what was typed. */
export function toFormState(result: UseCaseResult, form: FormData, success: string): FormState {
  const at = Date.now();
  if (result.ok) return { ok: true, message: success, at };
  return {
    ok: false,
    message: result.message,
    errors: result.errors ?? [],
    values: typedValues(form),
    lists: sentLists(form),
    ...sentRevision(form),
    at,
  };
}
