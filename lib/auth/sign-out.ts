// Ending a session when its person signs out. Sessions are JWTs in a cookie: removing the cookie
// ends it in this browser only, while a copy (a live connection opened with it, a token copied
// from this browser) would stay valid for up to eight hours. So the session's id is recorded as
// ended; every request and the live workshop's connections ask lib/auth/actor.ts, which refuses it,
// and the live connections are asked again at once (lib/collab/access-changes.ts).
import { getServerSession } from 'next-auth';
import { authOptions } from './options';
import { recordSessionEnd } from './session-end';

/** Signing out through Pathweave's own form (components/shell/sign-out-action.ts). */
export async function endSession(): Promise<void> {
  const session = await getServerSession(authOptions);
  const userId = (session?.user as { id?: string } | undefined)?.id;
  const sid = (session as { sid?: unknown } | null)?.sid;
  await recordSessionEnd(userId, sid);
}
