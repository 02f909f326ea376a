// The one command API for editing a pathway (issue 4; style.md "One command API for every way of
// editing", after tldraw's Editor). The canvas, the keyboard paths, the outline view and import all
// change the document through these functions and nothing else, so undo (history.ts), validation
// and, later, live collaboration each live in one place.
//
// Every command is a pure function: it takes a document and returns a new one, never mutating its
// input. Unchanged steps and transitions keep their object identity, so memoised canvas nodes of
// untouched steps do not re-render. A command that changes nothing returns the same document
// object (history.record then ignores it).
//
// Invariants. Given a document that passes parsePathway (validate.ts), every command returns a
// document that also passes it, or throws a CommandError and changes nothing:
// - ids stay unique, and no transition shares an id with a step (findings name one thing);
// - no transition ever points at a missing step, and the layout holds positions only of steps;
// - there is always at least one entry and one exit step;
// - the routes out of a decision have probabilities adding up to at most 1;
// - every field value is one the schema accepts (an unknown sector or an empty title is refused).
// Step and transition ids never change once made: comments and findings are pinned to them.
//
// Text is stored as typed, not trimmed: the schema trims when it parses, but trimming here would
// eat the space a person just typed between two words.
import { z } from 'zod';
import { KIND_LABELS } from './labels';
import { COLUMN_WIDTH, STEP_NODE_HEIGHT, STEP_NODE_WIDTH, clampToLane, laneY, sectorAtY } from './lanes';
import {
  MetadataSchema,
  PathwaySchema,
  SECTORS,
  StepSchema,
  TransitionSchema,
  emptyFlags,
  type LayoutPosition,
  type Metadata,
  type Pathway,
  type Role,
  type Sector,
  type Setting,
  type Step,
  type StepFlags,
  type StepKind,
  type Transition,
} from './schema';
import { formatPath, parsePathway } from './validate';

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

export type CommandErrorCode =
  | 'unknown_step'
  | 'unknown_transition'
  | 'duplicate_id'
  | 'id_change'
  | 'invalid_value'
  | 'last_entry'
  | 'last_exit'
  | 'probabilities_over_one'
  | 'invalid_document';

export interface CommandIssue {
  /** Path inside the step, transition or pathway, e.g. "title" or "flags.carerInvolved". */
  path: string;
  message: string;
}

/** A command that cannot be applied. The document is unchanged. The message is for a person. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
  constructor(
    readonly code: CommandErrorCode,
    message: string,
    readonly issues: readonly CommandIssue[] = [],
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------
// Sector defaults: what a new step in a lane is, and what still makes sense after a lane move.
// ---------------------------------------------------------------------------------------------

/** The setting and lead role a new step gets in each lane. */
export const SECTOR_DEFAULTS: Readonly<Record<Sector, { setting: Setting; leadRole: Role }>> = {
  self_care: { setting: 'home', leadRole: 'patient' },
  primary_care: { setting: 'gp_practice', leadRole: 'gp' },
  community_health: { setting: 'community', leadRole: 'community_nurse' },
  secondary_care: { setting: 'hospital_outpatient', leadRole: 'consultant' },
  // Roles have no "mental health nurse"; a mental health nurse is a specialist nurse.
  mental_health: { setting: 'mental_health_service', leadRole: 'specialist_nurse' },
  social_care: { setting: 'social_care_service', leadRole: 'social_worker' },
  voluntary_community: { setting: 'voluntary_service', leadRole: 'voluntary_worker' },
};

/**
 * Settings that make sense in each lane. When a step moves to another lane its setting is kept if
 * it is listed for the new lane (a pharmacy review moving from primary care to community health
 * stays at the pharmacy), and otherwise becomes the new lane's default (an outpatient clinic
 * moved into self-care becomes "at home").
 */
export const SECTOR_SETTINGS: Readonly<Record<Sector, readonly Setting[]>> = {
  self_care: ['home', 'remote', 'community', 'pharmacy'],
  primary_care: ['gp_practice', 'home', 'pharmacy', 'remote', 'community'],
  community_health: ['community', 'home', 'gp_practice', 'remote', 'pharmacy'],
  secondary_care: ['hospital_outpatient', 'hospital_inpatient', 'emergency', 'community', 'remote', 'home'],
  mental_health: ['mental_health_service', 'community', 'home', 'remote', 'emergency', 'hospital_inpatient'],
  social_care: ['social_care_service', 'home', 'community', 'remote'],
  voluntary_community: ['voluntary_service', 'community', 'home', 'remote'],
};

/** Roles that make sense leading a step in each lane; the same rule as SECTOR_SETTINGS. */
export const SECTOR_ROLES: Readonly<Record<Sector, readonly Role[]>> = {
  self_care: ['patient', 'carer'],
  primary_care: ['gp', 'practice_nurse', 'pharmacist', 'gpwsi', 'allied_health', 'care_coordinator', 'admin_staff', 'manager', 'commissioner'],
  community_health: ['community_nurse', 'specialist_nurse', 'community_consultant', 'gpwsi', 'allied_health', 'pharmacist', 'care_coordinator', 'admin_staff', 'manager', 'commissioner'],
  secondary_care: ['consultant', 'specialist_nurse', 'allied_health', 'pharmacist', 'care_coordinator', 'admin_staff', 'manager', 'commissioner'],
  mental_health: ['specialist_nurse', 'consultant', 'community_nurse', 'allied_health', 'care_coordinator', 'social_worker', 'pharmacist', 'admin_staff', 'manager', 'commissioner'],
  social_care: ['social_worker', 'care_coordinator', 'allied_health', 'admin_staff', 'manager', 'commissioner'],
  voluntary_community: ['voluntary_worker', 'care_coordinator', 'carer', 'admin_staff', 'manager', 'commissioner'],
};

/** The default title of a new step: "New assessment", "New referral". */
export function defaultStepTitle(kind: StepKind): string {
  return `New ${KIND_LABELS[kind].toLowerCase()}`;
}

// ---------------------------------------------------------------------------------------------
// Patches. Optional fields take `null` (or undefined) to remove them: undefined does not survive
// JSON, and commands are sent over the wire and replayed.
// ---------------------------------------------------------------------------------------------

type Clearable<T> = { [K in keyof T]?: undefined extends T[K] ? Exclude<T[K], undefined> | null | undefined : T[K] };

/** A change to a step. `flags` may name only the flags that change. `id` must equal the step's id if given. */
export type StepPatch = Omit<Clearable<Step>, 'flags'> & { flags?: Partial<StepFlags> };
/** A change to a transition. `from` and `to` may change (reconnecting); `id` must stay the same. */
export type TransitionPatch = Clearable<Transition>;
/** A change to the pathway's own fields; `metadata` may name only the fields that change. */
export type MetadataPatch = Clearable<Pick<Pathway, 'title' | 'summary' | 'conditions' | 'population'>> & {
  metadata?: Clearable<Metadata>;
};

export interface AddStepInput {
  kind: StepKind;
  sector: Sector;
  /** Default "New <kind>". */
  title?: string;
  /** Default per sector (SECTOR_DEFAULTS). */
  setting?: Setting;
  leadRole?: Role;
  /** Default: in the lane, one column right of the rightmost step of the pathway. */
  position?: { x: number; y: number };
  /** Default: the next free "sN". Give one when the id must be the same everywhere (replay). */
  id?: string;
}

export type ConnectInput = Partial<Omit<Transition, 'from' | 'to'>>;

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

function stepIndex(doc: Pathway, stepId: string): number {
  const i = doc.steps.findIndex((s) => s.id === stepId);
  if (i < 0) throw new CommandError('unknown_step', `There is no step with the id "${stepId}" in this pathway.`);
  return i;
}

function transitionIndex(doc: Pathway, transitionId: string): number {
  const i = doc.transitions.findIndex((t) => t.id === transitionId);
  if (i < 0) throw new CommandError('unknown_transition', `There is no transition with the id "${transitionId}" in this pathway.`);
  return i;
}

function getStep(doc: Pathway, stepId: string): Step {
  return doc.steps[stepIndex(doc, stepId)] as Step;
}

/**
 * The next free id "<prefix>N", N one more than the highest in use, clashing with no step or
 * transition. The document keeps no record of deleted ids, so the caller passes them as
 * `retired`: ids used before and since removed (in a saved version, pinned by a comment or a dot
 * vote, or made earlier in this editing session). They are never handed out again, so a new step
 * does not inherit a removed step's comments, votes or place in version comparisons. Live
 * collaboration makes its own ids (lib/collab/doc.ts newCollabId).
 */
export function nextId(doc: Pathway, prefix: 's' | 't', retired: ReadonlySet<string> = NO_IDS): string {
  const pattern = new RegExp(`^${prefix}(\\d+)$`);
  let max = 0;
  const taken = new Set<string>(retired);
  for (const s of doc.steps) taken.add(s.id);
  for (const t of doc.transitions) taken.add(t.id);
  for (const id of taken) {
    const m = pattern.exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  let n = max + 1;
  while (taken.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

const NO_IDS: ReadonlySet<string> = new Set();

const IdSchema = StepSchema.shape.id;

function checkNewId(doc: Pathway, id: string, what: 'step' | 'transition'): void {
  const parsed = IdSchema.safeParse(id);
  if (!parsed.success) {
    throw new CommandError('invalid_value', `The ${what} id "${id}" ${parsed.error.issues[0]?.message ?? 'is not valid'}.`, [
      { path: 'id', message: parsed.error.issues[0]?.message ?? 'is not valid' },
    ]);
  }
  if (doc.steps.some((s) => s.id === id)) {
    throw new CommandError('duplicate_id', `The id "${id}" is already used by a step; each ${what} needs its own id.`);
  }
  if (doc.transitions.some((t) => t.id === id)) {
    throw new CommandError('duplicate_id', `The id "${id}" is already used by a transition; each ${what} needs its own id.`);
  }
}

function issuesOf(error: z.ZodError): CommandIssue[] {
  return error.issues.map((i) => ({ path: formatPath(i.path as PropertyKey[]), message: i.message }));
}

function invalid(what: string, issues: CommandIssue[]): CommandError {
  const text = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  return new CommandError('invalid_value', `${what}: ${text}`, issues);
}

type NoNull<T> = { [K in keyof T]: Exclude<T[K], null> };

/** Drop keys whose value is undefined or null: both mean "absent" in a patch. */
function withoutEmpty<T extends object>(value: T): NoNull<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null) out[k] = v;
  return out as NoNull<T>;
}

/**
 * Only the named keys of a patch. Commands also arrive over the wire, where a patch could carry
 * anything; a stray `steps` in a metadata patch must not slip past the invariants.
 */
function pick<T extends object>(patch: T, keys: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (k in patch) out[k] = (patch as Record<string, unknown>)[k];
  return out as T;
}

const STEP_KEYS = Object.keys(StepSchema.shape);
const TRANSITION_KEYS = ['id', 'from', 'to', 'label', 'information', 'targetDays', 'probability'] as const;
const PATHWAY_FIELD_KEYS = ['title', 'summary', 'conditions', 'population', 'metadata'] as const;
const METADATA_KEYS = Object.keys(MetadataSchema.shape);

function validateStep(step: Step, name = step.title): void {
  const r = StepSchema.safeParse(step);
  if (!r.success) throw invalid(`Step "${name || step.id}" cannot take that change`, issuesOf(r.error));
}

function validateTransition(t: Transition): void {
  const r = TransitionSchema.safeParse(t);
  if (!r.success) throw invalid(`Transition ${t.from} → ${t.to} cannot take that change`, issuesOf(r.error));
}

function countKind(steps: readonly Step[], kind: StepKind): number {
  let n = 0;
  for (const s of steps) if (s.kind === kind) n++;
  return n;
}

/** Keep at least one entry and one exit (validate.ts refuses a pathway without them). */
function checkEntryExit(before: readonly Step[], after: readonly Step[]): void {
  if (countKind(after, 'entry') === 0 && countKind(before, 'entry') > 0) {
    throw new CommandError(
      'last_entry',
      'This is the only entry step. A pathway needs one: add another entry step first, then change or delete this one.',
    );
  }
  if (countKind(after, 'exit') === 0 && countKind(before, 'exit') > 0) {
    throw new CommandError(
      'last_exit',
      'This is the only exit step. A pathway needs one: add another exit step first, then change or delete this one.',
    );
  }
}

/** The routes out of a decision are alternatives: their probabilities add up to at most 1. */
function checkDecisionProbabilities(doc: Pathway, stepId: string): void {
  const step = doc.steps.find((s) => s.id === stepId);
  if (!step || step.kind !== 'decision') return;
  let sum = 0;
  for (const t of doc.transitions) if (t.from === stepId && typeof t.probability === 'number') sum += t.probability;
  if (sum > 1 + 1e-9) {
    const shown = Math.round(sum * 1000) / 1000;
    throw new CommandError(
      'probabilities_over_one',
      `The routes out of the decision "${step.title}" would have probabilities adding up to ${shown}; they are alternatives, so together they can be at most 1.`,
      [{ path: 'probability', message: `the routes out of "${step.title}" would add up to ${shown}, more than 1` }],
    );
  }
}

function replaceAt<T>(list: readonly T[], index: number, item: T): T[] {
  const out = list.slice();
  out[index] = item;
  return out;
}

function setPosition(doc: Pathway, stepId: string, position: LayoutPosition): Pathway['layout'] {
  return { ...(doc.layout ?? {}), [stepId]: { x: position.x, y: position.y } };
}

function checkPosition(position: { x: number; y: number }): void {
  if (!Number.isFinite(position.x) || !Number.isFinite(position.y)) {
    throw new CommandError('invalid_value', 'A position needs finite x and y numbers.', [{ path: 'position', message: 'must be finite numbers' }]);
  }
}

/** x for a step placed in a lane at about `x`, moved right past any step of that lane it would overlap. */
function freeXInLane(doc: Pathway, sector: Sector, x: number, exceptId: string): number {
  const taken = doc.steps
    .filter((s) => s.sector === sector && s.id !== exceptId)
    .map((s) => doc.layout?.[s.id]?.x)
    .filter((v): v is number => typeof v === 'number');
  let candidate = x;
  for (let guard = 0; guard <= taken.length; guard++) {
    const clash = taken.find((other) => Math.abs(other - candidate) < STEP_NODE_WIDTH);
    if (clash === undefined) return candidate;
    candidate = clash + COLUMN_WIDTH;
  }
  return candidate;
}

function adjustForLane(step: Step, sector: Sector): Step {
  const setting = SECTOR_SETTINGS[sector].includes(step.setting) ? step.setting : SECTOR_DEFAULTS[sector].setting;
  const leadRole = SECTOR_ROLES[sector].includes(step.leadRole) ? step.leadRole : SECTOR_DEFAULTS[sector].leadRole;
  return { ...step, sector, setting, leadRole };
}

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

/** Add a step in a lane. Setting and lead role default per sector; the id to the next free "sN". */
export function addStep(doc: Pathway, input: AddStepInput): { doc: Pathway; stepId: string } {
  if (!SECTORS.includes(input.sector)) {
    throw invalid('A new step needs a known sector', [{ path: 'sector', message: `"${String(input.sector)}" is not a sector` }]);
  }
  const stepId = input.id ?? nextId(doc, 's');
  if (input.id !== undefined) checkNewId(doc, input.id, 'step');
  const defaults = SECTOR_DEFAULTS[input.sector];
  const step: Step = {
    id: stepId,
    kind: input.kind,
    title: input.title ?? defaultStepTitle(input.kind),
    sector: input.sector,
    setting: input.setting ?? defaults.setting,
    leadRole: input.leadRole ?? defaults.leadRole,
    roles: [],
    channels: [],
    adaptations: [],
    flags: emptyFlags(),
    outcomeMeasures: [],
  };
  validateStep(step);
  let position = input.position;
  if (position) checkPosition(position);
  else {
    let right = -Infinity;
    for (const p of Object.values(doc.layout ?? {})) right = Math.max(right, p.x);
    position = { x: right === -Infinity ? 0 : right + COLUMN_WIDTH, y: laneY(input.sector) };
  }
  return { doc: { ...doc, steps: [...doc.steps, step], layout: setPosition(doc, stepId, position) }, stepId };
}

/**
 * Connect two steps. Defaults: the next free id "tN" (so a second route between the same two
 * steps gets its own id) and `information: 'none'`. "None" is the honest default: until the room
 * says how information travels, nothing is known to travel, and the scoring's finding on a
 * crossing without information is the prompt to decide. A loop from a step to itself is allowed,
 * as the format allows cycles (validate.ts), e.g. a review repeated until stable.
 */
export function connect(doc: Pathway, from: string, to: string, input: ConnectInput = {}): { doc: Pathway; transitionId: string } {
  stepIndex(doc, from);
  stepIndex(doc, to);
  const transitionId = input.id ?? nextId(doc, 't');
  if (input.id !== undefined) checkNewId(doc, input.id, 'transition');
  const transition: Transition = withoutEmpty({
    id: transitionId,
    from,
    to,
    label: input.label,
    information: input.information ?? 'none',
    targetDays: input.targetDays,
    probability: input.probability,
  });
  validateTransition(transition);
  const next = { ...doc, transitions: [...doc.transitions, transition] };
  checkDecisionProbabilities(next, from);
  return { doc: next, transitionId };
}

/**
 * Move a step to another lane: its sector changes. The setting and lead role are kept when they
 * make sense in the new lane (SECTOR_SETTINGS, SECTOR_ROLES) and otherwise become the new lane's
 * defaults. A laid-out step moves to the new lane's row at about the same x, nudged right past
 * any step it would overlap.
 */
export function moveToLane(doc: Pathway, stepId: string, sector: Sector): Pathway {
  const i = stepIndex(doc, stepId);
  const step = doc.steps[i] as Step;
  if (!SECTORS.includes(sector)) throw invalid('Cannot move the step', [{ path: 'sector', message: `"${String(sector)}" is not a sector` }]);
  if (step.sector === sector) return doc;
  const moved = adjustForLane(step, sector);
  const next: Pathway = { ...doc, steps: replaceAt(doc.steps, i, moved) };
  const old = doc.layout?.[stepId];
  if (old) next.layout = setPosition(doc, stepId, { x: freeXInLane(doc, sector, old.x, stepId), y: laneY(sector) });
  return next;
}

/**
 * The steps of a lane in reading order: by x when every step of the lane has a position, else in
 * the order of the steps list. Ties keep list order.
 */
export function laneOrder(doc: Pathway, sector: Sector): string[] {
  const inLane = doc.steps.map((s, index) => ({ s, index })).filter(({ s }) => s.sector === sector);
  const layout = doc.layout;
  const allPlaced = layout !== undefined && inLane.every(({ s }) => layout[s.id] !== undefined);
  if (allPlaced) inLane.sort((a, b) => (layout[a.s.id]?.x ?? 0) - (layout[b.s.id]?.x ?? 0) || a.index - b.index);
  return inLane.map(({ s }) => s.id);
}

/** True when reorderStep would move the step (it is not already first or last in its lane). */
export function canReorder(doc: Pathway, stepId: string, direction: 'earlier' | 'later'): boolean {
  const order = laneOrder(doc, getStep(doc, stepId).sector);
  const at = order.indexOf(stepId);
  return direction === 'earlier' ? at > 0 : at < order.length - 1;
}

/**
 * Move a step one place earlier or later within its lane: it swaps places with its neighbour in
 * the lane, both in the steps list (the outline view's order) and on the canvas (the two swap x;
 * each keeps its y). At the start or end of the lane nothing changes (same document returned).
 */
export function reorderStep(doc: Pathway, stepId: string, direction: 'earlier' | 'later'): Pathway {
  const step = getStep(doc, stepId);
  const order = laneOrder(doc, step.sector);
  const at = order.indexOf(stepId);
  const neighbourId = order[direction === 'earlier' ? at - 1 : at + 1];
  if (neighbourId === undefined) return doc;
  const i = stepIndex(doc, stepId);
  const j = stepIndex(doc, neighbourId);
  const steps = doc.steps.slice();
  steps[i] = doc.steps[j] as Step;
  steps[j] = step;
  const next: Pathway = { ...doc, steps };
  const a = doc.layout?.[stepId];
  const b = doc.layout?.[neighbourId];
  if (a && b) next.layout = { ...doc.layout, [stepId]: { x: b.x, y: a.y }, [neighbourId]: { x: a.x, y: b.y } };
  return next;
}

/** Move a step on the canvas. Layout only: the sector does not change (see dropStep). */
export function moveStep(doc: Pathway, stepId: string, position: { x: number; y: number }): Pathway {
  stepIndex(doc, stepId);
  checkPosition(position);
  const old = doc.layout?.[stepId];
  if (old && old.x === position.x && old.y === position.y) return doc;
  return { ...doc, layout: setPosition(doc, stepId, position) };
}

/**
 * A step dropped on the canvas at `position` (its node's top-left): it joins the lane under its
 * centre (moveToLane's rules for setting and lead role) and stays wholly inside that lane.
 * One command, so one undo step.
 */
export function dropStep(doc: Pathway, stepId: string, position: { x: number; y: number }): Pathway {
  const i = stepIndex(doc, stepId);
  checkPosition(position);
  const step = doc.steps[i] as Step;
  const sector = sectorAtY(position.y + STEP_NODE_HEIGHT / 2);
  const moved = sector === step.sector ? step : adjustForLane(step, sector);
  const y = clampToLane(sector, position.y);
  const old = doc.layout?.[stepId];
  if (moved === step && old && old.x === position.x && old.y === y) return doc;
  return {
    ...doc,
    steps: moved === step ? doc.steps : replaceAt(doc.steps, i, moved),
    layout: setPosition(doc, stepId, { x: position.x, y }),
  };
}

/**
 * Change a step's fields. Optional fields take null to remove them; `flags` may list only the
 * flags that change. The result must be a valid step (the error's issues name each bad field, for
 * the inspector to show beside it). Changing the sector here keeps setting and lead role exactly
 * as patched (unlike moveToLane) and moves the node into the new lane's row.
 */
export function updateStep(doc: Pathway, stepId: string, patch: StepPatch): Pathway {
  const i = stepIndex(doc, stepId);
  const step = doc.steps[i] as Step;
  if (patch.id !== undefined && patch.id !== null && patch.id !== stepId) {
    throw new CommandError('id_change', `A step's id cannot change ("${stepId}"): comments and findings are pinned to it.`, [
      { path: 'id', message: 'cannot change' },
    ]);
  }
  const { flags, ...rest } = pick(patch, STEP_KEYS);
  const merged = withoutEmpty({ ...step, ...rest, id: stepId }) as Step;
  merged.flags = flags ? { ...step.flags, ...withoutEmpty(flags) } : step.flags;
  if (sameStep(step, merged)) return doc;
  validateStep(merged, step.title);
  const steps = replaceAt(doc.steps, i, merged);
  checkEntryExit(doc.steps, steps);
  const next: Pathway = { ...doc, steps };
  checkDecisionProbabilities(next, stepId);
  const old = doc.layout?.[stepId];
  if (merged.sector !== step.sector && old) next.layout = setPosition(doc, stepId, { x: old.x, y: laneY(merged.sector) });
  return next;
}

function sameStep(a: Step, b: Step): boolean {
  return JSON.stringify(a) === JSON.stringify(b) && Object.keys(a).length === Object.keys(b).length;
}

/** Change a transition's fields (label, information, targetDays, probability, or reconnect from/to). */
export function updateTransition(doc: Pathway, transitionId: string, patch: TransitionPatch): Pathway {
  const i = transitionIndex(doc, transitionId);
  const t = doc.transitions[i] as Transition;
  if (patch.id !== undefined && patch.id !== null && patch.id !== transitionId) {
    throw new CommandError('id_change', `A transition's id cannot change ("${transitionId}"): findings and comments are pinned to it.`, [
      { path: 'id', message: 'cannot change' },
    ]);
  }
  const merged = withoutEmpty({ ...t, ...pick(patch, TRANSITION_KEYS), id: transitionId }) as Transition;
  if (merged.from !== t.from) stepIndex(doc, merged.from);
  if (merged.to !== t.to) stepIndex(doc, merged.to);
  if (JSON.stringify(merged) === JSON.stringify(t) && Object.keys(merged).length === Object.keys(t).length) return doc;
  validateTransition(merged);
  const next: Pathway = { ...doc, transitions: replaceAt(doc.transitions, i, merged) };
  checkDecisionProbabilities(next, merged.from);
  return next;
}

/**
 * Delete a step with every transition into or out of it and its layout position, so the pathway
 * never holds a transition to a deleted step. The only entry or exit step cannot be deleted.
 */
export function removeStep(doc: Pathway, stepId: string): Pathway {
  const i = stepIndex(doc, stepId);
  const steps = doc.steps.filter((_, k) => k !== i);
  checkEntryExit(doc.steps, steps);
  const next: Pathway = { ...doc, steps, transitions: doc.transitions.filter((t) => t.from !== stepId && t.to !== stepId) };
  if (doc.layout && stepId in doc.layout) {
    const { [stepId]: _removed, ...layout } = doc.layout;
    next.layout = layout;
  }
  return next;
}

export function removeTransition(doc: Pathway, transitionId: string): Pathway {
  const i = transitionIndex(doc, transitionId);
  return { ...doc, transitions: doc.transitions.filter((_, k) => k !== i) };
}

const PathwayFieldsSchema = z.object({
  title: StepSchema.shape.title,
  // The document's own fields, so text that cannot be stored is refused here as on saving.
  summary: PathwaySchema.shape.summary,
  conditions: z.array(StepSchema.shape.title),
  population: PathwaySchema.shape.population,
  metadata: MetadataSchema,
});

/** Change the pathway's title, summary, conditions, population or metadata fields (null removes an optional one). */
export function updateMetadata(doc: Pathway, patch: MetadataPatch): Pathway {
  const { metadata: metaPatch, ...rest } = pick(patch, PATHWAY_FIELD_KEYS);
  const fields = withoutEmpty({
    title: doc.title,
    summary: doc.summary,
    conditions: doc.conditions,
    population: doc.population,
    ...rest,
  });
  const metadata = metaPatch ? (withoutEmpty({ ...doc.metadata, ...pick(metaPatch, METADATA_KEYS) }) as Metadata) : doc.metadata;
  const r = PathwayFieldsSchema.safeParse({ ...fields, metadata });
  if (!r.success) throw invalid('The pathway cannot take that change', issuesOf(r.error));
  const next: Pathway = { ...doc, ...(fields as Partial<Pathway>), metadata };
  if (!('summary' in fields)) delete next.summary;
  if (!('population' in fields)) delete next.population;
  return JSON.stringify(next) === JSON.stringify(doc) ? doc : next;
}

/**
 * Set canvas positions of several steps at once (auto-layout's result), as one undo step.
 * Steps not named keep their positions.
 */
export function setLayout(doc: Pathway, positions: Readonly<Record<string, { x: number; y: number }>>): Pathway {
  const layout = { ...(doc.layout ?? {}) };
  for (const [stepId, position] of Object.entries(positions)) {
    stepIndex(doc, stepId);
    checkPosition(position);
    layout[stepId] = { x: position.x, y: position.y };
  }
  return { ...doc, layout };
}

/**
 * Replace the whole document (import into the open editor, or taking the other person's version
 * after a conflicting save). It must pass parsePathway; the parsed document is what is stored.
 */
export function replaceDocument(_doc: Pathway, next: unknown): Pathway {
  const r = parsePathway(next);
  if (!r.ok) {
    throw new CommandError(
      'invalid_document',
      `That is not a valid pathway: ${r.errors.map((e) => e.message).join(' ')}`,
      r.errors.map((e) => ({ path: e.path, message: e.message })),
    );
  }
  return r.pathway;
}

// ---------------------------------------------------------------------------------------------
// Commands as data: for the wire, for replay by live collaboration, for history labels.
// ---------------------------------------------------------------------------------------------

export type Command =
  | { type: 'addStep'; input: AddStepInput }
  | { type: 'connect'; from: string; to: string; input?: ConnectInput }
  | { type: 'moveToLane'; stepId: string; sector: Sector }
  | { type: 'reorderStep'; stepId: string; direction: 'earlier' | 'later' }
  | { type: 'moveStep'; stepId: string; position: { x: number; y: number } }
  | { type: 'dropStep'; stepId: string; position: { x: number; y: number } }
  | { type: 'updateStep'; stepId: string; patch: StepPatch }
  | { type: 'updateTransition'; transitionId: string; patch: TransitionPatch }
  | { type: 'removeStep'; stepId: string }
  | { type: 'removeTransition'; transitionId: string }
  | { type: 'updateMetadata'; patch: MetadataPatch }
  | { type: 'setLayout'; positions: Record<string, { x: number; y: number }> }
  | { type: 'replaceDocument'; doc: unknown }
  /** Several commands as one: all apply, or (if one throws) none. */
  | { type: 'batch'; commands: Command[] };

/**
 * Fill in the ids a command would generate (addStep's step id, connect's transition id), so the
 * same command gives the same document wherever it is replayed. Send and record this form.
 * `retired`: ids not to hand out again (see nextId).
 */
export function withIds(doc: Pathway, command: Command, retired: ReadonlySet<string> = NO_IDS): Command {
  if (command.type === 'addStep' && command.input.id === undefined) {
    return { ...command, input: { ...command.input, id: nextId(doc, 's', retired) } };
  }
  if (command.type === 'connect' && command.input?.id === undefined) {
    return { ...command, input: { ...command.input, id: nextId(doc, 't', retired) } };
  }
  return command;
}

/** Apply one command. Throws CommandError (and changes nothing) when it cannot be applied. */
export function applyCommand(doc: Pathway, command: Command): Pathway {
  switch (command.type) {
    case 'addStep':
      return addStep(doc, command.input).doc;
    case 'connect':
      return connect(doc, command.from, command.to, command.input).doc;
    case 'moveToLane':
      return moveToLane(doc, command.stepId, command.sector);
    case 'reorderStep':
      return reorderStep(doc, command.stepId, command.direction);
    case 'moveStep':
      return moveStep(doc, command.stepId, command.position);
    case 'dropStep':
      return dropStep(doc, command.stepId, command.position);
    case 'updateStep':
      return updateStep(doc, command.stepId, command.patch);
    case 'updateTransition':
      return updateTransition(doc, command.transitionId, command.patch);
    case 'removeStep':
      return removeStep(doc, command.stepId);
    case 'removeTransition':
      return removeTransition(doc, command.transitionId);
    case 'updateMetadata':
      return updateMetadata(doc, command.patch);
    case 'setLayout':
      return setLayout(doc, command.positions);
    case 'replaceDocument':
      return replaceDocument(doc, command.doc);
    case 'batch': {
      let next = doc;
      for (const c of command.commands) next = applyCommand(next, withIds(next, c));
      return next;
    }
  }
}

/** A short label for undo/redo menus: "Undo add step". */
export function describeCommand(command: Command): string {
  switch (command.type) {
    case 'addStep':
      return 'add step';
    case 'connect':
      return 'connect steps';
    case 'moveToLane':
      return 'move step to another lane';
    case 'reorderStep':
      return `move step ${command.direction}`;
    case 'moveStep':
    case 'dropStep':
      return 'move step';
    case 'updateStep':
      return `edit step${patchFieldWords(command.patch)}`;
    case 'updateTransition':
      return `edit transition${patchFieldWords(command.patch)}`;
    case 'removeStep':
      return 'delete step';
    case 'removeTransition':
      return 'delete transition';
    case 'updateMetadata':
      return `edit pathway details${patchFieldWords(command.patch)}`;
    case 'setLayout':
      return 'arrange steps';
    case 'replaceDocument':
      return 'replace pathway';
    case 'batch':
      return command.commands.length === 1 && command.commands[0] ? describeCommand(command.commands[0]) : `${command.commands.length} changes`;
  }
}

/** The editor's own names for the fields (the labels people see), for undo and redo messages. */
const FIELD_WORDS: Readonly<Record<string, string>> = {
  kind: 'kind of step',
  title: 'title',
  sector: 'lane',
  setting: 'setting',
  leadRole: 'who leads',
  roles: 'others taking part',
  channels: 'how the person reaches it',
  adaptations: 'adjustments offered',
  hours: 'hours',
  patientBenefit: 'why it helps the person',
  flags: 'what it does for the person',
  outcomeMeasures: 'outcome measures',
  gpWorkload: 'practice time',
  assessment: 'assessment name',
  label: 'label',
  information: 'how information travels',
  targetDays: 'expected wait',
  probability: 'share of people',
  summary: 'summary',
  population: 'who the pathway is for',
  conditions: 'conditions',
  metadata: 'details',
};

/** " (why it helps the person)" for an edit of one field, in the words of its label; "" otherwise. */
function patchFieldWords(patch: object): string {
  const keys = Object.keys(patch);
  if (keys.length !== 1) return '';
  const key = keys[0] as string;
  return ` (${FIELD_WORDS[key] ?? key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()})`;
}

/** Fields typed into character by character; edits to one of them coalesce into one undo step. */
const TYPED_FIELDS: ReadonlySet<string> = new Set([
  'title',
  'patientBenefit',
  'assessment',
  'label',
  'targetDays',
  'probability',
  'summary',
  'population',
  'metadata.evaluationPlan',
  'metadata.reviewDate',
  'gpWorkload',
]);

/**
 * The key under which successive edits coalesce into one undo step (history.record's
 * coalesceKey): typing into one text or number field of one step gives the same key for every
 * keystroke. Choices (kind, sector, flags, lists) and every other command do not coalesce.
 */
export function coalesceKeyFor(command: Command): string | undefined {
  const typedField = (patch: object): string | undefined => {
    const keys = Object.keys(patch);
    if (keys.length !== 1) return undefined;
    let field = keys[0] as string;
    if (field === 'metadata') {
      const inner = Object.keys((patch as { metadata?: object }).metadata ?? {});
      if (inner.length !== 1) return undefined;
      field = `metadata.${inner[0]}`;
    }
    return TYPED_FIELDS.has(field) ? field : undefined;
  };
  switch (command.type) {
    case 'updateStep': {
      const f = typedField(command.patch);
      return f ? `step:${command.stepId}:${f}` : undefined;
    }
    case 'updateTransition': {
      const f = typedField(command.patch);
      return f ? `transition:${command.transitionId}:${f}` : undefined;
    }
    case 'updateMetadata': {
      const f = typedField(command.patch);
      return f ? `pathway:${f}` : undefined;
    }
    default:
      return undefined;
  }
}
