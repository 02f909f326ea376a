// What changed between two pathway documents, and between their scores (issue 4 "Versions":
// compare any two versions: steps added, removed and changed, and the score change for each
// criterion). Also used after a conflicting save, to show "someone else saved; here is what changed".
//
// Pure. Steps and transitions are matched by id (ids never change: commands.ts). Canvas positions
// are not care: a step that only moved is listed in `moved`, not in `changed`.
import type { CriterionId, CriterionResult, FrameworkId, FrameworkResult, Status } from '../scoring/types';
import { STEP_FLAGS, StepSchema, type Pathway, type Step, type Transition } from './schema';

export interface FieldChange {
  /** The field, e.g. "title", "flags.carerInvolved", "metadata.reviewDate". */
  field: string;
  /** Value in the first document (undefined when absent there). */
  before: unknown;
  /** Value in the second document (undefined when absent there). */
  after: unknown;
}

export interface StepChange {
  id: string;
  /** The step's title in the second document. */
  title: string;
  before: Step;
  after: Step;
  changes: FieldChange[];
}

export interface TransitionChange {
  id: string;
  before: Transition;
  after: Transition;
  changes: FieldChange[];
}

export interface PathwayDiff {
  steps: { added: Step[]; removed: Step[]; changed: StepChange[] };
  transitions: { added: Transition[]; removed: Transition[]; changed: TransitionChange[] };
  /** Changes to the pathway's own fields: title, summary, conditions, population, metadata.*. */
  metadata: FieldChange[];
  /** Ids of steps present in both whose canvas position changed (layout only). */
  moved: string[];
}

type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

/** Structural equality of JSON-like values; a key holding undefined counts as absent. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  const ra = a as Record<string, Plain | undefined>;
  const rb = b as Record<string, Plain | undefined>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const k of keys) if (!deepEqual(ra[k], rb[k])) return false;
  return true;
}

/** Step fields in the schema's order; "flags" is compared flag by flag. */
const STEP_FIELDS = Object.keys(StepSchema.shape).filter((k) => k !== 'id');
const TRANSITION_FIELDS = ['from', 'to', 'label', 'information', 'targetDays', 'probability'] as const;
const PATHWAY_FIELDS = ['format', 'title', 'summary', 'conditions', 'population'] as const;
const METADATA_FIELDS = ['sponsor', 'incentives', 'socialValue', 'reviewDate', 'evaluationPlan'] as const;

function fieldChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  fields: readonly string[],
  prefix = '',
): FieldChange[] {
  const out: FieldChange[] = [];
  for (const f of fields) {
    if (!deepEqual(before[f], after[f])) out.push({ field: `${prefix}${f}`, before: before[f], after: after[f] });
  }
  return out;
}

export function stepChanges(before: Step, after: Step): FieldChange[] {
  const out: FieldChange[] = [];
  for (const f of STEP_FIELDS) {
    if (f === 'flags') {
      // Flag by flag: "carer involved" turned on is the change a room talks about.
      out.push(...fieldChanges(before.flags ?? {}, after.flags ?? {}, STEP_FLAGS, 'flags.'));
    } else {
      out.push(...fieldChanges(before, after, [f]));
    }
  }
  return out;
}

export function transitionChanges(before: Transition, after: Transition): FieldChange[] {
  return fieldChanges(before, after, TRANSITION_FIELDS);
}

/** What changed from `a` to `b`. */
export function diffPathways(a: Pathway, b: Pathway): PathwayDiff {
  const stepsA = new Map(a.steps.map((s) => [s.id, s]));
  const stepsB = new Map(b.steps.map((s) => [s.id, s]));
  const steps: PathwayDiff['steps'] = { added: [], removed: [], changed: [] };
  const moved: string[] = [];
  for (const s of a.steps) if (!stepsB.has(s.id)) steps.removed.push(s);
  for (const s of b.steps) {
    const old = stepsA.get(s.id);
    if (!old) {
      steps.added.push(s);
      continue;
    }
    if (old !== s) {
      const changes = stepChanges(old, s);
      if (changes.length > 0) steps.changed.push({ id: s.id, title: s.title, before: old, after: s, changes });
    }
    const pa = a.layout?.[s.id];
    const pb = b.layout?.[s.id];
    if (!deepEqual(pa, pb)) moved.push(s.id);
  }

  const transA = new Map(a.transitions.map((t) => [t.id, t]));
  const transB = new Map(b.transitions.map((t) => [t.id, t]));
  const transitions: PathwayDiff['transitions'] = { added: [], removed: [], changed: [] };
  for (const t of a.transitions) if (!transB.has(t.id)) transitions.removed.push(t);
  for (const t of b.transitions) {
    const old = transA.get(t.id);
    if (!old) transitions.added.push(t);
    else if (old !== t) {
      const changes = transitionChanges(old, t);
      if (changes.length > 0) transitions.changed.push({ id: t.id, before: old, after: t, changes });
    }
  }

  const metadata = [
    ...fieldChanges(a, b, PATHWAY_FIELDS),
    ...fieldChanges(a.metadata ?? {}, b.metadata ?? {}, METADATA_FIELDS, 'metadata.'),
  ];
  return { steps, transitions, metadata, moved };
}

/** True when nothing about the care changed. Moves on the canvas count only with `includeLayout`. */
export function isEmptyDiff(diff: PathwayDiff, options: { includeLayout?: boolean } = {}): boolean {
  return (
    diff.steps.added.length === 0 &&
    diff.steps.removed.length === 0 &&
    diff.steps.changed.length === 0 &&
    diff.transitions.added.length === 0 &&
    diff.transitions.removed.length === 0 &&
    diff.transitions.changed.length === 0 &&
    diff.metadata.length === 0 &&
    (!options.includeLayout || diff.moved.length === 0)
  );
}

// ---------------------------------------------------------------------------------------------
// Scores
// ---------------------------------------------------------------------------------------------

/** What diffScores needs of a score: the engine's result, or the stored copy of it (lib/server/scores.ts). */
export interface ScoresLike {
  frameworks: readonly FrameworkResult[];
  journey?: Record<string, unknown> | object | null;
}

export type ScoreDirection = 'better' | 'worse' | 'same' | 'changed';

export interface CriterionSide {
  status: Status;
  score: number | null;
  measure: string;
  findings: number;
}

export interface CriterionScoreChange {
  frameworkId: FrameworkId;
  criterionId: CriterionId;
  title: string;
  /** null when the criterion is not in the first result (e.g. a newer rule set). */
  before: CriterionSide | null;
  after: CriterionSide | null;
  statusChanged: boolean;
  /** after.score - before.score; null when either needs judgement or is missing. */
  scoreDelta: number | null;
  /**
   * better / worse by score; "changed" when the status moved to or from needs judgement (no
   * score to compare) or the criterion appeared or went; "same" when status and score are equal.
   */
  direction: ScoreDirection;
  /** Findings in the second result that the first did not have (by target and message). */
  findingsAdded: number;
  /** Findings of the first result that are gone in the second. */
  findingsResolved: number;
}

export interface FrameworkScoreChange {
  id: FrameworkId;
  title: string;
  before: { score: number | null; percent: number | null } | null;
  after: { score: number | null; percent: number | null } | null;
  /** Percentage points; null when either side has no percent. */
  percentDelta: number | null;
  criteria: CriterionScoreChange[];
}

export interface JourneyFigureChange {
  figure: JourneyFigure;
  before: number | null;
  after: number | null;
}

export const JOURNEY_FIGURES = [
  'steps',
  'contacts',
  'distinctSectors',
  'transitionsCrossingFaultLines',
  'crossingsWithoutInformation',
  'repeatedAssessments',
  'expected.days',
  'expected.contacts',
] as const;
export type JourneyFigure = (typeof JOURNEY_FIGURES)[number];

export interface ScoreDiff {
  frameworks: FrameworkScoreChange[];
  /** Every journey figure, before and after (null when absent). */
  journey: JourneyFigureChange[];
}

const EPSILON = 1e-9;

function side(c: CriterionResult): CriterionSide {
  return { status: c.status, score: c.score, measure: c.measure, findings: c.findings.length };
}

function findingKeys(c: CriterionResult | undefined): Set<string> {
  return new Set((c?.findings ?? []).map((f) => `${f.target}\u0000${f.message}`));
}

function criterionChange(frameworkId: FrameworkId, a: CriterionResult | undefined, b: CriterionResult | undefined): CriterionScoreChange {
  const any = (b ?? a) as CriterionResult;
  const before = a ? side(a) : null;
  const after = b ? side(b) : null;
  const scoreDelta =
    before && after && before.score !== null && after.score !== null ? Math.round((after.score - before.score) * 1000) / 1000 : null;
  let direction: ScoreDirection;
  if (!before || !after) direction = 'changed';
  else if (scoreDelta !== null) direction = scoreDelta > EPSILON ? 'better' : scoreDelta < -EPSILON ? 'worse' : before.status === after.status ? 'same' : 'changed';
  else direction = before.status === after.status ? 'same' : 'changed';
  const keysA = findingKeys(a);
  const keysB = findingKeys(b);
  let findingsAdded = 0;
  let findingsResolved = 0;
  for (const k of keysB) if (!keysA.has(k)) findingsAdded++;
  for (const k of keysA) if (!keysB.has(k)) findingsResolved++;
  return {
    frameworkId,
    criterionId: any.id,
    title: any.title,
    before,
    after,
    statusChanged: before?.status !== after?.status,
    scoreDelta,
    direction,
    findingsAdded,
    findingsResolved,
  };
}

function figureOf(journey: unknown, figure: JourneyFigure): number | null {
  let value: unknown = journey;
  for (const part of figure.split('.')) {
    if (typeof value !== 'object' || value === null) return null;
    value = (value as Record<string, unknown>)[part];
  }
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The change in each framework and each criterion from `a` to `b`, in b's order (then any only in a). */
export function diffScores(a: ScoresLike, b: ScoresLike): ScoreDiff {
  const frameworks: FrameworkScoreChange[] = [];
  const fwA = new Map(a.frameworks.map((f) => [f.id, f]));
  const fwB = new Map(b.frameworks.map((f) => [f.id, f]));
  const ids = [...b.frameworks.map((f) => f.id), ...a.frameworks.map((f) => f.id).filter((id) => !fwB.has(id))];
  for (const id of ids) {
    const fa = fwA.get(id);
    const fb = fwB.get(id);
    const any = (fb ?? fa) as FrameworkResult;
    const critA = new Map((fa?.criteria ?? []).map((c) => [c.id, c]));
    const critB = new Map((fb?.criteria ?? []).map((c) => [c.id, c]));
    const critIds = [
      ...(fb?.criteria ?? []).map((c) => c.id),
      ...(fa?.criteria ?? []).map((c) => c.id).filter((cid) => !critB.has(cid)),
    ];
    const before = fa ? { score: fa.score, percent: fa.percent } : null;
    const after = fb ? { score: fb.score, percent: fb.percent } : null;
    frameworks.push({
      id,
      title: any.title,
      before,
      after,
      percentDelta: before?.percent != null && after?.percent != null ? after.percent - before.percent : null,
      criteria: critIds.map((cid) => criterionChange(id, critA.get(cid), critB.get(cid))),
    });
  }
  const journey = JOURNEY_FIGURES.map((figure) => ({
    figure,
    before: figureOf(a.journey, figure),
    after: figureOf(b.journey, figure),
  }));
  return { frameworks, journey };
}
