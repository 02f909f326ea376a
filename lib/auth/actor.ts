import { getPrisma } from '@/lib/db/client';
import type { AccessRole, Actor } from './can';

export interface SignedInActor extends Actor {
  name: string;
  email: string;
}

/**
 * Loads an actor's facts fresh from the database: a removed membership takes effect at once, and
 * so does signing out (`session.sid`, the token's session id, see lib/auth/options.ts).
 * Kept apart from lib/auth/session.ts (which imports next-auth's providers, loadable only inside
 * Next's bundler) so the plain Node server's websocket can use the same query.
 */
export async function loadActor(userId: string, session: { sid?: unknown } = {}): Promise<SignedInActor | null> {
  const prisma = getPrisma();
  const sid = typeof session.sid === 'string' ? session.sid : null;
  const [user, revoked] = await Promise.all([
    prisma.user.findUnique({
      where: { id: userId },
      include: { memberships: { select: { workspaceId: true, accessRole: true } } },
    }),
    sid ? prisma.revokedSession.findUnique({ where: { sid }, select: { userId: true } }) : null,
  ]);
  if (!user) return null;
  // A session ended by signing out (lib/auth/sign-out.ts) is no session, wherever its token is.
  if (revoked) return null;
  const memberships: Record<string, AccessRole> = {};
  for (const m of user.memberships) memberships[m.workspaceId] = m.accessRole;
  return { userId: user.id, name: user.name, email: user.email, professionalRole: user.professionalRole, memberships };
}
