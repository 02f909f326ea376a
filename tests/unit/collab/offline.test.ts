// Edits kept on this device while offline (lib/collab/offline.ts): where they are kept, what of
// them the room has not got, and when a kept copy must not be merged because the room was replaced.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyCommandToYDoc, pathwayToYDoc, yDocToPathway } from '@/lib/collab/doc';
import { localCopyName, localCopyPrefixFor } from '@/lib/collab/local-copy-names';
import {
  hasEditsSince,
  isLocalCopyStale,
  LOCAL_COPY_VERSION,
  pendingLocalChanges,
  readLocalCopyMeta,
  roomVectorOf,
  type LocalCopyMeta,
} from '@/lib/collab/offline';
import { generatePathway } from '@/lib/pathway/generate';

const SERVER = { source: 'server' };

/** A room seeded from a pathway, and a device that has synced with it. */
function roomAndDevice() {
  const room = new Y.Doc();
  pathwayToYDoc(generatePathway({ steps: 4, seed: 7 }), room, SERVER);
  const device = new Y.Doc();
  Y.applyUpdate(device, Y.encodeStateAsUpdate(room));
  return { room, device };
}

function metaFor(doc: Y.Doc, unsent = false): LocalCopyMeta {
  return { version: LOCAL_COPY_VERSION, roomVector: roomVectorOf(doc), unsent };
}

describe('local copy names', () => {
  it('are per person and pathway, so another person on the same computer never opens them', () => {
    expect(localCopyName('user-a', 'p1')).toBe('pathweave-live:user-a:p1');
    expect(localCopyName('user-a', 'p1')).not.toBe(localCopyName('user-b', 'p1'));
    expect(localCopyName('user-a', 'p1').startsWith(localCopyPrefixFor('user-a'))).toBe(true);
    expect(localCopyName('user-b', 'p1').startsWith(localCopyPrefixFor('user-a'))).toBe(false);
  });

  it('cannot be made to reach into another person’s copies', () => {
    // A ':' in an id is escaped: "a:b" + "c" is not "a" + "b:c".
    expect(localCopyName('a:b', 'c')).not.toBe(localCopyName('a', 'b:c'));
    expect(localCopyName('a', 'x').startsWith(localCopyPrefixFor('a:'))).toBe(false);
    expect(() => localCopyName('', 'p1')).toThrow();
    expect(() => localCopyName('u', '')).toThrow();
  });
});

describe('pendingLocalChanges', () => {
  it('is null when the room already has everything kept on the device', () => {
    const { room, device } = roomAndDevice();
    expect(pendingLocalChanges(device, room)).toBeNull();
    // The room moved on without the device: still nothing to send.
    applyCommandToYDoc(room, { type: 'updateMetadata', patch: { title: 'Renamed by the room' } }, SERVER);
    expect(pendingLocalChanges(device, room)).toBeNull();
  });

  it('carries an edit made offline into the room, merged with what the room did meanwhile', () => {
    const { room, device } = roomAndDevice();
    applyCommandToYDoc(device, { type: 'updateMetadata', patch: { title: 'Made offline' } }, { source: 'me' });
    const stepCount = yDocToPathway(room).steps.length;
    applyCommandToYDoc(
      room,
      {
        type: 'addStep',
        input: {
          kind: 'assessment',
          title: 'Added by the room',
          sector: 'primary_care',
          setting: 'gp_practice',
          leadRole: 'gp',
        },
      },
      SERVER,
    );
    const pending = pendingLocalChanges(device, room);
    expect(pending).not.toBeNull();
    Y.applyUpdate(room, pending as Uint8Array);
    const merged = yDocToPathway(room);
    expect(merged.title).toBe('Made offline');
    expect(merged.steps).toHaveLength(stepCount + 1);
    expect(pendingLocalChanges(device, room)).toBeNull();
  });

  it('sees a removal made offline, which adds nothing new to the document', () => {
    const { room, device } = roomAndDevice();
    const victim = yDocToPathway(device).steps.find((s) => s.kind !== 'entry' && s.kind !== 'exit');
    if (!victim) throw new Error('no step to remove');
    applyCommandToYDoc(device, { type: 'removeStep', stepId: victim.id }, { source: 'me' });
    const pending = pendingLocalChanges(device, room);
    expect(pending).not.toBeNull();
    Y.applyUpdate(room, pending as Uint8Array);
    expect(yDocToPathway(room).steps.map((s) => s.id)).not.toContain(victim.id);
  });
});

describe('isLocalCopyStale (the room was replaced since the copy last saw it)', () => {
  it('is false for the same room, however far it moved on', () => {
    const { room, device } = roomAndDevice();
    const meta = metaFor(device);
    applyCommandToYDoc(room, { type: 'updateMetadata', patch: { title: 'Later' } }, SERVER);
    expect(isLocalCopyStale(meta, room)).toBe(false);
    expect(isLocalCopyStale(null, room)).toBe(false);
  });

  it('is true for a room seeded anew from the same pathway: merging would duplicate or bring back content', () => {
    const { device } = roomAndDevice();
    const meta = metaFor(device);
    const reseeded = new Y.Doc();
    pathwayToYDoc(yDocToPathway(device), reseeded, SERVER);
    expect(isLocalCopyStale(meta, reseeded)).toBe(true);
  });

  it('is true for a room that lost acknowledged edits (restored from an older backup)', () => {
    const { room, device } = roomAndDevice();
    const backup = Y.encodeStateAsUpdate(room);
    applyCommandToYDoc(device, { type: 'updateMetadata', patch: { title: 'Acknowledged' } }, { source: 'me' });
    Y.applyUpdate(room, Y.encodeStateAsUpdate(device, Y.encodeStateVector(room)));
    const meta = metaFor(room);
    const restored = new Y.Doc();
    Y.applyUpdate(restored, backup);
    expect(isLocalCopyStale(meta, restored)).toBe(true);
  });
});

describe('hasEditsSince (what to tell when a stale copy is dropped)', () => {
  it('counts insertions the room had not acknowledged, or a copy marked unsent', () => {
    const { device } = roomAndDevice();
    expect(hasEditsSince(metaFor(device), device)).toBe(false);
    expect(hasEditsSince(metaFor(device, true), device)).toBe(true);
    const meta = metaFor(device);
    applyCommandToYDoc(device, { type: 'updateMetadata', patch: { title: 'Offline' } }, { source: 'me' });
    expect(hasEditsSince(meta, device)).toBe(true);
    expect(hasEditsSince(null, device)).toBe(true);
    expect(hasEditsSince(null, new Y.Doc())).toBe(false);
  });
});

describe('readLocalCopyMeta', () => {
  it('reads what was stored and refuses anything else', () => {
    const { device } = roomAndDevice();
    const meta = metaFor(device, true);
    expect(readLocalCopyMeta(structuredClone(meta))).toEqual(meta);
    expect(readLocalCopyMeta(undefined)).toBeNull();
    expect(readLocalCopyMeta({ ...meta, version: 2 })).toBeNull();
    expect(readLocalCopyMeta({ ...meta, unsent: 'yes' })).toBeNull();
    expect(readLocalCopyMeta({ ...meta, roomVector: [[1, 'x']] })).toBeNull();
  });
});
