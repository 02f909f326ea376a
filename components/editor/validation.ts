// Validation as you type (issue 4, "Inspector"): a field's new value is put into a candidate copy
// of the document, the candidate goes through parsePathway (the zod schema, the one source of
// truth), and the errors under that field's path are shown beside it. Only a value without errors
// is applied, as a command; an invalid value stays in the field, never lost.
import { parsePathway, type PathwayError } from '@/lib/pathway/validate';
import type { Pathway } from '@/lib/pathway/schema';

export type PathSegment = string | number;

/** A copy of `value` with the value at `path` replaced (or removed, for undefined). Shares everything else. */
export function setIn(value: unknown, path: readonly PathSegment[], next: unknown): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path as [PathSegment, ...PathSegment[]];
  if (typeof head === 'number') {
    const list = Array.isArray(value) ? value.slice() : [];
    list[head] = setIn(list[head], rest, next);
    return list;
  }
  const record = typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
  const inner = setIn(record[head], rest, next);
  if (inner === undefined) delete record[head];
  else record[head] = inner;
  return record;
}

/** "steps[3].gpWorkload.minutesPerPatient", as validate.ts writes paths. */
export function pathString(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  return out;
}

/** Errors of parsePathway at or under `path`. */
export function errorsAt(errors: readonly PathwayError[], path: string): PathwayError[] {
  return errors.filter((e) => e.path === path || e.path.startsWith(`${path}.`) || e.path.startsWith(`${path}[`));
}

/**
 * The message of a validation error, as it reads beside a field: without the "Step 3 (…):" prefix
 * (the field is already inside that step's panel) and with the field's label for its name.
 */
/** A number written with a decimal comma ("0,5"). */
const DECIMAL_COMMA = /^-?\d*,\d+$/;

export function fieldMessage(error: PathwayError, label: string): string {
  // Vocabulary errors list the allowed values as stored (enum names); people choose from a list of labels instead.
  if (error.allowed && error.code === 'missing') return `Choose ${label.charAt(0).toLowerCase()}${label.slice(1)}`;
  if (error.allowed && error.code === 'invalid_value') return `Choose one of the options for ${label.charAt(0).toLowerCase()}${label.slice(1)}`;
  let message = error.message.replace(/^(Step|Transition) \d+(?: \(.*?\))?: /, '').replace(/^(Metadata|The pathway|Layout): /, '');
  const leaf = error.field;
  if (leaf && message.startsWith(leaf)) message = label + message.slice(leaf.length);
  // "0,5" is how many people write a half; the schema only knows it is not a number.
  if (error.code === 'wrong_type' && typeof error.value === 'string' && DECIMAL_COMMA.test(error.value.trim())) {
    message = `${message} Use a full stop for decimals, for example ${error.value.trim().replace(',', '.')}.`;
  }
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/**
 * The part of the document a field's validity depends on, and the field's path inside it.
 *
 * parsePathway on a whole 500-step document costs a few milliseconds and a lot of garbage on every
 * keystroke, so a step's field is validated in a candidate document holding just that step, and a
 * transition's in one holding the transition and the steps it joins (so a route to a step that
 * does not exist is still an error). The schema stays the one judge; rules that need the whole
 * pathway (the routes out of a decision adding up to at most 1, the last entry or exit step) are
 * enforced by the command, whose message is shown beside the field just the same.
 */
export function validationScope(doc: Pathway, path: readonly PathSegment[], value: unknown): { doc: unknown; path: PathSegment[] } {
  const [top, index, ...rest] = path;
  if (top === 'steps' && typeof index === 'number') {
    const step = doc.steps[index];
    const scoped = { ...doc, steps: step ? [step] : [], transitions: [], layout: undefined };
    return { doc: scoped, path: ['steps', 0, ...rest] };
  }
  if (top === 'transitions' && typeof index === 'number') {
    const t = doc.transitions[index];
    const ends = new Set<unknown>([t?.from, t?.to]);
    if (rest[0] === 'from' || rest[0] === 'to') ends.add(value);
    const scoped = { ...doc, steps: doc.steps.filter((s) => ends.has(s.id)), transitions: t ? [t] : [], layout: undefined };
    return { doc: scoped, path: ['transitions', 0, ...rest] };
  }
  return { doc: { ...doc, steps: [], transitions: [], layout: undefined }, path: [...path] };
}

/**
 * Validate the document with `value` at `path`. Returns the messages for that field (empty when
 * the value is valid there). Errors elsewhere in the document do not block this field.
 */
export function validateField(doc: Pathway, path: readonly PathSegment[], value: unknown, label: string): string[] {
  const scope = validationScope(doc, path, value);
  const result = parsePathway(setIn(scope.doc, scope.path, value));
  if (result.ok) return [];
  return errorsAt(result.errors, pathString(scope.path)).map((e) => fieldMessage(e, label));
}

/**
 * A number typed as text: '' is absent, a well-formed number is that number, anything else stays
 * text so that the schema reports "should be a number" beside the field.
 */
export function numberFromText(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if (/^-?(\d+\.?\d*|\.\d+)$/.test(t)) {
    // 400 digits read as Infinity, which the schema would show as "the number Infinity": kept as the
    // text typed instead, so the person is told it is not a number.
    const n = Number(t);
    if (Number.isFinite(n)) return n;
  }
  return text;
}

/**
 * Validate a list field with `value` at `path`: errors by item index, and -1 for the list as a
 * whole. Empty map when valid.
 */
export function validateList(doc: Pathway, path: readonly PathSegment[], value: unknown, itemLabel: string): Map<number, string[]> {
  const scope = validationScope(doc, path, value);
  const result = parsePathway(setIn(scope.doc, scope.path, value));
  const out = new Map<number, string[]>();
  if (result.ok) return out;
  const base = pathString(scope.path);
  for (const e of errorsAt(result.errors, base)) {
    const m = /^\[(\d+)\]/.exec(e.path.slice(base.length));
    const index = m ? Number(m[1]) : -1;
    const list = out.get(index) ?? [];
    list.push(fieldMessage(e, e.field === 'type' ? 'Type' : itemLabel));
    out.set(index, list);
  }
  return out;
}

/** Validate an object field (e.g. the sponsor): errors grouped by the name of the inner field. */
export function validateGrouped(
  doc: Pathway,
  path: readonly PathSegment[],
  value: unknown,
  labels: Readonly<Record<string, string>>,
): Record<string, string[]> {
  const scope = validationScope(doc, path, value);
  const result = parsePathway(setIn(scope.doc, scope.path, value));
  const out: Record<string, string[]> = {};
  if (result.ok) return out;
  for (const e of errorsAt(result.errors, pathString(scope.path))) {
    const label = labels[e.field] ?? e.field;
    (out[e.field] ??= []).push(fieldMessage(e, label));
  }
  return out;
}
