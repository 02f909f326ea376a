import { describe, expect, it } from 'vitest';
import { ALL_ACTIONS, can, type AccessRole, type Action, type Actor, type Resource } from './can';

const W = 'ws-1';
const OTHER = 'ws-2';

function member(role: AccessRole | null, userId = `u-${role ?? 'none'}`, professionalRole = 'gp'): Actor {
  return { userId, professionalRole, memberships: role ? { [W]: role } : { [OTHER]: 'facilitator' } };
}

function resourceFor(action: Action, authorId = 'someone-else'): Resource {
  const kind = action.split(':')[0] as Resource['type'];
  switch (kind) {
    case 'workspace':
      return { type: 'workspace', workspaceId: W };
    case 'pathway':
      return { type: 'pathway', workspaceId: W, pathwayId: 'p1' };
    case 'version':
      return { type: 'version', workspaceId: W, pathwayId: 'p1' };
    case 'comment':
      return { type: 'comment', workspaceId: W, pathwayId: 'p1', authorId };
    case 'rating':
      return { type: 'rating', workspaceId: W, pathwayId: 'p1' };
    case 'workshop':
      return { type: 'workshop', workspaceId: W, pathwayId: 'p1' };
    case 'carePlan':
      return { type: 'carePlan', workspaceId: W, patientId: 'patient-a', careTeamUserIds: [], carerGrants: [] };
    case 'carePlanInvitation':
      return { type: 'carePlanInvitation', inviteeUserId: 'invitee', patientId: 'patient-a' };
  }
}

// The expected matrix, written out in full as the specification (issue 2 §6): which workspace
// access role may do which action on someone else's resource in its own workspace.
const EXPECTED: Record<AccessRole, readonly Action[]> = {
  viewer: ['workspace:view', 'workspace:viewScorecard', 'pathway:view', 'pathway:collaborate', 'version:view', 'comment:view', 'rating:view', 'workshop:view'],
  commenter: [
    'workspace:view',
    'workspace:viewScorecard',
    'pathway:view',
    'pathway:collaborate',
    'version:view',
    'comment:view',
    'comment:create',
    'rating:view',
    'rating:rate',
    'workshop:view',
    'workshop:vote',
  ],
  editor: [
    'workspace:view',
    'workspace:viewScorecard',
    'pathway:view',
    'pathway:create',
    'pathway:edit',
    'pathway:collaborate',
    'version:view',
    'version:create',
    'comment:view',
    'comment:create',
    'comment:resolve',
    'rating:view',
    'rating:rate',
    'workshop:view',
    'workshop:vote',
    'carePlan:create',
  ],
  facilitator: [
    'workspace:view',
    'workspace:manage',
    'workspace:viewScorecard',
    'pathway:view',
    'pathway:create',
    'pathway:edit',
    'pathway:setStatus',
    'pathway:delete',
    'pathway:collaborate',
    'version:view',
    'version:create',
    'comment:view',
    'comment:create',
    'comment:resolve',
    'comment:delete',
    'rating:view',
    'rating:rate',
    'rating:reveal',
    'rating:recordConsensus',
    'workshop:view',
    'workshop:vote',
    'workshop:run',
    'carePlan:create',
  ],
};

describe('can(): the workspace role × action matrix', () => {
  for (const role of Object.keys(EXPECTED) as AccessRole[]) {
    for (const action of ALL_ACTIONS) {
      const allowed = EXPECTED[role].includes(action);
      it(`${role} ${allowed ? 'may' : 'may not'} ${action}`, () => {
        expect(can(member(role), action, resourceFor(action))).toBe(allowed);
      });
    }
  }

  it('denies every action to someone who is not a member of the workspace, even a facilitator elsewhere', () => {
    const outsider = member(null);
    for (const action of ALL_ACTIONS) expect(can(outsider, action, resourceFor(action)), action).toBe(false);
  });

  it('denies every action to an anonymous caller', () => {
    for (const action of ALL_ACTIONS) {
      expect(can(null, action, resourceFor(action)), action).toBe(false);
      expect(can(undefined, action, resourceFor(action)), action).toBe(false);
    }
  });

  it('refuses an action that does not match the resource type', () => {
    expect(can(member('facilitator'), 'pathway:edit', { type: 'workspace', workspaceId: W })).toBe(false);
    expect(can(member('facilitator'), 'workspace:view', { type: 'pathway', workspaceId: W })).toBe(false);
  });
});

describe('can(): invitations to see a care plan', () => {
  const invitation = (inviteeUserId: string | null, patientId = 'patient-a'): Resource => ({
    type: 'carePlanInvitation',
    inviteeUserId,
    patientId,
  });
  const table: [string, Actor | null, Resource, boolean][] = [
    ['the person it was sent to', { userId: 'invitee', professionalRole: 'carer', memberships: {} }, invitation('invitee'), true],
    ['the plan’s own person', { userId: 'patient-a', professionalRole: 'patient', memberships: {} }, invitation('invitee'), false],
    ['a facilitator of the plan’s workspace', member('facilitator'), invitation('invitee'), false],
    // An invitation to an email no account has: nobody may answer it.
    ['anyone, for an address no account has', { userId: 'invitee', professionalRole: 'carer', memberships: {} }, invitation(null), false],
    ['someone signed out', null, invitation('invitee'), false],
    // The invitation's address is the plan's own person's (sent before they changed their email, or
    // typed in another case): they may not answer an invitation to their own plan.
    ['the plan’s own person, to whose address it was sent', { userId: 'patient-a', professionalRole: 'patient', memberships: {} }, invitation('patient-a'), false],
  ];
  for (const [who, actor, resource, allowed] of table) {
    it(`${who} ${allowed ? 'may' : 'may not'} accept or decline it`, () => {
      expect(can(actor, 'carePlanInvitation:respond', resource)).toBe(allowed);
    });
  }
});

describe('can(): comment authors', () => {
  it('lets a commenter resolve and delete their own comment, but not somebody else’s', () => {
    const me = member('commenter', 'me');
    const mine: Resource = { type: 'comment', workspaceId: W, pathwayId: 'p1', authorId: 'me' };
    const theirs: Resource = { type: 'comment', workspaceId: W, pathwayId: 'p1', authorId: 'them' };
    expect(can(me, 'comment:resolve', mine)).toBe(true);
    expect(can(me, 'comment:delete', mine)).toBe(true);
    expect(can(me, 'comment:resolve', theirs)).toBe(false);
    expect(can(me, 'comment:delete', theirs)).toBe(false);
  });

  it('does not let a viewer delete their own comment (they could not have written it)', () => {
    const me = member('viewer', 'me');
    expect(can(me, 'comment:delete', { type: 'comment', workspaceId: W, pathwayId: 'p1', authorId: 'me' })).toBe(false);
  });
});

describe('can(): care plans', () => {
  const plan = (over: Partial<Extract<Resource, { type: 'carePlan' }>> = {}): Resource => ({
    type: 'carePlan',
    workspaceId: W,
    patientId: 'patient-a',
    careTeamUserIds: ['gp-in-team', 'viewer-in-team'],
    carerGrants: [
      { carerId: 'carer-reads', canContribute: false },
      { carerId: 'carer-helps', canContribute: true },
    ],
    ...over,
  });
  const patientA: Actor = { userId: 'patient-a', professionalRole: 'patient', memberships: {} };
  const patientB: Actor = { userId: 'patient-b', professionalRole: 'patient', memberships: {} };
  const carerReads: Actor = { userId: 'carer-reads', professionalRole: 'carer', memberships: {} };
  const carerHelps: Actor = { userId: 'carer-helps', professionalRole: 'carer', memberships: {} };
  const carerNoGrant: Actor = { userId: 'carer-none', professionalRole: 'carer', memberships: {} };
  const gpInTeam: Actor = { userId: 'gp-in-team', professionalRole: 'gp', memberships: { [W]: 'editor' } };
  const viewerInTeam: Actor = { userId: 'viewer-in-team', professionalRole: 'manager', memberships: { [W]: 'viewer' } };
  const gpNotInTeam: Actor = { userId: 'gp-elsewhere', professionalRole: 'gp', memberships: { [W]: 'facilitator' } };
  const gpOtherWorkspace: Actor = { userId: 'gp-in-team', professionalRole: 'gp', memberships: { [OTHER]: 'editor' } };

  const table: [string, Actor, Partial<Record<Action, boolean>>][] = [
    ['the patient', patientA, { 'carePlan:view': true, 'carePlan:edit': false, 'carePlan:patientUpdate': true, 'carePlan:agree': true, 'carePlan:share': true, 'carePlan:viewAudit': true, 'carePlan:create': false }],
    ['another patient', patientB, { 'carePlan:view': false, 'carePlan:edit': false, 'carePlan:patientUpdate': false, 'carePlan:agree': false, 'carePlan:share': false, 'carePlan:viewAudit': false }],
    ['a carer with a read grant', carerReads, { 'carePlan:view': true, 'carePlan:patientUpdate': false, 'carePlan:share': false, 'carePlan:edit': false, 'carePlan:viewAudit': false }],
    // Saying the plan is agreed is the person's own word: not a carer's, even one allowed to help.
    ['a carer allowed to help', carerHelps, { 'carePlan:view': true, 'carePlan:patientUpdate': true, 'carePlan:agree': false, 'carePlan:share': false }],
    ['a carer with no grant', carerNoGrant, { 'carePlan:view': false, 'carePlan:patientUpdate': false }],
    ['a GP in the care team and an editor of the workspace', gpInTeam, { 'carePlan:view': true, 'carePlan:edit': true, 'carePlan:agree': false, 'carePlan:share': false, 'carePlan:viewAudit': true, 'carePlan:patientUpdate': false }],
    ['a care-team member who only views the workspace', viewerInTeam, { 'carePlan:view': false, 'carePlan:edit': false }],
    ['a facilitator of the workspace outside the care team', gpNotInTeam, { 'carePlan:view': false, 'carePlan:edit': false, 'carePlan:viewAudit': false, 'carePlan:create': true }],
    ['a care-team clinician who is not in the plan’s workspace', gpOtherWorkspace, { 'carePlan:view': false, 'carePlan:edit': false, 'carePlan:create': false }],
  ];
  for (const [who, actor, expectations] of table) {
    for (const [action, allowed] of Object.entries(expectations)) {
      it(`${who} ${allowed ? 'may' : 'may not'} ${action}`, () => {
        expect(can(actor, action as Action, plan())).toBe(allowed);
      });
    }
  }

  it('takes a revoked grant (no longer listed) away at once', () => {
    expect(can(carerReads, 'carePlan:view', plan())).toBe(true);
    expect(can(carerReads, 'carePlan:view', plan({ carerGrants: [] }))).toBe(false);
  });
});
