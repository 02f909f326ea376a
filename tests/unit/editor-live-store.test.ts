// The editor's store on the shared live document (issue 5): edits go to the Y.Doc, other people's
// edits reach the editor, and undo and redo touch only this person's own edits.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EditorStore, READ_ONLY_UNDO, type LiveTarget } from '@/components/editor/store';
import { applyCommandToYDoc, CommandError, createPathwayReader, createUndoManager, pathwayToYDoc } from '@/lib/collab/doc';
import type { Command } from '@/lib/pathway/commands';
import { generatePathway } from '@/lib/pathway/generate';

function liveOver(ydoc: Y.Doc): LiveTarget {
  const origin = { source: 'me' };
  const reader = createPathwayReader(ydoc);
  const undo = createUndoManager(ydoc, origin);
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());
  ydoc.on('afterTransaction', notify);
  undo.on('stack-item-added', notify);
  undo.on('stack-item-popped', notify);
  let snap = { pathway: reader.read(), canUndo: false, canRedo: false };
  return {
    apply(command: Command) {
      try {
        const r = applyCommandToYDoc(ydoc, command, origin, reader);
        return { ok: true, doc: r.after, command: r.command, changed: r.changed };
      } catch (e) {
        if (e instanceof CommandError) return { ok: false, message: e.message, issues: e.issues };
        throw e;
      }
    },
    undo: () => undo.undo(),
    redo: () => undo.redo(),
    seal: () => undo.stopCapturing(),
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    getSnapshot() {
      const next = { pathway: reader.read(), canUndo: undo.undoStack.length > 0, canRedo: undo.redoStack.length > 0 };
      if (next.pathway !== snap.pathway || next.canUndo !== snap.canUndo || next.canRedo !== snap.canRedo) snap = next;
      return snap;
    },
  };
}

describe('EditorStore on the live document', () => {
  it('applies edits to the shared document, follows other people, and undoes only its own edits', () => {
    const start = generatePathway({ steps: 4, seed: 3, layout: true });
    const ydoc = new Y.Doc();
    pathwayToYDoc(start, ydoc);
    const store = new EditorStore(start);
    store.attachLive(liveOver(ydoc));
    expect(store.isLive).toBe(true);
    expect(store.getState().live).toEqual({ canUndo: false, canRedo: false });

    const mine = store.exec({ type: 'addStep', input: { kind: 'review', sector: 'primary_care', title: 'Mine' } });
    expect(mine.ok).toBe(true);
    expect(store.doc.steps.some((s) => s.title === 'Mine')).toBe(true);
    expect(store.getState().live?.canUndo).toBe(true);

    // Someone else's edit (another origin) reaches the editor at once.
    applyCommandToYDoc(ydoc, { type: 'addStep', input: { kind: 'support', sector: 'voluntary_community', title: 'Theirs' } }, { source: 'other' });
    expect(store.doc.steps.map((s) => s.title)).toEqual(expect.arrayContaining(['Mine', 'Theirs']));

    // Undo removes mine, keeps theirs; redo brings mine back.
    store.undo();
    expect(store.doc.steps.some((s) => s.title === 'Mine')).toBe(false);
    expect(store.doc.steps.some((s) => s.title === 'Theirs')).toBe(true);
    expect(store.getState().live).toEqual({ canUndo: false, canRedo: true });
    store.redo();
    expect(store.doc.steps.some((s) => s.title === 'Mine')).toBe(true);

    // A command that cannot apply changes nothing and says why.
    const bad = store.exec({ type: 'removeStep', stepId: 'no-such-step' }, { announce: true });
    expect(bad.ok).toBe(false);
    expect(store.getState().notice?.tone).toBe('error');

    // Back to local editing: from the live document's last state, with a fresh local undo history.
    const last = store.doc;
    store.detachLive();
    expect(store.isLive).toBe(false);
    expect(store.doc).toBe(last);
    expect(store.getState().live).toBeNull();
    applyCommandToYDoc(ydoc, { type: 'addStep', input: { kind: 'review', sector: 'primary_care', title: 'After leaving' } }, { source: 'other' });
    expect(store.doc.steps.some((s) => s.title === 'After leaving')).toBe(false);
  });

  it('says when someone else removes the step this person has selected, and not when they remove it themself', () => {
    const start = generatePathway({ steps: 6, seed: 4, layout: true });
    const ydoc = new Y.Doc();
    pathwayToYDoc(start, ydoc);
    const store = new EditorStore(start);
    store.attachLive(liveOver(ydoc));
    const mine = store.exec({ type: 'addStep', input: { kind: 'review', sector: 'primary_care', title: 'Mine to remove' } });
    const theirs = store.exec({ type: 'addStep', input: { kind: 'review', sector: 'primary_care', title: 'Falls review' } });
    if (!mine.ok || !theirs.ok) throw new Error('not added');
    const id = (title: string) => store.doc.steps.find((s) => s.title === title)?.id as string;

    store.select({ kind: 'step', id: id('Falls review') });
    applyCommandToYDoc(ydoc, { type: 'removeStep', stepId: id('Falls review') }, { source: 'other' });
    expect(store.getState().selection).toBeNull();
    expect(store.getState().notice?.text).toBe('The step you had selected, “Falls review”, was removed by someone else.');

    store.notify('Something else.');
    store.select({ kind: 'step', id: id('Mine to remove') });
    expect(store.exec({ type: 'removeStep', stepId: id('Mine to remove') }).ok).toBe(true);
    expect(store.getState().selection).toBeNull();
    expect(store.getState().notice?.text).not.toContain('someone else');
  });

  it('undoes and redoes nothing while the live session is read only (moved down to viewer), and says why', () => {
    const start = generatePathway({ steps: 4, seed: 5, layout: true });
    const ydoc = new Y.Doc();
    pathwayToYDoc(start, ydoc);
    const store = new EditorStore(start);
    const inner = liveOver(ydoc);
    let readOnly = false;
    const asked: string[] = [];
    store.attachLive({
      ...inner,
      undo: () => (asked.push('undo'), inner.undo()),
      redo: () => (asked.push('redo'), inner.redo()),
      // As lib/collab/client.ts's snapshot: the stacks stay, but nothing is offered while read only.
      getSnapshot: () => {
        const snap = inner.getSnapshot();
        return readOnly ? { ...snap, canUndo: false, canRedo: false, readOnly } : snap;
      },
    });
    expect(store.exec({ type: 'addStep', input: { kind: 'review', sector: 'primary_care', title: 'Mine' } }).ok).toBe(true);
    readOnly = true;
    ydoc.transact(() => undefined); // the session tells its listeners
    expect(store.getState().live).toEqual({ canUndo: false, canRedo: false, readOnly: true });
    store.undo();
    store.redo();
    expect(asked).toEqual([]);
    expect(store.doc.steps.some((s) => s.title === 'Mine')).toBe(true);
    expect(store.getState().notice).toMatchObject({ text: READ_ONLY_UNDO, tone: 'error' });
  });
});
