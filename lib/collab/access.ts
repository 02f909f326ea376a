// Who may open a live pathway document, and how (issue 5 "Access").
//
// - The websocket upgrade must come from the app's own origin (NEXTAUTH_URL's origin, plus any in
//   PATHWEAVE_COLLAB_ORIGINS): a page on another site cannot open a socket with the person's
//   cookie (cross-site websocket hijacking).
// - The person is the one signed in: the next-auth session cookie (a JWT, encrypted with
//   NEXTAUTH_SECRET) on the upgrade request. An expired or forged cookie is no session.
// - The document is "pathway:<id>". The actor is loaded fresh from the database and asked of the
//   one authorization module: `pathway:collaborate` to join at all, `pathway:edit` to write.
//   Viewers and commenters join read-only, and the server refuses their updates (server.ts).
//   A malformed name, a pathway that does not exist and one in another workspace are refused
//   alike ("not found"), so a guessed id reveals nothing.
import { decode } from 'next-auth/jwt';
import { loadActor } from '@/lib/auth/actor';
import { sessionEndsAt } from '@/lib/auth/session-life';
import { can, type AccessRole } from '@/lib/auth/can';
import { getPrisma } from '@/lib/db/client';
import { inActorsWorkspaces } from '@/lib/server/scope';
import { pathwayIdFromDocumentName } from './store';

/** What the server knows about one person's connection to one live document. */
export interface CollabContext {
  userId: string;
  name: string;
  professionalRole: string;
  pathwayId: string;
  workspaceId: string;
  accessRole: AccessRole;
  /** Viewers and commenters: their document updates are refused. */
  readOnly: boolean;
  /** When their session cookie expires (ms since the epoch); later writes are refused. */
  sessionExpiresAt: number;
}

export interface CollabSession {
  userId: string;
  /** ms since the epoch */
  expiresAt: number;
  /** The session's id (lib/auth/options.ts): a session ended by signing out is refused. */
  sid?: string;
}

/** Cookies of a Cookie header, by name. Malformed pairs are skipped. */
export function parseCookies(header: string | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const raw of header.split(';')) {
    const part = raw.trim();
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      out[name] = decodeURIComponent(value);
    } catch {
      out[name] = value;
    }
  }
  return out;
}

/** The origins allowed to open the collaboration socket. */
export function allowedOrigins(env: NodeJS.ProcessEnv = process.env): ReadonlySet<string> {
  const origins = new Set<string>();
  const add = (value: string | undefined) => {
    if (!value) return;
    try {
      origins.add(new URL(value.trim()).origin);
    } catch {
      // not a URL: ignored
    }
  };
  add(env.NEXTAUTH_URL);
  for (const extra of (env.PATHWEAVE_COLLAB_ORIGINS ?? '').split(',')) add(extra);
  return origins;
}

export function originAllowed(origin: string | null | undefined, allowed: ReadonlySet<string>): boolean {
  if (!origin) return false;
  try {
    return allowed.has(new URL(origin).origin);
  } catch {
    return false;
  }
}

const SESSION_COOKIES = ['__Secure-next-auth.session-token', 'next-auth.session-token'] as const;

/**
 * The signed-in person from the next-auth session cookie on the upgrade request, or null (no
 * cookie, not decryptable with the secret, expired, or without a user id). next-auth may split a
 * large cookie into chunks (name.0, name.1…); they are joined back as next-auth does.
 */
export async function sessionFromCookies(cookieHeader: string | null | undefined, secret: string | undefined): Promise<CollabSession | null> {
  const read = await readSessionCookie(cookieHeader, secret);
  return read === 'expired' ? null : read;
}

/**
 * As sessionFromCookies, but a genuine session that has run out is 'expired' rather than null,
 * so the person is told their session ended instead of that they are not signed in. A token is
 * only 'expired' once it has been decrypted with the secret: a forged or garbled one is null.
 */
export async function readSessionCookie(cookieHeader: string | null | undefined, secret: string | undefined): Promise<CollabSession | 'expired' | null> {
  if (!secret) return null;
  const cookies = parseCookies(cookieHeader);
  for (const name of SESSION_COOKIES) {
    let token = cookies[name];
    if (token === undefined) {
      const chunks = Object.keys(cookies)
        .filter((k) => k.startsWith(`${name}.`) && /^\d+$/.test(k.slice(name.length + 1)))
        .sort((a, b) => Number(a.slice(name.length + 1)) - Number(b.slice(name.length + 1)));
      if (chunks.length) token = chunks.map((k) => cookies[k]).join('');
    }
    if (!token) continue;
    try {
      const payload = await decode({ token, secret });
      const sub = payload?.sub;
      const exp = payload?.exp;
      if (typeof sub !== 'string' || !sub) return null;
      if (typeof exp !== 'number') return null;
      // The token's own expiry, or the session's longest life (lib/auth/session-life.ts), whichever
      // comes first: a connection is closed then, as a page would sign the person out.
      const expiresAt = Math.min(exp * 1000, sessionEndsAt(payload?.signedInAt));
      if (expiresAt <= Date.now()) return 'expired';
      const sid = payload?.sid;
      return { userId: sub, expiresAt, ...(typeof sid === 'string' ? { sid } : {}) };
    } catch (error) {
      // jose checks the expiry only after decrypting the token, so this code means it was ours.
      return (error as { code?: unknown } | null)?.code === 'ERR_JWT_EXPIRED' ? 'expired' : null;
    }
  }
  return null;
}

/**
 * Whether `userId` may open the live document `documentName`, and how. Null means refused, for
 * whatever reason (the caller answers every refusal the same way).
 */
export async function authorizeCollaboration(session: CollabSession, documentName: string): Promise<CollabContext | null> {
  const pathwayId = pathwayIdFromDocumentName(documentName);
  if (!pathwayId) return null;
  const actor = await loadActor(session.userId, { sid: session.sid });
  if (!actor) return null;
  const row = await getPrisma().pathway.findFirst({
    where: { id: pathwayId, ...inActorsWorkspaces(actor) },
    select: { id: true, workspaceId: true },
  });
  if (!row) return null;
  const resource = { type: 'pathway', workspaceId: row.workspaceId, pathwayId: row.id } as const;
  if (!can(actor, 'pathway:collaborate', resource)) return null;
  const accessRole = actor.memberships[row.workspaceId];
  if (!accessRole) return null;
  return {
    userId: actor.userId,
    name: actor.name,
    professionalRole: actor.professionalRole,
    pathwayId: row.id,
    workspaceId: row.workspaceId,
    accessRole,
    readOnly: !can(actor, 'pathway:edit', resource),
    sessionExpiresAt: session.expiresAt,
  };
}
