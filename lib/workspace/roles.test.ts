import { describe, expect, it } from 'vitest';
import { ACCESS_ROLES } from '@/lib/auth/can';
import {
  allowedRolesInWords,
  badRoleMessage,
  isAccessRole,
  ROLE_DESCRIPTIONS,
  ROLE_WORDS,
  roleWithArticle,
} from './roles';

describe('workspace roles in words', () => {
  it('has a word and a description for every role', () => {
    for (const role of ACCESS_ROLES) {
      expect(ROLE_WORDS[role]).toMatch(/^[A-Z][a-z]+$/);
      expect(ROLE_DESCRIPTIONS[role].length).toBeGreaterThan(20);
    }
  });

  it('puts the right article before a role', () => {
    expect(roleWithArticle('viewer')).toBe('a viewer');
    expect(roleWithArticle('editor')).toBe('an editor');
    expect(roleWithArticle('facilitator')).toBe('a facilitator');
    expect(roleWithArticle('commenter')).toBe('a commenter');
  });

  it('lists the allowed roles in words', () => {
    expect(allowedRolesInWords()).toBe('facilitator, editor, commenter or viewer');
  });

  it('names the field, the value and the allowed values for a bad role', () => {
    expect(badRoleMessage('owner')).toBe(
      'Role: “owner” is not a role. Choose facilitator, editor, commenter or viewer.',
    );
    expect(badRoleMessage('   ')).toBe('Role: choose facilitator, editor, commenter or viewer.');
    expect(badRoleMessage('x'.repeat(500))).toHaveLength(
      'Role: “” is not a role. Choose facilitator, editor, commenter or viewer.'.length + 40,
    );
  });

  it('knows a role from anything else', () => {
    expect(ACCESS_ROLES.every(isAccessRole)).toBe(true);
    expect(isAccessRole('owner')).toBe(false);
    expect(isAccessRole('Facilitator')).toBe(false);
    expect(isAccessRole(undefined)).toBe(false);
  });
});
