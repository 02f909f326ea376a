// Where one person's copies of live pathways are kept in this browser (IndexedDB names), and
// removing them all on signing out (after asking, when some hold edits not yet shared). Kept apart
// from local-copy.ts (y-indexeddb and Yjs) so that the sign-out button, on every page, ships
// nothing more than this.

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

/** The names of every copy this person keeps in this browser (some perhaps already removed). */
async function localCopyNamesOf(userId: string): Promise<string[]> {
  const prefix = localCopyPrefixFor(userId);
  const names = new Set(registry().filter((n) => n.startsWith(prefix)));
  try {
    for (const db of (await indexedDB.databases?.()) ?? []) if (db.name?.startsWith(prefix)) names.add(db.name);
  } catch {
    // the registry is enough
  }
  return [...names];
}

/**
 * Remove every copy this person keeps in this browser (signing out, on a shared computer). A copy
 * still open in another tab is removed once that tab lets go of it (local-copy.ts); this waits at
 * most `waitMs` for that.
 */
export async function clearLocalCopies(userId: string, waitMs = 2_000): Promise<void> {
  if (!localCopiesAvailable()) return;
  const prefix = localCopyPrefixFor(userId);
  const done = Promise.all((await localCopyNamesOf(userId)).map(deleteLocalDatabase));
  await Promise.race([done, new Promise((resolve) => setTimeout(resolve, waitMs))]);
  setRegistry(registry().filter((n) => !n.startsWith(prefix)));
}

/** The pathway one of this person's copies is of, from its name; null for a name that is not one of theirs. */
export function pathwayIdOfLocalCopy(name: string, userId: string): string | null {
  const prefix = localCopyPrefixFor(userId);
  if (!name.startsWith(prefix)) return null;
  const rest = name.slice(prefix.length);
  if (!rest || rest.includes(':')) return null;
  try {
    return decodeURIComponent(rest);
  } catch {
    return null;
  }
}

/**
 * Whether a copy's stored meta (offline.ts, LocalCopyMeta) says it holds edits the room has not
 * acknowledged. Read without offline.ts, which brings Yjs: any stored value marked `unsent: true`
 * counts, whatever its layout, so that an edit is never deleted unasked.
 */
export function metaSaysUnsent(value: unknown): boolean {
  return !!value && typeof value === 'object' && (value as { unsent?: unknown }).unsent === true;
}

/** Where y-indexeddb keeps a copy's meta (local-copy.ts): its "custom" store, under this key. */
const META_STORE = 'custom';
export const META_KEY = 'meta';

/** A copy's stored meta, read straight from IndexedDB; undefined when missing or unreadable within `waitMs`. */
function readStoredMeta(name: string, waitMs: number): Promise<unknown> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), waitMs);
    const done = (value: unknown) => {
      clearTimeout(timer);
      resolve(value);
    };
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open(name);
    } catch {
      done(undefined);
      return;
    }
    // Not there (any more, e.g. a stale registry entry): do not create it.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = () => done(undefined);
    request.onsuccess = () => {
      const db = request.result;
      // Someone removing the copy (signing out in another tab) is not kept waiting.
      db.onversionchange = () => db.close();
      try {
        if (!db.objectStoreNames.contains(META_STORE)) {
          db.close();
          done(undefined);
          return;
        }
        const get = db.transaction(META_STORE, 'readonly').objectStore(META_STORE).get(META_KEY);
        get.onsuccess = () => {
          db.close();
          done(get.result);
        };
        get.onerror = () => {
          db.close();
          done(undefined);
        };
      } catch {
        db.close();
        done(undefined);
      }
    };
  });
}

/**
 * The pathways of which this person keeps a copy here with edits not yet shared (made offline):
 * what signing out would delete (components/shell/SignOutForm.tsx asks first). Empty when there
 * are none, or when this browser keeps no copies at all.
 */
export async function pathwaysWithUnsentEdits(userId: string, waitMs = 2_000): Promise<string[]> {
  if (!localCopiesAvailable()) return [];
  const names = await localCopyNamesOf(userId);
  const unsent = await Promise.all(names.map(async (name) => metaSaysUnsent(await readStoredMeta(name, waitMs))));
  const ids = names.filter((_, i) => unsent[i]).map((name) => pathwayIdOfLocalCopy(name, userId));
  return [...new Set(ids.filter((id): id is string => id !== null))].sort();
}

/**
 * Live pathways open on this page that may still be bringing their copy's "not shared yet" mark up
 * to date (lib/collab/client.ts registers them). A page reloaded a moment after an edit finds the
 * mark its last page left, and clears it once the room is found to have everything: signing out
 * waits for that (briefly) before asking about edits that were in fact shared.
 */
const settling = new Set<() => Promise<void>>();

/** Registers a live pathway's settle step; returns its removal. */
export function whileSettling(settle: () => Promise<void>): () => void {
  settling.add(settle);
  return () => settling.delete(settle);
}

/** Resolves once every open live pathway's copy says what it holds, or after `timeoutMs` (offline, say). */
export async function localCopiesSettled(timeoutMs = 2_000): Promise<void> {
  if (settling.size === 0) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
  try {
    await Promise.race([Promise.all([...settling].map((settle) => settle().catch(() => undefined))), late]);
  } finally {
    clearTimeout(timer);
  }
}
