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
    expect(own.isNewerThanShown()).toBe(true);
    expect(await settled(own.landed)).toBe(false);
    own.shown();
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
    notice.shown();
    notice.finish();
    expect(await settled(own.landed)).toBe(true);
    // The overtaken read, landing afterwards, is older than what is shown: it is not shown.
    expect(own.isNewerThanShown()).toBe(false);
    own.finish();
    expect(reads.waitingCount).toBe(0);
  });

  it('shows an older read that lands first (it is newer than the screen), and answers only those waiting for it or older', async () => {
    const reads = new LatestRead();
    const first = reads.begin();
    const second = reads.begin();
    expect(first.isNewerThanShown()).toBe(true);
    first.shown();
    first.finish();
    expect(await settled(first.landed)).toBe(true);
    expect(await settled(second.landed)).toBe(false);
    expect(second.isNewerThanShown()).toBe(true);
    second.shown();
    second.finish();
    expect(await settled(second.landed)).toBe(true);
  });

  it('never leaves a command waiting while reads keep being started faster than they land', async () => {
    const reads = new LatestRead();
    const command = reads.begin();
    const inFlight = [reads.begin(), reads.begin()];
    // Each read lands after another has been started: none lands as the newest, yet the command is answered.
    const landing = inFlight.shift()!;
    inFlight.push(reads.begin());
    expect(landing.isLatest()).toBe(false);
    expect(landing.isNewerThanShown()).toBe(true);
    landing.shown();
    landing.finish();
    expect(await settled(command.landed)).toBe(true);
    expect(await settled(inFlight[0]!.landed)).toBe(false);
  });

  it('answers waits when a read fails too, so a command is never left sending', async () => {
    const reads = new LatestRead();
    const own = reads.begin();
    own.finish(); // failed: nothing shown
    expect(await settled(own.landed)).toBe(true);
    expect(own.isNewerThanShown()).toBe(true);
  });
});
