// Who the editor says made a change that reached the live pathway from elsewhere: the real
// CollaborativeSession (lib/collab/client.ts takeRemoteAuthors) under the editor's store, with the
// room's updates applied as the provider applies them. No server: the socket never opens.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EditorStore, type RemoteChange } from '@/components/editor/store';
import { OTHERS } from '@/lib/collab/announce';
import { CollaborativeSession, OFFLINE_ORIGIN } from '@/lib/collab/client';
import { applyCommandToYDoc, pathwayToYDoc } from '@/lib/collab/doc';
import type { Command } from '@/lib/pathway/commands';
import { generatePathway } from '@/lib/pathway/generate';
import type { Pathway } from '@/lib/pathway/schema';

/** A websocket that never opens. */
class NeverOpens {
  readyState = 0;
  binaryType = 'arraybuffer';
  constructor(readonly url: string) {}
  addEventListener(): void {}
  removeEventListener(): void {}
  send(): void {}
  close(): void {}
}

const ME = { id: 'u-me', name: 'Dr Ada Fernsby', role: 'gp' };
const PRIYA = { id: 'u-priya', name: 'Priya Osei', role: 'gp' };
const SAM = { id: 'u-sam', name: 'Sam Jones', role: 'practice_nurse' };

const sessions: CollaborativeSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.destroy();
});

/** This person's session on a room holding `start`, synced, with the editor's store on it. */
function joined(start: Pathway) {
  const session = new CollaborativeSession({
    pathwayId: 'p-remote-authors',
    url: 'ws://127.0.0.1:9/collab',
    WebSocketPolyfill: NeverOpens,
  });
  sessions.push(session);
  const room = new Y.Doc();
  pathwayToYDoc(start, room);
  Y.applyUpdate(session.ydoc, Y.encodeStateAsUpdate(room), session.provider);
  session.provider.synced = true;
  session.provider.awareness?.setLocalStateField('user', ME);
  const store = new EditorStore(start);
  store.attachLive(session);
  const heard: RemoteChange[] = [];
  store.onRemoteChange((c) => void heard.push(c));
  return { session, room, store, heard };
}

/** Someone else's copy of the room, and what they write in it. */
function writer(room: Y.Doc) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(room));
  return {
    doc,
    since: Y.encodeStateVector(doc),
    run(command: Command) {
      applyCommandToYDoc(doc, command, { source: 'theirs' });
    },
    update(): Uint8Array {
      return Y.encodeStateAsUpdate(doc, this.since);
    },
  };
}

function inRoom(session: CollaborativeSession, clientId: number, user: typeof ME): void {
  session.provider.awareness?.states.set(clientId, { user });
}

const start = generatePathway({ steps: 6, seed: 11, layout: true });
const middle = start.steps.filter((s) => s.kind !== 'entry' && s.kind !== 'exit');
const [triage, other] = middle as [Pathway['steps'][number], Pathway['steps'][number]];
const link = start.transitions.find(
  (t) => t.from !== triage.id && t.to !== triage.id,
) as Pathway['transitions'][number];

describe('who is named for a change from elsewhere', () => {
  it('treats this person’s own edits kept offline, merged on coming back, as their own: nothing told', () => {
    const { session, room, store, heard } = joined(start);
    store.select({ kind: 'step', id: triage.id });
    store.notify('Before.');
    // Made on this device while offline (an earlier visit), merged into the room as the session does.
    const kept = writer(room);
    kept.run({ type: 'removeStep', stepId: triage.id });
    kept.run({ type: 'addStep', input: { kind: 'review', sector: 'primary_care', title: 'Falls review' } });
    Y.applyUpdate(session.ydoc, kept.update(), OFFLINE_ORIGIN);

    expect(store.doc.steps.some((s) => s.id === triage.id)).toBe(false);
    expect(store.doc.steps.some((s) => s.title === 'Falls review')).toBe(true);
    expect(heard).toEqual([]);
    expect(store.getState().notice?.text).toBe('Before.');
    expect(store.getState().selection).toBeNull();

    // Someone else's change afterwards is still told, and named.
    const priya = writer(session.ydoc);
    inRoom(session, priya.doc.clientID, PRIYA);
    priya.run({ type: 'updateStep', stepId: other.id, patch: { title: 'Nurse triage' } });
    Y.applyUpdate(session.ydoc, priya.update(), session.provider);
    expect(heard).toHaveLength(1);
    expect(heard[0]?.by).toEqual([PRIYA]);
  });

  it('names the one person who deleted a step live', () => {
    const { session, room, store } = joined(start);
    const priya = writer(room);
    inRoom(session, priya.doc.clientID, PRIYA);
    store.select({ kind: 'step', id: triage.id });
    priya.run({ type: 'removeStep', stepId: triage.id });
    Y.applyUpdate(session.ydoc, priya.update(), session.provider);
    expect(store.getState().notice?.text).toBe(`Priya Osei (GP) deleted the step “${triage.title}” you had selected.`);
  });

  it('does not put a deletion by someone who has left down to another writer in the catch-up after reconnecting', () => {
    const { session, room, store, heard } = joined(start);
    const sam = writer(room);
    const priya = writer(room);
    inRoom(session, priya.doc.clientID, PRIYA);
    store.select({ kind: 'step', id: triage.id });
    // While this person was offline: Sam deleted "Triage" and left; Priya added a step.
    sam.run({ type: 'removeStep', stepId: triage.id });
    priya.run({ type: 'addStep', input: { kind: 'review', sector: 'primary_care', title: 'Falls review' } });
    // Back: the connection closed (the provider is not synced) and the catch-up comes as one transaction.
    session.provider.synced = false;
    Y.applyUpdate(session.ydoc, Y.mergeUpdates([sam.update(), priya.update()]), session.provider);
    session.provider.synced = true;

    expect(store.getState().notice?.text).toBe(`Someone deleted the step “${triage.title}” you had selected.`);
    expect(heard[0]?.deletedBy).toBeNull();
    expect(heard[0]?.by).toEqual([PRIYA, OTHERS]);
  });

  it('does not put a deletion that wrote nothing down to the only writer in the catch-up', () => {
    const { session, room, store, heard } = joined(start);
    const sam = writer(room);
    const priya = writer(room);
    inRoom(session, priya.doc.clientID, PRIYA);
    inRoom(session, sam.doc.clientID, SAM);
    store.select({ kind: 'transition', id: link.id });
    // Sam removed a transition (a deletion only: his client wrote nothing) and Priya added a step.
    sam.run({ type: 'removeTransition', transitionId: link.id });
    expect(Y.encodeStateVector(sam.doc)).toEqual(sam.since);
    priya.run({ type: 'addStep', input: { kind: 'review', sector: 'primary_care', title: 'Falls review' } });
    session.provider.synced = false;
    Y.applyUpdate(session.ydoc, Y.mergeUpdates([sam.update(), priya.update()]), session.provider);
    session.provider.synced = true;

    expect(store.doc.transitions.some((t) => t.id === link.id)).toBe(false);
    expect(store.getState().notice?.text).toBe('Someone deleted the transition you had selected.');
    // What Priya added is still hers.
    expect(heard[0]?.by).toEqual([PRIYA]);
  });
});
