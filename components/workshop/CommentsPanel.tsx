'use client';
// Comments on the pathway (issue 5 "Comments"): threads pinned to the selected step or transition
// (or to the whole pathway), replies, resolve and reopen. Through the comment server actions; the
// list refreshes on every change here, at once when the live room says someone else changed a
// comment (lib/collab/notify.ts), and every half minute in case such a notice was missed.
import { useCallback, useState } from 'react';
import { addCommentAction, listCommentsAction, setCommentResolvedAction } from '@/app/w/[workspace]/pathways/[pathwayId]/comment-actions';
import type { CollaborativeSession } from '@/lib/collab/client';
import type { CommentThread } from '@/lib/server/comments';
import { useRoomRefresh } from './useRoomRefresh';

const REFRESH_MS = 30_000;
const OFFLINE = 'Offline: comments will catch up when the connection is back.';
const NOT_SENT = 'Could not reach the server, so that was not sent. Your text is still here; try again.';

export function useCommentThreads(pathwayId: string, enabled: boolean, session: CollaborativeSession | null) {
  const [threads, setThreads] = useState<CommentThread[]>([]);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    try {
      const result = await listCommentsAction({ pathwayId });
      if (result.ok) {
        setThreads(result.threads);
        setError(null);
      } else setError(result.message);
    } catch {
      // The comments already shown stay; the next refresh tries again.
      setError(OFFLINE);
    }
  }, [pathwayId]);
  useRoomRefresh({ enabled, session, topic: 'comments', refresh, everyMs: REFRESH_MS });
  return { threads, error, refresh };
}

export function CommentsPanel({
  pathwayId,
  threads,
  loadError = null,
  refresh,
  target,
  targetName,
  canComment,
}: {
  pathwayId: string;
  threads: readonly CommentThread[];
  /** Why the comments could not be loaded just now (the ones shown are the last that were). */
  loadError?: string | null;
  refresh: () => Promise<void>;
  /** The selected step or transition id, or null for the whole pathway. */
  target: string | null;
  targetName: string | null;
  canComment: boolean;
}) {
  const [body, setBody] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  // The reasons for each field (e.g. "Comment: 6,200 characters is too long; …"), beside the summary.
  const [fieldErrors, setFieldErrors] = useState<string[]>([]);
  const shown = threads.filter((t) => (t.targetId ?? null) === target);
  const about = target ? `“${targetName ?? 'this item'}”` : 'the whole pathway';

  const post = async (text: string, parentId?: string) => {
    let result: Awaited<ReturnType<typeof addCommentAction>>;
    try {
      result = await addCommentAction({ pathwayId, body: text, targetId: target, ...(parentId ? { parentId } : {}) });
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
    setMessage(null);
    setFieldErrors([]);
    await refresh();
    return true;
  };

  return (
    <section aria-labelledby="pw-comments-heading" data-testid="comments-panel">
      <h2 id="pw-comments-heading" className="text-lg font-bold">
        Comments on {about}
      </h2>
      {loadError ? (
        <p className="pw-hint" role="status" data-testid="comments-load-error">
          {loadError}
        </p>
      ) : null}
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
      <ol className="flex flex-col gap-3 mt-2">
        {shown.map((t) => (
          <li key={t.id} className="rounded border border-slate-300 p-2" data-testid="comment-thread">
            <p className="text-sm">
              <span className="font-bold">{t.authorName}</span> ({t.authorRole.replace(/_/g, ' ')})
              {t.resolvedAt ? <span className="ml-2 rounded border border-slate-500 px-1 text-xs">Resolved</span> : null}
            </p>
            <p className="whitespace-pre-wrap">{t.body}</p>
            {t.replies.length ? (
              <ol className="mt-1 border-l-4 border-slate-300 pl-2">
                {t.replies.map((r) => (
                  <li key={r.id}>
                    <p className="text-sm font-bold">{r.authorName}</p>
                    <p className="whitespace-pre-wrap">{r.body}</p>
                  </li>
                ))}
              </ol>
            ) : null}
            {canComment ? <ReplyForm threadId={t.id} onReply={(text) => post(text, t.id)} /> : null}
            {canComment ? (
              <button
                type="button"
                className="pw-button pw-button-secondary pw-button-small mt-1"
                onClick={async () => {
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
                }}
              >
                {t.resolvedAt ? 'Reopen thread' : 'Resolve thread'}
              </button>
            ) : null}
          </li>
        ))}
      </ol>
      {canComment ? (
        <form
          className="mt-3"
          onSubmit={async (e) => {
            e.preventDefault();
            if (await post(body)) setBody('');
          }}
        >
          <label htmlFor="pw-new-comment" className="pw-label text-sm">
            New comment on {about}
          </label>
          <textarea id="pw-new-comment" className="pw-input w-full" rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
          <button type="submit" className="pw-button pw-button-small mt-1">
            Add comment
          </button>
        </form>
      ) : (
        <p className="text-sm mt-2">You can read comments here, but not add them.</p>
      )}
    </section>
  );
}

function ReplyForm({ threadId, onReply }: { threadId: string; onReply: (text: string) => Promise<boolean> }) {
  const [text, setText] = useState('');
  return (
    <form
      className="mt-1"
      onSubmit={async (e) => {
        e.preventDefault();
        if (await onReply(text)) setText('');
      }}
    >
      <label htmlFor={`reply-${threadId}`} className="sr-only">
        Reply to this thread
      </label>
      <input id={`reply-${threadId}`} className="pw-input w-full" value={text} onChange={(e) => setText(e.target.value)} placeholder="Reply" />
      <button type="submit" className="pw-button pw-button-secondary pw-button-small mt-1">
        Reply
      </button>
    </form>
  );
}
