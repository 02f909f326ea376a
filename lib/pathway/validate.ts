// Validation of a pathway document: the zod schema (shape and vocabularies) and the graph checks
// (unique ids, transitions that point at real steps, at least one entry and one exit).
// Cycles are allowed: care often loops back (review -> adjust treatment -> review).
//
// Every error names the path ("steps[3].sector"), the field, the bad value and, for vocabulary
// fields, the allowed values, with a message a person can act on.
import type { core } from 'zod';
import { visibleText } from '../text-limits';
import { PATHWAY_FORMAT, PathwaySchema, UNSTORABLE_REASON, defaultTransitionId, type Pathway } from './schema';

export type PathwayErrorCode =
  | 'invalid_json'
  | 'invalid_value'
  | 'missing'
  | 'wrong_type'
  | 'out_of_range'
  | 'invalid_format'
  | 'duplicate_step_id'
  | 'duplicate_transition_id'
  | 'id_clash'
  | 'unknown_step'
  | 'missing_entry'
  | 'missing_exit'
  | 'probabilities_over_one';

export interface PathwayError {
  /** Where the problem is, e.g. "steps[3].sector"; "" for the whole document. */
  path: string;
  /** The field at fault, e.g. "sector". */
  field: string;
  /** The value found there (undefined when missing). */
  value: unknown;
  /** The values that would be accepted, for vocabulary fields and references. */
  allowed?: string[];
  /** A sentence a person can read and act on. */
  message: string;
  code: PathwayErrorCode;
  /** 1-based line and column, for JSON syntax errors. */
  line?: number;
  column?: number;
}

export type ParseResult = { ok: true; pathway: Pathway } | { ok: false; errors: PathwayError[] };

/** ["steps", 3, "sector"] -> "steps[3].sector" */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

function fieldOf(path: readonly PropertyKey[]): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return '';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string')
    return `the text ${JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  if (Array.isArray(value)) return 'a list';
  return 'an object';
}

function quote(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : show(value);
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  date: 'a date',
};

/** "Step 4 ("s1", "Breathlessness raised with GP")" — the thing a path points into, in words. */
function describeOwner(input: unknown, path: readonly PropertyKey[]): string {
  const [top, index] = path;
  const root = isRecord(input) ? input : undefined;
  if ((top === 'steps' || top === 'transitions') && typeof index === 'number') {
    const list = root?.[top];
    const item = Array.isArray(list) ? list[index] : undefined;
    if (top === 'steps') {
      const bits: string[] = [];
      // visibleText: the title may be the very text being refused for a character that cannot be shown.
      if (isRecord(item) && typeof item.id === 'string') bits.push(`"${visibleText(item.id)}"`);
      if (isRecord(item) && typeof item.title === 'string') bits.push(`"${visibleText(item.title)}"`);
      return `Step ${index + 1}${bits.length ? ` (${bits.join(', ')})` : ''}`;
    }
    if (isRecord(item) && typeof item.from === 'string' && typeof item.to === 'string') {
      const idText = typeof item.id === 'string' ? `"${visibleText(item.id)}", ` : '';
      return `Transition ${index + 1} (${idText}${visibleText(item.from)} → ${visibleText(item.to)})`;
    }
    return `Transition ${index + 1}`;
  }
  if (top === 'metadata') return 'Metadata';
  if (top === 'layout') return 'Layout';
  return 'The pathway';
}

function valueAt(input: unknown, path: readonly PropertyKey[]): { present: boolean; value?: unknown } {
  let cur: unknown = input;
  for (const seg of path) {
    if (typeof seg === 'number' && Array.isArray(cur) && seg < cur.length) cur = cur[seg];
    else if (typeof seg === 'string' && isRecord(cur) && Object.prototype.hasOwnProperty.call(cur, seg)) cur = cur[seg];
    else return { present: false };
  }
  return { present: true, value: cur };
}

function issueToError(issue: core.$ZodIssue, input: unknown): PathwayError {
  const path = issue.path as PropertyKey[];
  const field = fieldOf(path) || 'document';
  const where = formatPath(path);
  const owner = path.length === 0 ? 'The pathway' : describeOwner(input, path);
  // The value as written in the document (zod reports it after trimming text).
  const found = valueAt(input, path);
  const value = found.present ? found.value : (issue as { input?: unknown }).input;
  const fieldWords =
    typeof path[path.length - 1] === 'number' ? `${field} item ${(path[path.length - 1] as number) + 1}` : field;

  switch (issue.code) {
    case 'invalid_value': {
      const allowed = issue.values.map((v) => String(v));
      if (field === 'format') {
        return {
          path: where,
          field,
          value,
          allowed,
          code: value === undefined ? 'missing' : 'invalid_value',
          message:
            value === undefined
              ? `The file has no "format" field. A Pathweave pathway starts with "format": "${PATHWAY_FORMAT}".`
              : `This file's format is ${quote(value)}, which Pathweave does not read. Expected "${PATHWAY_FORMAT}".`,
        };
      }
      if (value === undefined) {
        return {
          path: where,
          field,
          value,
          allowed,
          code: 'missing',
          message: `${owner}: ${fieldWords} is missing. Choose one of: ${allowed.join(', ')}.`,
        };
      }
      return {
        path: where,
        field,
        value,
        allowed,
        code: 'invalid_value',
        message: `${owner}: ${fieldWords} is ${quote(value)}, which is not an allowed value. Allowed values: ${allowed.join(', ')}.`,
      };
    }
    case 'invalid_type': {
      if (value === undefined) {
        return {
          path: where,
          field,
          value,
          code: 'missing',
          message:
            path.length === 0
              ? 'The file is empty: a pathway must be a JSON object.'
              : `${owner}: ${fieldWords} is missing (it is required).`,
        };
      }
      const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
      return {
        path: where,
        field,
        value,
        code: 'wrong_type',
        message:
          path.length === 0
            ? `A pathway must be a JSON object, but this is ${show(value)}.`
            : `${owner}: ${fieldWords} should be ${expected}, but it is ${show(value)}.`,
      };
    }
    case 'too_small':
    case 'too_big': {
      const isText = issue.origin === 'string';
      return {
        path: where,
        field,
        value,
        code: isText && issue.code === 'too_small' ? 'missing' : 'out_of_range',
        message:
          isText && issue.code === 'too_small'
            ? `${owner}: ${fieldWords} must not be empty.`
            : `${owner}: ${fieldWords} ${issue.message} (it is ${show(value)}).`,
      };
    }
    case 'invalid_format':
      return {
        path: where,
        field,
        value,
        code: 'invalid_format',
        message: `${owner}: ${fieldWords} ${issue.message} (it is ${show(value)}).`,
      };
    case 'custom':
      // A character PostgreSQL cannot store: the schema's message already says which, where and what to do.
      return {
        path: where,
        field,
        value,
        code: 'invalid_value',
        message:
          issue.params?.reason === UNSTORABLE_REASON
            ? `${owner}: ${fieldWords} ${issue.message}`
            : `${owner}: ${fieldWords} is not valid (${issue.message}).`,
      };
    case 'invalid_key': {
      // Only the layout is keyed by free text (step ids); its key is the last segment of the path.
      const key = String(path[path.length - 1]);
      const reason = issue.issues.find((i) => i.code === 'custom' && i.params?.reason === UNSTORABLE_REASON);
      return {
        path: formatPath([...path.slice(0, -1), visibleText(key)]),
        field: visibleText(key),
        value: key,
        code: 'invalid_value',
        message: reason
          ? `${owner}: the step id "${visibleText(key)}" ${reason.message}`
          : `${owner}: "${visibleText(key)}" is not a step id that can be used.`,
      };
    }
    default:
      return {
        path: where,
        field,
        value,
        code: 'invalid_value',
        message: `${owner}: ${fieldWords} is not valid (${issue.message}).`,
      };
  }
}

// ---------------------------------------------------------------------------------------------
// Graph checks. They run on the raw input too, so a document with a schema error still gets its
// duplicate ids and dangling references reported in the same pass.
// ---------------------------------------------------------------------------------------------

function graphErrors(input: unknown): PathwayError[] {
  if (!isRecord(input)) return [];
  const errors: PathwayError[] = [];
  const steps = Array.isArray(input.steps) ? input.steps : undefined;
  const transitions = Array.isArray(input.transitions) ? input.transitions : undefined;

  const stepIndexById = new Map<string, number>();
  const stepIds: string[] = [];
  let hasEntry = false;
  let hasExit = false;
  const kindById = new Map<string, unknown>();
  if (steps) {
    steps.forEach((step, i) => {
      if (!isRecord(step)) return;
      if (step.kind === 'entry') hasEntry = true;
      if (step.kind === 'exit') hasExit = true;
      if (typeof step.id !== 'string' || step.id === '') return;
      const first = stepIndexById.get(step.id);
      if (first !== undefined) {
        errors.push({
          path: `steps[${i}].id`,
          field: 'id',
          value: step.id,
          code: 'duplicate_step_id',
          message: `Step ${i + 1} has the id "${step.id}", which step ${first + 1} already uses. Each step needs its own id.`,
        });
        return;
      }
      stepIndexById.set(step.id, i);
      stepIds.push(step.id);
      kindById.set(step.id, step.kind);
    });
    if (!hasEntry) {
      errors.push({
        path: 'steps',
        field: 'kind',
        value: undefined,
        allowed: ['entry'],
        code: 'missing_entry',
        message: 'The pathway has no entry step. Mark the step where the person comes in with kind "entry".',
      });
    }
    if (!hasExit) {
      errors.push({
        path: 'steps',
        field: 'kind',
        value: undefined,
        allowed: ['exit'],
        code: 'missing_exit',
        message: 'The pathway has no exit step. Mark where the person leaves the pathway with kind "exit".',
      });
    }
  }

  if (transitions && steps) {
    const transitionIndexById = new Map<string, number>();
    const probabilitySum = new Map<string, { sum: number; last: number }>();
    transitions.forEach((t, i) => {
      if (!isRecord(t)) return;
      for (const end of ['from', 'to'] as const) {
        const ref = t[end];
        if (typeof ref === 'string' && ref !== '' && !stepIndexById.has(ref)) {
          errors.push({
            path: `transitions[${i}].${end}`,
            field: end,
            value: ref,
            allowed: stepIds,
            code: 'unknown_step',
            message: `Transition ${i + 1} ${end === 'from' ? 'starts at' : 'goes to'} step "${ref}", but no step has that id.`,
          });
        }
      }
      const given = typeof t.id === 'string' && t.id !== '';
      const tid = given
        ? (t.id as string)
        : typeof t.from === 'string' && typeof t.to === 'string'
          ? defaultTransitionId(t.from, t.to)
          : undefined;
      if (tid !== undefined) {
        const first = transitionIndexById.get(tid);
        if (first !== undefined) {
          errors.push({
            path: `transitions[${i}].id`,
            field: 'id',
            value: tid,
            code: 'duplicate_transition_id',
            message: given
              ? `Transition ${i + 1} has the id "${tid}", which transition ${first + 1} already uses. Each transition needs its own id.`
              : `Transitions ${first + 1} and ${i + 1} both go from "${t.from}" to "${t.to}" and so both get the id "${tid}". Give each of them its own "id".`,
          });
        } else {
          transitionIndexById.set(tid, i);
        }
        if (stepIndexById.has(tid)) {
          errors.push({
            path: `transitions[${i}].id`,
            field: 'id',
            value: tid,
            code: 'id_clash',
            message: `Transition ${i + 1} has the id "${tid}", which is also a step's id. Step and transition ids must differ so that findings point at one thing.`,
          });
        }
      }
      // Out-edges of a decision are alternatives: their probabilities must not add up to more than 1.
      if (typeof t.from === 'string' && kindById.get(t.from) === 'decision' && typeof t.probability === 'number') {
        const acc = probabilitySum.get(t.from) ?? { sum: 0, last: i };
        acc.sum += t.probability;
        acc.last = i;
        probabilitySum.set(t.from, acc);
      }
    });
    for (const [stepId, { sum, last }] of probabilitySum) {
      if (sum > 1 + 1e-9) {
        errors.push({
          path: `transitions[${last}].probability`,
          field: 'probability',
          value: Math.round(sum * 1000) / 1000,
          code: 'probabilities_over_one',
          message: `The routes out of decision "${stepId}" have probabilities adding up to ${Math.round(sum * 1000) / 1000}; they are alternatives, so together they can be at most 1.`,
        });
      }
    }
  }
  return errors;
}

/** Validate an already-parsed JSON value as a pathway document. */
export function parsePathway(input: unknown): ParseResult {
  const result = PathwaySchema.safeParse(input, { reportInput: true });
  const errors: PathwayError[] = [];
  if (!result.success) for (const issue of result.error.issues) errors.push(issueToError(issue, input));
  errors.push(...graphErrors(input));
  if (errors.length > 0 || !result.success) {
    return { ok: false, errors: dedupe(errors) };
  }
  return { ok: true, pathway: result.data };
}

function dedupe(errors: PathwayError[]): PathwayError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.path}|${e.code}|${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Parse JSON text and validate it as a pathway. Non-JSON gives one error with line and column. */
export function parsePathwayJson(text: string): ParseResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') {
    return {
      ok: false,
      errors: [
        {
          path: '',
          field: 'document',
          value: '',
          code: 'invalid_json',
          message: 'The file is empty: expected a pathway written as JSON.',
        },
      ],
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { ok: false, errors: [jsonSyntaxError(body)] };
  }
  return parsePathway(value);
}

/** Where a JSON text first goes wrong, as a PathwayError with line and column. */
export function jsonSyntaxError(text: string): PathwayError {
  const { offset, problem } = locateJsonError(text);
  const { line, column } = lineColumn(text, offset);
  return {
    path: '',
    field: 'document',
    value: undefined,
    code: 'invalid_json',
    line,
    column,
    message: `This is not valid JSON: ${problem} at line ${line}, column ${column}.`,
  };
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * A small JSON scanner used only after JSON.parse has failed, to say where and why.
 * (JSON.parse's own messages differ between engines and often omit the position.)
 */
export function locateJsonError(text: string): { offset: number; problem: string } {
  let i = 0;
  const n = text.length;
  class Stop {
    constructor(
      readonly offset: number,
      readonly problem: string,
    ) {}
  }
  const describeAt = (at: number) => (at >= n ? 'the file ends too early' : `unexpected ${JSON.stringify(text[at])}`);
  const ws = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const value = (): void => {
    ws();
    if (i >= n) throw new Stop(i, 'the file ends too early');
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    throw new Stop(i, c === "'" ? 'text must use double quotes (")' : describeAt(i));
  };
  const string = (): void => {
    const start = i;
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new Stop(i, 'a broken \\u escape in text');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else throw new Stop(i, 'a broken escape (\\) in text');
        continue;
      }
      if (c < 32) throw new Stop(i, 'a line break or control character inside text');
      i++;
    }
    throw new Stop(start, 'text that is never closed with "');
  };
  const number = (): void => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') throw new Stop(i, 'a malformed number');
    i += m[0].length;
  };
  const array = (): void => {
    i++;
    ws();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (;;) {
      value();
      ws();
      if (text[i] === ',') {
        i++;
        ws();
        if (text[i] === ']') throw new Stop(i, 'a comma before "]" (trailing commas are not allowed)');
        continue;
      }
      if (text[i] === ']') {
        i++;
        return;
      }
      throw new Stop(
        i,
        i >= n
          ? 'the file ends before the list is closed with "]"'
          : `expected "," or "]" but found ${JSON.stringify(text[i])}`,
      );
    }
  };
  const object = (): void => {
    i++;
    ws();
    if (text[i] === '}') {
      i++;
      return;
    }
    for (;;) {
      ws();
      if (text[i] !== '"')
        throw new Stop(
          i,
          i >= n
            ? 'the file ends too early'
            : `expected a field name in double quotes but found ${JSON.stringify(text[i])}`,
        );
      string();
      ws();
      if (text[i] !== ':')
        throw new Stop(
          i,
          i >= n ? 'the file ends too early' : `expected ":" after a field name but found ${JSON.stringify(text[i])}`,
        );
      i++;
      value();
      ws();
      if (text[i] === ',') {
        i++;
        ws();
        if (text[i] === '}') throw new Stop(i, 'a comma before "}" (trailing commas are not allowed)');
        continue;
      }
      if (text[i] === '}') {
        i++;
        return;
      }
      throw new Stop(
        i,
        i >= n
          ? 'the file ends before the object is closed with "}"'
          : `expected "," or "}" but found ${JSON.stringify(text[i])}`,
      );
    }
  };
  try {
    value();
    ws();
    if (i < n) return { offset: i, problem: `unexpected ${JSON.stringify(text[i])} after the end of the document` };
    return { offset: 0, problem: 'the text could not be read' };
  } catch (e) {
    if (e instanceof Stop) return { offset: e.offset, problem: e.problem };
    return { offset: 0, problem: 'the text could not be read' };
  }
}

/** Errors as lines of text, for the command line and logs. */
export function formatPathwayErrors(errors: readonly PathwayError[]): string {
  return errors.map((e) => (e.path ? `- ${e.path}: ${e.message}` : `- ${e.message}`)).join('\n');
}
