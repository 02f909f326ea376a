// The live status: what is shown, and what screen readers are told. A save in the background
// flips the shown words with each keystroke; the announced words must not flip with it.
import { describe, expect, it } from 'vitest';
import { announcedText, statusText } from '@/components/collab/CollabStatus';

describe('live status', () => {
  it('shows each save but announces the same words while someone types', () => {
    expect(statusText('synced', 2, false, null)).toBe('Live: saving…');
    expect(statusText('synced', 0, false, null)).toBe('Live: every change saved.');
    expect(announcedText('synced', 2, false, null)).toBe(announcedText('synced', 0, false, null));
  });

  it('announces changes of connection in the words shown', () => {
    for (const [status, unsynced, readOnly, reason] of [
      ['disconnected', 3, false, null],
      ['disconnected', 0, false, null],
      ['connecting', 0, false, null],
      ['synced', 0, true, null],
      ['denied', 0, false, 'session-expired'],
      ['unavailable', 0, true, null],
    ] as const) {
      expect(announcedText(status, unsynced, readOnly, reason)).toBe(statusText(status, unsynced, readOnly, reason));
    }
    expect(announcedText('disconnected', 3, false, null)).toBe(
      'Offline: your latest changes will be sent when the connection is back.',
    );
    expect(announcedText('denied', 0, false, 'session-expired')).toBe(
      'Your session has ended. Sign in again to carry on.',
    );
  });

  it('says a live pathway that cannot be reached just now is being tried again, not refused', () => {
    expect(statusText('unavailable', 0, true, null)).toBe(
      'The live pathway cannot be reached just now. Pathweave keeps trying; until then you can look but not change it.',
    );
  });
});
