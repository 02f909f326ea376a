// The longest a session may last, however often it is used. A session token is renewed on each use
// within its eight hours (next-auth's rolling expiry, lib/auth/options.ts), so without a limit of
// its own a copy of the cookie kept in use would never expire, and would outlive the record that
// it was signed out (lib/auth/session-end.ts keeps that record for 30 days). The time the person
// signed in travels in the token (`signedInAt`, set once at sign-in) and is checked wherever a
// token is read: next-auth's jwt callback (pages, routes, /api/auth/session) and the live
// workshop's websocket (lib/collab/access.ts). Kept free of next-auth so both can use it.

/** Twelve hours: a long clinical shift, or a four-hour workshop three times over. */
const DEFAULT_LONGEST_SECONDS = 12 * 60 * 60;

/** The longest a session may last from sign-in, in milliseconds (PATHWEAVE_SESSION_LONGEST, in seconds). */
export function longestSessionMs(env: Record<string, string | undefined> = process.env): number {
  const setting = Number(env.PATHWEAVE_SESSION_LONGEST);
  return (Number.isFinite(setting) && setting > 0 ? setting : DEFAULT_LONGEST_SECONDS) * 1000;
}

/**
 * When a session signed in at `signedInAt` (milliseconds) must end, or 0 when the token does not
 * say when it was signed in (a token made before this check, or not by us), which ends it now.
 */
export function sessionEndsAt(signedInAt: unknown, env: Record<string, string | undefined> = process.env): number {
  if (typeof signedInAt !== 'number' || !Number.isFinite(signedInAt)) return 0;
  return signedInAt + longestSessionMs(env);
}
