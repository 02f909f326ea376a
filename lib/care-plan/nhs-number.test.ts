import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatNhsNumber, isValidNhsNumber, nhsCheckDigit, normaliseNhsNumber } from './nhs-number';

describe('NHS numbers', () => {
  it('accepts a valid number, written with or without spaces and hyphens', () => {
    // 9,4,3,4,7,6,5,9,1 × 10..2 = 299; 299 mod 11 = 2; 11 − 2 = 9, the last digit.
    expect(nhsCheckDigit('943476591')).toBe(9);
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('943 476 5919')).toBe(true);
    expect(isValidNhsNumber(' 943-476-5919 ')).toBe(true);
    expect(normaliseNhsNumber(' 943 476-5919 ')).toBe('9434765919');
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
  });

  it('takes a remainder of 0 (11 − 0 = 11) as the check digit 0', () => {
    // 9,9,9,0,0,0,0,0,5 × 10..2 = 253 = 23 × 11.
    expect(nhsCheckDigit('999000005')).toBe(0);
    expect(isValidNhsNumber('9990000050')).toBe(true);
  });

  it('refuses a number whose last digit is not its check digit', () => {
    // The same nine digits as 943 476 5919, ending in 8 instead of 9: ten digits, wrong check digit.
    expect(normaliseNhsNumber('9434765918')).toMatch(/^\d{10}$/);
    expect(isValidNhsNumber('9434765918')).toBe(false);
    expect(isValidNhsNumber('9990000051')).toBe(false);
  });

  it('refuses every number whose check digit would be 10', () => {
    // 9,9,9,0,0,0,0,1,4 × 10..2 = 254; 254 mod 11 = 1; 11 − 1 = 10: no last digit makes it valid.
    expect(nhsCheckDigit('999000014')).toBeNull();
    for (let last = 0; last <= 9; last += 1) expect(isValidNhsNumber(`999000014${last}`), String(last)).toBe(false);
  });

  it('refuses anything that is not 10 digits', () => {
    expect(isValidNhsNumber('')).toBe(false);
    expect(isValidNhsNumber('123')).toBe(false);
    // Nine digits (943 476 5919 without its check digit), and eleven (with one more).
    expect(isValidNhsNumber('943476591')).toBe(false);
    expect(isValidNhsNumber('94347659190')).toBe(false);
    // Ten characters, one of them a letter; and the valid digits with dots, which are not allowed.
    expect(isValidNhsNumber('94347659I9')).toBe(false);
    expect(isValidNhsNumber('943.476.5919')).toBe(false);
    expect(nhsCheckDigit('94347659')).toBeNull();
  });

  it('gives the demo patients valid numbers from the test range (999), one each', () => {
    const people = JSON.parse(
      readFileSync(fileURLToPath(new URL('../../prisma/demo/people.json', import.meta.url)), 'utf8'),
    ) as { users: { email: string; professionalRole: string; nhsNumber?: string }[] };
    const patients = people.users.filter((u) => u.professionalRole === 'patient');
    expect(patients.map((u) => u.email)).toEqual([
      'patient@pathweave.test',
      'patient2@pathweave.test',
      'patient.rep@pathweave.test',
    ]);
    for (const p of patients) {
      expect(p.nhsNumber, p.email).toMatch(/^999\d{7}$/);
      expect(isValidNhsNumber(p.nhsNumber!), p.email).toBe(true);
    }
    expect(new Set(patients.map((p) => p.nhsNumber)).size).toBe(patients.length);
    // Nobody else has one.
    expect(people.users.filter((u) => u.professionalRole !== 'patient' && u.nhsNumber)).toEqual([]);
  });
});
