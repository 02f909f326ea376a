// Edits made offline in the live editor, kept on this device (pure rules; the browser side is
// local-copy.ts). The live document is kept in IndexedDB (y-indexeddb) per person and pathway, so
// that closing the tab or a crash before the connection comes back loses nothing: on reopening,
// what the room has not got yet is merged into it (lib/collab/client.ts, CollaborativeSession).
//
// A local copy is only ever merged into the room it came from. With it we keep the room's state
// vector as last seen with every edit acknowledged ("what the room certainly had"). The server
// never forgets an acknowledged update (lib/collab/README.md: logged before it is applied, and
// compaction keeps every client's clock), so a room that no longer has all of that was replaced
// (reseeded, restored from a backup): merging old local state into it could bring back or
// duplicate content, so the local copy is dropped instead, and the person told.
import * as Y from 'yjs';

export { localCopyName, localCopyPrefixFor } from './local-copy-names';

/** The layout of the meta kept with a copy; meta of another layout is read as none (readLocalCopyMeta). */
export const LOCAL_COPY_VERSION = 1;

/** Stored beside the document in the local copy (y-indexeddb's "custom" store). */
export interface LocalCopyMeta {
  version: typeof LOCAL_COPY_VERSION;
  /** The room's state vector when this device last had every edit acknowledged, as [client, clock] pairs. */
  roomVector: [number, number][];
  /** This device made edits the room has not acknowledged yet (set with the first, cleared when all are). */
  unsent: boolean;
}

/** What the person is told about the edits kept on this device, once the room is reached. */
export type OfflineNotice = 'shared' | 'read-only' | 'discarded';

export const OFFLINE_NOTICES: Record<OfflineNotice, string> = {
  shared: 'Changes you made while offline have been shared.',
  'read-only':
    'Changes you made on this device while offline could not be shared, because you can now only view this pathway. They are kept on this device until you sign out. Ask the facilitator if you need to edit again.',
  discarded:
    'Changes you made on this device while offline could not be shared, because the live pathway has been reset since then. They have been removed from this device.',
};

/** A stored meta value, or null when it is missing or not of this layout. */
export function readLocalCopyMeta(value: unknown): LocalCopyMeta | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as { version?: unknown; roomVector?: unknown; unsent?: unknown };
  if (v.version !== LOCAL_COPY_VERSION || !Array.isArray(v.roomVector) || typeof v.unsent !== 'boolean') return null;
  const pairs: [number, number][] = [];
  for (const p of v.roomVector) {
    if (!Array.isArray(p) || p.length !== 2 || !Number.isSafeInteger(p[0]) || !Number.isSafeInteger(p[1])) return null;
    pairs.push([p[0] as number, p[1] as number]);
  }
  return { version: LOCAL_COPY_VERSION, roomVector: pairs, unsent: v.unsent };
}

/** A document's state vector as [client, clock] pairs. */
export function roomVectorOf(doc: Y.Doc): [number, number][] {
  return [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort((a, b) => a[0] - b[0]);
}

/**
 * True when the room no longer has something it had when the local copy last saw it: the room's
 * document was replaced, and the local copy must not be merged into it. A copy that never saw the
 * room acknowledge anything (no meta) is checked by its content alone (see pendingLocalChanges).
 */
export function isLocalCopyStale(meta: LocalCopyMeta | null, room: Y.Doc): boolean {
  if (!meta) return false;
  const now = Y.decodeStateVector(Y.encodeStateVector(room));
  return meta.roomVector.some(([client, clock]) => (now.get(client) ?? 0) < clock);
}

/**
 * Whether the local copy holds edits made after the room last acknowledged everything (for saying
 * so when a stale copy is dropped): marked unsent, or with insertions the room had not acknowledged.
 * With no meta, anything at all in the copy counts.
 */
export function hasEditsSince(meta: LocalCopyMeta | null, local: Y.Doc): boolean {
  if (meta?.unsent) return true;
  const seen = new Map(meta?.roomVector ?? []);
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(local)))
    if (clock > (seen.get(client) ?? 0)) return true;
  return false;
}

/**
 * What the local copy has that the room has not (insertions or deletions), as one Yjs update to
 * apply to the room; null when the room already has everything.
 */
export function pendingLocalChanges(local: Y.Doc, room: Y.Doc): Uint8Array | null {
  const update = Y.encodeStateAsUpdate(local, Y.encodeStateVector(room));
  // The update always carries the whole delete set: see whether it changes the room at all.
  const scratch = new Y.Doc({ gc: false });
  try {
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(room));
    const before = Y.snapshot(scratch);
    Y.applyUpdate(scratch, update);
    return Y.equalSnapshots(before, Y.snapshot(scratch)) ? null : update;
  } finally {
    scratch.destroy();
  }
}
