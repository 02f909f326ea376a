import { decode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { SESSION_MAX_AGE_SECONDS } from './options';
import { passwordSessionCookie } from './password-session';

const SECRET = 'unit-test-secret-0123456789abcdef';
const env = (url: string) => ({ NEXTAUTH_SECRET: SECRET, NEXTAUTH_URL: url }) as unknown as NodeJS.ProcessEnv;
const user = { id: 'u-42', name: 'Dr Ada Okafor', email: 'gp@pathweave.test' };

describe('the session cookie of a sign-in without JavaScript', () => {
  it('carries the person and a fresh session id, sealed so that next-auth reads it back', async () => {
    process.env.NEXTAUTH_SECRET ??= SECRET;
    const secret = process.env.NEXTAUTH_SECRET;
    const first = await passwordSessionCookie(user, env('http://127.0.0.1:3000'));
    const second = await passwordSessionCookie(user, env('http://127.0.0.1:3000'));
    const token = await decode({ token: first.value, secret });
    expect(token?.sub).toBe('u-42');
    expect(token?.email).toBe('gp@pathweave.test');
    expect(typeof token?.sid).toBe('string');
    expect((await decode({ token: second.value, secret }))?.sid).not.toBe(token?.sid);
    // Sealed, not readable without the secret.
    expect(first.value).not.toContain('gp@pathweave.test');
    await expect(decode({ token: first.value, secret: 'another-secret-entirely-0123456789' })).rejects.toThrow();
  });

  it('is named and flagged as next-auth names it: __Secure- and secure exactly on https', async () => {
    const plain = await passwordSessionCookie(user, env('http://127.0.0.1:3000'));
    expect(plain.name).toBe('next-auth.session-token');
    expect(plain.options).toEqual({
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: false,
      maxAge: SESSION_MAX_AGE_SECONDS,
    });
    const secure = await passwordSessionCookie(user, env('https://pathweave.example.nhs.uk'));
    expect(secure.name).toBe('__Secure-next-auth.session-token');
    expect(secure.options.secure).toBe(true);
  });
});
