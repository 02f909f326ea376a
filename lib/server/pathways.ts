import { getPrisma } from '@/lib/db/client';
import { can, type Actor } from '@/lib/auth/can';

/** Pathways of a workspace the actor may view; empty when they may not. */
export async function listPathways(actor: Actor, workspaceId: string) {
  if (!can(actor, 'pathway:view', { type: 'pathway', workspaceId })) return [];
  return getPrisma().pathway.findMany({
    where: { workspaceId, workspace: { memberships: { some: { userId: actor.userId } } } },
    // Alphabetical; pathways with the same title (an import, a local copy) in the order they were made.
    orderBy: [{ title: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      title: true,
      conditions: true,
      status: true,
      isTemplate: true,
      updatedAt: true,
      _count: { select: { versions: true } },
    },
  });
}

/** One pathway with its versions' metadata, or null when missing or not allowed (indistinguishable). */
export async function getPathway(actor: Actor, pathwayId: string) {
  const pathway = await getPrisma().pathway.findFirst({
    where: { id: pathwayId, workspace: { memberships: { some: { userId: actor.userId } } } },
    include: {
      workspace: { select: { id: true, slug: true, name: true } },
      versions: {
        orderBy: { number: 'desc' },
        select: { id: true, number: true, note: true, createdAt: true, author: { select: { name: true } } },
      },
    },
  });
  if (!pathway || !can(actor, 'pathway:view', { type: 'pathway', workspaceId: pathway.workspaceId, pathwayId })) {
    return null;
  }
  return pathway;
}
