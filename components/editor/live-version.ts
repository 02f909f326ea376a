// Saving a version of the live pathway (issue 5). The server makes the version from the shared
// document as it has it, so this person's own latest edits must have reached it first; otherwise the
// version would quietly leave them out while the page reported it saved.

/** Shown under the version note when this person's edits have not reached the live pathway in time. */
export const LIVE_VERSION_NOT_SHARED =
  'Your latest changes have not reached the live pathway yet, so no version was saved. Try again when the status says every change is saved.';

/** How long to wait for the server to have this person's edits before giving up on the version. */
export const LIVE_VERSION_WAIT_MS = 5000;

/**
 * Save the version only once every edit made here is stored on the server; if they are not stored in
 * time (offline, or a slow connection), save nothing and say why.
 */
export async function saveLiveVersionWhenShared<T>(
  whenAcknowledged: (timeoutMs: number) => Promise<boolean>,
  saveVersion: () => Promise<T>,
): Promise<{ saved: true; result: T } | { saved: false; errors: string[] }> {
  if (!(await whenAcknowledged(LIVE_VERSION_WAIT_MS))) return { saved: false, errors: [LIVE_VERSION_NOT_SHARED] };
  return { saved: true, result: await saveVersion() };
}
