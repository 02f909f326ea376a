// Telling everyone in a pathway's live room that something outside the shared document changed
// (issue 5): a comment, the workshop timer, the dot vote, a rating round. The change itself is in
// PostgreSQL; the message only says "look again" ({ type: 'room-changed', topic }), sent as a
// Hocuspocus stateless message to every connection on the pathway's document (and, with Redis, to
// the other servers' connections through @hocuspocus/extension-redis).
//
// The collaboration server registers the sender through a process hook (./bridge.ts).
import { processHook } from './bridge';

export const ROOM_CHANGED_MESSAGE = 'room-changed';
export type RoomTopic = 'comments' | 'workshop';

type Sender = (pathwayId: string, topic: RoomTopic) => void;
const sender = processHook<Sender>('roomNotifier');

export function setRoomNotifier(fn: Sender): void {
  sender.set(fn);
}

/** On closing a server: forget its sender, unless another server has registered since. */
export function clearRoomNotifier(fn: Sender): void {
  sender.clear(fn);
}

/** Best effort and never throws: clients also look again from time to time. */
export function notifyRoom(pathwayId: string, topic: RoomTopic): void {
  try {
    sender.get()?.(pathwayId, topic);
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
