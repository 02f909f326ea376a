// "You are here" and "what happens next" on each pathway of a plan.
//
// The RCGP report says successful integration means patients "are fully aware of their care plan
// and where they are at every step" (seed 004, §6.1). The plan stores the step the person is on in
// each pathway; this module reads the pathway graph to say where that is and what can come next.
// Steps the care team has merged across pathways (one review instead of two) are shown once.
import type { Pathway, Step, Transition } from '@/lib/pathway/schema';
import type { PlanPathwayView, StepMergeView, StepRef } from './types';

export interface JourneyStep {
  pathwayId: string;
  stepId: string;
  title: string;
  /** Why this step helps the person, from the pathway. */
  benefit: string | null;
  kind: Step['kind'];
  sector: Step['sector'];
  setting: Step['setting'];
  leadRole: Step['leadRole'];
  channels: Step['channels'];
  /** Set when the step is part of a merge: the merged step's title and id. */
  merge: { id: string; title: string; steps: StepRef[] } | null;
}

export interface NextStep {
  step: JourneyStep;
  /** The condition on the pathway, e.g. "Ready for rehabilitation". */
  when: string | null;
  /** The expected wait, in days, from the pathway. */
  targetDays: number | null;
}

export interface PathwayPosition {
  pathwayId: string;
  pathwayTitle: string;
  conditions: string[];
  /** The step the person is on; null when not set, or when the step is no longer in the pathway. */
  current: JourneyStep | null;
  /** Set when the stored step id is not in the pathway any more (it was edited). */
  missingStepId: string | null;
  next: NextStep[];
  /** The pathway has no valid document to read. */
  unreadable: boolean;
}

export function sameStep(a: StepRef, b: StepRef): boolean {
  return a.pathwayId === b.pathwayId && a.stepId === b.stepId;
}

export function mergeContaining(merges: readonly StepMergeView[], ref: StepRef): StepMergeView | null {
  return merges.find((m) => m.steps.some((s) => sameStep(s, ref))) ?? null;
}

export function journeyStep(pathwayId: string, step: Step, merges: readonly StepMergeView[]): JourneyStep {
  const merge = mergeContaining(merges, { pathwayId, stepId: step.id });
  return {
    pathwayId,
    stepId: step.id,
    title: merge ? merge.title : step.title,
    benefit: step.patientBenefit?.trim() ? step.patientBenefit.trim() : null,
    kind: step.kind,
    sector: step.sector,
    setting: step.setting,
    leadRole: step.leadRole,
    channels: step.channels,
    merge: merge ? { id: merge.id, title: merge.title, steps: merge.steps } : null,
  };
}

/**
 * The steps in the order a person meets them: breadth-first from the entry steps (in document
 * order), following transitions in document order; steps not reachable from an entry come last.
 */
export function stepsInJourneyOrder(doc: Pathway): Step[] {
  const byId = new Map(doc.steps.map((s) => [s.id, s]));
  const out: Step[] = [];
  const seen = new Set<string>();
  const queue: string[] = doc.steps.filter((s) => s.kind === 'entry').map((s) => s.id);
  const outgoing = new Map<string, Transition[]>();
  for (const t of doc.transitions) {
    const list = outgoing.get(t.from) ?? [];
    list.push(t);
    outgoing.set(t.from, list);
  }
  while (queue.length) {
    const id = queue.shift() as string;
    if (seen.has(id)) continue;
    const step = byId.get(id);
    if (!step) continue;
    seen.add(id);
    out.push(step);
    for (const t of outgoing.get(id) ?? []) if (!seen.has(t.to)) queue.push(t.to);
  }
  for (const s of doc.steps) if (!seen.has(s.id)) out.push(s);
  return out;
}

/** The first entry step of a pathway: where a new plan starts the person. */
export function firstStepId(doc: Pathway): string | null {
  return (doc.steps.find((s) => s.kind === 'entry') ?? doc.steps[0])?.id ?? null;
}

/** Where the person is on one pathway, and the steps that can come next. */
export function positionOnPathway(link: PlanPathwayView, merges: readonly StepMergeView[] = []): PathwayPosition {
  const base = {
    pathwayId: link.pathwayId,
    pathwayTitle: link.title,
    conditions: link.conditions,
  };
  const doc = link.document;
  if (!doc) return { ...base, current: null, missingStepId: null, next: [], unreadable: true };
  if (!link.currentStepId) return { ...base, current: null, missingStepId: null, next: [], unreadable: false };
  const step = doc.steps.find((s) => s.id === link.currentStepId);
  if (!step) return { ...base, current: null, missingStepId: link.currentStepId, next: [], unreadable: false };

  const byId = new Map(doc.steps.map((s) => [s.id, s]));
  const current = journeyStep(link.pathwayId, step, merges);
  const next: NextStep[] = [];
  const shown = new Set<string>();
  for (const t of doc.transitions) {
    if (t.from !== step.id) continue;
    const to = byId.get(t.to);
    if (!to) continue;
    const js = journeyStep(link.pathwayId, to, merges);
    // Two routes to the same step (or to steps merged into one) are shown once.
    const key = js.merge ? `merge:${js.merge.id}` : `step:${to.id}`;
    if (shown.has(key)) continue;
    shown.add(key);
    next.push({ step: js, when: t.label?.trim() ? t.label.trim() : null, targetDays: t.targetDays ?? null });
  }
  return { ...base, current, missingStepId: null, next, unreadable: false };
}

export interface CombinedNextStep extends NextStep {
  /** The pathways this step comes from (more than one when a merged step is next on several). */
  pathwayTitles: string[];
}

/**
 * What happens next across the whole plan: every pathway's next steps, soonest first, with a merged
 * step that is next on several pathways shown once (one appointment, not two).
 */
export function whatHappensNext(positions: readonly PathwayPosition[]): CombinedNextStep[] {
  const byKey = new Map<string, CombinedNextStep>();
  const order: string[] = [];
  for (const p of positions) {
    for (const n of p.next) {
      const key = n.step.merge ? `merge:${n.step.merge.id}` : `step:${n.step.pathwayId}:${n.step.stepId}`;
      const existing = byKey.get(key);
      if (existing) {
        if (!existing.pathwayTitles.includes(p.pathwayTitle)) existing.pathwayTitles.push(p.pathwayTitle);
        if (n.targetDays !== null && (existing.targetDays === null || n.targetDays < existing.targetDays)) {
          existing.targetDays = n.targetDays;
        }
        continue;
      }
      byKey.set(key, { ...n, pathwayTitles: [p.pathwayTitle] });
      order.push(key);
    }
  }
  const list = order.map((k) => byKey.get(k) as CombinedNextStep);
  // Stable sort: known waits soonest first, unknown waits after them in pathway order.
  return list
    .map((n, i) => ({ n, i }))
    .sort((a, b) => {
      const da = a.n.targetDays ?? Number.POSITIVE_INFINITY;
      const db = b.n.targetDays ?? Number.POSITIVE_INFINITY;
      return da === db ? a.i - b.i : da - db;
    })
    .map(({ n }) => n);
}
