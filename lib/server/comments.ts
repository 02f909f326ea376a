// Comments on a pathway (issue 5 "Comments"): threads pinned to a step or a transition (or to the
// pathway as a whole), replies, resolve and reopen, delete. Every use case takes the actor, asks
// can() with the 'comment' resource, and scopes its queries to the actor's workspaces, so a
// guessed id from another workspace is simply not found. Allowed and denied changes are audited.
import { can, ROLES_THAT_MAY, type Actor } from '@/lib/auth/can';
import { notifyRoom } from '@/lib/collab/notify';
import { getPrisma } from '@/lib/db/client';
import { audit } from './audit';
import { CLIENT_ID_PATTERN, CLIENT_ID_RULE } from '@/lib/workshop/send-command';
import { invalid, isUniqueViolation, notFound, type Invalid, type NotFound } from './results';
import { inActorsWorkspaces, stillHoldsRole } from './scope';
import { tooLongMessage } from '@/lib/text-limits';
import { currentTargetLabel } from './target-label';

export const COMMENT_MAX_LENGTH = 5000;
const TARGET_MAX_LENGTH = 200;
export const COMMENT_NOT_FOUND_MESSAGE = 'This comment was not found, or you do not have access to it.';

export const COMMENT_LABEL = 'Comment';

/** Why a comment (already trimmed) cannot be saved, or null when it can. */
export function commentBodyProblem(body: string): Invalid | null {
  if (body === '') return invalid('A comment needs some words.', [{ path: 'body', message: 'Comment: write your comment.' }]);
  if (body.length > COMMENT_MAX_LENGTH) {
    const message = tooLongMessage(COMMENT_LABEL, body.length, COMMENT_MAX_LENGTH);
    return invalid(message, [{ path: 'body', message }]);
  }
  return null;
}

export interface CommentView {
  id: string;
  targetId: string | null;
  /**
   * What the step or transition was called when the thread was started (taken by the server from
   * the pathway's document), so a thread on one since removed can still name it; null when not
   * known (threads from before names were kept, pathway-wide threads).
   */
  targetLabel: string | null;
  parentId: string | null;
  body: string;
  authorId: string;
  authorName: string;
  authorRole: string;
  createdAt: string;
  resolvedAt: string | null;
  /**
   * What the person who asked may do with this comment, from can() (the same rule the use cases
   * below enforce), so the page offers only buttons that work. Resolving is for whole threads.
   */
  canResolve: boolean;
  canDelete: boolean;
}

export interface CommentThread extends CommentView {
  replies: CommentView[];
}

const SELECT = {
  id: true,
  targetId: true,
  targetLabel: true,
  parentId: true,
  body: true,
  authorId: true,
  createdAt: true,
  resolvedAt: true,
  author: { select: { name: true, professionalRole: true } },
} as const;

type Row = {
  id: string;
  targetId: string | null;
  targetLabel: string | null;
  parentId: string | null;
  body: string;
  authorId: string;
  createdAt: Date;
  resolvedAt: Date | null;
  author: { name: string; professionalRole: string };
};

function view(row: Row, actor: Actor, workspaceId: string, pathwayId: string): CommentView {
  const resource = { type: 'comment' as const, workspaceId, pathwayId, authorId: row.authorId };
  return {
    id: row.id,
    targetId: row.targetId,
    targetLabel: row.targetLabel,
    parentId: row.parentId,
    body: row.body,
    authorId: row.authorId,
    authorName: row.author.name,
    authorRole: row.author.professionalRole,
    createdAt: row.createdAt.toISOString(),
    resolvedAt: row.resolvedAt ? row.resolvedAt.toISOString() : null,
    canResolve: row.parentId === null && can(actor, 'comment:resolve', resource),
    canDelete: can(actor, 'comment:delete', resource),
  };
}

async function scopedPathway(actor: Actor, pathwayId: string) {
  return getPrisma().pathway.findFirst({ where: { id: pathwayId, ...inActorsWorkspaces(actor) }, select: { id: true, workspaceId: true } });
}

/** Every thread on a pathway, oldest first, replies in order. Resolved threads are included (marked). */
export async function listComments(options: { actor: Actor; pathwayId: string }): Promise<{ ok: true; threads: CommentThread[] } | NotFound> {
  const { actor, pathwayId } = options;
  const pathway = await scopedPathway(actor, pathwayId);
  if (!pathway || !can(actor, 'comment:view', { type: 'comment', workspaceId: pathway.workspaceId, pathwayId })) return notFound();
  const rows = await getPrisma().comment.findMany({
    where: { pathwayId, pathway: inActorsWorkspaces(actor) },
    select: SELECT,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const threads = new Map<string, CommentThread>();
  const shown = (row: Row) => view(row, actor, pathway.workspaceId, pathwayId);
  for (const row of rows) if (!row.parentId) threads.set(row.id, { ...shown(row), replies: [] });
  for (const row of rows) if (row.parentId) threads.get(row.parentId)?.replies.push(shown(row));
  return { ok: true, threads: [...threads.values()] };
}

/** Open threads per step or transition id, for the badges on the canvas. */
export function openCountsByTarget(threads: readonly CommentThread[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of threads) if (t.targetId && !t.resolvedAt) counts.set(t.targetId, (counts.get(t.targetId) ?? 0) + 1);
  return counts;
}

/**
 * Start a thread (pinned to `targetId`, a step or transition id, or to the pathway when absent) or
 * reply to one (`parentId`; a reply to a reply joins the same thread, and takes its pin).
 *
 * `clientKey` is the id the author's browser gave this comment (CLIENT_ID_PATTERN). Sent again with
 * the same key, after a connection dropped before the answer came, the comment already added is
 * returned and nothing is added twice.
 */
export async function addComment(options: {
  actor: Actor;
  pathwayId: string;
  body: string;
  targetId?: string | null;
  parentId?: string | null;
  clientKey?: string | null;
}): Promise<{ ok: true; comment: CommentView } | NotFound | Invalid> {
  const { actor, pathwayId } = options;
  const clientKey = options.clientKey ?? null;
  if (clientKey !== null && !CLIENT_ID_PATTERN.test(clientKey)) {
    const message = `“${clientKey.slice(0, 70)}” is not a comment key: ${CLIENT_ID_RULE}.`;
    return invalid('The comment was not in the expected form.', [{ path: 'clientKey', message }]);
  }
  const prisma = getPrisma();
  const pathway = await scopedPathway(actor, pathwayId);
  if (!pathway) return notFound();
  if (!can(actor, 'comment:create', { type: 'comment', workspaceId: pathway.workspaceId, pathwayId })) {
    await audit({ actorId: actor.userId, action: 'comment:create', resourceType: 'pathway', resourceId: pathwayId, outcome: 'denied' });
    return notFound();
  }
  // Sent before and added then: answer with that comment.
  const already = async () => {
    if (clientKey === null) return null;
    const row = await prisma.comment.findUnique({ where: { authorId_clientKey: { authorId: actor.userId, clientKey } }, select: { ...SELECT, pathwayId: true } });
    if (!row) return null;
    if (row.pathwayId !== pathwayId) {
      const message = 'This comment key was already used for a comment on another pathway. Send the comment with a new key.';
      return invalid('The comment was not in the expected form.', [{ path: 'clientKey', message }]);
    }
    return { ok: true as const, comment: view(row, actor, pathway.workspaceId, pathwayId) };
  };
  const before = await already();
  if (before) return before;
  const body = options.body.trim();
  const problem = commentBodyProblem(body);
  if (problem) return problem;
  let targetId = options.targetId?.trim() || null;
  if (targetId && targetId.length > TARGET_MAX_LENGTH) return invalid('That is not a step or transition.', [{ path: 'targetId', message: 'is too long' }]);
  let parentId: string | null = null;
  let targetLabel: string | null = null;
  if (options.parentId) {
    const parent = await prisma.comment.findFirst({
      where: { id: options.parentId, pathwayId, pathway: inActorsWorkspaces(actor) },
      select: { id: true, parentId: true, targetId: true, targetLabel: true },
    });
    if (!parent) return notFound(COMMENT_NOT_FOUND_MESSAGE);
    parentId = parent.parentId ?? parent.id;
    // A reply takes its thread's pin, and the name stored with it.
    const root = parent.parentId
      ? await prisma.comment.findFirst({ where: { id: parent.parentId, pathwayId }, select: { targetId: true, targetLabel: true } })
      : parent;
    targetId = root?.targetId ?? null;
    targetLabel = root?.targetLabel ?? null;
  } else if (targetId) {
    // Named by the server from the pathway's document, not by the browser.
    targetLabel = await currentTargetLabel(pathwayId, targetId);
  }
  let row: Row | null;
  try {
    // The role is asked again as the comment goes in, under the membership's lock: a commenter
    // removed while the request ran leaves no comment under their name.
    row = await prisma.$transaction(async (tx) =>
      (await stillHoldsRole(tx, pathway.workspaceId, actor.userId, ROLES_THAT_MAY.createComment))
        ? tx.comment.create({ data: { pathwayId, authorId: actor.userId, body, targetId, targetLabel, parentId, clientKey }, select: SELECT })
        : null,
    );
  } catch (error) {
    // The same comment, sent twice at once: the other arrival added it.
    const same = isUniqueViolation(error) ? await already() : null;
    if (same) return same;
    throw error;
  }
  if (!row) {
    await audit({
      actorId: actor.userId,
      action: 'comment:create',
      resourceType: 'pathway',
      resourceId: pathwayId,
      outcome: 'denied',
      detail: { reason: 'access changed' },
    });
    return notFound();
  }
  await audit({ actorId: actor.userId, action: 'comment:create', resourceType: 'comment', resourceId: row.id, outcome: 'allowed', detail: { pathwayId, targetId, parentId } });
  notifyRoom(pathwayId, 'comments');
  return { ok: true, comment: view(row, actor, pathway.workspaceId, pathwayId) };
}

async function scopedComment(actor: Actor, commentId: string) {
  return getPrisma().comment.findFirst({
    where: { id: commentId, pathway: inActorsWorkspaces(actor) },
    select: { id: true, pathwayId: true, parentId: true, authorId: true, resolvedAt: true, pathway: { select: { workspaceId: true } } },
  });
}

/** Resolve or reopen a thread. The author may, and so may editors and facilitators. */
export async function setCommentResolved(options: {
  actor: Actor;
  commentId: string;
  resolved: boolean;
  now?: Date;
}): Promise<{ ok: true; comment: CommentView } | NotFound | Invalid> {
  const { actor, commentId, resolved } = options;
  const comment = await scopedComment(actor, commentId);
  if (!comment) return notFound(COMMENT_NOT_FOUND_MESSAGE);
  const resource = { type: 'comment' as const, workspaceId: comment.pathway.workspaceId, pathwayId: comment.pathwayId, authorId: comment.authorId };
  const action = resolved ? 'comment:resolve' : 'comment:reopen';
  if (!can(actor, 'comment:resolve', resource)) {
    await audit({ actorId: actor.userId, action, resourceType: 'comment', resourceId: commentId, outcome: 'denied' });
    return notFound(COMMENT_NOT_FOUND_MESSAGE);
  }
  if (comment.parentId) return invalid('Only a whole thread can be resolved or reopened.', [{ path: 'commentId', message: 'is a reply' }]);
  const row = await getPrisma().comment.update({
    where: { id: commentId },
    data: { resolvedAt: resolved ? (comment.resolvedAt ?? options.now ?? new Date()) : null },
    select: SELECT,
  });
  await audit({ actorId: actor.userId, action, resourceType: 'comment', resourceId: commentId, outcome: 'allowed' });
  notifyRoom(comment.pathwayId, 'comments');
  return { ok: true, comment: view(row, actor, comment.pathway.workspaceId, comment.pathwayId) };
}

/** Delete a comment (a thread's first comment takes its replies with it). The author may, and so may facilitators. */
export async function deleteComment(options: { actor: Actor; commentId: string }): Promise<{ ok: true } | NotFound> {
  const { actor, commentId } = options;
  const comment = await scopedComment(actor, commentId);
  if (!comment) return notFound(COMMENT_NOT_FOUND_MESSAGE);
  const resource = { type: 'comment' as const, workspaceId: comment.pathway.workspaceId, pathwayId: comment.pathwayId, authorId: comment.authorId };
  if (!can(actor, 'comment:delete', resource)) {
    await audit({ actorId: actor.userId, action: 'comment:delete', resourceType: 'comment', resourceId: commentId, outcome: 'denied' });
    return notFound(COMMENT_NOT_FOUND_MESSAGE);
  }
  await getPrisma().comment.delete({ where: { id: commentId } });
  await audit({ actorId: actor.userId, action: 'comment:delete', resourceType: 'comment', resourceId: commentId, outcome: 'allowed', detail: { pathwayId: comment.pathwayId } });
  notifyRoom(comment.pathwayId, 'comments');
  return { ok: true };
}
