import { getPrisma } from '@/lib/db/client';
import { can, type Actor } from '@/lib/auth/can';

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
