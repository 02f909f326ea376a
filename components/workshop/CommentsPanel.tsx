'use client';
// Comments on the pathway (issue 5 "Comments"): threads pinned to the selected step or transition
// (or to the whole pathway), replies, resolve and reopen, delete. Through the comment server
// actions; the list refreshes on every change here, at once when the live room says someone else
// changed a comment (lib/collab/notify.ts), and every half minute in case such a notice was missed.
// Threads whose step or transition has since been taken out of the live pathway are listed under
// their own heading, so they can still be read, answered, resolved and deleted.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { addCommentAction, deleteCommentAction, listCommentsAction, setCommentResolvedAction } from '@/app/w/[workspace]/pathways/[pathwayId]/comment-actions';
import { ButtonForm, type FormState } from '@/components/care-plan/forms';
import type { CollaborativeSession } from '@/lib/collab/client';
import type { CommentThread, CommentView } from '@/lib/server/comments';
import { commentDraftsKey, readCommentDrafts, readSentKeys, writeCommentDrafts, writeSentKeys } from '@/lib/workshop/comment-drafts';
import { newCommandId } from '@/lib/workshop/send-command';
import { markRemovedTargets, useRememberedNames } from './removed-targets';
import { useRoomRefresh } from './useRoomRefresh';

const REFRESH_MS = 30_000;
const OFFLINE = 'Offline: comments will catch up when the connection is back.';
const NOT_SENT = 'The connection dropped, so we cannot tell whether that was sent. Your text is still here: send it again and it will not be added twice.';
const NOT_DELETED = 'Could not reach the server, so the comment was not deleted. Try again.';

/** A thread as the panel shows it: `removedTarget` when its step or transition is no longer in the live pathway. */
export type PanelThread = CommentThread & { removedTarget?: { name: string | null } };


/**
 * `here`: the names of the pathway's steps and transitions now (targetNames), when live; null
 * otherwise. Threads on anything not in it are marked as on something removed.
 */
export function useCommentThreads(
  pathwayId: string,
  enabled: boolean,
  session: CollaborativeSession | null,
  here: ReadonlyMap<string, string> | null,
) {
  const [loaded, setThreads] = useState<CommentThread[]>([]);
  // Read at least once: what is there then is not news (components/editor/useLiveAnnouncements.ts).
  const [read, setRead] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    try {
      const result = await listCommentsAction({ pathwayId });
      if (result.ok) {
        setThreads(result.threads);
        setRead(true);
        setError(null);
      } else setError(result.message);
    } catch {
      // The comments already shown stay; the next refresh tries again.
      setError(OFFLINE);
    }
  }, [pathwayId]);
  useRoomRefresh({ enabled, session, topic: 'comments', refresh, everyMs: REFRESH_MS });

  // The names of any step or transition seen since this page opened (so a thread on a step deleted
  // during the workshop still says which step it was).
  const seen = useRememberedNames(here);
  const threads = useMemo<PanelThread[]>(() => (here ? markRemovedTargets(loaded, here, seen) : loaded), [loaded, here, seen]);
  return { threads, error, refresh, read };
}

export function CommentsPanel({
  pathwayId,
  threads,
  loadError = null,
  refresh,
  target,
  targetName,
  present = null,
  canComment,
  userId = null,
}: {
  pathwayId: string;
  threads: readonly PanelThread[];
  /** Why the comments could not be loaded just now (the ones shown are the last that were). */
  loadError?: string | null;
  refresh: () => Promise<void>;
  /** The selected step or transition id, or null for the whole pathway. */
  target: string | null;
  targetName: string | null;
  /** The steps and transitions in the pathway now (id to name), when known: a draft written on one
   * since removed is listed so that it is not lost. */
  present?: ReadonlyMap<string, string> | null;
  canComment: boolean;
  /** The signed-in person: half-written comments are kept in this browser under their name. */
  userId?: string | null;
}) {
  // Half-written comments and replies, each kept with what it is about: a draft survives choosing
  // another step (and comes back on choosing it again) and a live deletion that moves its thread,
  // and it is never sent about something other than what it was written on.
  const [drafts, setDrafts] = useState<ReadonlyMap<string, string>>(new Map());
  const setDraft = useCallback((key: string, text: string) => {
    setDrafts((before) => {
      const after = new Map(before);
      if (text) after.set(key, text);
      else after.delete(key);
      return after;
    });
  }, []);
  // Once sent, the draft goes, unless more was typed while it was on its way.
  const sent = useCallback((key: string, text: string) => {
    setDrafts((before) => {
      if (before.get(key) !== text) return before;
      const after = new Map(before);
      after.delete(key);
      return after;
    });
  }, []);
  const commentKey = `comment:${target ?? ''}`;
  const body = drafts.get(commentKey) ?? '';
  // The name of what each new-comment draft is about, as it was when written.
  const [draftAbout, setDraftAbout] = useState<ReadonlyMap<string, string>>(new Map());
  // Kept in this browser (lib/workshop/comment-drafts.ts), so a reload or a crash loses nothing
  // typed: read back once the page is in the browser, then written on every change after that.
  const storageKey = userId ? commentDraftsKey(userId, pathwayId) : null;
  const [restoredFrom, setRestoredFrom] = useState<string | null>(null);
  useEffect(() => {
    if (!storageKey) return;
    const kept = readCommentDrafts(storageKey);
    queueMicrotask(() => {
      // Anything typed before this ran wins over what was kept.
      setDrafts((now) => new Map([...kept.drafts, ...now]));
      setDraftAbout((now) => new Map([...kept.about, ...now]));
      setRestoredFrom(storageKey);
    });
  }, [storageKey]);
  useEffect(() => {
    if (storageKey && restoredFrom === storageKey) writeCommentDrafts(storageKey, { drafts, about: draftAbout });
  }, [storageKey, restoredFrom, drafts, draftAbout]);
  const unsentOnRemoved = present
    ? [...drafts].filter(([key]) => key.startsWith('comment:') && key !== 'comment:' && !present.has(key.slice('comment:'.length)))
    : [];
  // A problem is shown with what it was about: choosing another step hides it (its text stays with
  // its own step's draft), and coming back shows it again.
  const [problem, setProblem] = useState<{ text: string; target: string | null } | null>(null);
  const setMessage = (text: string | null) => setProblem(text === null ? null : { text, target });
  const message = problem && problem.target === target ? problem.text : null;
  const [done, setDone] = useState('');
  // The reasons for each field (e.g. "Comment: 6,200 characters is too long; …"), beside the summary.
  const [fieldErrors, setFieldErrors] = useState<string[]>([]);
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = threads.filter((t) => !t.removedTarget && (t.targetId ?? null) === target);
  const removed = threads.filter((t) => t.removedTarget);
  const about = target ? `“${targetName ?? 'this item'}”` : 'the whole pathway';

  const sentKeysRef = useRef<{ from: string | null; keys: Map<string, string> } | null>(null);
  const sentKeys = () => {
    if (sentKeysRef.current?.from !== storageKey) sentKeysRef.current = { from: storageKey, keys: storageKey ? readSentKeys(storageKey) : new Map() };
    return sentKeysRef.current.keys;
  };
  const post = (text: string, parentId?: string) => postOn(target, text, parentId);
  const postOn = async (targetId: string | null, text: string, parentId?: string) => {
    // The same words sent again to the same place keep their key, even after a reload, so a comment
    // whose answer was lost is not added twice; changed words are a new comment.
    const which = JSON.stringify([targetId, parentId ?? null, text.trim()]);
    const keys = sentKeys();
    const clientKey = keys.get(which) ?? newCommandId();
    if (!keys.has(which)) {
      keys.set(which, clientKey);
      if (storageKey) writeSentKeys(storageKey, keys);
    }
    let result: Awaited<ReturnType<typeof addCommentAction>>;
    try {
      result = await addCommentAction({ pathwayId, body: text, targetId, clientKey, ...(parentId ? { parentId } : {}) });
    } catch {
      setMessage(NOT_SENT);
      setFieldErrors([]);
      return false;
    }
    if (!result.ok) {
      // The text stays in its box (the forms clear it only on success), so nothing typed is lost.
      setMessage(result.message);
      setFieldErrors('errors' in result ? result.errors.map((e) => e.message).filter((m) => m !== result.message) : []);
      return false;
    }
    keys.delete(which);
    if (storageKey) writeSentKeys(storageKey, keys);
    setMessage(null);
    setFieldErrors([]);
    setDone('');
    await refresh();
    return true;
  };

  const toggleResolved = async (t: CommentThread) => {
    try {
      const result = await setCommentResolvedAction({ commentId: t.id, resolved: !t.resolvedAt });
      if (!result.ok) {
        setMessage(result.message);
        setFieldErrors([]);
      }
    } catch {
      setMessage(t.resolvedAt ? 'Could not reach the server, so the thread was not reopened. Try again.' : 'Could not reach the server, so the thread was not resolved. Try again.');
      setFieldErrors([]);
      return;
    }
    await refresh();
  };

  // The confirmed "Yes, delete" of a ButtonForm. A problem shows beside that button; once deleted,
  // the comment is gone from the list, so focus goes to the panel's heading and the news is spoken.
  const remove = async (comment: CommentView): Promise<FormState> => {
    let result: Awaited<ReturnType<typeof deleteCommentAction>>;
    try {
      result = await deleteCommentAction({ commentId: comment.id });
    } catch {
      return { ok: false, message: NOT_DELETED };
    }
    if (!result.ok) return { ok: false, message: result.message };
    setMessage(null);
    setFieldErrors([]);
    setDone(comment.parentId ? 'Reply deleted.' : 'Comment deleted.');
    await refresh();
    heading.current?.focus();
    return { ok: true };
  };

  const item = (t: PanelThread) => (
    <Thread
      key={t.id}
      thread={t}
      canComment={canComment}
      reply={drafts.get(`reply:${t.id}`) ?? ''}
      onReplyChange={(text) => setDraft(`reply:${t.id}`, text)}
      onReply={async (text) => {
        if (await post(text, t.id)) sent(`reply:${t.id}`, text);
      }}
      onToggleResolved={() => toggleResolved(t)}
      onDelete={remove}
    />
  );

  return (
    <section aria-labelledby="pw-comments-heading" data-testid="comments-panel">
      <h2 id="pw-comments-heading" ref={heading} tabIndex={-1} className="text-lg font-bold">
        Comments on {about}
      </h2>
      {loadError ? (
        <p className="pw-hint" role="status" data-testid="comments-load-error">
          {loadError}
        </p>
      ) : null}
      <div role="status" className={done ? 'pw-live' : 'sr-only'} data-testid="comments-done">
        {done}
      </div>
      {message ? (
        <div role="alert" className="pw-alert-box">
          <p>{message}</p>
          {fieldErrors.length ? (
            <ul className="list-disc pl-5">
              {fieldErrors.map((e, i) => (
                <li key={i}>{e}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {shown.length === 0 ? <p className="text-sm">No comments yet.</p> : null}
      <ol className="flex flex-col gap-3 mt-2">{shown.map(item)}</ol>
      {canComment ? (
        <form
          className="mt-3"
          onSubmit={async (e) => {
            e.preventDefault();
            const key = commentKey;
            const text = body;
            if (await post(text)) sent(key, text);
          }}
        >
          <label htmlFor="pw-new-comment" className="pw-label text-sm">
            New comment on {about}
          </label>
          <textarea id="pw-new-comment" className="pw-input w-full" rows={3} value={body} onChange={(e) => {
              setDraft(commentKey, e.target.value);
              const name = targetName ?? '';
              if (target && draftAbout.get(commentKey) !== name) setDraftAbout((m) => new Map(m).set(commentKey, name));
            }}
          />
          <button type="submit" className="pw-button pw-button-small mt-1">
            Add comment
          </button>
        </form>
      ) : (
        <p className="text-sm mt-2">You can read comments here, but not add them.</p>
      )}
      {canComment && unsentOnRemoved.length ? (
        <section aria-labelledby="pw-unsent-heading" className="mt-4 border-t border-[#d8dde0] pt-2" data-testid="unsent-on-removed">
          <h3 id="pw-unsent-heading" className="font-bold">
            Not sent: written on a step or transition since removed
          </h3>
          {unsentOnRemoved.map(([key, text]) => {
            const name = draftAbout.get(key);
            return (
              <div key={key} className="mt-2">
                <label htmlFor={`unsent-${key}`} className="pw-label text-sm">
                  Your comment on {name ? `“${name}”` : 'a step or transition'}, which has been removed
                </label>
                <textarea id={`unsent-${key}`} className="pw-input w-full" rows={2} value={text} onChange={(e) => setDraft(key, e.target.value)} />
                <div className="flex flex-wrap gap-2 mt-1">
                  <button
                    type="button"
                    className="pw-button pw-button-small"
                    onClick={async () => {
                      const words = name ? `On “${name}” (since removed): ${text}` : text;
                      if (await postOn(null, words)) sent(key, text);
                    }}
                  >
                    Add it as a comment on the whole pathway
                  </button>
                  <button type="button" className="pw-button pw-button-secondary pw-button-small" onClick={() => setDraft(key, '')}>
                    Discard it
                  </button>
                </div>
              </div>
            );
          })}
        </section>
      ) : null}
      {removed.length ? (
        <section aria-labelledby="pw-removed-comments-heading" className="mt-4 border-t border-[#d8dde0] pt-2" data-testid="comments-on-removed">
          <h3 id="pw-removed-comments-heading" className="font-bold">
            On steps or transitions no longer in the pathway
          </h3>
          <ol className="flex flex-col gap-3 mt-2">{removed.map(item)}</ol>
        </section>
      ) : null}
    </section>
  );
}

function Thread({
  thread: t,
  canComment,
  reply,
  onReplyChange,
  onReply,
  onToggleResolved,
  onDelete,
}: {
  thread: PanelThread;
  canComment: boolean;
  reply: string;
  onReplyChange: (text: string) => void;
  onReply: (text: string) => Promise<void>;
  onToggleResolved: () => Promise<void>;
  onDelete: (comment: CommentView) => Promise<FormState>;
}) {
  return (
    <li className="rounded border border-slate-300 p-2" data-testid="comment-thread">
      {t.removedTarget ? (
        <p className="text-sm pw-hint" data-testid="removed-target">
          {t.removedTarget.name ? `On “${t.removedTarget.name}”, which has been removed from the pathway.` : 'On a step or transition that has been removed from the pathway.'}
        </p>
      ) : null}
      <p className="text-sm">
        <span className="font-bold">{t.authorName}</span> ({t.authorRole.replace(/_/g, ' ')})
        {t.resolvedAt ? <span className="ml-2 rounded border border-slate-500 px-1 text-xs">Resolved</span> : null}
      </p>
      <p className="whitespace-pre-wrap">{t.body}</p>
      {t.canDelete ? <DeleteComment comment={t} replies={t.replies.length} onDelete={onDelete} /> : null}
      {t.replies.length ? (
        <ol className="mt-1 border-l-4 border-slate-300 pl-2">
          {t.replies.map((r) => (
            <li key={r.id} data-testid="comment-reply">
              <p className="text-sm font-bold">{r.authorName}</p>
              <p className="whitespace-pre-wrap">{r.body}</p>
              {r.canDelete ? <DeleteComment comment={r} replies={0} onDelete={onDelete} /> : null}
            </li>
          ))}
        </ol>
      ) : null}
      {canComment ? <ReplyForm threadId={t.id} text={reply} onChange={onReplyChange} onReply={onReply} /> : null}
      {t.canResolve ? (
        <button type="button" className="pw-button pw-button-secondary pw-button-small mt-1" onClick={() => void onToggleResolved()}>
          {t.resolvedAt ? 'Reopen thread' : 'Resolve thread'}
        </button>
      ) : null}
    </li>
  );
}

/** Delete, after asking (WCAG 3.3.4): the app's details-based confirm, so it works by keyboard and needs no dragging. */
function DeleteComment({ comment, replies, onDelete }: { comment: CommentView; replies: number; onDelete: (comment: CommentView) => Promise<FormState> }) {
  const reply = comment.parentId !== null;
  const question = reply
    ? 'Are you sure you want to delete this reply? You cannot get it back.'
    : replies > 0
      ? `Are you sure you want to delete this comment and its ${replies === 1 ? 'reply' : `${replies} replies`}? You cannot get them back.`
      : 'Are you sure you want to delete this comment? You cannot get it back.';
  return (
    <ButtonForm
      action={() => onDelete(comment)}
      hidden={{}}
      className="mt-1 text-sm"
      buttonClassName="font-bold text-nhs-blue underline"
      confirm={{ question, yes: reply ? 'Yes, delete this reply' : 'Yes, delete this comment' }}
    >
      {reply ? 'Delete reply' : 'Delete comment'}
      <span className="sr-only">: by {comment.authorName}</span>
    </ButtonForm>
  );
}

function ReplyForm({
  threadId,
  text,
  onChange,
  onReply,
}: {
  threadId: string;
  text: string;
  onChange: (text: string) => void;
  onReply: (text: string) => Promise<void>;
}) {
  return (
    <form
      className="mt-1"
      onSubmit={async (e) => {
        e.preventDefault();
        await onReply(text);
      }}
    >
      <label htmlFor={`reply-${threadId}`} className="sr-only">
        Reply to this thread
      </label>
      <input id={`reply-${threadId}`} className="pw-input w-full" value={text} onChange={(e) => onChange(e.target.value)} placeholder="Reply" />
      <button type="submit" className="pw-button pw-button-secondary pw-button-small mt-1">
        Reply
      </button>
    </form>
  );
}
