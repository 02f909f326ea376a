// The single-user editor's crash backups, one per browser tab.
//
// Unsaved work is copied to this browser (localStorage) and offered back after a crash or a close.
// With one copy per person and pathway, two tabs of the same pathway overwrote each other's copy: a
// crash in one then lost its work, and opening the second offered the first's work while the first
// was still open. Each tab now keeps its own copy, under an id held for the page's life with a Web
// Lock (navigator.locks): a lock is let go when its page closes, reloads or crashes, so a copy whose
// tab holds no lock is one nobody has open, and is offered back; the copies of tabs still open are
// left to them.

export const BACKUP_PREFIX = 'pathweave:editor-backup:';
/** This tab's id, kept across reloads of the tab (sessionStorage is the tab's own). */
const TAB_ID_KEY = 'pathweave:editor-tab';
const TAB_LOCK_PREFIX = 'pathweave:editor-tab:';
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
 * crashed and was reopened), then those of tabs nobody has open and from before tabs.
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

export interface TabClaim {
  /** This tab's id, or null where the browser has no Web Locks (one backup per pathway, as before). */
  tabId: string | null;
  /** The ids of the other tabs open now in this browser. */
  openTabs: Set<string>;
}

let claimed: Promise<string | null> | null = null;

type Locks = Pick<LockManager, 'query' | 'request'>;

async function heldTabs(locks: Locks): Promise<Set<string>> {
  const state = await locks.query();
  return new Set(
    (state.held ?? [])
      .map((lock) => lock.name ?? '')
      .filter((name) => name.startsWith(TAB_LOCK_PREFIX))
      .map((name) => name.slice(TAB_LOCK_PREFIX.length)),
  );
}

/** Take the lock on a tab id for the page's life; false if it is not free within `waitMs`. */
function holdTab(locks: Locks, tabId: string, waitMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const name = TAB_LOCK_PREFIX + tabId;
    const options: LockOptions = waitMs > 0 ? { signal: AbortSignal.timeout(waitMs) } : { ifAvailable: true };
    locks
      .request(name, options, (lock) => {
        resolve(lock !== null);
        // Held until the page goes: the promise never settles.
        return lock ? new Promise<void>(() => undefined) : undefined;
      })
      .catch(() => resolve(false));
  });
}

async function claimTabId(locks: Locks, storage: Storage): Promise<string | null> {
  let previous: string | null = null;
  try {
    previous = storage.getItem(TAB_ID_KEY);
  } catch {
    // Storage blocked: a new id.
  }
  // A reload keeps the tab's id; the page it came from lets go of it a moment later. A tab
  // duplicated from another starts with a copy of its id, which the other keeps: after the wait,
  // this one takes a new id.
  if (previous && (await holdTab(locks, previous, RELOAD_WAIT_MS))) return previous;
  for (let attempt = 0; attempt < 3; attempt++) {
    const id = crypto.randomUUID();
    if (await holdTab(locks, id, 0)) {
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

/** This tab's id (claimed once per page) and the other tabs open now. */
export async function claimTab(): Promise<TabClaim> {
  const locks = typeof navigator !== 'undefined' ? (navigator.locks as Locks | undefined) : undefined;
  if (!locks || typeof window === 'undefined') return { tabId: null, openTabs: new Set() };
  // A browser whose locks do not answer still gets a backup, one per pathway as before.
  claimed ??= Promise.race([
    claimTabId(locks, window.sessionStorage).catch(() => null),
    new Promise<null>((resolve) => window.setTimeout(() => resolve(null), CLAIM_GIVE_UP_MS)),
  ]);
  const tabId = await claimed;
  if (tabId === null) return { tabId: null, openTabs: new Set() };
  const openTabs = await heldTabs(locks).catch(() => new Set<string>());
  openTabs.delete(tabId);
  return { tabId, openTabs };
}
