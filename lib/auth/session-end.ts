// Recording that a session has ended, however the person signed out: through Pathweave's own form
// (lib/auth/sign-out.ts) or through next-auth's own /api/auth/signout (the signOut event in
// lib/auth/options.ts). Sessions are JWTs in a cookie, so removing the cookie ends one in this
// browser only; the session's id is recorded as ended, so every other copy is refused too
// (lib/auth/actor.ts) and its live connections are asked again at once (lib/collab/access-changes.ts).
import { accessChanged } from '@/lib/collab/access-changes';
import { getPrisma } from '@/lib/db/client';
import { log } from '@/lib/log';
import { audit } from '@/lib/server/audit';

/**
 * How long an ended session's id is kept. A token lasts eight hours, but each use within that time
 * can renew it, so a copy in use could outlive its first expiry: the id is kept well beyond that.
 */
const KEEP_MS = 30 * 24 * 60 * 60 * 1000;

/** Records the session `sid` of `userId` as ended, and audits it. Never throws: signing out never fails. */
export async function recordSessionEnd(userId: unknown, sid: unknown): Promise<void> {
  if (typeof userId !== 'string' || !userId || typeof sid !== 'string' || !sid) return;
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
