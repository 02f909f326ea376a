// Group commit of the update log (lib/collab/store.ts GroupCommit): batching while a write is in
// flight, release strictly in call order, a failed batch rejected whole and nothing else.
import { describe, expect, it } from 'vitest';
import { GroupCommit } from './store';

/** A write whose outcome the test decides, batch by batch. */
function controlledWriter<T>() {
  const calls: { rows: T[]; resolve: () => void; reject: (e: Error) => void }[] = [];
  const write = (rows: T[]) =>
    new Promise<void>((resolve, reject) => {
      calls.push({ rows, resolve, reject });
    });
  return { calls, write };
}

const tick = () => new Promise((r) => setImmediate(r));

/** Add rows and record, in order, which were released (ok) or rejected (failed). */
function track(gc: GroupCommit<number>, rows: number[], events: string[]) {
  return rows.map((n) =>
    gc.add(n).then(
      () => void events.push(`ok ${n}`),
      (e: Error) => void events.push(`failed ${n}: ${e.message}`),
    ),
  );
}

describe('GroupCommit', () => {
  it('writes a row at once when nothing is in flight, and batches what arrives meanwhile', async () => {
    const w = controlledWriter<number>();
    const gc = new GroupCommit<number>(w.write, { maxBatch: 100, maxInFlight: 1 });
    const events: string[] = [];
    const first = track(gc, [1], events);
    expect(w.calls.map((c) => c.rows)).toEqual([[1]]);
    const rest = track(gc, [2, 3, 4, 5], events);
    expect(w.calls).toHaveLength(1);
    expect(gc.waiting).toBe(4);
    w.calls[0]!.resolve();
    await Promise.all(first);
    await tick();
    expect(w.calls.map((c) => c.rows)).toEqual([[1], [2, 3, 4, 5]]);
    expect(events).toEqual(['ok 1']);
    w.calls[1]!.resolve();
    await Promise.all(rest);
    expect(events).toEqual(['ok 1', 'ok 2', 'ok 3', 'ok 4', 'ok 5']);
    expect(gc.stats).toMatchObject({ batches: 2, rows: 5, largestBatch: 4, failedBatches: 0 });
  });

  it('never puts more than maxBatch rows in one write', async () => {
    const w = controlledWriter<number>();
    const gc = new GroupCommit<number>(w.write, { maxBatch: 3, maxInFlight: 1 });
    const events: string[] = [];
    const all = track(gc, [1, 2, 3, 4, 5, 6, 7], events);
    for (let i = 0; i < 4 && i < w.calls.length; i++) {
      w.calls[i]!.resolve();
      await tick();
    }
    await Promise.all(all);
    expect(w.calls.map((c) => c.rows)).toEqual([[1], [2, 3, 4], [5, 6, 7]]);
    expect(events).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `ok ${n}`));
  });

  it('releases callers in the order they called, even when a later batch commits first', async () => {
    const w = controlledWriter<number>();
    const gc = new GroupCommit<number>(w.write, { maxBatch: 100, maxInFlight: 2 });
    const events: string[] = [];
    const all = track(gc, [1, 2], events);
    expect(w.calls.map((c) => c.rows)).toEqual([[1], [2]]);
    const more = track(gc, [3, 4], events);
    // The second write commits first: its caller waits for the first batch.
    w.calls[1]!.resolve();
    await tick();
    await tick();
    expect(events).toEqual([]);
    // A slot is free, so the waiting rows are already on their way.
    expect(w.calls.map((c) => c.rows)).toEqual([[1], [2], [3, 4]]);
    w.calls[2]!.resolve();
    await tick();
    expect(events).toEqual([]);
    w.calls[0]!.resolve();
    await Promise.all([...all, ...more]);
    expect(events).toEqual(['ok 1', 'ok 2', 'ok 3', 'ok 4']);
  });

  it('rejects every caller of a failed batch and no one else; later writes go on', async () => {
    const w = controlledWriter<number>();
    const gc = new GroupCommit<number>(w.write, { maxBatch: 100, maxInFlight: 2 });
    const events: string[] = [];
    const a = track(gc, [1], events);
    const b = track(gc, [2], events);
    const c = track(gc, [3, 4, 5], events);
    expect(w.calls.map((x) => x.rows)).toEqual([[1], [2]]);
    w.calls[0]!.resolve();
    await tick();
    expect(w.calls.map((x) => x.rows)).toEqual([[1], [2], [3, 4, 5]]);
    w.calls[2]!.reject(new Error('connection lost'));
    w.calls[1]!.resolve();
    await Promise.all([...a, ...b, ...c]);
    expect(events).toEqual(['ok 1', 'ok 2', 'failed 3: connection lost', 'failed 4: connection lost', 'failed 5: connection lost']);
    expect(gc.stats.failedBatches).toBe(1);
    // The callers that were refused send again, and are written (both slots free: 3 and 4 go at once).
    const again = track(gc, [3, 4, 5], events);
    expect(w.calls.map((x) => x.rows)).toEqual([[1], [2], [3, 4, 5], [3], [4]]);
    w.calls[4]!.resolve();
    w.calls[3]!.resolve();
    await tick();
    expect(w.calls.map((x) => x.rows).slice(5)).toEqual([[5]]);
    w.calls[5]!.resolve();
    await Promise.all(again);
    expect(events.slice(5)).toEqual(['ok 3', 'ok 4', 'ok 5']);
  });

  it('treats a write that throws at once as a failed batch', async () => {
    let calls = 0;
    const gc = new GroupCommit<number>(
      () => {
        calls++;
        if (calls === 1) throw new Error('no pool');
        return Promise.resolve();
      },
      { maxBatch: 100, maxInFlight: 1 },
    );
    await expect(gc.add(1)).rejects.toThrow('no pool');
    await expect(gc.add(2)).resolves.toBeUndefined();
  });
});
