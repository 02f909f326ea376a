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
import { creditOf, lostStepText, lostTransitionText, type By, type RemoteAuthors } from '@/lib/collab/announce';

export type Selection = { kind: 'step' | 'transition'; id: string } | null;

export interface Notice {
  /** Increases with every notice, so the same words said twice are announced twice. */
  id: number;
  text: string;
  tone: 'info' | 'error';
}

/**
 * A value typed into the details panel that is not allowed ("0,5" for a share, an empty title), so
 * not in the document. Kept here, by target and field, until it is corrected or put back (Escape):
 * the field shows it again with its error when its step is chosen again, and it counts as unsaved.
 */
export interface PendingValue {
  /** What the field belongs to; `id` is '' for the pathway's own details. */
  kind: 'step' | 'transition' | 'pathway';
  id: string;
  /** The field's path inside its step, transition or pathway, dotted: "probability", "gpWorkload.minutesPerPatient". */
  field: string;
  /** The field's label, as messages name it. */
  label: string;
  /** What was typed. */
  text: string;
  /** Why it is not allowed, as shown beside the field. */
  errors: readonly string[];
  /**
   * In a field of several boxes (a list, the sponsor), the box that holds it ("1" for a list's second
   * item, "1-name", "role"), so that a message can take the focus there; absent for the field as a whole.
   */
  box?: string;
  /** Chosen from a list rather than typed: `text` is then the option's label, and messages say "chose". */
  chosen?: boolean;
  /**
   * What the field needs to show it all again, when `text` does not say it (a list's items as typed,
   * with their errors; a choice's value). `label`, `text` and `errors` then describe its first box that
   * is not allowed, as messages name it.
   */
  draft?: unknown;
}

function samePendingField(a: Pick<PendingValue, 'kind' | 'id' | 'field'>, b: Pick<PendingValue, 'kind' | 'id' | 'field'>): boolean {
  return a.kind === b.kind && a.id === b.id && a.field === b.field;
}

/**
 * The id of the control a pending value was typed in, so that a message can take the focus there. A
 * field of several boxes gives this id (without `box`) to the group, and this id, a dash and the box to each box.
 */
export function pendingFieldId(p: Pick<PendingValue, 'kind' | 'id' | 'field' | 'box'>): string {
  return `typed-${p.kind}${p.id ? `-${p.id}` : ''}-${p.field.replace(/\./g, '-')}${p.box ? `-${p.box}` : ''}`;
}

/**
 * The first box of a field of several that holds a value not allowed, by the errors by box that its
 * validation gave: the lowest item of a list (its whole-list errors, -1, last), otherwise the first
 * named. Undefined when there are none.
 */
export function firstProblem<K>(errors: ReadonlyMap<K, readonly string[]>): { box: K; errors: readonly string[] } | undefined {
  const rank = (k: K) => (typeof k === 'number' ? (k < 0 ? Infinity : k) : 0);
  const [first] = [...errors].filter(([, e]) => e.length > 0).sort(([a], [b]) => rank(a) - rank(b));
  return first ? { box: first[0], errors: first[1] } : undefined;
}

/**
 * The pending values whose field is in `doc`: a deleted step's are not counted or shown (undo brings
 * the step back, and them with it), nor one whose part of the step is gone (GP workload switched off).
 */
export function pendingInDocument(doc: Pathway, pending: readonly PendingValue[]): readonly PendingValue[] {
  if (pending.length === 0) return pending;
  const kept = pending.filter((p) => {
    let at: unknown = p.kind === 'step' ? doc.steps.find((s) => s.id === p.id) : p.kind === 'transition' ? doc.transitions.find((t) => t.id === p.id) : doc;
    for (const key of p.field.split('.').slice(0, -1)) {
      if (typeof at !== 'object' || at === null) return false;
      at = (at as Record<string, unknown>)[key];
    }
    return typeof at === 'object' && at !== null;
  });
  return kept.length === pending.length ? pending : kept;
}

export interface EditorState {
  history: History;
  selection: Selection;
  notice: Notice | null;
  /**
   * The last word about other people's changes in the live workshop (lib/collab/announce.ts). Said in
   * the same polite region as an info `notice`, whichever is newer, but kept apart so that it never
   * takes an error's place.
   */
  liveNotice: Notice | null;
  /** Values typed in the details panel that are not allowed, oldest first (see PendingValue). */
  pending: readonly PendingValue[];
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
  /** Who wrote what came from the room since last asked (lib/collab/client.ts); without it, "someone". */
  takeRemoteAuthors?(): RemoteAuthors | null;
}

/** A change to the live pathway that this person did not make here (someone else's, or their own in another window). */
export interface RemoteChange {
  before: Pathway;
  after: Pathway;
  /** Who made it; null when that cannot be told. */
  by: By;
  /** Whom to name for what it deleted: null unless one person alone can have deleted it (announce.ts creditOf). */
  deletedBy: By;
  /** Made by this person in another tab or window. */
  ownOnly: boolean;
  /** What this person had selected, when the change removed it. */
  lostSelection: Selection;
}

/** Hears remote changes as they are followed; returns true when it told the person about `lostSelection` itself. */
export type RemoteChangeListener = (change: RemoteChange) => boolean | void;

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
  private readonly remoteListeners = new Set<RemoteChangeListener>();

  /**
   * Ids this editor must not hand out again: those the server reports as used before (saved
   * versions, comments, dot votes), the opening document's, and every one made in this session.
   * So deleting the last step and adding another never gives the new step the old one's comments.
   */
  private readonly retired: Set<string>;

  constructor(doc: Pathway, retiredIds: Iterable<string> = []) {
    this.state = { history: createHistory(doc), selection: null, notice: null, liveNotice: null, live: null, pending: [] };
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
    // Asked every time, so who wrote one change never runs on into the next.
    const authors = this.live.takeRemoteAuthors?.() ?? null;
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
    // This person's own: made here, or edits kept on this device while offline, merged on coming back.
    if (this.ownChange || authors?.keptOffline) return;
    const lostSelection = lost && !selection ? lost : null;
    const change: RemoteChange = {
      before: was,
      after: doc,
      ...creditOf(authors),
      ownOnly: authors?.ownOnly ?? false,
      lostSelection,
    };
    let told = false;
    if (!force && doc !== was) for (const l of this.remoteListeners) told = l(change) === true || told;
    // What this person had selected was just removed by someone else: say so, rather than let
    // the details panel vanish without a word.
    if (lostSelection && !told) {
      const title = lostSelection.kind === 'step' ? was.steps.find((st) => st.id === lostSelection.id)?.title : undefined;
      this.notify(lostSelection.kind === 'step' ? lostStepText(change.deletedBy, title, false, change.ownOnly) : lostTransitionText(change.deletedBy, change.ownOnly));
    }
  }

  /**
   * Hear the changes to the live pathway that this person did not make here, as they arrive (before
   * the page shows them: what has the focus can still be found).
   */
  onRemoteChange(listener: RemoteChangeListener): () => void {
    this.remoteListeners.add(listener);
    return () => {
      this.remoteListeners.delete(listener);
    };
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

  /** Keep (or update) a value typed into a field that is not allowed. */
  keepPending(value: PendingValue): void {
    const list = this.state.pending;
    const i = list.findIndex((p) => samePendingField(p, value));
    const old = list[i];
    if (
      old &&
      old.text === value.text &&
      old.label === value.label &&
      old.errors.join('\n') === value.errors.join('\n') &&
      old.box === value.box &&
      old.chosen === value.chosen &&
      old.draft === value.draft
    )
      return;
    this.set({ pending: i < 0 ? [...list, value] : list.map((p, k) => (k === i ? value : p)) });
  }

  /** The field's value was corrected or put back: forget what was typed. True when there was something. */
  clearPending(kind: PendingValue['kind'], id: string, field: string): boolean {
    const list = this.state.pending;
    const next = list.filter((p) => !samePendingField(p, { kind, id, field }));
    if (next.length === list.length) return false;
    this.set({ pending: next });
    return true;
  }

  pendingFor(kind: PendingValue['kind'], id: string, field: string): PendingValue | undefined {
    return this.state.pending.find((p) => samePendingField(p, { kind, id, field }));
  }

  notify(text: string, tone: Notice['tone'] = 'info'): void {
    this.noticeId += 1;
    this.set({ notice: { id: this.noticeId, text, tone } });
  }

  /** Tell this person about other people's changes (see EditorState.liveNotice). */
  announce(text: string): void {
    this.noticeId += 1;
    this.set({ liveNotice: { id: this.noticeId, text, tone: 'info' } });
  }

  /** Start again from a document (another pathway opened, or the server's copy taken), clearing undo. */
  reset(doc: Pathway): void {
    this.set({ history: createHistory(doc), selection: null, pending: [] });
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
