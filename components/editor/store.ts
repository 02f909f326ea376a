'use client';
// The editor's state: the pathway's undo history, what is selected, and the last message for the
// live region. Every way of editing (canvas, keyboard toolbar, outline, inspector, import) goes
// through `exec`, which applies one command from lib/pathway/commands.ts and records it in the
// history (style.md: one command API, after tldraw's Editor). Components read slices of the state
// with useEditor(selector), so a panel re-renders only when its slice changes.
import { useSyncExternalStore } from 'react';
import {
  CommandError,
  applyCommand,
  coalesceKeyFor,
  describeCommand,
  withIds,
  type Command,
  type CommandIssue,
} from '@/lib/pathway/commands';
import { canRedo, canUndo, createHistory, record, redo, redoLabel, seal, undo, undoLabel, type History } from '@/lib/pathway/history';
import type { Pathway } from '@/lib/pathway/schema';

export type Selection = { kind: 'step' | 'transition'; id: string } | null;

export interface Notice {
  /** Increases with every notice, so the same words said twice are announced twice. */
  id: number;
  text: string;
  tone: 'info' | 'error';
}

export interface EditorState {
  history: History;
  selection: Selection;
  notice: Notice | null;
  /**
   * Set while the editor works on the shared live document: undo and redo are the live session's
   * (own edits only). `readOnly`: the live session may not change the pathway now (moved down to viewer).
   */
  live: { canUndo: boolean; canRedo: boolean; undoLabel?: string; redoLabel?: string; readOnly?: true } | null;
}

/** Said when undo or redo is asked for while the live pathway may only be looked at. */
export const READ_ONLY_UNDO = 'Nothing was undone or redone: you can look at this pathway but not change it.';

/**
 * The shared live document (issue 5), as the store needs it: lib/collab/client.ts's
 * CollaborativeSession fits. Commands are applied there; the store follows its document.
 */
export interface LiveTarget {
  apply(command: Command, options?: { label?: string; coalesceKey?: string }): ExecResult;
  undo(): void;
  redo(): void;
  seal(): void;
  subscribe(listener: () => void): () => void;
  getSnapshot(): { pathway: Pathway | null; canUndo: boolean; canRedo: boolean; undoLabel?: string; redoLabel?: string; readOnly?: boolean };
}

export type ExecResult =
  | { ok: true; doc: Pathway; command: Command; changed: boolean }
  | { ok: false; message: string; issues: readonly CommandIssue[] };

export class EditorStore {
  private state: EditorState;
  private readonly listeners = new Set<() => void>();
  private noticeId = 0;
  private live: LiveTarget | null = null;
  /** Set while this person's own change is applied to the live document (not someone else's). */
  private ownChange = false;
  private unsubscribeLive: (() => void) | null = null;

  /**
   * Ids this editor must not hand out again: those the server reports as used before (saved
   * versions, comments, dot votes), the opening document's, and every one made in this session.
   * So deleting the last step and adding another never gives the new step the old one's comments.
   */
  private readonly retired: Set<string>;

  constructor(doc: Pathway, retiredIds: Iterable<string> = []) {
    this.state = { history: createHistory(doc), selection: null, notice: null, live: null };
    this.retired = new Set(retiredIds);
    for (const s of doc.steps) this.retired.add(s.id);
    for (const t of doc.transitions) this.retired.add(t.id);
  }

  /** Whether edits go to the shared live document. */
  get isLive(): boolean {
    return this.live !== null;
  }

  /**
   * Switch onto the shared live document: from now on the document is the live one, edits are
   * applied to it, and undo and redo are the live session's (this person's own edits only).
   */
  attachLive(live: LiveTarget): void {
    this.detachLive();
    this.live = live;
    this.unsubscribeLive = live.subscribe(() => this.followLive());
    this.followLive(true);
  }

  /** Back to local editing (the live connection could not be used), from the live document's last state. */
  detachLive(): void {
    this.unsubscribeLive?.();
    this.unsubscribeLive = null;
    if (!this.live) return;
    this.live = null;
    this.set({ live: null, history: createHistory(this.state.history.present) });
  }

  private followLive(force = false): void {
    if (!this.live) return;
    const snap = this.live.getSnapshot();
    const doc = snap.pathway ?? this.state.history.present;
    const prev = this.state.live;
    const sameUndo =
      prev !== null &&
      prev.canUndo === snap.canUndo &&
      prev.canRedo === snap.canRedo &&
      prev.undoLabel === snap.undoLabel &&
      prev.redoLabel === snap.redoLabel &&
      (prev.readOnly ?? false) === (snap.readOnly ?? false);
    if (!force && doc === this.state.history.present && sameUndo) return;
    const selection = this.validSelection(doc, this.state.selection);
    const lost = this.state.selection;
    const was = this.state.history.present;
    this.set({
      history: doc === this.state.history.present && !force ? this.state.history : createHistory(doc),
      live: sameUndo
        ? prev
        : {
            canUndo: snap.canUndo,
            canRedo: snap.canRedo,
            ...(snap.undoLabel ? { undoLabel: snap.undoLabel } : {}),
            ...(snap.redoLabel ? { redoLabel: snap.redoLabel } : {}),
            ...(snap.readOnly ? { readOnly: true as const } : {}),
          },
      selection,
    });
    // What this person had selected was just removed by someone else: say so, rather than let
    // the details panel vanish without a word.
    if (lost && !selection && !this.ownChange) {
      const title = lost.kind === 'step' ? was.steps.find((st) => st.id === lost.id)?.title : undefined;
      this.notify(
        lost.kind === 'step'
          ? `The step you had selected${title ? `, “${title}”,` : ''} was removed by someone else.`
          : 'The transition you had selected was removed by someone else.',
      );
    }
  }

  getState = (): EditorState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  private set(next: Partial<EditorState>): void {
    this.state = { ...this.state, ...next };
    for (const l of this.listeners) l();
  }

  get doc(): Pathway {
    return this.state.history.present;
  }

  /**
   * Apply a command and record it for undo. A command that cannot apply changes nothing and
   * returns the reason (CommandError's message, for a person) instead of throwing.
   */
  exec(command: Command, options: { label?: string; announce?: boolean; coalesceKey?: string } = {}): ExecResult {
    if (this.live) {
      const live = this.live;
      const result = this.asOwnChange(() =>
        live.apply(command, {
          ...(options.label ? { label: options.label } : {}),
          ...(options.coalesceKey ? { coalesceKey: options.coalesceKey } : {}),
        }),
      );
      if (!result.ok && options.announce !== false) this.notify(result.message, 'error');
      return result;
    }
    const doc = this.state.history.present;
    const full = withIds(doc, command, this.retired);
    let next: Pathway;
    try {
      next = applyCommand(doc, full);
    } catch (error) {
      const message = error instanceof CommandError ? error.message : 'That change could not be made.';
      const issues = error instanceof CommandError ? error.issues : [];
      if (options.announce !== false) this.notify(message, 'error');
      return { ok: false, message, issues };
    }
    if (next === doc) return { ok: true, doc, command: full, changed: false };
    retire(full, this.retired);
    const label = options.label ?? describeCommand(full);
    const coalesceKey = options.coalesceKey ?? coalesceKeyFor(full);
    const history = record(this.state.history, next, label, coalesceKey ? { coalesceKey } : {});
    this.set({ history, selection: this.validSelection(next, this.state.selection) });
    return { ok: true, doc: next, command: full, changed: true };
  }

  /** End a run of typing (a field lost focus), so the next keystroke is a new undo step. */
  seal(): void {
    if (this.live) {
      this.live.seal();
      return;
    }
    const history = seal(this.state.history);
    if (history !== this.state.history) this.state = { ...this.state, history };
  }

  undo(): void {
    if (this.live) {
      // Read only: the server would refuse it, and this screen would no longer match the room.
      if (this.state.live?.readOnly) return this.notify(READ_ONLY_UNDO, 'error');
      if (!this.state.live?.canUndo) return;
      const label = this.state.live.undoLabel;
      const live = this.live;
      this.asOwnChange(() => live.undo());
      this.notify(label ? `Undone: ${label}.` : 'Undone your last change.');
      return;
    }
    const label = undoLabel(this.state.history);
    if (!canUndo(this.state.history)) return;
    const history = undo(this.state.history);
    this.set({ history, selection: this.validSelection(history.present, this.state.selection) });
    this.notify(`Undone: ${label ?? 'last change'}.`);
  }

  redo(): void {
    if (this.live) {
      if (this.state.live?.readOnly) return this.notify(READ_ONLY_UNDO, 'error');
      if (!this.state.live?.canRedo) return;
      const label = this.state.live.redoLabel;
      const live = this.live;
      this.asOwnChange(() => live.redo());
      this.notify(label ? `Redone: ${label}.` : 'Redone your change.');
      return;
    }
    const label = redoLabel(this.state.history);
    if (!canRedo(this.state.history)) return;
    const history = redo(this.state.history);
    this.set({ history, selection: this.validSelection(history.present, this.state.selection) });
    this.notify(`Redone: ${label ?? 'change'}.`);
  }

  select(selection: Selection): void {
    const current = this.state.selection;
    if (current === selection || (current && selection && current.kind === selection.kind && current.id === selection.id)) return;
    this.set({ selection });
  }

  notify(text: string, tone: Notice['tone'] = 'info'): void {
    this.noticeId += 1;
    this.set({ notice: { id: this.noticeId, text, tone } });
  }

  /** Start again from a document (another pathway opened, or the server's copy taken), clearing undo. */
  reset(doc: Pathway): void {
    this.set({ history: createHistory(doc), selection: null });
  }

  /**
   * Make this person's own change to the live document and follow it, so that what it removes is
   * not announced as someone else's doing (see followLive).
   */
  private asOwnChange<T>(change: () => T): T {
    this.ownChange = true;
    try {
      const result = change();
      this.followLive();
      return result;
    } finally {
      this.ownChange = false;
    }
  }

  private validSelection(doc: Pathway, selection: Selection): Selection {
    if (!selection) return null;
    if (selection.kind === 'step') return doc.steps.some((s) => s.id === selection.id) ? selection : null;
    return doc.transitions.some((t) => t.id === selection.id) ? selection : null;
  }
}

/** Add the ids a command made to the retired set. */
function retire(command: Command, retired: Set<string>): void {
  if (command.type === 'addStep' && command.input.id !== undefined) retired.add(command.input.id);
  else if (command.type === 'connect' && command.input?.id !== undefined) retired.add(command.input.id);
  else if (command.type === 'batch') for (const c of command.commands) retire(c, retired);
  else if (command.type === 'replaceDocument') {
    const doc = command.doc as Partial<Pathway> | null;
    for (const s of Array.isArray(doc?.steps) ? doc.steps : []) if (typeof s?.id === 'string') retired.add(s.id);
    for (const t of Array.isArray(doc?.transitions) ? doc.transitions : []) if (typeof t?.id === 'string') retired.add(t.id);
  }
}

export function useEditor<T>(store: EditorStore, selector: (state: EditorState) => T): T {
  return useSyncExternalStore(
    store.subscribe,
    () => selector(store.getState()),
    () => selector(store.getState()),
  );
}

export { canRedo, canUndo, redoLabel, undoLabel };
