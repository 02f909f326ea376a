import { describe, expect, it } from 'vitest';
import { activeFirst, archivedNotice, archivedOn, archivedRefusal } from './archive';
import { readability } from './plain';

const coordinator = { name: 'Sam Okafor', phone: '01632 960 123', email: 'sam.okafor@nhs.test' };

describe('the date a plan was archived', () => {
  it('is the day in UK time, in words', () => {
    expect(archivedOn('2027-03-03T10:00:00.000Z')).toBe('3 March 2027');
    // 23:30 UTC in British Summer Time is already the next day in the UK.
    expect(archivedOn('2027-06-30T23:30:00.000Z')).toBe('1 July 2027');
  });

  it('is unknown for a plan archived without a date, or a date that cannot be read', () => {
    expect(archivedOn(null)).toBeNull();
    expect(archivedOn(undefined)).toBeNull();
    expect(archivedOn('not a date')).toBeNull();
  });
});

describe('the notice at the top of an archived plan', () => {
  it('tells the person the plan is no longer in use, since when, and to contact their named coordinator', () => {
    const notice = archivedNotice({
      audience: 'patient',
      patientName: 'Arthur Pennock',
      archivedAt: '2027-03-03T10:00:00.000Z',
      coordinator,
    });
    expect(notice.heading).toBe('This plan is no longer in use');
    expect(notice.lines).toEqual([
      'Your care team stopped using this plan on 3 March 2027. It will not be changed or updated.',
      'You can still read it, print it or save it.',
      'If you have questions about your care, contact Sam Okafor, your care coordinator: call 01632 960 123 or email sam.okafor@nhs.test.',
    ]);
  });

  it('speaks to a carer about the person by name', () => {
    const notice = archivedNotice({ audience: 'carer', patientName: 'Arthur Pennock', archivedAt: null, coordinator });
    expect(notice.lines[0]).toBe('Arthur’s care team stopped using this plan. It will not be changed or updated.');
    expect(notice.lines[2]).toBe(
      'If you have questions about Arthur’s care, contact Sam Okafor, Arthur’s care coordinator: call 01632 960 123 or email sam.okafor@nhs.test.',
    );
  });

  it('names only the ways of contact the coordinator has', () => {
    const notice = archivedNotice({
      audience: 'patient',
      patientName: 'Arthur Pennock',
      archivedAt: null,
      coordinator: { ...coordinator, phone: '  ', email: 'sam.okafor@nhs.test' },
    });
    expect(notice.lines[2]).toBe(
      'If you have questions about your care, contact Sam Okafor, your care coordinator: email sam.okafor@nhs.test.',
    );
    const noWay = archivedNotice({
      audience: 'patient',
      patientName: 'Arthur Pennock',
      archivedAt: null,
      coordinator: { name: 'Sam Okafor', phone: '', email: '' },
    });
    expect(noWay.lines[2]).toBe('If you have questions about your care, contact Sam Okafor, your care coordinator.');
  });

  it('points to the GP surgery when no coordinator is named, and invents no one', () => {
    const notice = archivedNotice({
      audience: 'patient',
      patientName: 'Arthur Pennock',
      archivedAt: null,
      coordinator: null,
    });
    expect(notice.lines[2]).toBe('If you have questions about your care, contact your GP surgery.');
    const carer = archivedNotice({
      audience: 'carer',
      patientName: 'Arthur Pennock',
      archivedAt: null,
      coordinator: null,
    });
    expect(carer.lines[2]).toBe('If you have questions about Arthur’s care, contact Arthur’s GP surgery.');
  });

  it('is plain enough for the person to read (as the rest of their plan, reading age 11 or under)', () => {
    const notice = archivedNotice({
      audience: 'patient',
      patientName: 'Arthur Pennock',
      archivedAt: null,
      coordinator: null,
    });
    for (const line of [notice.heading, ...notice.lines]) {
      expect(readability(line).readingAge, line).toBeLessThanOrEqual(11);
    }
  });
});

describe('why a change to an archived plan is refused', () => {
  it('tells the care team the date and that they can restore it', () => {
    const message = archivedRefusal('clinician', '2027-03-03T10:00:00.000Z');
    expect(message).toBe(
      'This plan was archived on 3 March 2027, so it cannot be changed. Restore it first if it should be in use again.',
    );
  });

  it('tells the person or a carer that the plan is no longer in use, without offering a restore', () => {
    for (const relation of ['patient', 'carer'] as const) {
      const message = archivedRefusal(relation, null);
      expect(message).toBe('This plan is no longer in use (the care team stopped using it), so it cannot be changed.');
      expect(message).not.toMatch(/restore/i);
    }
  });
});

describe('the order plans are listed in', () => {
  it('puts every active plan first, in the order given, then archived ones, latest archived first', () => {
    const plans = [
      { id: 'old-archive', status: 'archived' as const, archivedAt: '2026-01-01T00:00:00.000Z' },
      { id: 'a1', status: 'active' as const, archivedAt: null },
      { id: 'no-date', status: 'archived' as const, archivedAt: null },
      { id: 'new-archive', status: 'archived' as const, archivedAt: '2027-01-01T00:00:00.000Z' },
      { id: 'a2', status: 'active' as const, archivedAt: null },
    ];
    expect(activeFirst(plans).map((p) => p.id)).toEqual(['a1', 'a2', 'new-archive', 'old-archive', 'no-date']);
    // The input is left as it was.
    expect(plans[0]?.id).toBe('old-archive');
  });
});
