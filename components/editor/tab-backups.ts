// The single-user editor's crash backups, one per browser tab.
//
// Unsaved work is copied to this browser (localStorage) and offered back after a crash or a close.
// With one copy per person and pathway, two tabs of the same pathway overwrote each other's copy: a
// crash in one then lost its work, and opening the second offered the first's work while the first
// was still open. Each tab now keeps its own copy, under an id of its own, and Web Locks
// (navigator.locks, which the browser lets go of when a page closes, reloads or crashes) say which
// tabs have the pathway open:
// - `pathweave:editor-tab:<tab>` is held for the page's life, so two tabs never share an id;
// - `pathweave:editor-open:<tab>:<pathway>` is held while that tab's editor shows that pathway.
// A copy whose tab does not have the pathway open (closed, crashed, or gone to another page) is
// offered back; the copies of tabs that have it open are left to them.

export const BACKUP_PREFIX = 'pathweave:editor-backup:';
/** This tab's id, kept across reloads of the tab (sessionStorage is the tab's own). */
const TAB_ID_KEY = 'pathweave:editor-tab';
const TAB_LOCK_PREFIX = 'pathweave:editor-tab:';
const OPEN_LOCK_PREFIX = 'pathweave:editor-open:';
const TAB_MARK = ':tab:';
/** How long to wait for this tab's id to be let go by the page it reloaded from. */
const RELOAD_WAIT_MS = 1000;
/** Past this, the tab does without an id (its backup is the pathway's one, as before tabs). */
const CLAIM_GIVE_UP_MS = 3000;

/** Every backup of one person's pathway starts with this (a backup from before tabs is exactly it). */
export function backupBase(userId: string | undefined, pathwayId: string): string {
  return `${BACKUP_PREFIX}${userId ? `${encodeURIComponent(userId)}:` : ''}${pathwayId}`;
}

/** The key of one tab's backup; without a tab (no Web Locks in this browser), the base itself. */
export function tabBackupKey(base: string, tabId: string | null): string {
  return tabId === null ? base : `${base}${TAB_MARK}${tabId}`;
}

/**
 * The tab a key of this base belongs to: its id, null for a backup from before tabs, undefined for a
 * key that is not a backup of this base (another pathway, whose id may start with this one's).
 */
export function backupTab(base: string, key: string): string | null | undefined {
  if (key === base) return null;
  if (!key.startsWith(base + TAB_MARK)) return undefined;
  const tab = key.slice(base.length + TAB_MARK.length);
  return tab.length > 0 ? tab : undefined;
}

/**
 * The backups of this base that this tab may offer back, its own first: its own (it was reloaded, or
 * crashed and was reopened), then those of tabs that do not have the pathway open, and from before tabs.
 */
export function offerableBackupKeys(
  base: string,
  keys: Iterable<string>,
  ownTab: string | null,
  openTabs: ReadonlySet<string>,
): string[] {
  const own: string[] = [];
  const others: string[] = [];
  for (const key of keys) {
    const tab = backupTab(base, key);
    if (tab === undefined) continue;
    if (tab === ownTab) own.push(key);
    else if (tab === null || !openTabs.has(tab)) others.push(key);
  }
  return [...own, ...others.sort()];
}

type Locks = Pick<LockManager, 'query' | 'request'>;

function browserLocks(): Locks | undefined {
  return typeof navigator !== 'undefined' && typeof window !== 'undefined'
    ? (navigator.locks as Locks | undefined)
    : undefined;
}

/**
 * Take the lock on a tab id for the page's life; false if it is not free within `waitMs`, or if the
 * claim was given up meanwhile (then a lock granted late is let go at once).
 */
function holdTab(locks: Locks, tabId: string, waitMs: number, gaveUp: () => boolean): Promise<boolean> {
  return new Promise((resolve) => {
    const options: LockOptions = waitMs > 0 ? { signal: AbortSignal.timeout(waitMs) } : { ifAvailable: true };
    locks
      .request(TAB_LOCK_PREFIX + tabId, options, (lock) => {
        const keep = lock !== null && !gaveUp();
        resolve(keep);
        // Held until the page goes: the promise never settles.
        return keep ? new Promise<void>(() => undefined) : undefined;
      })
      .catch(() => resolve(false));
  });
}

async function claimTabId(locks: Locks, storage: Storage, gaveUp: () => boolean): Promise<string | null> {
  let previous: string | null = null;
  try {
    previous = storage.getItem(TAB_ID_KEY);
  } catch {
    // Storage blocked: a new id.
  }
  // A reload keeps the tab's id; the page it came from lets go of it a moment later. A tab
  // duplicated from another starts with a copy of its id, which the other keeps: after the wait,
  // this one takes a new id.
  if (previous && (await holdTab(locks, previous, RELOAD_WAIT_MS, gaveUp))) return previous;
  for (let attempt = 0; attempt < 3 && !gaveUp(); attempt++) {
    const id = crypto.randomUUID();
    if (await holdTab(locks, id, 0, gaveUp)) {
      try {
        storage.setItem(TAB_ID_KEY, id);
      } catch {
        // The id lasts as long as the page; a reload starts afresh and finds this copy as a closed tab's.
      }
      return id;
    }
  }
  return null;
}

let claimed: Promise<string | null> | null = null;

/**
 * This tab's id, claimed once per page; null where the browser has no Web Locks, or its locks do not
 * answer within 3 s (then the tab keeps one backup per pathway, as before tabs).
 */
export function claimTab(): Promise<string | null> {
  const locks = browserLocks();
  if (!locks) return Promise.resolve(null);
  claimed ??= new Promise((resolve) => {
    let gaveUp = false;
    const timer = window.setTimeout(() => {
      gaveUp = true;
      resolve(null);
    }, CLAIM_GIVE_UP_MS);
    void claimTabId(locks, window.sessionStorage, () => gaveUp)
      .catch(() => null)
      .then((id) => {
        window.clearTimeout(timer);
        resolve(gaveUp ? null : id);
      });
  });
  return claimed;
}

/** Hold "this tab has this pathway open in the editor" until the returned function is called. */
export function holdEditorOpen(tabId: string, pathwayId: string): () => void {
  const locks = browserLocks();
  if (!locks) return () => undefined;
  let release: () => void = () => undefined;
  let released = false;
  void locks
    .request(
      `${OPEN_LOCK_PREFIX}${tabId}:${pathwayId}`,
      () =>
        new Promise<void>((done) => {
          release = done;
          if (released) done();
        }),
    )
    .catch(() => undefined);
  return () => {
    released = true;
    release();
  };
}

/** The tabs of this browser that have the pathway open in the editor now (this one included). */
export async function tabsWithPathwayOpen(pathwayId: string): Promise<Set<string>> {
  const locks = browserLocks();
  if (!locks) return new Set();
  try {
    const state = await locks.query();
    const suffix = `:${pathwayId}`;
    return new Set(
      (state.held ?? [])
        .map((lock) => lock.name ?? '')
        .filter((name) => name.startsWith(OPEN_LOCK_PREFIX) && name.endsWith(suffix))
        .map((name) => name.slice(OPEN_LOCK_PREFIX.length, name.length - suffix.length)),
    );
  } catch {
    return new Set();
  }
}
