import { getPrisma } from '@/lib/db/client';
import type { AccessRole, Actor } from './can';

export interface SignedInActor extends Actor {
  name: string;
  email: string;
}

/**
 * Loads an actor's facts fresh from the database: a removed membership takes effect at once.
 * Kept apart from lib/auth/session.ts (which imports next-auth's providers, loadable only inside
 * Next's bundler) so the plain Node server's websocket can use the same query.
 */
export async function loadActor(userId: string): Promise<SignedInActor | null> {
  const user = await getPrisma().user.findUnique({
    where: { id: userId },
    include: { memberships: { select: { workspaceId: true, accessRole: true } } },
  });
  if (!user) return null;
  const memberships: Record<string, AccessRole> = {};
  for (const m of user.memberships) memberships[m.workspaceId] = m.accessRole;
  return { userId: user.id, name: user.name, email: user.email, professionalRole: user.professionalRole, memberships };
}
