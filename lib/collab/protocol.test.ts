import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ProtocolError, SYNC_STEP_2, SYNC_UPDATE, encodeUpdateMessage, readClientMessage } from './protocol';

describe('readClientMessage', () => {
  it('finds the update inside a sync message, as the provider encodes it', () => {
    const doc = new Y.Doc();
    doc.getMap('pathway').set('title', 'x');
    const update = Y.encodeStateAsUpdate(doc);
    for (const type of [SYNC_UPDATE, SYNC_STEP_2] as const) {
      const m = readClientMessage(encodeUpdateMessage('pathway:abc', update, type));
      expect(m).toEqual({ kind: 'sync', documentName: 'pathway:abc', syncType: type, update });
    }
  });

  it('reads a multi-byte length correctly', () => {
    const update = new Uint8Array(70_000).fill(7);
    const m = readClientMessage(encodeUpdateMessage('pathway:abc', update));
    expect(m.kind === 'sync' && m.update.length).toBe(70_000);
  });

  it('passes other message types through, and refuses malformed ones', () => {
    const awareness = Uint8Array.from([3, 97, 98, 99, 1, 0]);
    expect(readClientMessage(awareness)).toEqual({ kind: 'other', documentName: 'abc', type: 1 });
    expect(readClientMessage(Uint8Array.from([3, 97, 98, 99, 0, 0, 0]))).toEqual({ kind: 'sync-step-1', documentName: 'abc' });
    const bad = [
      Uint8Array.from([]),
      Uint8Array.from([10, 97]),
      Uint8Array.from([3, 97, 98, 99, 0, 9, 0]),
      Uint8Array.from([3, 97, 98, 99, 0, 2, 50, 1, 2]),
      Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
      Uint8Array.from([2, 0xc3, 0x28, 0]),
    ];
    for (const b of bad) expect(() => readClientMessage(b)).toThrow(ProtocolError);
  });
});
