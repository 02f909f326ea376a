import { describe, expect, it } from 'vitest';
import { describeAuditEvent } from './get-care-plan-audit';

describe('what the access record says happened', () => {
  it('tells a refused second plan apart from making the plan', () => {
    expect(describeAuditEvent('carePlan:create', { workspaceId: 'w' })).toBe('Made the plan');
    expect(describeAuditEvent('carePlan:create', { reason: 'a plan for this person already exists' })).toBe(
      'Tried to make a second plan for this person',
    );
  });

  it('says how the plan was seen, including in the care team’s list', () => {
    expect(describeAuditEvent('carePlan:view', { via: 'list' })).toBe('Saw the plan in the care team’s list');
    expect(describeAuditEvent('carePlan:view', { via: 'my-list' })).toBe('Saw the plan’s name in their list of plans');
    expect(describeAuditEvent('carePlan:view', { via: 'pdf' })).toBe('Downloaded the plan as a PDF');
    expect(describeAuditEvent('carePlan:view', null)).toBe('Looked at the plan');
  });

  it('names archiving and restoring the plan, not just "changed the plan"', () => {
    expect(describeAuditEvent('carePlan:edit', { op: 'archive' })).toBe('Archived the plan: it is no longer in use');
    expect(describeAuditEvent('carePlan:edit', { op: 'restore' })).toBe('Restored the plan: it is in use again');
  });

  it('calls a read of who can see the plan a read, allowed or refused, and never a change of who can see it', () => {
    // As recorded now: the sharing page, the notice of a taken-back invitation, a refused opening.
    expect(describeAuditEvent('carePlan:view', { via: 'sharing' })).toBe('Looked at who can see the plan');
    expect(describeAuditEvent('carePlan:view', { via: 'sharing', notice: 'cancel-invite' })).toBe(
      'Looked at who can see the plan',
    );
    // As recorded before (under carePlan:share, the permission the reads need).
    expect(describeAuditEvent('carePlan:share', { op: 'cancel-invite-notice' })).toBe('Looked at who can see the plan');
    expect(describeAuditEvent('carePlan:share', { via: 'sharing' })).toBe('Looked at who can see the plan');
    // The changes themselves are still named as changes.
    expect(describeAuditEvent('carePlan:share', { op: 'cancel-invite', id: 'i' })).toBe(
      'Took back an invitation to see the plan',
    );
    expect(describeAuditEvent('carePlan:share', { op: 'accept-invite', id: 'i', reason: 'archived' })).toBe(
      'Said yes to seeing the plan',
    );
    expect(describeAuditEvent('carePlan:share', null)).toBe('Changed who can see the plan');
  });
});
