import type { Actor } from '@/lib/auth/can';

/**
 * The Prisma `where` fragment that limits pathways to the workspaces the actor belongs to, so a
 * query cannot return another workspace's pathway whatever id it is given (Documenso style:
 * authorization inside the query, on top of the can() check).
 */
export function inActorsWorkspaces(actor: Actor) {
  return { workspace: { memberships: { some: { userId: actor.userId } } } } as const;
}
