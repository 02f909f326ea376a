/**
 * NHS numbers: 10 digits, the last a modulus 11 check digit (NHS Data Dictionary, "NHS Number").
 * People write them in groups, "943 476 5919", so spaces and hyphens are allowed and dropped.
 * Pure: no database, no I/O.
 */

/** The example the forms show: a well-known valid number. */
export const NHS_NUMBER_EXAMPLE = '943 476 5919';

/** The digits alone, with the spaces and hyphens people type taken out. Anything else is left for the check. */
export function normaliseNhsNumber(value: string): string {
  return value.replace(/[\s-]/g, '');
}

/**
 * The check digit the first nine digits call for: each digit times its weight (10 down to 2),
 * summed; 11 minus the remainder on dividing by 11. 11 becomes 0; 10 means no number starting with
 * these nine digits is valid (null).
 */
export function nhsCheckDigit(firstNine: string): number | null {
  if (!/^\d{9}$/.test(firstNine)) return null;
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(firstNine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

/** Whether the value (spaces and hyphens allowed) is 10 digits whose last is the right check digit. */
export function isValidNhsNumber(value: string): boolean {
  const digits = normaliseNhsNumber(value);
  if (!/^\d{10}$/.test(digits)) return false;
  const check = nhsCheckDigit(digits.slice(0, 9));
  return check !== null && check === Number(digits[9]);
}

/** "9434765919" as people read it: "943 476 5919". */
export function formatNhsNumber(digits: string): string {
  return /^\d{10}$/.test(digits) ? `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}` : digits;
}
