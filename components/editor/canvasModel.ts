// From the pathway document to React Flow's nodes and edges, keeping object identity.
//
// React Flow re-renders a node only when its node object changes (adoptUserNodes compares by
// reference), so these functions reuse the previous node or edge object whenever nothing it shows
// has changed. The commands keep unchanged steps' identity, so after an edit only the edited step
// (and the transitions touching it) get new objects: that is what keeps a 500-step canvas fast.
import { MarkerType, Position, type NodeHandle } from '@xyflow/react';
import { COLUMN_WIDTH, clampToLane, laneY } from '@/lib/pathway/lanes';
import type { Pathway, Sector, Step, Transition } from '@/lib/pathway/schema';
import { INFORMATION_LABELS, KIND_LABELS, SECTOR_LABELS } from '@/lib/pathway/labels';
import { FAULT_LINE_LABELS, faultLinesCrossed } from '@/lib/scoring/faultlines';
import { COLOURS, NODE_HEIGHT, NODE_WIDTH } from './shapes';
import type { StepNodeType } from './StepNode';
import type { TransitionEdgeType } from './TransitionEdge';

/** Handles are declared up front, so edges can be drawn before (or without) measuring the DOM. */
const HANDLES: NodeHandle[] = [
  { type: 'target', position: Position.Left, x: -4, y: NODE_HEIGHT / 2 - 4, width: 8, height: 8 },
  { type: 'source', position: Position.Right, x: NODE_WIDTH - 4, y: NODE_HEIGHT / 2 - 4, width: 8, height: 8 },
];

/**
 * Canvas positions of every step: its saved layout position (kept inside its lane), or, for a
 * step never placed, the next column of its lane in the order of the steps list.
 */
export function stepPositions(doc: Pathway): Map<string, { x: number; y: number }> {
  const out = new Map<string, { x: number; y: number }>();
  const nextColumn = new Map<Sector, number>();
  for (const step of doc.steps) {
    const saved = doc.layout?.[step.id];
    if (saved) {
      out.set(step.id, { x: saved.x, y: clampToLane(step.sector, saved.y) });
      const col = Math.floor(saved.x / COLUMN_WIDTH) + 1;
      if ((nextColumn.get(step.sector) ?? 0) < col) nextColumn.set(step.sector, col);
    }
  }
  for (const step of doc.steps) {
    if (out.has(step.id)) continue;
    const col = nextColumn.get(step.sector) ?? 0;
    nextColumn.set(step.sector, col + 1);
    out.set(step.id, { x: col * COLUMN_WIDTH, y: laneY(step.sector) });
  }
  return out;
}

export function stepAriaLabel(step: Step, findings: number): string {
  const parts = [`${step.title}.`, `${KIND_LABELS[step.kind]} in ${SECTOR_LABELS[step.sector]}.`];
  if (findings > 0) parts.push(`${findings} open finding${findings === 1 ? '' : 's'}.`);
  return parts.join(' ');
}

export function transitionAriaLabel(t: Transition, from: Step | undefined, to: Step | undefined, crossings: readonly string[]): string {
  const parts = [`From “${from?.title ?? t.from}” to “${to?.title ?? t.to}”${t.label ? `, ${t.label}` : ''}.`];
  parts.push(t.information === 'none' ? 'Warning: no information passed on.' : `Information: ${INFORMATION_LABELS[t.information]}.`);
  if (crossings.length > 0) parts.push(`Warning: crosses the fault line${crossings.length === 1 ? '' : 's'} between ${crossings.join('; ')}.`);
  return parts.join(' ');
}

export function reconcileNodes(
  prev: readonly StepNodeType[],
  doc: Pathway,
  findingCounts: ReadonlyMap<string, number>,
  selectedStepId: string | null,
): StepNodeType[] {
  const prevById = new Map(prev.map((n) => [n.id, n]));
  const positions = stepPositions(doc);
  let same = prev.length === doc.steps.length;
  const next = doc.steps.map((step, i) => {
    const old = prevById.get(step.id);
    const position = positions.get(step.id) ?? { x: 0, y: laneY(step.sector) };
    const findings = findingCounts.get(step.id) ?? 0;
    const selected = selectedStepId === step.id;
    if (
      old &&
      old.data.step === step &&
      old.data.findings === findings &&
      old.position.x === position.x &&
      old.position.y === position.y &&
      (old.selected ?? false) === selected
    ) {
      if (prev[i] !== old) same = false;
      return old;
    }
    same = false;
    const node: StepNodeType = {
      ...(old ?? {}),
      id: step.id,
      type: 'step',
      position,
      data: old && old.data.step === step && old.data.findings === findings ? old.data : { step, findings },
      selected,
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      handles: HANDLES,
      ariaLabel: stepAriaLabel(step, findings),
      dragging: false,
    };
    return node;
  });
  return same ? (prev as StepNodeType[]) : next;
}

// Arrowheads sized in canvas units, so a thick line does not get a huge arrow.
const MARKERS = {
  normal: { type: MarkerType.ArrowClosed, color: COLOURS.stroke, width: 28, height: 28, markerUnits: 'userSpaceOnUse' },
  none: { type: MarkerType.ArrowClosed, color: COLOURS.warning, width: 28, height: 28, markerUnits: 'userSpaceOnUse' },
  selected: { type: MarkerType.ArrowClosed, color: COLOURS.selected, width: 28, height: 28, markerUnits: 'userSpaceOnUse' },
} as const;

interface EdgeInputs {
  transition: Transition;
  from: Step | undefined;
  to: Step | undefined;
}

export function reconcileEdges(
  prev: readonly TransitionEdgeType[],
  doc: Pathway,
  findingCounts: ReadonlyMap<string, number>,
  selectedTransitionId: string | null,
  inputsCache: WeakMap<TransitionEdgeType, EdgeInputs>,
): TransitionEdgeType[] {
  const stepById = new Map(doc.steps.map((s) => [s.id, s]));
  const prevById = new Map(prev.map((e) => [e.id, e]));
  let same = prev.length === doc.transitions.length;
  const next = doc.transitions.map((t, i) => {
    const old = prevById.get(t.id);
    const from = stepById.get(t.from);
    const to = stepById.get(t.to);
    const findings = findingCounts.get(t.id) ?? 0;
    const selected = selectedTransitionId === t.id;
    const inputs = old ? inputsCache.get(old) : undefined;
    if (
      old &&
      inputs &&
      inputs.transition === t &&
      inputs.from === from &&
      inputs.to === to &&
      old.data?.findings === findings &&
      (old.selected ?? false) === selected
    ) {
      if (prev[i] !== old) same = false;
      return old;
    }
    same = false;
    const crossings = from && to ? faultLinesCrossed(from, to).map((line) => FAULT_LINE_LABELS[line]) : [];
    const edge: TransitionEdgeType = {
      id: t.id,
      type: 'transition',
      source: t.from,
      target: t.to,
      selected,
      data: { transition: t, crossings, findings },
      markerEnd: selected ? MARKERS.selected : t.information === 'none' ? MARKERS.none : MARKERS.normal,
      ariaLabel: transitionAriaLabel(t, from, to, crossings),
    };
    inputsCache.set(edge, { transition: t, from, to });
    return edge;
  });
  return same ? (prev as TransitionEdgeType[]) : next;
}
