// Where one person's copies of live pathways are kept in this browser (IndexedDB names), and
// removing them all on signing out. Kept apart from local-copy.ts (y-indexeddb and Yjs) so that
// the sign-out button, on every page, ships nothing more than this.

/** IndexedDB names of local copies start with this. */
export const LOCAL_COPY_PREFIX = 'pathweave-live:';

/**
 * Set by signing out (components/shell/sign-out-action.ts) to the person's id, read by the sign-in
 * page, which removes their copies (components/shell/ForgetLocalCopies.tsx) and then this cookie.
 * A cookie, so that the sign-out form stays a plain form that ships no JavaScript to every page.
 */
export const FORGET_LOCAL_COPIES_COOKIE = 'pathweave-forget-local-copies';

/** Names of the local copies made in this browser, for browsers without indexedDB.databases(). */
const REGISTRY_KEY = 'pathweave:live-copies';

function part(value: string, what: string): string {
  if (!value) throw new Error(`A local copy needs a ${what}.`);
  return encodeURIComponent(value);
}

/** Where one person's copies start: every copy of theirs, whatever the pathway. */
export function localCopyPrefixFor(userId: string): string {
  return `${LOCAL_COPY_PREFIX}${part(userId, 'user id')}:`;
}

/**
 * The IndexedDB name of one person's copy of one pathway. Keyed by the signed-in person as well as
 * the pathway, so someone else signing in on a shared computer never picks up another's edits.
 */
export function localCopyName(userId: string, pathwayId: string): string {
  return `${localCopyPrefixFor(userId)}${part(pathwayId, 'pathway id')}`;
}

export function localCopiesAvailable(): boolean {
  return typeof indexedDB !== 'undefined';
}

function registry(): string[] {
  try {
    const list: unknown = JSON.parse(window.localStorage.getItem(REGISTRY_KEY) ?? '[]');
    return Array.isArray(list)
      ? list.filter((n): n is string => typeof n === 'string' && n.startsWith(LOCAL_COPY_PREFIX))
      : [];
  } catch {
    return [];
  }
}

function setRegistry(names: readonly string[]): void {
  try {
    if (names.length) window.localStorage.setItem(REGISTRY_KEY, JSON.stringify([...new Set(names)]));
    else window.localStorage.removeItem(REGISTRY_KEY);
  } catch {
    // storage full or blocked: indexedDB.databases() still finds the copies
  }
}

/** Note a copy's name, so that signing out finds it even where indexedDB.databases() is missing. */
export function registerLocalCopy(name: string): void {
  const names = registry();
  if (!names.includes(name)) setRegistry([...names, name]);
}

export function deleteLocalDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
  });
}

/**
 * Remove every copy this person keeps in this browser (signing out, on a shared computer). A copy
 * still open in another tab is removed once that tab lets go of it (local-copy.ts); this waits at
 * most `waitMs` for that.
 */
export async function clearLocalCopies(userId: string, waitMs = 2_000): Promise<void> {
  if (!localCopiesAvailable()) return;
  const prefix = localCopyPrefixFor(userId);
  const names = new Set(registry().filter((n) => n.startsWith(prefix)));
  try {
    for (const db of (await indexedDB.databases?.()) ?? []) if (db.name?.startsWith(prefix)) names.add(db.name);
  } catch {
    // the registry is enough
  }
  const done = Promise.all([...names].map(deleteLocalDatabase));
  await Promise.race([done, new Promise((resolve) => setTimeout(resolve, waitMs))]);
  setRegistry(registry().filter((n) => !n.startsWith(prefix)));
}
