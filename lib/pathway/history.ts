// Undo and redo over pathway documents (issue 4, "Undo and redo for every edit").
//
// Pure and immutable: every function returns a new History. Documents are immutable too (the
// commands never mutate), so the history keeps references, not copies: a 500-step pathway costs a
// pointer per undo step, plus whatever the command actually changed.
//
// Typing into one field should be one undo step, not one per keystroke: pass the same
// `coalesceKey` (commands.ts's coalesceKeyFor gives one) and successive records replace the present
// instead of stacking. Anything else in between (another key, a record without a key, an undo or
// redo, or `seal`, e.g. when the field loses focus) ends the run.
import type { Pathway } from './schema';

/** Default number of undo steps kept; the oldest are dropped beyond it. */
export const HISTORY_LIMIT = 200;

export interface HistoryEntry {
  /** The document on that side of the change. */
  doc: Pathway;
  /** What the change was, for "Undo add step". */
  label: string;
}

export interface History {
  /** Documents before each change, oldest first; the last is what undo returns to. */
  readonly past: readonly HistoryEntry[];
  readonly present: Pathway;
  /** Documents after each undone change, nearest first; the first is what redo returns to. */
  readonly future: readonly HistoryEntry[];
  /** The coalesce key of the last record, while a run of typing can still extend it. */
  readonly coalesceKey: string | null;
  readonly limit: number;
}

export function createHistory(doc: Pathway, options: { limit?: number } = {}): History {
  const limit = Math.max(1, Math.floor(options.limit ?? HISTORY_LIMIT));
  return { past: [], present: doc, future: [], coalesceKey: null, limit };
}

/**
 * Record `doc` as the new present after a change labelled `label`. Clears redo. A document equal
 * by reference to the present (a command that changed nothing) leaves the history as it is.
 */
export function record(history: History, doc: Pathway, label: string, options: { coalesceKey?: string } = {}): History {
  if (doc === history.present) return history;
  const key = options.coalesceKey ?? null;
  const last = history.past[history.past.length - 1];
  if (key !== null && key === history.coalesceKey && last !== undefined && history.future.length === 0) {
    // Same run of typing: the undo step still returns to the document before the first keystroke.
    return { ...history, present: doc, past: [...history.past.slice(0, -1), { doc: last.doc, label }] };
  }
  const past = [...history.past, { doc: history.present, label }];
  if (past.length > history.limit) past.splice(0, past.length - history.limit);
  return { ...history, past, present: doc, future: [], coalesceKey: key };
}

/** End the current run of typing, so the next keystroke in the same field is a new undo step. */
export function seal(history: History): History {
  return history.coalesceKey === null ? history : { ...history, coalesceKey: null };
}

export function canUndo(history: History): boolean {
  return history.past.length > 0;
}

export function canRedo(history: History): boolean {
  return history.future.length > 0;
}

/** The label of the change undo would reverse, or undefined. */
export function undoLabel(history: History): string | undefined {
  return history.past[history.past.length - 1]?.label;
}

/** The label of the change redo would make again, or undefined. */
export function redoLabel(history: History): string | undefined {
  return history.future[0]?.label;
}

/** Step back one change. Without one, the same history. */
export function undo(history: History): History {
  const last = history.past[history.past.length - 1];
  if (!last) return history;
  return {
    ...history,
    past: history.past.slice(0, -1),
    present: last.doc,
    future: [{ doc: history.present, label: last.label }, ...history.future],
    coalesceKey: null,
  };
}

/** Make the last undone change again. Without one, the same history. */
export function redo(history: History): History {
  const next = history.future[0];
  if (!next) return history;
  return {
    ...history,
    past: [...history.past, { doc: history.present, label: next.label }],
    present: next.doc,
    future: history.future.slice(1),
    coalesceKey: null,
  };
}
