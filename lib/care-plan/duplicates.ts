// Duplicated steps across the pathways of one plan.
//
// The RCGP warns against parallel single-disease pathways (issue 6; seed 004 §6.2: "less
// duplication"; §6.3: staff "waste less time in duplication of information"). When a plan combines
// several pathways, the same assessment, review or appointment can appear in more than one. This
// finds them so the care team can merge them into one step of the plan. It only suggests: the care
// team decides.
import type { Pathway, Step, StepKind } from '@/lib/pathway/schema';
import { KIND_LABELS, ROLE_IN_SENTENCE, SETTING_LABELS } from '@/lib/pathway/labels';
import type { StepMergeView, StepRef } from './types';
import { mergeContaining } from './journey';

export type DuplicateReason = 'same_assessment' | 'same_appointment' | 'similar_title';

export interface DuplicateStep extends StepRef {
  pathwayTitle: string;
  stepTitle: string;
  kind: StepKind;
}

export interface DuplicateGroup {
  /** Stable for the same steps: "pathwayId:stepId|pathwayId:stepId" in sorted order. */
  key: string;
  reasons: DuplicateReason[];
  /** A sentence for the clinician, naming what the steps share. */
  explanation: string;
  steps: DuplicateStep[];
  /** A title for the merged step, to start from. */
  suggestedTitle: string;
}

/** Where the person comes in or leaves, and decisions, are not appointments: never suggested for merging. */
const NOT_MERGEABLE: ReadonlySet<StepKind> = new Set<StepKind>(['entry', 'exit', 'decision', 'outcome']);

const STOP_WORDS = new Set(
  'a an and at by for from in into is of on or the to with their them they this that who which its it as be'.split(' '),
);

function words(title: string): Set<string> {
  return new Set(
    title
      .toLowerCase()
      .replace(/[^a-z0-9 ]+/g, ' ')
      .split(/\s+/)
      .filter((w) => w.length > 1 && !STOP_WORDS.has(w)),
  );
}

/** Jaccard overlap of the meaningful words of two titles, 0..1. */
export function titleSimilarity(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (wa.size === 0 || wb.size === 0) return 0;
  let both = 0;
  for (const w of wa) if (wb.has(w)) both++;
  return both / (wa.size + wb.size - both);
}

export const SIMILAR_TITLE_THRESHOLD = 0.5;

/** Why two steps of different pathways look like the same thing; empty when they do not. */
export function duplicateReasons(a: Step, b: Step): DuplicateReason[] {
  if (NOT_MERGEABLE.has(a.kind) || NOT_MERGEABLE.has(b.kind)) return [];
  const reasons: DuplicateReason[] = [];
  if (a.assessment && b.assessment && a.assessment === b.assessment) reasons.push('same_assessment');
  if (a.kind === b.kind && a.sector === b.sector && a.setting === b.setting && a.leadRole === b.leadRole) {
    reasons.push('same_appointment');
  }
  if (a.kind === b.kind && titleSimilarity(a.title, b.title) >= SIMILAR_TITLE_THRESHOLD) reasons.push('similar_title');
  return reasons;
}

function lowerFirst(text: string): string {
  // Keep acronyms (COPD, GP) as they are.
  if (/^[A-Z]{2,}/.test(text)) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function explain(reasons: readonly DuplicateReason[], steps: readonly { step: Step }[]): string {
  const first = steps[0]?.step;
  if (!first) return '';
  const parts: string[] = [];
  if (reasons.includes('same_assessment') && first.assessment) {
    parts.push(
      `The same assessment (${first.assessment.replace(/_/g, ' ')}) is in more than one pathway, so the person may be asked to repeat it.`,
    );
  }
  if (reasons.includes('same_appointment')) {
    parts.push(
      `Each is a ${KIND_LABELS[first.kind].toLowerCase()} step in the same setting (${SETTING_LABELS[first.setting].toLowerCase().replace(/\s*\(([^)]*)\)/, ', $1')}) led by ${ROLE_IN_SENTENCE[first.leadRole]}: one appointment could cover both.`,
    );
  }
  if (reasons.includes('similar_title') && parts.length === 0) {
    parts.push(
      `The steps have nearly the same name and are the same kind of step (${KIND_LABELS[first.kind].toLowerCase()}).`,
    );
  }
  return parts.join(' ');
}

/**
 * Groups of steps from different pathways of the plan that look like the same assessment, review
 * or appointment. Steps already merged are left out. Groups come in the order of their first step
 * in the first pathway.
 */
export function findDuplicates(
  pathways: readonly { id: string; title: string; document: Pathway | null }[],
  merges: readonly StepMergeView[] = [],
): DuplicateGroup[] {
  type Node = { pathwayIndex: number; pathwayId: string; pathwayTitle: string; step: Step };
  const nodes: Node[] = [];
  pathways.forEach((p, pathwayIndex) => {
    if (!p.document) return;
    for (const step of p.document.steps) {
      if (mergeContaining(merges, { pathwayId: p.id, stepId: step.id })) continue;
      nodes.push({ pathwayIndex, pathwayId: p.id, pathwayTitle: p.title, step });
    }
  });

  // Union-find over pairs from different pathways.
  const parent = nodes.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  const reasonsByRoot = new Map<number, Set<DuplicateReason>>();
  const pairReasons: { a: number; b: number; reasons: DuplicateReason[] }[] = [];
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i] as Node;
      const b = nodes[j] as Node;
      if (a.pathwayId === b.pathwayId) continue;
      const reasons = duplicateReasons(a.step, b.step);
      if (reasons.length === 0) continue;
      pairReasons.push({ a: i, b: j, reasons });
      const ra = find(i);
      const rb = find(j);
      if (ra !== rb) parent[rb] = ra;
    }
  }
  for (const { a, reasons } of pairReasons) {
    const root = find(a);
    const set = reasonsByRoot.get(root) ?? new Set<DuplicateReason>();
    for (const r of reasons) set.add(r);
    reasonsByRoot.set(root, set);
  }

  const groups = new Map<number, Node[]>();
  for (const { a, b } of pairReasons) {
    for (const i of [a, b]) {
      const root = find(i);
      const list = groups.get(root) ?? [];
      if (!list.includes(nodes[i] as Node)) list.push(nodes[i] as Node);
      groups.set(root, list);
    }
  }

  const out: { order: number; group: DuplicateGroup }[] = [];
  for (const [root, members] of groups) {
    const sorted = [...members].sort(
      (x, y) =>
        x.pathwayIndex - y.pathwayIndex ||
        (pathways[x.pathwayIndex]?.document?.steps.indexOf(x.step) ?? 0) -
          (pathways[y.pathwayIndex]?.document?.steps.indexOf(y.step) ?? 0),
    );
    const reasons = [...(reasonsByRoot.get(root) ?? [])].sort();
    const steps: DuplicateStep[] = sorted.map((n) => ({
      pathwayId: n.pathwayId,
      stepId: n.step.id,
      pathwayTitle: n.pathwayTitle,
      stepTitle: n.step.title,
      kind: n.step.kind,
    }));
    const key = steps
      .map((s) => `${s.pathwayId}:${s.stepId}`)
      .sort()
      .join('|');
    const [first, ...rest] = sorted;
    const suggestedTitle = first ? [first.step.title, ...rest.map((r) => lowerFirst(r.step.title))].join(' and ') : '';
    const firstNode = sorted[0] as Node;
    const order =
      firstNode.pathwayIndex * 10_000 +
      (pathways[firstNode.pathwayIndex]?.document?.steps.indexOf(firstNode.step) ?? 0);
    out.push({ order, group: { key, reasons, explanation: explain(reasons, sorted), steps, suggestedTitle } });
  }
  return out.sort((a, b) => a.order - b.order).map((o) => o.group);
}
