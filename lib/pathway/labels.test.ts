// Every vocabulary value has a plain-English label for clinicians and patients.
import { describe, expect, it } from 'vitest';
import {
  ADAPTATION_LABELS,
  CHANNEL_DESCRIPTIONS,
  CHANNEL_LABELS,
  FLAG_DESCRIPTIONS,
  FLAG_LABELS,
  HOURS_LABELS,
  INFORMATION_LABELS,
  KIND_DESCRIPTIONS,
  KIND_LABELS,
  OUTCOME_MEASURE_TYPE_LABELS,
  ROLE_IN_SENTENCE,
  ROLE_LABELS,
  SECTOR_LABELS,
  SETTING_LABELS,
  labelOf,
  listInWords,
} from './labels';
import {
  ADAPTATIONS,
  CHANNELS,
  HOURS,
  INFORMATION_KINDS,
  OUTCOME_MEASURE_TYPES,
  ROLES,
  SECTORS,
  SETTINGS,
  STEP_FLAGS,
  STEP_KINDS,
} from './schema';

const tables: [string, readonly string[], Readonly<Record<string, string>>][] = [
  ['kinds', STEP_KINDS, KIND_LABELS],
  ['kind descriptions', STEP_KINDS, KIND_DESCRIPTIONS],
  ['sectors', SECTORS, SECTOR_LABELS],
  ['settings', SETTINGS, SETTING_LABELS],
  ['roles', ROLES, ROLE_LABELS],
  ['roles in sentences', ROLES, ROLE_IN_SENTENCE],
  ['channels', CHANNELS, CHANNEL_LABELS],
  ['channel descriptions', CHANNELS, CHANNEL_DESCRIPTIONS],
  ['adaptations', ADAPTATIONS, ADAPTATION_LABELS],
  ['information', INFORMATION_KINDS, INFORMATION_LABELS],
  ['hours', HOURS, HOURS_LABELS],
  ['outcome measure types', OUTCOME_MEASURE_TYPES, OUTCOME_MEASURE_TYPE_LABELS],
  ['flags', STEP_FLAGS, FLAG_LABELS],
  ['flag descriptions', STEP_FLAGS, FLAG_DESCRIPTIONS],
];

describe('labels', () => {
  for (const [name, values, table] of tables) {
    it(`cover every value of ${name} exactly, in words rather than codes`, () => {
      expect(Object.keys(table).sort()).toEqual([...values].sort());
      for (const v of values) {
        const label = table[v] as string;
        expect(label.trim()).not.toBe('');
        expect(label).not.toContain('_');
        expect(label).not.toBe(v);
      }
    });
  }

  it('uses the wording the editor promises', () => {
    expect(CHANNEL_LABELS.online_form).toBe('Online form');
    expect(SECTOR_LABELS.primary_care).toBe('Primary care');
    expect(INFORMATION_LABELS).toEqual({
      shared_record: 'Shared record',
      structured_summary: 'Structured summary',
      letter: 'Letter',
      phone: 'Phone call',
      none: 'No information passed on',
    });
  });

  it('labelOf falls back to the value for unknown values', () => {
    expect(labelOf('sector', 'social_care')).toBe('Social care');
    expect(labelOf('sector', 'moon_base')).toBe('moon_base');
    expect(labelOf('sector', 'toString')).toBe('toString');
  });

  it('listInWords joins with commas and "and"', () => {
    expect(listInWords([])).toBe('');
    expect(listInWords(['a'])).toBe('a');
    expect(listInWords(['a', 'b'])).toBe('a and b');
    expect(listInWords(['a', 'b', 'c'])).toBe('a, b and c');
  });
});
