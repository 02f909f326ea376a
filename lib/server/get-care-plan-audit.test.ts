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
});
