'use server';
// Signing out without next-auth's client library (which would otherwise be shipped to, and run on,
// every page, the person's plan page included). Sessions are JWTs held in a cookie, so ending one
// is removing that cookie (and its chunks, when a large token was split): what next-auth's own
// sign-out does for the JWT strategy. A plain form posts here, so it works without JavaScript too.
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/session';
import { endSession } from '@/lib/auth/sign-out';
import { FORGET_LOCAL_COPIES_COOKIE } from '@/lib/collab/local-copy-names';

const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

export async function signOutAction(): Promise<void> {
  const actor = await getActor();
  // Recorded first, so that a copy of this cookie elsewhere (another tab's live connection, a
  // copied token) stops working too, not only this browser's.
  await endSession();
  const jar = await cookies();
  for (const { name } of jar.getAll()) {
    if (!SESSION_COOKIE.test(name)) continue;
    // A __Secure- cookie is only replaced by one that is itself Secure.
    jar.set(name, '', { path: '/', maxAge: 0, httpOnly: true, sameSite: 'lax', secure: name.startsWith('__Secure-') });
  }
  // Live pathways this person kept on this device (edits made offline) are removed by the sign-in
  // page this leads to: on a shared computer the next person must not find them.
  if (actor) jar.set(FORGET_LOCAL_COPIES_COOKIE, actor.userId, { path: '/', maxAge: 600, sameSite: 'lax', httpOnly: false });
  redirect('/signin');
}
