import { getPrisma } from '@/lib/db/client';
import { can, ROLES_THAT_MAY, type AccessRole, type Actor } from '@/lib/auth/can';
import { accessChanged } from '@/lib/collab/access-changes';
import { audit } from './audit';
import { stillHoldsRole } from './scope';

/** Workspaces the actor belongs to. The query itself is scoped to the actor's memberships. */
export async function listWorkspacesForActor(actor: Actor) {
  return getPrisma().workspace.findMany({
    where: { memberships: { some: { userId: actor.userId } } },
    orderBy: { name: 'asc' },
    select: { id: true, slug: true, name: true, kind: true },
  });
}

/** A workspace by slug, or null when it does not exist or the actor may not see it (the two look the same). */
export async function getWorkspaceForActor(actor: Actor, slug: string) {
  const workspace = await getPrisma().workspace.findFirst({
    where: { slug, memberships: { some: { userId: actor.userId } } },
    select: { id: true, slug: true, name: true, kind: true },
  });
  if (!workspace || !can(actor, 'workspace:view', { type: 'workspace', workspaceId: workspace.id })) return null;
  return workspace;
}

// ---- Changing who is in a workspace, and with what role ----
//
// A facilitator (`workspace:manage`) changes another person's access role or removes them. The
// change and its audit row commit together; then the person's open live connections are asked
// again at once (lib/collab/access-changes.ts), so a removed person is disconnected and a person
// moved down to viewer becomes read-only without waiting for the periodic recheck.

export const MEMBER_NOT_FOUND = 'This person was not found in this workspace, or you cannot manage its members.';
const LAST_FACILITATOR =
  'A workspace needs at least one facilitator. Make someone else a facilitator before you change this person’s role or remove them.';

export type MembershipChangeResult =
  | { ok: true; userId: string; accessRole: AccessRole | null }
  | { ok: false; reason: 'not_found'; message: string }
  | { ok: false; reason: 'invalid'; message: string };

/**
 * Set `userId`'s role in the workspace (`accessRole`), or remove them from it (null). Not found
 * when the actor may not manage the workspace or the person is not a member (the two look the same).
 */
export async function changeMembership(
  actor: Actor,
  input: { workspaceId: string; userId: string; accessRole: AccessRole | null },
): Promise<MembershipChangeResult> {
  const { workspaceId, userId, accessRole } = input;
  const resourceId = workspaceId.slice(0, 200);
  const action = accessRole === null ? 'workspace:removeMember' : 'workspace:changeMemberRole';
  if (!can(actor, 'workspace:manage', { type: 'workspace', workspaceId })) {
    await audit({
      actorId: actor.userId,
      action,
      resourceType: 'workspace',
      resourceId,
      outcome: 'denied',
      detail: { userId: userId.slice(0, 200) },
    });
    return { ok: false, reason: 'not_found', message: MEMBER_NOT_FOUND };
  }
  const result = await getPrisma().$transaction(async (tx): Promise<MembershipChangeResult> => {
    // Facilitators' rows locked first, so two facilitators demoting each other at once cannot
    // leave the workspace with none.
    await tx.$queryRaw`SELECT 1 FROM "Membership" WHERE "workspaceId" = ${workspaceId} AND "accessRole" = 'facilitator' ORDER BY id FOR UPDATE`;
    // Asked again under the lock, with can()'s own role list: a facilitator removed or demoted by
    // someone else a moment ago (after this request's can() above) may no longer change anyone's
    // membership.
    if (!(await stillHoldsRole(tx, workspaceId, actor.userId, ROLES_THAT_MAY.manageWorkspace))) {
      await audit(
        {
          actorId: actor.userId,
          action,
          resourceType: 'workspace',
          resourceId,
          outcome: 'denied',
          detail: { userId: userId.slice(0, 200), reason: 'no longer a facilitator' },
        },
        tx,
      );
      return { ok: false, reason: 'not_found', message: MEMBER_NOT_FOUND };
    }
    const current = await tx.membership.findUnique({
      where: { userId_workspaceId: { userId, workspaceId } },
      select: { id: true, accessRole: true },
    });
    // Refused changes are recorded as the refusals above are, with why, so the trail shows every
    // attempt a facilitator made on a workspace's access, not only the ones that went through.
    const refused = (reason: string) =>
      audit(
        {
          actorId: actor.userId,
          action,
          resourceType: 'workspace',
          resourceId,
          outcome: 'denied',
          detail: { userId: userId.slice(0, 200), reason },
        },
        tx,
      );
    if (!current) {
      await refused('not a member');
      return { ok: false, reason: 'not_found', message: MEMBER_NOT_FOUND };
    }
    if (current.accessRole === 'facilitator' && accessRole !== 'facilitator') {
      const facilitators = await tx.membership.count({ where: { workspaceId, accessRole: 'facilitator' } });
      if (facilitators <= 1) {
        await refused('last facilitator');
        return { ok: false, reason: 'invalid', message: LAST_FACILITATOR };
      }
    }
    if (accessRole === null) await tx.membership.delete({ where: { id: current.id } });
    else if (accessRole !== current.accessRole)
      await tx.membership.update({ where: { id: current.id }, data: { accessRole } });
    await audit(
      {
        actorId: actor.userId,
        action,
        resourceType: 'workspace',
        resourceId,
        outcome: 'allowed',
        detail: { userId, from: current.accessRole, to: accessRole },
      },
      tx,
    );
    return { ok: true, userId, accessRole };
  });
  // Stored: now their open live connections, at once (best effort, never throws).
  if (result.ok) accessChanged(userId);
  return result;
}
