import { describe, expect, it } from 'vitest';
import { isSignInMessage, SIGN_IN_ERRORS, signInErrorFor, throttledMessage } from './messages';

describe('signInErrorFor: what the sign-in page says for the error in its address', () => {
  it('says nothing without an error', () => {
    expect(signInErrorFor(undefined)).toBeUndefined();
    expect(signInErrorFor('')).toBeUndefined();
  });

  it('says a single sign-on failure is that, never a wrong password', () => {
    for (const code of ['OAuthSignin', 'OAuthCallback', 'Callback', 'AccessDenied', 'Configuration']) {
      expect(signInErrorFor(code)).toBe(SIGN_IN_ERRORS.singleSignOnFailed);
    }
  });

  it('keeps its own codes and sentences', () => {
    expect(signInErrorFor('notRegistered')).toBe(SIGN_IN_ERRORS.notRegistered);
    expect(signInErrorFor('emailNotVerified')).toBe(SIGN_IN_ERRORS.emailNotVerified);
    expect(signInErrorFor(throttledMessage(4 * 60_000))).toBe(throttledMessage(4 * 60_000));
  });

  it('says "not right" for a refused password and for any other text, never echoing it', () => {
    expect(signInErrorFor('CredentialsSignin')).toBe(SIGN_IN_ERRORS.invalid);
    expect(signInErrorFor('Your account is locked: call 0900 000 000')).toBe(SIGN_IN_ERRORS.invalid);
  });
});

describe('throttledMessage: what is said when sign-in is held back for too many attempts', () => {
  it('says truly how long, in whole minutes rounded up, never "a minute" for a longer wait', () => {
    expect(throttledMessage(30_000)).toMatch(/^Too many attempts to sign in\. Try again in 1 minute\. /);
    expect(throttledMessage(60_000)).toContain('Try again in 1 minute.');
    expect(throttledMessage(60_001)).toContain('Try again in 2 minutes.');
    expect(throttledMessage(7.5 * 60_000)).toContain('Try again in 8 minutes.');
    expect(throttledMessage(15 * 60_000)).toContain('Try again in 15 minutes.');
    expect(throttledMessage(0)).toContain('Try again in 1 minute.');
  });

  it('says where to turn, and nothing about whether the email is registered', () => {
    for (const ms of [30_000, 15 * 60_000]) {
      expect(throttledMessage(ms)).toMatch(/ask your workspace facilitator/);
      expect(throttledMessage(ms)).not.toMatch(/exist|registered|unknown|account/i);
    }
  });

  it('is one of the sentences the sign-in page shows, for every wait the throttle can give', () => {
    for (let ms = 1; ms <= 15 * 60_000; ms += 29_999) expect(isSignInMessage(throttledMessage(ms))).toBe(true);
    expect(isSignInMessage('Too many attempts to sign in. Try again in 16 minutes.')).toBe(false);
  });
});
