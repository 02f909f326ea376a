import { describe, expect, it } from 'vitest';
import { ACCESS_ROLES, can, rolesFrom, ROLES_THAT_MAY, type AccessRole, type Actor } from './can';

// The role lists that database queries copy into SQL (ROLES_THAT_MAY) are exactly the roles can()
// allows, so a query built from them refuses no more and no less than can(). The queries themselves
// are checked against can() on a real database in tests/integration/role-rules-in-queries.test.ts.
const W = 'ws-1';
const member = (role: AccessRole): Actor => ({
  userId: `u-${role}`,
  professionalRole: 'gp',
  memberships: { [W]: role },
});
const allowedRoles = (allows: (actor: Actor) => boolean) => ACCESS_ROLES.filter((r) => allows(member(r)));

describe('role rules shared with database queries', () => {
  it('rolesFrom lists a role and those above it', () => {
    expect(rolesFrom('editor')).toEqual(['facilitator', 'editor']);
    expect(rolesFrom('viewer')).toEqual(ACCESS_ROLES);
    expect(rolesFrom('facilitator')).toEqual(['facilitator']);
  });

  it('editPathway is exactly who can() lets edit a pathway: facilitators and editors', () => {
    // The policy itself, written out, so that a change to it is a deliberate change to this test.
    expect(ROLES_THAT_MAY.editPathway).toEqual(['facilitator', 'editor']);
    expect(allowedRoles((a) => can(a, 'pathway:edit', { type: 'pathway', workspaceId: W, pathwayId: 'p' }))).toEqual([
      ...ROLES_THAT_MAY.editPathway,
    ]);
  });

  it('careForPlanPatients is exactly who, in the care team, can() lets act as the plan’s clinician', () => {
    expect(ROLES_THAT_MAY.careForPlanPatients).toEqual(['facilitator', 'editor']);
    for (const action of ['carePlan:view', 'carePlan:edit', 'carePlan:viewAudit'] as const) {
      const allowed = allowedRoles((a) =>
        can(a, action, {
          type: 'carePlan',
          workspaceId: W,
          patientId: 'patient',
          careTeamUserIds: [a.userId],
          carerGrants: [],
        }),
      );
      expect(allowed, action).toEqual([...ROLES_THAT_MAY.careForPlanPatients]);
    }
  });

  it('createPathway and createComment are exactly who can() lets create a pathway and comment', () => {
    expect(ROLES_THAT_MAY.createPathway).toEqual(['facilitator', 'editor']);
    expect(allowedRoles((a) => can(a, 'pathway:create', { type: 'pathway', workspaceId: W }))).toEqual([
      ...ROLES_THAT_MAY.createPathway,
    ]);
    expect(ROLES_THAT_MAY.createComment).toEqual(['facilitator', 'editor', 'commenter']);
    expect(allowedRoles((a) => can(a, 'comment:create', { type: 'comment', workspaceId: W, pathwayId: 'p' }))).toEqual([
      ...ROLES_THAT_MAY.createComment,
    ]);
  });
});
