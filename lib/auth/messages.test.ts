import { describe, expect, it } from 'vitest';
import { SIGN_IN_ERRORS, signInErrorFor } from './messages';

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
    expect(signInErrorFor(SIGN_IN_ERRORS.throttled)).toBe(SIGN_IN_ERRORS.throttled);
  });

  it('says "not right" for a refused password and for any other text, never echoing it', () => {
    expect(signInErrorFor('CredentialsSignin')).toBe(SIGN_IN_ERRORS.invalid);
    expect(signInErrorFor('Your account is locked: call 0900 000 000')).toBe(SIGN_IN_ERRORS.invalid);
  });
});
