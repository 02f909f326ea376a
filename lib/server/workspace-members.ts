// The members page of a workspace (app/w/[workspace]/members): who is in it, for its facilitators,
// and a submitted form turned into one call of changeMembership (lib/server/workspaces.ts), which
// holds every rule (facilitators only, never without a facilitator, audited, live connections
// rechecked). This file only reads the form, checks the role is one of ours and words the outcome.
import { getPrisma } from '@/lib/db/client';
import { can, type AccessRole, type Actor } from '@/lib/auth/can';
import { badRoleMessage, isAccessRole, roleWithArticle } from '@/lib/workspace/roles';
import { audit } from './audit';
import { changeMembership, getWorkspaceForActor, MEMBER_NOT_FOUND } from './workspaces';

export { MEMBER_NOT_FOUND };

export interface WorkspaceMember {
  userId: string;
  name: string;
  email: string;
  accessRole: AccessRole;
}

/** The members of a workspace, by name, or null when the actor may not manage it (`workspace:manage`). */
export async function listWorkspaceMembers(actor: Actor, workspaceId: string): Promise<WorkspaceMember[] | null> {
  if (!can(actor, 'workspace:manage', { type: 'workspace', workspaceId })) return null;
  const rows = await getPrisma().membership.findMany({
    // Scoped to the actor's own workspaces too, whatever id is given.
    where: { workspaceId, workspace: { memberships: { some: { userId: actor.userId } } } },
    select: { accessRole: true, user: { select: { id: true, name: true, email: true } } },
    orderBy: [{ user: { name: 'asc' } }, { user: { email: 'asc' } }],
  });
  return rows.map((r) => ({ userId: r.user.id, name: r.user.name, email: r.user.email, accessRole: r.accessRole }));
}

export interface MemberFormInput {
  workspaceSlug: string;
  userId: string;
  /** 'remove' removes the person from the workspace; anything else ('role') changes their role to `accessRole`. */
  intent: string;
  accessRole?: string;
}

/** What the members page shows after a submission. Plain data, so it crosses to the browser. */
export interface MemberFormState {
  ok: boolean;
  message?: string;
  /** The member the submission was about, so the page shows the problem beside their row. */
  userId?: string;
  /** 'accessRole' (the role select) or 'remove' (the remove button). */
  errors?: { path: 'accessRole' | 'remove'; message: string }[];
  /** The role that was chosen, put back after a refusal. */
  values?: { accessRole?: string };
  /** Changes on every submission, so the fields take fresh values. */
  at?: number;
}

export type MemberFormResult = MemberFormState & {
  /** Set when the actor changed their own role or left: where to go, as this page may no longer be theirs. */
  redirectTo?: string;
};

/** A submitted member form as one call of changeMembership, with the outcome in words. */
export async function changeMemberFromForm(actor: Actor, input: MemberFormInput): Promise<MemberFormResult> {
  const at = Date.now();
  const userId = input.userId.slice(0, 200);
  const notFound: MemberFormResult = { ok: false, message: MEMBER_NOT_FOUND, userId, at };
  const workspace = await getWorkspaceForActor(actor, input.workspaceSlug.slice(0, 200));
  if (!workspace) return notFound;

  let accessRole: AccessRole | null;
  if (input.intent === 'remove') accessRole = null;
  else if (isAccessRole(input.accessRole)) accessRole = input.accessRole;
  else {
    // A role we do not have: said only to someone who may manage members. Anyone else gets "not
    // found", audited as refused, as changeMembership answers them for every other attempt.
    if (!can(actor, 'workspace:manage', { type: 'workspace', workspaceId: workspace.id })) {
      await audit({
        actorId: actor.userId,
        action: 'workspace:changeMemberRole',
        resourceType: 'workspace',
        resourceId: workspace.id,
        outcome: 'denied',
        detail: { userId },
      });
      return notFound;
    }
    const sent = input.accessRole ?? '';
    return {
      ok: false,
      message: 'There is a problem with the role you chose.',
      userId,
      errors: [{ path: 'accessRole', message: badRoleMessage(sent) }],
      values: { accessRole: sent },
      at,
    };
  }

  const result = await changeMembership(actor, { workspaceId: workspace.id, userId, accessRole });
  if (!result.ok) {
    if (result.reason === 'not_found') return notFound;
    return {
      ok: false,
      message: result.message,
      userId,
      errors: [{ path: accessRole === null ? 'remove' : 'accessRole', message: result.message }],
      values: accessRole === null ? undefined : { accessRole },
      at,
    };
  }

  const self = userId === actor.userId;
  const person = await getPrisma().user.findUnique({ where: { id: userId }, select: { name: true } });
  const name = person?.name ?? 'This person';
  if (accessRole === null) {
    return self
      ? { ok: true, message: `You have left ${workspace.name}.`, userId, at, redirectTo: '/?notice=left' }
      : { ok: true, message: `${name} has been removed from ${workspace.name}.`, userId, at };
  }
  if (self && accessRole !== 'facilitator') {
    return {
      ok: true,
      message: `You are now ${roleWithArticle(accessRole)} in ${workspace.name}.`,
      userId,
      at,
      redirectTo: `/w/${workspace.slug}/pathways?notice=role`,
    };
  }
  return { ok: true, message: `${self ? 'You are' : `${name} is`} now ${roleWithArticle(accessRole)}.`, userId, at };
}
