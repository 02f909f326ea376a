import { encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { allowedOrigins, originAllowed, parseCookies, readSessionCookie, sessionFromCookies } from './access';
import { documentNameFor, pathwayIdFromDocumentName } from './names';

const SECRET = 'unit-test-secret-0123456789-0123456789';

describe('origin check', () => {
  const allowed = allowedOrigins({ NEXTAUTH_URL: 'https://pathweave.example.nhs.uk/app', PATHWEAVE_COLLAB_ORIGINS: 'http://localhost:3000, nonsense' } as unknown as NodeJS.ProcessEnv);
  it('allows the app’s own origin and the configured extra ones only', () => {
    expect(originAllowed('https://pathweave.example.nhs.uk', allowed)).toBe(true);
    expect(originAllowed('http://localhost:3000', allowed)).toBe(true);
    expect(originAllowed('http://pathweave.example.nhs.uk', allowed)).toBe(false);
    expect(originAllowed('https://pathweave.example.nhs.uk.evil.example', allowed)).toBe(false);
    expect(originAllowed('null', allowed)).toBe(false);
    expect(originAllowed(undefined, allowed)).toBe(false);
  });
});

describe('session cookie', () => {
  it('reads cookies, including quoted and encoded values', () => {
    expect(parseCookies('a=1; b="two"; c=%20x; broken; =nope')).toEqual({ a: '1', b: 'two', c: ' x' });
  });

  it('accepts a valid next-auth token and refuses an expired, forged or missing one', async () => {
    const valid = await encode({ token: { sub: 'user-1', signedInAt: Date.now() }, secret: SECRET, maxAge: 600 });
    const expired = await encode({ token: { sub: 'user-1', signedInAt: Date.now() }, secret: SECRET, maxAge: -60 });
    const forged = await encode({ token: { sub: 'user-1', signedInAt: Date.now() }, secret: 'another-secret-0123456789-0123456789', maxAge: 600 });
    const noUser = await encode({ token: { name: 'x' }, secret: SECRET, maxAge: 600 });
    const s = await sessionFromCookies(`other=1; next-auth.session-token=${valid}`, SECRET);
    expect(s?.userId).toBe('user-1');
    expect(s!.expiresAt).toBeGreaterThan(Date.now() + 500_000);
    expect(await sessionFromCookies(`__Secure-next-auth.session-token=${valid}`, SECRET)).not.toBeNull();
    expect(await sessionFromCookies(`next-auth.session-token=${expired}`, SECRET)).toBeNull();
    expect(await sessionFromCookies(`next-auth.session-token=${forged}`, SECRET)).toBeNull();
    expect(await sessionFromCookies(`next-auth.session-token=${noUser}`, SECRET)).toBeNull();
    expect(await sessionFromCookies('next-auth.session-token=garbage', SECRET)).toBeNull();
    expect(await sessionFromCookies(undefined, SECRET)).toBeNull();
    expect(await sessionFromCookies(`next-auth.session-token=${valid}`, undefined)).toBeNull();
  });

  it('tells a session that ran out from no session at all', async () => {
    const valid = await encode({ token: { sub: 'user-1', signedInAt: Date.now() }, secret: SECRET, maxAge: 600 });
    // Long past jose's 15 s tolerance, and just past the expiry (inside the tolerance, so only our own check sees it).
    const expired = await encode({ token: { sub: 'user-1', signedInAt: Date.now() }, secret: SECRET, maxAge: -60 });
    const justExpired = await encode({ token: { sub: 'user-1', signedInAt: Date.now() }, secret: SECRET, maxAge: -2 });
    const forged = await encode({ token: { sub: 'user-1', signedInAt: Date.now() }, secret: 'another-secret-0123456789-0123456789', maxAge: -60 });
    expect(await readSessionCookie(`next-auth.session-token=${expired}`, SECRET)).toBe('expired');
    expect(await readSessionCookie(`next-auth.session-token=${justExpired}`, SECRET)).toBe('expired');
    expect(await readSessionCookie(`next-auth.session-token=${forged}`, SECRET)).toBeNull();
    expect(await readSessionCookie('next-auth.session-token=garbage', SECRET)).toBeNull();
    expect(await readSessionCookie(undefined, SECRET)).toBeNull();
    expect(await readSessionCookie(`next-auth.session-token=${expired}`, undefined)).toBeNull();
    expect(await readSessionCookie(`next-auth.session-token=${valid}`, SECRET)).toMatchObject({ userId: 'user-1' });
  });

  it('ends a session at its longest life however fresh the token, and a token that does not say when it signed in', async () => {
    const hour = 60 * 60_000;
    // Renewed a minute ago (so valid for eight hours), but signed in 11 hours ago: it ends in an hour.
    const renewed = await encode({ token: { sub: 'user-1', signedInAt: Date.now() - 11 * hour }, secret: SECRET, maxAge: 8 * 3600 });
    const session = await readSessionCookie(`next-auth.session-token=${renewed}`, SECRET);
    expect(session).toMatchObject({ userId: 'user-1' });
    const endsIn = (session as { expiresAt: number }).expiresAt - Date.now();
    expect(endsIn).toBeGreaterThan(hour - 60_000);
    expect(endsIn).toBeLessThanOrEqual(hour);
    const tooOld = await encode({ token: { sub: 'user-1', signedInAt: Date.now() - 13 * hour }, secret: SECRET, maxAge: 8 * 3600 });
    expect(await readSessionCookie(`next-auth.session-token=${tooOld}`, SECRET)).toBe('expired');
    const unsaid = await encode({ token: { sub: 'user-1' }, secret: SECRET, maxAge: 8 * 3600 });
    expect(await readSessionCookie(`next-auth.session-token=${unsaid}`, SECRET)).toBe('expired');
  });

  it('joins a token next-auth split into chunks', async () => {
    const valid = await encode({ token: { sub: 'user-2', signedInAt: Date.now() }, secret: SECRET, maxAge: 600 });
    const half = Math.floor(valid.length / 2);
    const header = `next-auth.session-token.1=${valid.slice(half)}; next-auth.session-token.0=${valid.slice(0, half)}`;
    expect((await sessionFromCookies(header, SECRET))?.userId).toBe('user-2');
  });
});

describe('document names', () => {
  it('accepts only pathway:<id>', () => {
    expect(pathwayIdFromDocumentName(documentNameFor('cmabc123'))).toBe('cmabc123');
    for (const bad of ['cmabc123', 'pathway:', 'pathway:../x', 'pathway:a b', 'workspace:abc', `pathway:${'x'.repeat(65)}`]) {
      expect(pathwayIdFromDocumentName(bad)).toBeNull();
    }
  });
});
