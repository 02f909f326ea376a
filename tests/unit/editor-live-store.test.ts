// The editor's store on the shared live document (issue 5): edits go to the Y.Doc, other people's
// edits reach the editor, and undo and redo touch only this person's own edits.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EditorStore, READ_ONLY_UNDO, type LiveTarget, type RemoteChange } from '@/components/editor/store';
import { applyCommandToYDoc, CommandError, createPathwayReader, createUndoManager, pathwayToYDoc } from '@/lib/collab/doc';
import type { Command } from '@/lib/pathway/commands';
import { generatePathway } from '@/lib/pathway/generate';
import { applyField, keeping } from '@/components/editor/Inspector';
import { numberFromText } from '@/components/editor/validation';

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

  it('keeps a value typed that is not allowed while joining the live pathway and as other people edit', () => {
    const start = generatePathway({ steps: 4, seed: 3, layout: true });
    const ydoc = new Y.Doc();
    pathwayToYDoc(start, ydoc);
    const store = new EditorStore(start);
    const typed = { kind: 'step' as const, id: 's2', field: 'title', label: 'Title', text: '', errors: ['Title must not be empty.'] };
    store.keepPending(typed);
    store.attachLive(liveOver(ydoc));
    applyCommandToYDoc(ydoc, { type: 'addStep', input: { kind: 'support', sector: 'voluntary_community', title: 'Theirs' } }, { source: 'other' });
    expect(store.doc.steps.some((s) => s.title === 'Theirs')).toBe(true);
    expect(store.getState().pending).toEqual([typed]);
    store.detachLive();
    expect(store.getState().pending).toEqual([typed]);
  });

  it('puts nothing typed that is not allowed into the shared document: the box’s apply is refused and the value kept', () => {
    const start = generatePathway({ steps: 4, seed: 3, layout: true });
    const ydoc = new Y.Doc();
    pathwayToYDoc(start, ydoc);
    const store = new EditorStore(start);
    store.attachLive(liveOver(ydoc));
    const shared = () => JSON.stringify(createPathwayReader(ydoc).read());
    const before = shared();
    const live = store.doc;
    const updates: Uint8Array[] = [];
    ydoc.on('update', (u: Uint8Array) => updates.push(u));

    // As the inspector's boxes do: apply, refused, kept. A title left empty, and a share typed "0,5".
    const stepIndex = store.doc.steps.findIndex((s) => s.id === 's2');
    const titleErrors = applyField(store, ['steps', stepIndex, 'title'], '', 'Title', { type: 'updateStep', stepId: 's2', patch: { title: '' } });
    expect(titleErrors).toEqual(['Title must not be empty.']);
    keeping(store, 'step', 's2', 'title', 'Title').onKept({ text: '', errors: titleErrors });
    const t = store.doc.transitions[0];
    if (!t) throw new Error('no transition');
    const share = numberFromText('0,5');
    const shareErrors = applyField(store, ['transitions', 0, 'probability'], share, 'Share', { type: 'updateTransition', transitionId: t.id, patch: { probability: share as number } });
    expect(shareErrors.join(' ')).toContain('should be a number, but it is the text "0,5"');
    keeping(store, 'transition', t.id, 'probability', 'Share').onKept({ text: '0,5', errors: shareErrors });
    // The store itself refuses them too, asked directly.
    expect(store.exec({ type: 'updateStep', stepId: 's2', patch: { title: '' } }).ok).toBe(false);
    expect(store.exec({ type: 'updateTransition', transitionId: t.id, patch: { probability: share as number } }).ok).toBe(false);

    expect(updates).toHaveLength(0);
    expect(shared()).toBe(before);
    expect(store.doc).toBe(live);
    expect(store.getState().pending.map((p) => `${p.field}=${p.text}`)).toEqual(['title=', 'probability=0,5']);
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
    expect(store.getState().notice?.text).toBe('Someone deleted the step “Falls review” you had selected.');

    store.notify('Something else.');
    store.select({ kind: 'step', id: id('Mine to remove') });
    expect(store.exec({ type: 'removeStep', stepId: id('Mine to remove') }).ok).toBe(true);
    expect(store.getState().selection).toBeNull();
    expect(store.getState().notice?.text).not.toContain('deleted the step');
  });

  it('tells its remote-change listeners of others’ changes with who made them, never of its own', () => {
    const start = generatePathway({ steps: 6, seed: 6, layout: true });
    const ydoc = new Y.Doc();
    pathwayToYDoc(start, ydoc);
    const store = new EditorStore(start);
    const sam = { id: 'u-sam', name: 'Sam Jones', role: 'practice_nurse' };
    let authors: { people: (typeof sam)[]; someoneElse: boolean; ownOnly: boolean } | null = null;
    const asked: number[] = [];
    store.attachLive({
      ...liveOver(ydoc),
      takeRemoteAuthors: () => {
        asked.push(1);
        const a = authors;
        authors = null;
        return a;
      },
    });
    const heard: RemoteChange[] = [];
    const off = store.onRemoteChange((c) => {
      heard.push(c);
      return c.lostSelection !== null;
    });

    // Their rename: heard, with who and the documents before and after.
    const target = start.steps.find((s) => s.kind !== 'entry' && s.kind !== 'exit') as (typeof start.steps)[number];
    authors = { people: [sam], someoneElse: false, ownOnly: false };
    applyCommandToYDoc(ydoc, { type: 'updateStep', stepId: target.id, patch: { title: 'Nurse triage' } }, { source: 'other' });
    expect(heard).toHaveLength(1);
    expect(heard[0]?.by).toEqual([sam]);
    expect(heard[0]?.before.steps.find((s) => s.id === target.id)?.title).toBe(target.title);
    expect(heard[0]?.after.steps.find((s) => s.id === target.id)?.title).toBe('Nurse triage');

    // One's own change: not heard (and who wrote it is still asked, so it never runs on).
    const before = asked.length;
    expect(store.exec({ type: 'updateStep', stepId: target.id, patch: { title: 'Mine' } }).ok).toBe(true);
    expect(heard).toHaveLength(1);
    expect(asked.length).toBeGreaterThan(before);

    // A listener that tells of a lost selection itself: the store says nothing more.
    store.notify('Before.');
    store.select({ kind: 'step', id: target.id });
    authors = { people: [sam], someoneElse: false, ownOnly: false };
    applyCommandToYDoc(ydoc, { type: 'removeStep', stepId: target.id }, { source: 'other' });
    expect(heard[1]?.lostSelection).toEqual({ kind: 'step', id: target.id });
    expect(store.getState().notice?.text).toBe('Before.');
    off();

    // Without a listener, the store names who deleted it.
    const other = store.doc.steps.find((s) => s.kind !== 'entry' && s.kind !== 'exit') as (typeof start.steps)[number];
    store.select({ kind: 'step', id: other.id });
    authors = { people: [sam], someoneElse: false, ownOnly: false };
    applyCommandToYDoc(ydoc, { type: 'removeStep', stepId: other.id }, { source: 'other' });
    expect(store.getState().notice?.text).toBe(`Sam Jones (Practice nurse) deleted the step “${other.title}” you had selected.`);
    expect(heard).toHaveLength(2);
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
