import { describe, expect, it, vi } from 'vitest';
import { LIVE_VERSION_NOT_SHARED, LIVE_VERSION_WAIT_MS, saveLiveVersionWhenShared } from '@/components/editor/live-version';

describe('saving a version of the live pathway', () => {
  it('saves nothing, and says why, when this person’s latest edits have not reached the live pathway in time', async () => {
    const whenAcknowledged = vi.fn(async () => false);
    const save = vi.fn(async () => ({ ok: true }));
    expect(await saveLiveVersionWhenShared(whenAcknowledged, save)).toEqual({ saved: false, errors: [LIVE_VERSION_NOT_SHARED] });
    expect(save).not.toHaveBeenCalled();
    expect(whenAcknowledged).toHaveBeenCalledWith(LIVE_VERSION_WAIT_MS);
    expect(LIVE_VERSION_NOT_SHARED).toBe(
      'Your latest changes have not reached the live pathway yet, so no version was saved. Try again when the status says every change is saved.',
    );
  });

  it('saves the version once every edit is stored, and only then', async () => {
    const order: string[] = [];
    const whenAcknowledged = vi.fn(async () => {
      order.push('acknowledged');
      return true;
    });
    const save = vi.fn(async () => {
      order.push('saved');
      return { ok: true, number: 3 };
    });
    expect(await saveLiveVersionWhenShared(whenAcknowledged, save)).toEqual({ saved: true, result: { ok: true, number: 3 } });
    expect(order).toEqual(['acknowledged', 'saved']);
  });

  it('passes on a failed save for the editor to show', async () => {
    const save = vi.fn(async () => {
      throw new Error('network');
    });
    await expect(saveLiveVersionWhenShared(async () => true, save)).rejects.toThrow('network');
  });
});
