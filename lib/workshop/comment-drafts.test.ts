import { describe, expect, it } from 'vitest';
import {
  clearCommentDrafts,
  commentDraftsKey,
  readCommentDrafts,
  readSentKeys,
  SENT_KEY_KEEP_MS,
  writeCommentDrafts,
  writeSentKeys,
  type DraftStorage,
} from './comment-drafts';

/** An in-memory Storage, as localStorage behaves. */
function memoryStorage(initial: Record<string, string> = {}): DraftStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    get length() {
      return data.size;
    },
    key: (i) => [...data.keys()][i] ?? null,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, String(v)),
    removeItem: (k) => void data.delete(k),
  };
}

describe('comment drafts kept in the browser', () => {
  it('gives back what was written, with the name each new comment was about', () => {
    const storage = memoryStorage();
    const key = commentDraftsKey('u1', 'p1');
    const drafts = new Map([
      ['comment:s-triage', 'Who sees the referral first?'],
      ['comment:', 'On the whole pathway'],
      ['reply:c42', 'Agreed, and the pharmacist too'],
    ]);
    const about = new Map([['comment:s-triage', 'Triage']]);
    expect(writeCommentDrafts(key, { drafts, about }, storage)).toBe(true);
    const back = readCommentDrafts(key, storage);
    expect([...back.drafts]).toEqual([...drafts]);
    expect([...back.about]).toEqual([...about]);
  });

  it('keeps each person and pathway apart, even when one id starts another', () => {
    const storage = memoryStorage();
    writeCommentDrafts(
      commentDraftsKey('u1', 'p1'),
      { drafts: new Map([['comment:', 'mine']]), about: new Map() },
      storage,
    );
    expect(readCommentDrafts(commentDraftsKey('u10', 'p1'), storage).drafts.size).toBe(0);
    expect(readCommentDrafts(commentDraftsKey('u1', 'p2'), storage).drafts.size).toBe(0);
    expect(commentDraftsKey('a:b', 'c')).not.toBe(commentDraftsKey('a', 'b:c'));
  });

  it('removes the entry once every draft is sent or emptied, and drops names with no draft', () => {
    const storage = memoryStorage();
    const key = commentDraftsKey('u1', 'p1');
    writeCommentDrafts(
      key,
      { drafts: new Map([['comment:s1', 'x']]), about: new Map([['comment:s1', 'Step one']]) },
      storage,
    );
    expect(storage.data.has(key)).toBe(true);
    writeCommentDrafts(
      key,
      { drafts: new Map([['comment:s1', '']]), about: new Map([['comment:s1', 'Step one']]) },
      storage,
    );
    expect(storage.data.has(key)).toBe(false);
    writeCommentDrafts(
      key,
      { drafts: new Map([['reply:t1', 'y']]), about: new Map([['comment:s1', 'Step one']]) },
      storage,
    );
    expect(JSON.parse(storage.data.get(key) as string)).toEqual({ drafts: [['reply:t1', 'y']], about: [] });
  });

  it('reads anything else stored there as no drafts, and keeps only well-formed ones', () => {
    const key = commentDraftsKey('u1', 'p1');
    for (const raw of ['not json', 'null', '42', '"text"', '{"drafts":"x"}', '[]']) {
      expect(readCommentDrafts(key, memoryStorage({ [key]: raw })).drafts.size).toBe(0);
    }
    const mixed = JSON.stringify({
      drafts: [['comment:s1', 'kept'], ['other:s2', 'not a draft key'], ['reply:t1', 7], ['comment:s3', ''], 'junk'],
      about: [
        ['comment:s1', 'Step one'],
        ['comment:s9', 'no draft beside it'],
      ],
    });
    const back = readCommentDrafts(key, memoryStorage({ [key]: mixed }));
    expect([...back.drafts]).toEqual([['comment:s1', 'kept']]);
    expect([...back.about]).toEqual([['comment:s1', 'Step one']]);
  });

  it('says so when storage refuses, and works without storage at all', () => {
    const full = {
      ...memoryStorage(),
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const key = commentDraftsKey('u1', 'p1');
    expect(writeCommentDrafts(key, { drafts: new Map([['comment:', 'x']]), about: new Map() }, full)).toBe(false);
    expect(writeCommentDrafts(key, { drafts: new Map([['comment:', 'x']]), about: new Map() }, null)).toBe(false);
    expect(readCommentDrafts(key, null).drafts.size).toBe(0);
  });

  it("signing out removes that person's drafts on every pathway and nobody else's", () => {
    const storage = memoryStorage({ 'pathweave:editor-backup:p1': '{}', other: 'x' });
    const one = { drafts: new Map([['comment:', 'x']]), about: new Map() };
    writeCommentDrafts(commentDraftsKey('u1', 'p1'), one, storage);
    writeCommentDrafts(commentDraftsKey('u1', 'p2'), one, storage);
    writeCommentDrafts(commentDraftsKey('u10', 'p1'), one, storage);
    clearCommentDrafts('u1', storage);
    expect([...storage.data.keys()].sort()).toEqual(
      [commentDraftsKey('u10', 'p1'), 'other', 'pathweave:editor-backup:p1'].sort(),
    );
  });

  it('keeps the keys of comments sent without an answer, per person and pathway, until sign-out', () => {
    const storage = memoryStorage();
    const mine = commentDraftsKey('u1', 'p1');
    writeSentKeys(mine, new Map([['["s1",null,"Who do I call?"]', 'a'.repeat(32)]]), storage);
    expect(readSentKeys(mine, storage)).toEqual(new Map([['["s1",null,"Who do I call?"]', 'a'.repeat(32)]]));
    expect(readSentKeys(commentDraftsKey('u1', 'p2'), storage).size).toBe(0);
    expect(readSentKeys(commentDraftsKey('u2', 'p1'), storage).size).toBe(0);
    // The drafts themselves are not disturbed, and an empty set of keys leaves nothing behind.
    expect(readCommentDrafts(mine, storage).drafts.size).toBe(0);
    writeSentKeys(mine, new Map(), storage);
    expect(storage.data.size).toBe(0);
    writeSentKeys(mine, new Map([['x', 'k']]), storage);
    clearCommentDrafts('u1', storage);
    expect(storage.data.size).toBe(0);
  });

  it('keeps only the newest 50 keys, and reads anything else as none', () => {
    const storage = memoryStorage();
    const key = commentDraftsKey('u1', 'p1');
    writeSentKeys(key, new Map(Array.from({ length: 60 }, (_, i) => [`w${i}`, `k${i}`])), storage);
    const back = readSentKeys(key, storage);
    expect(back.size).toBe(50);
    expect(back.has('w9')).toBe(false);
    expect(back.get('w59')).toBe('k59');
    for (const raw of ['not json', '{"a":1}', '[[1,2]]', '[["only one"]]', '[["w","k"]]', '[["w","k","1"]]']) {
      expect(readSentKeys(key, memoryStorage({ [`${key}:sent`]: raw })).size, raw).toBe(0);
    }
    expect(readSentKeys(key, null).size).toBe(0);
  });

  it('keeps a key for an hour from when it was first kept, so the same words later are a new comment', () => {
    const storage = memoryStorage();
    const key = commentDraftsKey('u1', 'p1');
    const t0 = 1_800_000_000_000;
    writeSentKeys(key, new Map([['["s1",null,"Agreed"]', 'k-first']]), storage, t0);
    // Written again later with another key added: the first keeps its own time.
    writeSentKeys(
      key,
      new Map([
        ['["s1",null,"Agreed"]', 'k-first'],
        ['["s2",null,"Yes"]', 'k-second'],
      ]),
      storage,
      t0 + 30 * 60_000,
    );
    expect(readSentKeys(key, storage, t0 + SENT_KEY_KEEP_MS - 1)).toEqual(
      new Map([
        ['["s1",null,"Agreed"]', 'k-first'],
        ['["s2",null,"Yes"]', 'k-second'],
      ]),
    );
    expect(readSentKeys(key, storage, t0 + SENT_KEY_KEEP_MS)).toEqual(new Map([['["s2",null,"Yes"]', 'k-second']]));
    // A new key for the same words starts its own hour.
    writeSentKeys(key, new Map([['["s1",null,"Agreed"]', 'k-new']]), storage, t0 + 2 * SENT_KEY_KEEP_MS);
    expect(readSentKeys(key, storage, t0 + 2 * SENT_KEY_KEEP_MS + 1).get('["s1",null,"Agreed"]')).toBe('k-new');
  });
});
