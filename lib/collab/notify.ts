// Telling everyone in a pathway's live room that something outside the shared document changed
// (issue 5): a comment, the workshop timer, the dot vote, a rating round. The change itself is in
// PostgreSQL; the message only says "look again" ({ type: 'room-changed', topic }), sent as a
// Hocuspocus stateless message to every connection on the pathway's document (and, with Redis, to
// the other servers' connections through @hocuspocus/extension-redis).
//
// The collaboration server registers the sender on globalThis because Next.js bundles server
// actions and route handlers separately from server.ts: a module-level variable would not be
// shared between the two copies of this file.

export const ROOM_CHANGED_MESSAGE = 'room-changed';
export type RoomTopic = 'comments' | 'workshop';

type Sender = (pathwayId: string, topic: RoomTopic) => void;
const KEY = Symbol.for('pathweave.collab.roomNotifier');
type Holder = { [KEY]?: Sender | undefined };

export function setRoomNotifier(sender: Sender): void {
  (globalThis as Holder)[KEY] = sender;
}

/** On closing a server: forget its sender, unless another server has registered since. */
export function clearRoomNotifier(sender: Sender): void {
  const holder = globalThis as Holder;
  if (holder[KEY] === sender) holder[KEY] = undefined;
}

/** Best effort and never throws: clients also look again from time to time. */
export function notifyRoom(pathwayId: string, topic: RoomTopic): void {
  try {
    (globalThis as Holder)[KEY]?.(pathwayId, topic);
  } catch {
    // A failed notice loses nothing: the change is stored and the next look finds it.
  }
}

export function roomChangedPayload(topic: RoomTopic): string {
  return JSON.stringify({ type: ROOM_CHANGED_MESSAGE, topic });
}

/** The topic of a stateless payload that is a room-changed notice, else null. */
export function readRoomChanged(payload: string): RoomTopic | null {
  try {
    const m = JSON.parse(payload) as { type?: unknown; topic?: unknown };
    if (m.type === ROOM_CHANGED_MESSAGE && (m.topic === 'comments' || m.topic === 'workshop')) return m.topic;
  } catch {
    // not ours
  }
  return null;
}
