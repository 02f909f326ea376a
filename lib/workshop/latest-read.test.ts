import { describe, expect, it } from 'vitest';
import { LatestRead } from './latest-read';

/** Whether a promise has settled, after the microtasks queued so far have run. */
async function settled(promise: Promise<void>): Promise<boolean> {
  let done = false;
  void promise.then(() => {
    done = true;
  });
  await new Promise((resolve) => setTimeout(resolve, 0));
  return done;
}

describe('LatestRead', () => {
  it('answers a wait when its own read lands', async () => {
    const reads = new LatestRead();
    const own = reads.begin();
    expect(own.isLatest()).toBe(true);
    expect(await settled(own.landed)).toBe(false);
    own.finish();
    expect(await settled(own.landed)).toBe(true);
    expect(reads.waitingCount).toBe(0);
  });

  it('answers a command’s wait as soon as a later read (a room notice’s) lands, not when its own overtaken read does', async () => {
    const reads = new LatestRead();
    const own = reads.begin();
    const notice = reads.begin();
    expect(own.isLatest()).toBe(false);
    expect(notice.isLatest()).toBe(true);
    notice.finish();
    expect(await settled(own.landed)).toBe(true);
    expect(await settled(notice.landed)).toBe(true);
    // The overtaken read landing afterwards changes nothing.
    own.finish();
    expect(reads.waitingCount).toBe(0);
  });

  it('does not answer a wait when an overtaken read lands first, only once the newest does', async () => {
    const reads = new LatestRead();
    const first = reads.begin();
    const second = reads.begin();
    first.finish();
    expect(await settled(first.landed)).toBe(false);
    expect(await settled(second.landed)).toBe(false);
    second.finish();
    expect(await settled(first.landed)).toBe(true);
    expect(await settled(second.landed)).toBe(true);
  });

  it('leaves a read begun after the one that landed waiting for its own', async () => {
    const reads = new LatestRead();
    const first = reads.begin();
    first.finish();
    const later = reads.begin();
    expect(await settled(later.landed)).toBe(false);
    expect(reads.waitingCount).toBe(1);
    later.finish();
    expect(await settled(later.landed)).toBe(true);
  });
});
