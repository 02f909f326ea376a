import { describe, expect, it } from 'vitest';
import { CarePlanEditSchema, fieldIssues } from './input';

function issues(value: unknown) {
  const r = CarePlanEditSchema.safeParse(value);
  return r.success ? [] : fieldIssues(r.error);
}

// PostgreSQL's `date` has no year 0, so a year like 0000 must be refused here, with the field named,
// and never reach the database (where saving would fail).
describe('care plan dates', () => {
  it.each(['0000-01-01', '0001-01-01', '1899-12-31', '2027-02-29'])('refuses %s for every date field', (date) => {
    expect(issues({ op: 'details', title: 'Plan', whatMattersToMe: '', reviewDate: date })).toEqual([
      { path: 'reviewDate', message: expect.stringContaining('Review date:') },
    ]);
    expect(issues({ op: 'goal.save', kind: 'health', description: 'Walk', setBy: 'person', targetDate: date })).toEqual(
      expect.arrayContaining([{ path: 'targetDate', message: expect.stringContaining('Target date:') }]),
    );
    expect(issues({ op: 'action.save', description: 'Call', ownerKind: 'person', dueDate: date })).toEqual([
      { path: 'dueDate', message: expect.stringContaining('Date to be done by:') },
    ]);
  });

  it('names the value and the years allowed', () => {
    expect(issues({ op: 'details', title: 'Plan', whatMattersToMe: '', reviewDate: '0000-01-01' })).toEqual([
      {
        path: 'reviewDate',
        message:
          'Review date: “0000-01-01” is not a date we can use. Write a real date as year-month-day, between 1900 and 2200, for example 2027-03-31.',
      },
    ]);
  });

  it('accepts a real date in range, and an empty date as none', () => {
    expect(issues({ op: 'details', title: 'Plan', whatMattersToMe: '', reviewDate: '2027-03-31' })).toEqual([]);
    expect(issues({ op: 'details', title: 'Plan', whatMattersToMe: '', reviewDate: '' })).toEqual([]);
    expect(issues({ op: 'action.save', description: 'Call', ownerKind: 'person', dueDate: '2028-02-29' })).toEqual([]);
  });
});
