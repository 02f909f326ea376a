import { describe, expect, it, vi } from 'vitest';
import {
  localCopiesSettled,
  localCopyName,
  metaSaysUnsent,
  pathwayIdOfLocalCopy,
  whileSettling,
} from './local-copy-names';
import { LOCAL_COPY_VERSION, type LocalCopyMeta } from './offline';

describe('pathwayIdOfLocalCopy', () => {
  it('gives back the pathway a copy was named for, however its ids are spelt', () => {
    const pairs: [string, string][] = [
      ['u1', 'p1'],
      ['ada@example:1', 'path/with:odd%chars'],
      ['cmabc123', 'cmdef456'],
    ];
    for (const [user, pathway] of pairs) {
      expect(pathwayIdOfLocalCopy(localCopyName(user, pathway), user)).toBe(pathway);
    }
  });

  it("finds nothing in another person's copy, or in a name that is not a copy", () => {
    expect(pathwayIdOfLocalCopy(localCopyName('u2', 'p1'), 'u1')).toBeNull();
    // One person's id being the start of another's does not make their copies theirs.
    expect(pathwayIdOfLocalCopy(localCopyName('u10', 'p1'), 'u1')).toBeNull();
    expect(pathwayIdOfLocalCopy('pathweave-live:u1:', 'u1')).toBeNull();
    expect(pathwayIdOfLocalCopy('pathweave-live:u1:a:b', 'u1')).toBeNull();
    expect(pathwayIdOfLocalCopy('pathweave-live:u1:%E0%A4%A', 'u1')).toBeNull();
    expect(pathwayIdOfLocalCopy('something-else', 'u1')).toBeNull();
  });
});

describe('metaSaysUnsent', () => {
  it('is true only for meta marked unsent, as the live editor writes it', () => {
    const meta = (unsent: boolean): LocalCopyMeta => ({ version: LOCAL_COPY_VERSION, roomVector: [[1, 2]], unsent });
    expect(metaSaysUnsent(meta(true))).toBe(true);
    expect(metaSaysUnsent(meta(false))).toBe(false);
  });

  it('counts unsent meta of another layout too (asking once too often loses nothing), and nothing else', () => {
    expect(metaSaysUnsent({ version: 99, unsent: true })).toBe(true);
    for (const value of [undefined, null, 'meta', 1, [], {}, { unsent: 'true' }, { unsent: 1 }]) {
      expect(metaSaysUnsent(value)).toBe(false);
    }
  });
});

describe('localCopiesSettled (signing out waits for open live pathways to bring their marks up to date)', () => {
  it('waits for every registered pathway, and no longer once one is removed', async () => {
    const order: string[] = [];
    let finish!: () => void;
    const stop = whileSettling(
      () =>
        new Promise<void>((resolve) => {
          finish = () => {
            order.push('settled');
            resolve();
          };
        }),
    );
    const waiting = localCopiesSettled(60_000).then(() => order.push('asked'));
    await new Promise((r) => setTimeout(r, 20));
    expect(order).toEqual([]);
    finish();
    await waiting;
    expect(order).toEqual(['settled', 'asked']);
    stop();
    // Nothing open: answered at once, without calling the removed one again.
    const again = vi.fn(() => new Promise<void>(() => undefined));
    const stopAgain = whileSettling(again);
    stopAgain();
    await localCopiesSettled(60_000);
    expect(again).not.toHaveBeenCalled();
  });

  it('gives up after the time allowed (offline, the room never answers), and a failing one does not stop it', async () => {
    const stopNever = whileSettling(() => new Promise<void>(() => undefined));
    const stopFailing = whileSettling(() => Promise.reject(new Error('IndexedDB refused')));
    const started = Date.now();
    await expect(localCopiesSettled(50)).resolves.toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    stopNever();
    await expect(localCopiesSettled(60_000)).resolves.toBeUndefined();
    stopFailing();
  });
});
