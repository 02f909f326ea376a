// Half-written comments and replies (components/workshop/CommentsPanel.tsx), kept in this browser
// so that reloading the page, closing the tab or the browser crashing loses nothing typed. Keyed by
// the signed-in person and the pathway, so someone else signing in on a shared computer never sees
// another's drafts, and removed on signing out (components/shell/ForgetLocalCopies.tsx).

/** localStorage keys of drafts start with this. */
export const COMMENT_DRAFTS_PREFIX = 'pathweave:comment-drafts:';

/** A draft's key: `comment:<target id>` ('' for the whole pathway) or `reply:<thread id>`. */
const DRAFT_KEY = /^(comment|reply):/;

export type CommentDrafts = {
  /** Draft key to the words typed. */
  drafts: ReadonlyMap<string, string>;
  /** For a new comment on a step or transition: that step's or transition's name when written. */
  about: ReadonlyMap<string, string>;
};

/** The least of Storage this needs, so tests can pass their own. */
export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

function browserStorage(): DraftStorage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    // Storage blocked (some privacy settings throw on reading window.localStorage itself).
    return null;
  }
}

export function commentDraftsPrefixFor(userId: string): string {
  if (!userId) throw new Error('Comment drafts need a user id.');
  return `${COMMENT_DRAFTS_PREFIX}${encodeURIComponent(userId)}:`;
}

export function commentDraftsKey(userId: string, pathwayId: string): string {
  if (!pathwayId) throw new Error('Comment drafts need a pathway id.');
  return `${commentDraftsPrefixFor(userId)}${encodeURIComponent(pathwayId)}`;
}

function entries(value: unknown, keep: (key: string, text: string) => boolean): Map<string, string> {
  const out = new Map<string, string>();
  if (!Array.isArray(value)) return out;
  for (const pair of value) {
    if (!Array.isArray(pair) || pair.length !== 2) continue;
    const [key, text] = pair as unknown[];
    if (typeof key === 'string' && typeof text === 'string' && DRAFT_KEY.test(key) && keep(key, text))
      out.set(key, text);
  }
  return out;
}

/** The drafts kept under `key`; empty when there are none or what is stored is not drafts. */
export function readCommentDrafts(key: string, storage: DraftStorage | null = browserStorage()): CommentDrafts {
  const none = { drafts: new Map<string, string>(), about: new Map<string, string>() };
  if (!storage) return none;
  try {
    const raw = storage.getItem(key);
    if (!raw) return none;
    const parsed: unknown = JSON.parse(raw);
    if (!parsed || typeof parsed !== 'object') return none;
    const { drafts, about } = parsed as { drafts?: unknown; about?: unknown };
    const kept = entries(drafts, (_, text) => text.length > 0);
    // A name is kept only beside the draft it names.
    return { drafts: kept, about: entries(about, (k) => kept.has(k)) };
  } catch {
    // Unreadable: nothing to give back, and the next write replaces it.
    return none;
  }
}

/** Keep the drafts under `key` (or remove the entry when there are none). False when storage refused. */
export function writeCommentDrafts(
  key: string,
  value: CommentDrafts,
  storage: DraftStorage | null = browserStorage(),
): boolean {
  if (!storage) return false;
  const drafts = [...value.drafts].filter(([k, text]) => DRAFT_KEY.test(k) && text.length > 0);
  try {
    if (!drafts.length) storage.removeItem(key);
    else {
      const names = new Set(drafts.map(([k]) => k));
      const about = [...value.about].filter(([k]) => names.has(k));
      storage.setItem(key, JSON.stringify({ drafts, about }));
    }
    return true;
  } catch {
    // Storage full or blocked: the drafts stay on the page, just not beyond it.
    return false;
  }
}

/**
 * The keys given to comments sent but not yet known to have arrived (the connection dropped before
 * the answer), by what was sent: kept beside the drafts, so that sending the same words again after
 * a reload uses the same key and the server does not add the comment twice. Kept for an hour: later,
 * the same words in the same place are a new comment ("Agreed" said twice), not the lost one. Removed
 * on sign-out with the drafts (the storage key starts with the same prefix).
 */
const SENT_KEYS_MAX = 50;
export const SENT_KEY_KEEP_MS = 60 * 60_000;

function sentKeysStorageKey(draftsKey: string): string {
  return `${draftsKey}:sent`;
}

/** What is stored: [what was sent, its key, when the key was first kept (ms)]. */
function readStoredSentKeys(draftsKey: string, storage: DraftStorage): Map<string, { key: string; at: number }> {
  const out = new Map<string, { key: string; at: number }>();
  try {
    const parsed: unknown = JSON.parse(storage.getItem(sentKeysStorageKey(draftsKey)) ?? '[]');
    if (!Array.isArray(parsed)) return out;
    for (const entry of parsed) {
      if (
        Array.isArray(entry) &&
        entry.length === 3 &&
        typeof entry[0] === 'string' &&
        typeof entry[1] === 'string' &&
        typeof entry[2] === 'number'
      )
        out.set(entry[0], { key: entry[1], at: entry[2] });
    }
  } catch {
    // Unreadable: new keys are made, as before any was kept.
  }
  return out;
}

export function readSentKeys(
  draftsKey: string,
  storage: DraftStorage | null = browserStorage(),
  now = Date.now(),
): Map<string, string> {
  const out = new Map<string, string>();
  if (!storage) return out;
  for (const [which, { key, at }] of readStoredSentKeys(draftsKey, storage)) {
    if (now - at < SENT_KEY_KEEP_MS) out.set(which, key);
  }
  return out;
}

/** Keep the sent keys (the newest SENT_KEYS_MAX, each with when it was first kept), or remove the entry when there are none. */
export function writeSentKeys(
  draftsKey: string,
  keys: ReadonlyMap<string, string>,
  storage: DraftStorage | null = browserStorage(),
  now = Date.now(),
): void {
  if (!storage) return;
  try {
    const before = readStoredSentKeys(draftsKey, storage);
    const entries = [...keys]
      .map(([which, key]) => {
        const kept = before.get(which);
        return [which, key, kept?.key === key ? kept.at : now] as const;
      })
      .slice(-SENT_KEYS_MAX);
    if (!entries.length) storage.removeItem(sentKeysStorageKey(draftsKey));
    else storage.setItem(sentKeysStorageKey(draftsKey), JSON.stringify(entries));
  } catch {
    // Storage full or blocked: the keys stay on the page, just not beyond it.
  }
}

/** Remove every draft this person keeps in this browser, on any pathway (signing out). */
export function clearCommentDrafts(userId: string, storage: DraftStorage | null = browserStorage()): void {
  if (!storage) return;
  const prefix = commentDraftsPrefixFor(userId);
  try {
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const k = storage.key(i);
      if (k?.startsWith(prefix)) keys.push(k);
    }
    for (const k of keys) storage.removeItem(k);
  } catch {
    // blocked storage holds nothing of ours
  }
}
