// Ending a session when its person signs out. Sessions are JWTs in a cookie: removing the cookie
// ends it in this browser only, while a copy (a live connection opened with it, a token copied
// from this browser) would stay valid for up to eight hours. So the session's id is recorded as
// ended; every request and the live workshop's connections ask lib/auth/actor.ts, which refuses it,
// and the live connections are asked again at once (lib/collab/access-changes.ts).
import { getServerSession } from 'next-auth';
import { accessChanged } from '@/lib/collab/access-changes';
import { getPrisma } from '@/lib/db/client';
import { audit } from '@/lib/server/audit';
import { log } from '@/lib/log';
import { authOptions } from './options';

/**
 * How long an ended session's id is kept. A token lasts eight hours, but each use within that time
 * can renew it, so a copy in use could outlive its first expiry: the id is kept well beyond that.
 */
const KEEP_MS = 30 * 24 * 60 * 60 * 1000;

export async function endSession(): Promise<void> {
  const session = await getServerSession(authOptions);
  const userId = (session?.user as { id?: string } | undefined)?.id;
  const sid = (session as { sid?: unknown } | null)?.sid;
  if (!session || !userId || typeof sid !== 'string') return;
  const now = new Date();
  try {
    const prisma = getPrisma();
    await prisma.revokedSession.upsert({
      where: { sid },
      create: { sid, userId, expiresAt: new Date(now.getTime() + KEEP_MS) },
      update: {},
    });
    // Stored: this session's open live connections are closed now, not at the next periodic check.
    // Only this session's (its sid): the person's other sessions stay connected.
    accessChanged(userId);
    await prisma.revokedSession.deleteMany({ where: { expiresAt: { lt: now } } });
    await audit({
      actorId: userId,
      action: 'auth:signOut',
      resourceType: 'user',
      resourceId: userId,
      outcome: 'allowed',
    });
  } catch (error) {
    // The cookie is still removed: signing out in this browser never fails.
    log.error({ err: error, event: 'signout.record-failed' }, 'could not record the end of a session');
  }
}
