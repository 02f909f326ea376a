import type { Prisma } from '@/lib/generated/prisma/client';
import type { AccessRole, Actor } from '@/lib/auth/can';

/**
 * The Prisma `where` fragment that limits pathways to the workspaces the actor belongs to, so a
 * query cannot return another workspace's pathway whatever id it is given (Documenso style:
 * authorization inside the query, on top of the can() check).
 */
export function inActorsWorkspaces(actor: Actor) {
  return { workspace: { memberships: { some: { userId: actor.userId } } } } as const;
}

/**
 * Whether the person still holds one of these workspace roles, asked inside the transaction that
 * writes on the strength of it. A request checks the role (can()) with the memberships loaded as it
 * began; a write that cannot be taken back (a version, a pathway, a comment) asks again as it goes
 * in, so someone whose role was lowered or removed meanwhile does not leave one under their name.
 * FOR SHARE holds the membership row until the transaction ends: a change to it waits for the
 * write, or the write sees the change.
 */
export async function stillHoldsRole(
  tx: Prisma.TransactionClient,
  workspaceId: string,
  userId: string,
  roles: readonly AccessRole[],
): Promise<boolean> {
  const member = await tx.$queryRaw<{ ok: number }[]>`
    SELECT 1 AS ok FROM "Membership"
     WHERE "workspaceId" = ${workspaceId} AND "userId" = ${userId}
       AND "accessRole"::text = ANY(${[...roles]}::text[])
     FOR SHARE`;
  return member.length > 0;
}
