import { describe, expect, it } from 'vitest';
import { AUDIT_OP_WORDS, AUDIT_VIA_WORDS, PATIENT_COPY, carerCopy, planCopy } from './copy';
import {
  dueInWords,
  formatDate,
  formatMoment,
  lowerFirst,
  isIsoDate,
  mailtoHref,
  possessive,
  readability,
  ROLE_FOR_PATIENTS,
  SETTING_FOR_PATIENTS,
  syllables,
  telHref,
  waitInWords,
} from './plain';

describe('plain-language helpers', () => {
  it('writes dates the NHS way', () => {
    expect(formatDate('2027-03-02')).toBe('Tuesday 2 March 2027');
    expect(formatDate('2027-03-02', { weekday: false })).toBe('2 March 2027');
    expect(formatDate('not a date')).toBe('not a date');
    expect(formatMoment('2026-11-23T14:05:00.000Z')).toBe('23 November 2026 at 2:05pm');
    expect(formatMoment('2026-07-01T09:30:00.000Z')).toBe('1 July 2026 at 10:30am'); // British Summer Time
    // 12 o'clock is 12, never 0; on the hour there is no ":00"; midday and midnight are words.
    expect(formatMoment('2026-11-03T12:30:00.000Z')).toBe('3 November 2026 at 12:30pm');
    expect(formatMoment('2026-11-03T00:30:00.000Z')).toBe('3 November 2026 at 12:30am');
    expect(formatMoment('2026-11-03T09:00:00.000Z')).toBe('3 November 2026 at 9am');
    expect(formatMoment('2026-11-03T12:00:00.000Z')).toBe('3 November 2026 at midday');
    expect(formatMoment('2026-11-03T00:00:00.000Z')).toBe('3 November 2026 at midnight');
  });

  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2027-02-28')).toBe(true);
    expect(isIsoDate('2027-02-30')).toBe(false);
    expect(isIsoDate('28/02/2027')).toBe(false);
    expect(isIsoDate('2027-03-31')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
  });

  it('refuses dates with a year outside 1900 to 2200 (the database has no year 0)', () => {
    expect(isIsoDate('0000-01-01')).toBe(false);
    expect(isIsoDate('0001-01-01')).toBe(false);
    expect(isIsoDate('1899-12-31')).toBe(false);
    expect(isIsoDate('1900-01-01')).toBe(true);
    expect(isIsoDate('2200-12-31')).toBe(true);
    expect(isIsoDate('2201-01-01')).toBe(false);
    expect(isIsoDate('9999-12-31')).toBe(false);
  });

  it('still shows a stored date whatever its year', () => {
    expect(formatDate('1899-12-31', { weekday: false })).toBe('31 December 1899');
  });

  it('says waits in words', () => {
    expect(waitInWords(0)).toBe('soon');
    expect(waitInWords(5)).toBe('in about 5 days');
    expect(waitInWords(7)).toBe('in about a week');
    expect(waitInWords(14)).toBe('in about 2 weeks');
    expect(waitInWords(90)).toBe('in about 3 months');
    expect(waitInWords(365)).toBe('in about a year');
    expect(waitInWords(undefined)).toBeNull();
    expect(waitInWords(-1)).toBeNull();
  });

  it('says when things are due, or late', () => {
    expect(dueInWords('2026-11-23', '2026-11-23')).toBe('Due today');
    expect(dueInWords('2026-11-24', '2026-11-23')).toBe('Due tomorrow');
    expect(dueInWords('2026-11-20', '2026-11-23')).toBe('3 days late');
    expect(dueInWords('2026-12-01', '2026-11-23')).toBe('Due by Tuesday 1 December 2026');
    expect(dueInWords(null, '2026-11-23')).toBeNull();
  });

  it('makes contact links only from numbers and addresses that work', () => {
    expect(telHref('01632 960 001')).toBe('tel:01632960001');
    expect(telHref('+44 1632 960001')).toBe('tel:+441632960001');
    expect(telHref('111')).toBe('tel:111');
    expect(telHref('')).toBeNull();
    expect(telHref('ask at reception')).toBeNull();
    expect(mailtoHref('bea@example.nhs.uk')).toBe('mailto:bea@example.nhs.uk');
    expect(mailtoHref('not an email')).toBeNull();
  });

  it('has a plain word for every role and setting', () => {
    expect(ROLE_FOR_PATIENTS.allied_health).toBe('Therapist (for example a physio)');
    expect(SETTING_FOR_PATIENTS.gp_practice).toBe('at your GP surgery');
    expect(possessive('Arthur Pennock')).toBe('Arthur Pennock’s');
    expect(possessive('James')).toBe('James’');
  });
});

describe('labels inside a sentence', () => {
  it('lowers the first letter of an ordinary word, never of an abbreviation or a name', () => {
    expect(lowerFirst('Course completed')).toBe('course completed');
    expect(lowerFirst('GP referral')).toBe('GP referral');
    expect(lowerFirst('COPD review due')).toBe('COPD review due');
    expect(lowerFirst('Arthur’s choice')).toBe('Arthur’s choice');
    expect(lowerFirst('already lower')).toBe('already lower');
    expect(lowerFirst('')).toBe('');
  });
});

describe('reading level', () => {
  it('counts syllables and grades text', () => {
    expect(syllables('cat')).toBe(1);
    expect(syllables('water')).toBe(2);
    expect(syllables('coordinator')).toBeGreaterThanOrEqual(4);
    expect(readability('The cat sat on the mat.').grade).toBeLessThan(2);
    expect(
      readability(
        'Multidisciplinary interprofessional coordination necessitates comprehensive organisational integration.',
      ).grade,
    ).toBeGreaterThan(12);
  });

  it('keeps every fixed sentence of the person’s view at a 9-year-old’s reading level', () => {
    // Flesch–Kincaid grade 4 is a reading age of 9. A few words cannot be avoided ("care
    // coordinator", "medicines"), so each sentence may reach grade 6, and the whole view stays at 4.
    // The formula means nothing for a two-word heading: headings are held to five words instead.
    const texts: string[] = Object.values(PATIENT_COPY);
    const sentences = texts.filter((t) => readability(t).words >= 6);
    const headings = texts.filter((t) => readability(t).words < 6);
    const hard = sentences.filter((t) => readability(t).grade > 6).map((t) => `${t} (grade ${readability(t).grade})`);
    expect(hard).toEqual([]);
    expect(headings.filter((t) => t.split(/\s+/).length > 5)).toEqual([]);
    expect(sentences.length).toBeGreaterThan(10);
    expect(readability(texts.join(' ')).grade).toBeLessThanOrEqual(4);
  });

  it('writes to a carer about the person by name, at the same reading level', () => {
    const carer = carerCopy('Arthur');
    expect(planCopy('carer', 'Arthur Pennock')).toEqual(carer);
    expect(planCopy('patient', 'Arthur Pennock')).toBe(PATIENT_COPY);
    expect(carer.goalsHeading).toBe('Arthur’s goals');
    expect(carer.whatMattersHeading).toBe('What matters to Arthur');
    expect(carer.youAreHereHeading).toBe('Where Arthur is now');
    expect(carer.youAreHereHelp).toBe('Each part of Arthur’s care has steps. This shows the step Arthur is on now.');
    expect(carerCopy('James').medicinesHeading).toBe('James’ medicines');
    // No sentence for the carer speaks of the person's own care, goals or team as "your" or "my".
    const aboutThePerson = /\b(your (care|goals|team|plan|GP)|my (goals|medicines|care team|web|notes)|you are on|what matters to me)\b/i;
    const slips = Object.entries(carer).filter(([key, text]) => !['carerIntro', 'intro', 'noPlan', 'sharingHeading', 'sharingHelp', 'lookedHeading', 'lookedHelp', 'sharingListHeading', 'sharingNobody', 'canContribute', 'canLook', 'shareHeading', 'shareHelp', 'invitedHeading', 'invitedHelp', 'declinedHeading', 'sharedWithNobody', 'stepNotSet'].includes(key) && aboutThePerson.test(text));
    expect(slips).toEqual([]);
    const texts = Object.values(carer);
    const hard = texts.filter((t) => readability(t).words >= 6 && readability(t).grade > 6);
    expect(hard).toEqual([]);
    expect(readability(texts.join(' ')).grade).toBeLessThanOrEqual(4);
  });

  it('holds the words for roles, places and the "who has looked" list to the same level', () => {
    const lists = [
      ...Object.values(ROLE_FOR_PATIENTS),
      ...Object.values(SETTING_FOR_PATIENTS),
      ...Object.values(AUDIT_VIA_WORDS),
      ...Object.values(AUDIT_OP_WORDS),
    ];
    expect(lists.length).toBeGreaterThan(40);
    const long = lists.filter((t) => readability(t).words >= 6);
    const hard = long.filter((t) => readability(t).grade > 6).map((t) => `${t} (grade ${readability(t).grade})`);
    expect(hard).toEqual([]);
    // No jargon a person would not know.
    expect(lists.filter((t) => /\b(FHIR|API|MDT|HCP|multidisciplinary)\b/i.test(t))).toEqual([]);
    expect(readability(lists.join('. ')).grade).toBeLessThanOrEqual(4);
  });
});
