// The live pathway as a Yjs document (issue 5 "Shared document").
//
// Shape (format v1 of pathway-format.md, one Y.Map per thing that people edit at once):
//   ydoc.getMap('pathway')      title, summary, conditions, population, and "metadata.<field>"
//   ydoc.getMap('steps')        step id -> Y.Map of that step's fields, one key per field, flags
//                               flattened as "flags.<flag>", plus `order` (a number) and the
//                               bookkeeping keys `deleted`, `wasEntry` and `wasExit` (see below)
//   ydoc.getMap('transitions')  transition id -> Y.Map of its fields, plus `order`
//   ydoc.getMap('layout')       step id -> { x, y }
// One field edit writes one key, so two people changing different fields of one step both keep
// their change; two people changing the same field: the last writer (Yjs' order) wins.
//
// Every edit goes through the one command module (lib/pathway/commands.ts, style.md): the command
// runs on the pathway derived from the Y.Doc (so it validates exactly as in the single-user
// editor), and only the fields it changed are written back, in one transaction.
//
// Reading (`yDocToPathway`) always derives a VALID pathway (parsePathway accepts it), whatever
// mix of concurrent edits the Y.Doc holds. The rules, all deterministic functions of the Y.Doc so
// every replica derives the same pathway:
// - A transition whose `from` or `to` step is missing or deleted is left out. So a concurrent
//   "delete step" and "connect to that step" never yields a dangling transition (the transition
//   stays in the Y.Doc and reappears if the step is restored by undo).
// - Deleting a step marks it `deleted` rather than removing it (a tombstone). When concurrent
//   edits leave no entry (or no exit) step, e.g. two people each delete one of two entries, the
//   pathway keeps one: first a live step that once was an entry (`wasEntry`, set when its kind
//   changed away from entry) unless it is the only exit, else a deleted step that was an entry,
//   the smallest id first; it is shown as an entry. The single-user rule ("a pathway needs an
//   entry and an exit", commands.ts) thus holds for the room too. The seeded steps can never leave
//   the Y.Doc (only tombstones), so a candidate always exists.
// - When the routes out of a decision add up to more than 1 after concurrent edits, the later
//   routes (in transition order) are shown without a probability until someone sets them again.
// - Steps sort by (`order`, id) and transitions likewise; concurrent adds get the same order and
//   the id breaks the tie.
// - A field holding a value the schema refuses (only a hand-crafted update can write one) is
//   dropped if optional, and a step missing a required field is left out.
// - Text is read without the characters PostgreSQL cannot store (see `storable` below).
//
// New step and transition ids carry the writer's Yjs client id ("s14-k2x9a"), so two people
// adding a step at the same moment never get the same id (commands.ts's "next free sN" would
// hand both of them "s14", and one step would overwrite the other).
import * as Y from 'yjs';
import { applyCommand, CommandError, type Command } from '@/lib/pathway/commands';
import {
  MetadataSchema,
  PATHWAY_FORMAT,
  PathwaySchema,
  STEP_FLAGS,
  StepSchema,
  TransitionSchema,
  type LayoutPosition,
  type Metadata,
  type Pathway,
  type Step,
  type StepKind,
  type Transition,
} from '@/lib/pathway/schema';
import { toStorableText } from '@/lib/text-limits';

export const ROOT_MAP = 'pathway';
export const STEPS_MAP = 'steps';
export const TRANSITIONS_MAP = 'transitions';
export const LAYOUT_MAP = 'layout';

/** Written into the root map so a later representation can tell this one apart. */
export const COLLAB_SCHEMA_VERSION = 1;
const SCHEMA_KEY = 'collabSchema';

const ORDER = 'order';
const DELETED = 'deleted';
const WAS: Readonly<Record<'entry' | 'exit', string>> = { entry: 'wasEntry', exit: 'wasExit' };
const FLAG_PREFIX = 'flags.';
const META_PREFIX = 'metadata.';

/** Step fields stored one per key (flags are flattened separately). From the schema, so added fields follow. */
const STEP_KEYS: readonly string[] = Object.keys(StepSchema.shape).filter((k) => k !== 'flags');
const REQUIRED_STEP_KEYS = ['kind', 'title', 'sector', 'setting', 'leadRole'] as const;
const LIST_STEP_KEYS: ReadonlySet<string> = new Set(['roles', 'channels', 'adaptations', 'outcomeMeasures']);
const TRANSITION_KEYS = ['id', 'from', 'to', 'label', 'information', 'targetDays', 'probability'] as const;
const REQUIRED_TRANSITION_KEYS = ['from', 'to', 'information'] as const;
/**
 * The required fields as they were when the step or transition was made, never overwritten. Undo
 * in Yjs can leave a map key empty (undoing my write of a field that someone else wrote at the
 * same moment, when mine had won); reading then falls back to these, deterministically.
 */
const BASE = 'base';
/** Pathway-level fields kept in the root map (steps, transitions and layout have maps of their own). */
const PATHWAY_KEYS = ['title', 'summary', 'conditions', 'population'] as const;
const METADATA_KEYS: readonly string[] = Object.keys(MetadataSchema.shape);

export const UNTITLED = 'Untitled pathway';

type YStep = Y.Map<unknown>;

function roots(ydoc: Y.Doc) {
  return {
    root: ydoc.getMap<unknown>(ROOT_MAP),
    steps: ydoc.getMap<unknown>(STEPS_MAP),
    transitions: ydoc.getMap<unknown>(TRANSITIONS_MAP),
    layout: ydoc.getMap<unknown>(LAYOUT_MAP),
  };
}

/** The shared types an UndoManager or an observer should watch. */
export function pathwayTypes(ydoc: Y.Doc): Y.AbstractType<unknown>[] {
  const r = roots(ydoc);
  return [r.root, r.steps, r.transitions, r.layout] as Y.AbstractType<unknown>[];
}

/** True when nothing has been written yet (the server seeds such a document from the working copy). */
export function isPathwayYDocEmpty(ydoc: Y.Doc): boolean {
  const r = roots(ydoc);
  return r.root.size === 0 && r.steps.size === 0 && r.transitions.size === 0 && r.layout.size === 0;
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

/** JSON with object keys sorted, for comparing values whatever their key order. */
function canonical(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`)
    .join(',')}}`;
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return canonical(a) === canonical(b);
}

/** A copy for storing: Yjs keeps references to stored objects, and pathways are shared immutably. */
function copy<T>(value: T): T {
  return value !== null && typeof value === 'object' ? (JSON.parse(JSON.stringify(value)) as T) : value;
}

function isYMap(value: unknown): value is YStep {
  return value instanceof Y.Map;
}

function finiteNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

// ---------------------------------------------------------------------------------------------
// Flattening a pathway into map entries
// ---------------------------------------------------------------------------------------------

function stepEntries(step: Step): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const record = step as unknown as Record<string, unknown>;
  for (const key of STEP_KEYS) if (record[key] !== undefined) out.set(key, record[key]);
  for (const flag of STEP_FLAGS) out.set(FLAG_PREFIX + flag, step.flags[flag] === true);
  return out;
}

function transitionEntries(t: Transition): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const record = t as unknown as Record<string, unknown>;
  for (const key of TRANSITION_KEYS) if (record[key] !== undefined) out.set(key, record[key]);
  return out;
}

function pathwayEntries(doc: Pathway): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const record = doc as unknown as Record<string, unknown>;
  for (const key of PATHWAY_KEYS) if (record[key] !== undefined) out.set(key, record[key]);
  const meta = (doc.metadata ?? {}) as Record<string, unknown>;
  for (const key of METADATA_KEYS) if (meta[key] !== undefined) out.set(META_PREFIX + key, meta[key]);
  return out;
}

/**
 * Write into a Y.Map what differs between two entry sets, key by key: only keys whose value the
 * edit changed are written, so concurrent edits to other keys survive. With `before` null, the map
 * is made to hold exactly `next` (bookkeeping keys aside), writing only keys that differ.
 */
function writeEntries(target: Y.Map<unknown>, before: Map<string, unknown> | null, next: Map<string, unknown>, keep: ReadonlySet<string> = new Set()): void {
  if (before) {
    for (const key of before.keys()) if (!next.has(key) && target.has(key)) target.delete(key);
    for (const [key, value] of next) {
      if (before.has(key) && same(before.get(key), value)) continue;
      target.set(key, copy(value));
    }
    return;
  }
  for (const key of [...target.keys()]) if (!next.has(key) && !keep.has(key)) target.delete(key);
  for (const [key, value] of next) {
    if (target.has(key) && same(target.get(key), value)) continue;
    target.set(key, copy(value));
  }
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

function highestOrder(map: Y.Map<unknown>): number {
  let max = -1;
  for (const value of map.values()) {
    if (!isYMap(value)) continue;
    const order = finiteNumber(value.get(ORDER));
    if (order !== undefined && order > max) max = order;
  }
  return max;
}

function orderOf(map: Y.Map<unknown>, id: string): number | undefined {
  const item = map.get(id);
  return isYMap(item) ? finiteNumber(item.get(ORDER)) : undefined;
}

/**
 * Make the (order, id) sort of `ids` give exactly this sequence, writing as few `order` keys as it
 * can: new items go after everything (max + 1, + 2…); if the sequence still does not sort, every
 * item whose order differs from its index is rewritten (a swap writes two keys).
 */
function writeOrder(map: Y.Map<unknown>, ids: readonly string[]): void {
  let next: number | undefined;
  const orders: number[] = [];
  const fresh: string[] = [];
  for (const id of ids) {
    let order = orderOf(map, id);
    if (order === undefined) {
      next ??= highestOrder(map) + 1;
      order = next++;
      fresh.push(id);
    }
    orders.push(order);
  }
  let sorted = true;
  for (let i = 1; i < ids.length; i++) {
    const a = orders[i - 1] as number;
    const b = orders[i] as number;
    if (a > b || (a === b && (ids[i - 1] as string) >= (ids[i] as string))) {
      sorted = false;
      break;
    }
  }
  if (sorted) {
    ids.forEach((id, i) => {
      if (fresh.includes(id)) (map.get(id) as YStep).set(ORDER, orders[i]);
    });
    return;
  }
  ids.forEach((id, i) => {
    const item = map.get(id) as YStep;
    if (item.get(ORDER) !== i) item.set(ORDER, i);
  });
}

function newYMap(entries: Map<string, unknown>, required: readonly string[]): YStep {
  const m = new Y.Map<unknown>();
  for (const [k, v] of entries) m.set(k, copy(v));
  m.set(BASE, baseOf(entries, required));
  return m;
}

function baseOf(entries: Map<string, unknown>, required: readonly string[]): Record<string, unknown> {
  const base: Record<string, unknown> = {};
  for (const key of required) base[key] = copy(entries.get(key));
  return base;
}

/**
 * Write into the Y.Doc what changed from `before` to `next` (both pathways; `before` null means
 * the Y.Doc is to take all of `next`). Call inside a transaction. Objects that are identical in
 * both (commands keep unchanged steps' identity) are skipped without comparing.
 */
function writeDelta(ydoc: Y.Doc, before: Pathway | null, next: Pathway): void {
  const r = roots(ydoc);
  if (r.root.get('format') !== PATHWAY_FORMAT) r.root.set('format', PATHWAY_FORMAT);
  if (r.root.get(SCHEMA_KEY) !== COLLAB_SCHEMA_VERSION) r.root.set(SCHEMA_KEY, COLLAB_SCHEMA_VERSION);

  // Pathway fields and metadata.
  if (!before || before.title !== next.title || before.summary !== next.summary || before.conditions !== next.conditions || before.population !== next.population || before.metadata !== next.metadata) {
    writeEntries(r.root, before ? pathwayEntries(before) : null, pathwayEntries(next), new Set(['format', SCHEMA_KEY]));
  }

  // Steps.
  if (!before || before.steps !== next.steps) {
    const old = new Map((before?.steps ?? []).map((s) => [s.id, s]));
    for (const step of next.steps) {
      const prev = old.get(step.id);
      if (prev === step) continue;
      const existing = r.steps.get(step.id);
      if (!prev || !isYMap(existing)) {
        if (isYMap(existing)) {
          // A tombstoned step of that id comes back (undo of a replace, an import): reuse its map.
          const entries = stepEntries(step);
          writeEntries(existing, null, entries, new Set([ORDER, BASE]));
          existing.set(BASE, baseOf(entries, REQUIRED_STEP_KEYS));
        } else {
          r.steps.set(step.id, newYMap(stepEntries(step), REQUIRED_STEP_KEYS));
        }
        continue;
      }
      if (prev.kind !== step.kind && (prev.kind === 'entry' || prev.kind === 'exit') && existing.get(WAS[prev.kind]) !== true) {
        existing.set(WAS[prev.kind], true);
      }
      writeEntries(existing, stepEntries(prev), stepEntries(step));
    }
    const kept = new Set(next.steps.map((s) => s.id));
    for (const id of old.keys()) {
      if (kept.has(id)) continue;
      const existing = r.steps.get(id);
      if (isYMap(existing)) existing.set(DELETED, true);
    }
    writeOrder(r.steps, next.steps.map((s) => s.id));
  }

  // Transitions: removed ones are deleted outright (nothing needs their tombstone).
  if (!before || before.transitions !== next.transitions) {
    const old = new Map((before?.transitions ?? []).map((t) => [t.id, t]));
    for (const t of next.transitions) {
      const prev = old.get(t.id);
      if (prev === t) continue;
      const existing = r.transitions.get(t.id);
      if (!prev || !isYMap(existing)) {
        r.transitions.set(t.id, newYMap(transitionEntries(t), REQUIRED_TRANSITION_KEYS));
        continue;
      }
      writeEntries(existing, transitionEntries(prev), transitionEntries(t));
    }
    const kept = new Set(next.transitions.map((t) => t.id));
    for (const id of old.keys()) if (!kept.has(id)) r.transitions.delete(id);
    writeOrder(r.transitions, next.transitions.map((t) => t.id));
  }

  // Layout, position by position.
  if (!before || before.layout !== next.layout) {
    const oldLayout = before?.layout ?? {};
    const newLayout = next.layout ?? {};
    for (const id of Object.keys(oldLayout)) if (!(id in newLayout)) r.layout.delete(id);
    for (const [id, p] of Object.entries(newLayout)) {
      const prev = before ? oldLayout[id] : (r.layout.get(id) as LayoutPosition | undefined);
      if (prev && prev.x === p.x && prev.y === p.y && r.layout.has(id)) continue;
      r.layout.set(id, { x: p.x, y: p.y });
    }
  }
}

/**
 * Put a whole pathway into a Y.Doc, in one transaction: into an empty one (seeding a live document
 * from the stored working copy), or over an existing one, writing only what differs.
 */
export function pathwayToYDoc(doc: Pathway, ydoc: Y.Doc, origin: unknown = null): void {
  ydoc.transact(() => {
    writeDelta(ydoc, isPathwayYDocEmpty(ydoc) ? null : yDocToPathway(ydoc), doc);
  }, origin);
}

/**
 * Write into the Y.Doc what changed from `before` to `after` (a three-way merge: fields that
 * `after` does not change from `before` keep whatever the live document holds). Used to merge a
 * save of the working copy made outside the live document.
 */
export function applyPathwayChange(ydoc: Y.Doc, before: Pathway, after: Pathway, origin: unknown = null): void {
  ydoc.transact(() => writeDelta(ydoc, before, after), origin);
}

/** JSON with sorted keys: equal for equal pathways whatever their key order (e.g. from jsonb). */
export function canonicalJson(value: unknown): string {
  return canonical(value);
}

// ---------------------------------------------------------------------------------------------
// Ids
// ---------------------------------------------------------------------------------------------

/** The writer's tag in new ids: its Yjs client id in base 36. */
export function clientTag(ydoc: Y.Doc): string {
  return ydoc.clientID.toString(36);
}

/**
 * A new id no replica will also make: "<prefix><n>-<client tag>", n one more than the highest in
 * use. Steps and transitions share one id space (validate.ts: their ids must differ).
 */
export function newCollabId(ydoc: Y.Doc, prefix: 's' | 't', alsoTaken: ReadonlySet<string> = new Set()): string {
  const r = roots(ydoc);
  const pattern = new RegExp(`^${prefix}(\\d+)(?:-[a-z0-9]+)?$`);
  let max = 0;
  const consider = (id: string) => {
    const m = pattern.exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  };
  for (const id of r.steps.keys()) consider(id);
  for (const id of r.transitions.keys()) consider(id);
  for (const id of alsoTaken) consider(id);
  const tag = clientTag(ydoc);
  let n = max + 1;
  const taken = (id: string) => r.steps.has(id) || r.transitions.has(id) || alsoTaken.has(id);
  while (taken(`${prefix}${n}-${tag}`)) n++;
  return `${prefix}${n}-${tag}`;
}

/** Fill in the ids a command would create (also inside batches) with ids unique across replicas. */
export function withCollabIds(ydoc: Y.Doc, command: Command, used: Set<string> = new Set()): Command {
  switch (command.type) {
    case 'addStep': {
      if (command.input.id !== undefined) return command;
      const id = newCollabId(ydoc, 's', used);
      used.add(id);
      return { ...command, input: { ...command.input, id } };
    }
    case 'connect': {
      if (command.input?.id !== undefined) return command;
      const id = newCollabId(ydoc, 't', used);
      used.add(id);
      return { ...command, input: { ...command.input, id } };
    }
    case 'batch':
      return { ...command, commands: command.commands.map((c) => withCollabIds(ydoc, c, used)) };
    default:
      return command;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

interface RawStep {
  id: string;
  map: YStep;
  step: Step;
  order: number;
  deleted: boolean;
  /** Was once an entry / an exit (kept when its kind changed away, for the entry and exit rule). */
  was: ReadonlySet<StepKind>;
}

const FIELD_SCHEMAS: Readonly<Record<string, { safeParse(v: unknown): { success: boolean } }>> = {
  ...(StepSchema.shape as unknown as Record<string, { safeParse(v: unknown): { success: boolean } }>),
  from: StepSchema.shape.id,
  to: StepSchema.shape.id,
  information: TransitionSchema.in.shape.information,
};

/** Ids and references to them: they must match exactly, so they are never repaired (see `storable`). */
const REFERENCE_KEYS: ReadonlySet<string> = new Set(['id', 'from', 'to']);

/**
 * A value read from the shared document, with NUL removed and half a surrogate pair made � in its
 * text (lib/text-limits.ts toStorableText). The schema refuses both, because PostgreSQL cannot store
 * them, and the commands never write them; but an old or hand-crafted client can. Refusing the
 * field here would throw away the person's edit (a title falls back to the one the step was made
 * with), and letting it through would make every write-back of the room's pathway fail. Stripping
 * instead keeps the text and is deterministic, so every replica derives the same pathway: a lone
 * surrogate is already � in every other replica, since Yjs sends text as UTF-8.
 * References (REFERENCE_KEYS) are left as they are, for the schema to refuse: "s1\u0000" stripped
 * would point at step "s1", which is not what was written.
 */
function storable(key: string, value: unknown): unknown {
  if (REFERENCE_KEYS.has(key)) return value;
  return storableValue(value);
}

function storableValue(value: unknown): unknown {
  if (typeof value === 'string') return toStorableText(value);
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    value.forEach((item, i) => {
      const next = storableValue(item);
      if (next !== item) (out ??= [...value])[i] = next;
    });
    return out ?? value;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
    let out: Record<string, unknown> | undefined;
    for (const [k, item] of Object.entries(value)) {
      const next = storableValue(item);
      if (next !== item) (out ??= { ...(value as Record<string, unknown>) })[k] = next;
    }
    return out ?? value;
  }
  return value;
}

/**
 * A required field that is missing or holds a value the schema refuses (see BASE; only a
 * hand-crafted update can write one) takes the value it had when the thing was made.
 */
function fillFromBase(candidate: Record<string, unknown>, map: YStep, required: readonly string[]): void {
  const base = map.get(BASE);
  if (base === null || typeof base !== 'object') return;
  for (const key of required) {
    if (candidate[key] !== undefined && FIELD_SCHEMAS[key]?.safeParse(candidate[key]).success !== false) continue;
    const value = (base as Record<string, unknown>)[key];
    if (value !== undefined) candidate[key] = storable(key, value);
  }
}

/** Parse one step's map; drop optional fields the schema refuses; null if still not a step. */
function readStep(id: string, map: YStep): Step | null {
  const candidate: Record<string, unknown> = {};
  const flags: Record<string, unknown> = {};
  for (const [key, value] of map.entries()) {
    if (key.startsWith(FLAG_PREFIX)) flags[key.slice(FLAG_PREFIX.length)] = value;
    else if (STEP_KEYS.includes(key)) candidate[key] = storable(key, value);
  }
  candidate.flags = flags;
  candidate.id = id;
  fillFromBase(candidate, map, REQUIRED_STEP_KEYS);
  for (let attempt = 0; attempt < 3; attempt++) {
    const parsed = StepSchema.safeParse(candidate);
    if (parsed.success) return parsed.data;
    let repaired = false;
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      if (typeof key !== 'string' || key === 'id' || (REQUIRED_STEP_KEYS as readonly string[]).includes(key)) continue;
      if (key === 'flags') {
        const flag = issue.path[1];
        if (typeof flag === 'string') delete flags[flag];
        else candidate.flags = {};
      } else if (LIST_STEP_KEYS.has(key)) candidate[key] = [];
      else delete candidate[key];
      repaired = true;
    }
    if (!repaired) return null;
  }
  return null;
}

function readTransition(id: string, map: YStep): Transition | null {
  const candidate: Record<string, unknown> = {};
  for (const key of TRANSITION_KEYS) {
    const value = map.get(key);
    if (value !== undefined) candidate[key] = storable(key, value);
  }
  candidate.id = id;
  fillFromBase(candidate, map, REQUIRED_TRANSITION_KEYS);
  for (let attempt = 0; attempt < 3; attempt++) {
    const parsed = TransitionSchema.safeParse(candidate);
    if (parsed.success) return parsed.data;
    let repaired = false;
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      if (typeof key !== 'string' || key === 'id' || (REQUIRED_TRANSITION_KEYS as readonly string[]).includes(key)) continue;
      delete candidate[key];
      repaired = true;
    }
    if (!repaired) return null;
  }
  return null;
}

const TitleSchema = PathwaySchema.shape.title;
const ConditionSchema = StepSchema.shape.title;

function readPathwayFields(root: Y.Map<unknown>): Pick<Pathway, 'title' | 'summary' | 'conditions' | 'population' | 'metadata'> {
  const title = TitleSchema.safeParse(storableValue(root.get('title')));
  const summary = storableValue(root.get('summary'));
  const population = storableValue(root.get('population'));
  const conditionsRaw = storableValue(root.get('conditions'));
  const conditions = Array.isArray(conditionsRaw)
    ? conditionsRaw.map((c) => ConditionSchema.safeParse(c)).flatMap((c) => (c.success ? [c.data] : []))
    : [];
  const meta: Record<string, unknown> = {};
  const shape = MetadataSchema.shape as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }>;
  for (const key of METADATA_KEYS) {
    const value = storableValue(root.get(META_PREFIX + key));
    if (value === undefined) continue;
    const parsed = shape[key]?.safeParse(value);
    if (parsed?.success) meta[key] = parsed.data;
  }
  const metadata = MetadataSchema.parse(meta) as Metadata;
  const out: Pick<Pathway, 'title' | 'summary' | 'conditions' | 'population' | 'metadata'> = {
    title: title.success ? title.data : UNTITLED,
    conditions,
    metadata,
  };
  if (typeof summary === 'string') out.summary = summary;
  if (typeof population === 'string') out.population = population;
  return out;
}

function byOrder<T extends { id: string; order: number }>(a: T, b: T): number {
  return a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Caches what was parsed per step and transition map, so deriving after an edit re-parses only
 * what the edit touched and unchanged steps keep their object identity (memoised canvas nodes
 * of other steps do not re-render). Create one per Y.Doc with `createPathwayReader`.
 */
export interface PathwayReader {
  read(): Pathway;
  destroy(): void;
}

interface Cache {
  steps: WeakMap<YStep, RawStep | null>;
  transitions: WeakMap<YStep, { t: Transition; order: number } | null>;
  fields?: ReturnType<typeof readPathwayFields>;
}

function readRawStep(id: string, map: YStep): RawStep | null {
  const step = readStep(id, map);
  if (!step) return null;
  const was = new Set<StepKind>();
  if (map.get(WAS.entry) === true) was.add('entry');
  if (map.get(WAS.exit) === true) was.add('exit');
  return {
    id,
    map,
    step,
    order: finiteNumber(map.get(ORDER)) ?? Number.MAX_SAFE_INTEGER,
    deleted: map.get(DELETED) === true,
    was,
  };
}

function derive(ydoc: Y.Doc, cache?: Cache): Pathway {
  const r = roots(ydoc);
  const raw: RawStep[] = [];
  for (const [id, value] of r.steps.entries()) {
    if (!isYMap(value)) continue;
    let entry = cache?.steps.get(value);
    if (entry === undefined) {
      entry = readRawStep(id, value);
      cache?.steps.set(value, entry);
    }
    if (entry) raw.push(entry);
  }
  raw.sort(byOrder);

  const live = raw.filter((s) => !s.deleted);
  const shown = new Map<string, Step>(live.map((s) => [s.id, s.step]));
  const revived = new Set<string>();
  const byId = (a: RawStep, b: RawStep) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  for (const kind of ['entry', 'exit'] as const) {
    const shownKinds = [...shown.values()].map((s) => s.kind);
    if (shownKinds.includes(kind)) continue;
    const other = kind === 'entry' ? 'exit' : 'entry';
    const onlyOther = shownKinds.filter((k) => k === other).length === 1;
    const retyped = live.filter((s) => s.was.has(kind) && !(onlyOther && shown.get(s.id)?.kind === other)).sort(byId)[0];
    if (retyped) {
      shown.set(retyped.id, { ...(shown.get(retyped.id) as Step), kind });
      continue;
    }
    const deleted = raw.filter((s) => s.deleted && !revived.has(s.id) && (s.step.kind === kind || s.was.has(kind))).sort(byId)[0];
    if (deleted) {
      shown.set(deleted.id, deleted.step.kind === kind ? deleted.step : { ...deleted.step, kind });
      revived.add(deleted.id);
    }
  }
  const steps = raw.filter((s) => !s.deleted || revived.has(s.id)).map((s) => shown.get(s.id) as Step);
  const stepIds = new Set(steps.map((s) => s.id));

  const rawTransitions: { id: string; order: number; t: Transition }[] = [];
  for (const [id, value] of r.transitions.entries()) {
    if (!isYMap(value)) continue;
    let entry = cache?.transitions.get(value);
    if (entry === undefined) {
      const t = readTransition(id, value);
      entry = t ? { t, order: finiteNumber(value.get(ORDER)) ?? Number.MAX_SAFE_INTEGER } : null;
      cache?.transitions.set(value, entry);
    }
    if (!entry) continue;
    const { t, order } = entry;
    if (!stepIds.has(t.from) || !stepIds.has(t.to) || stepIds.has(t.id)) continue;
    rawTransitions.push({ id, order, t });
  }
  rawTransitions.sort(byOrder);

  // The routes out of a decision are alternatives: keep probabilities while they add up to at most 1.
  const decisions = new Set(steps.filter((s) => s.kind === 'decision').map((s) => s.id));
  const sums = new Map<string, number>();
  const transitions = rawTransitions.map(({ t }) => {
    if (typeof t.probability !== 'number' || !decisions.has(t.from)) return t;
    const sum = (sums.get(t.from) ?? 0) + t.probability;
    if (sum > 1 + 1e-9) {
      const { probability: _dropped, ...rest } = t;
      return rest as Transition;
    }
    sums.set(t.from, sum);
    return t;
  });

  // In step order, so every replica derives the same object, key order included (a Y.Map's own
  // iteration order is the order its keys arrived locally).
  let layout: Pathway['layout'];
  for (const { id } of steps) {
    const value = r.layout.get(id);
    if (value === null || typeof value !== 'object') continue;
    const x = finiteNumber((value as { x?: unknown }).x);
    const y = finiteNumber((value as { y?: unknown }).y);
    if (x === undefined || y === undefined) continue;
    layout ??= {};
    layout[id] = { x, y };
  }

  let fields = cache?.fields;
  if (!fields) {
    fields = readPathwayFields(r.root);
    if (cache) cache.fields = fields;
  }
  const doc: Pathway = { format: PATHWAY_FORMAT, ...fields, steps, transitions };
  if (layout) doc.layout = layout;
  return doc;
}

/** The pathway the Y.Doc holds now: always valid (see the rules at the top of this file). */
export function yDocToPathway(ydoc: Y.Doc): Pathway {
  return derive(ydoc);
}

/**
 * A reader that re-derives only after a change, re-parsing only the step and transition maps a
 * transaction touched; `read()` returns the same object while nothing changed.
 */
export function createPathwayReader(ydoc: Y.Doc): PathwayReader {
  const cache: Cache = { steps: new WeakMap(), transitions: new WeakMap() };
  const root = roots(ydoc).root;
  let current: Pathway | null = null;
  const onTransaction = (tr: Y.Transaction) => {
    if (tr.changed.size === 0) return;
    current = null;
    for (const type of tr.changed.keys()) {
      if ((type as unknown) === root) delete cache.fields;
      if (type instanceof Y.Map) {
        cache.steps.delete(type as YStep);
        cache.transitions.delete(type as YStep);
      }
    }
  };
  ydoc.on('afterTransaction', onTransaction);
  return {
    read() {
      if (!current) current = derive(ydoc, cache);
      return current;
    },
    destroy() {
      ydoc.off('afterTransaction', onTransaction);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

export interface YCommandResult {
  /** The pathway before and after, as derived from the Y.Doc. */
  before: Pathway;
  after: Pathway;
  /** The command as applied, with the ids it created filled in (send and record this form). */
  command: Command;
  changed: boolean;
}

/**
 * Apply one command of lib/pathway/commands.ts to the Y.Doc, in one transaction with `origin`
 * (the local origin an UndoManager tracks). The command is checked exactly as in the single-user
 * editor: a CommandError is thrown and nothing is written when it cannot apply. Only the fields
 * the command changed are written.
 */
export function applyCommandToYDoc(
  ydoc: Y.Doc,
  command: Command,
  origin: unknown,
  reader?: PathwayReader,
): YCommandResult {
  const full = withCollabIds(ydoc, command);
  const before = reader ? reader.read() : yDocToPathway(ydoc);
  const next = applyCommand(before, full);
  if (next === before) return { before, after: before, command: full, changed: false };
  ydoc.transact(() => writeDelta(ydoc, before, next), origin);
  const after = reader ? reader.read() : yDocToPathway(ydoc);
  return { before, after, command: full, changed: true };
}

export { CommandError };

// ---------------------------------------------------------------------------------------------
// Undo of one's own edits
// ---------------------------------------------------------------------------------------------

/**
 * An UndoManager that undoes only the edits made with `localOrigin` (never other people's).
 * Captures never merge by time: the caller ends each undo step with `stopCapturing()` (the
 * collaborative session does so for every command except a run of typing into one field, as
 * history.ts does).
 */
export function createUndoManager(ydoc: Y.Doc, localOrigin: unknown, limit = UNDO_LIMIT): Y.UndoManager {
  const manager = new Y.UndoManager(pathwayTypes(ydoc), {
    trackedOrigins: new Set([localOrigin]),
    captureTimeout: 24 * 60 * 60 * 1000,
  });
  // Each step keeps what it removed alive in memory; over a four-hour workshop the oldest go.
  manager.on('stack-item-added', () => {
    for (const stack of [manager.undoStack, manager.redoStack]) {
      if (stack.length > limit) stack.splice(0, stack.length - limit);
    }
  });
  return manager;
}

/** The most undo (and redo) steps kept per person, as many editors do. */
export const UNDO_LIMIT = 500;
