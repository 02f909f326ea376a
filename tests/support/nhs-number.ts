import { randomInt } from 'node:crypto';
import { nhsCheckDigit } from '../../lib/care-plan/nhs-number';

/**
 * A valid NHS number for one test run's own patient: from the test range (999…), above the demo
 * patients' numbers (999 000 00xx), so it never matches a seeded account.
 */
export function randomTestNhsNumber(): string {
  for (;;) {
    const nine = `999${randomInt(100_000, 1_000_000)}`;
    const check = nhsCheckDigit(nine);
    if (check !== null) return `${nine}${check}`;
  }
}
