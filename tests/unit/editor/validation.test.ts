// Validation as you type: the schema's messages beside the field, in plain words, for a candidate
// value that is not yet applied.
import { describe, expect, it } from 'vitest';
import { numberFromText, setIn, validateField, validateGrouped, validateList } from '@/components/editor/validation';
import { generatePathway } from '@/lib/pathway/generate';

const doc = generatePathway({ steps: 12, seed: 7 });

describe('setIn', () => {
  it('replaces one value and shares everything else', () => {
    const next = setIn(doc, ['steps', 2, 'title'], 'X') as typeof doc;
    expect(next.steps[2]!.title).toBe('X');
    expect(doc.steps[2]!.title).not.toBe('X');
    expect(next.steps[3]).toBe(doc.steps[3]);
    expect(next.transitions).toBe(doc.transitions);
  });
  it('removes a value set to undefined', () => {
    const next = setIn(doc, ['metadata', 'reviewDate'], undefined) as typeof doc;
    expect('reviewDate' in next.metadata).toBe(false);
  });
});

describe('validateField', () => {
  it('accepts a valid value', () => {
    expect(validateField(doc, ['steps', 3, 'title'], 'Annual review', 'Title')).toEqual([]);
  });
  it('names the field by its label, without the step prefix', () => {
    expect(validateField(doc, ['steps', 3, 'title'], '   ', 'Title')).toEqual(['Title must not be empty.']);
  });
  it('says a number is expected, showing what was typed', () => {
    const [message] = validateField(doc, ['transitions', 0, 'targetDays'], numberFromText('two weeks'), 'Expected wait in days');
    expect(message).toMatch(/^Expected wait in days should be a number, but it is the text "two weeks"/);
  });
  it('checks ranges', () => {
    expect(validateField(doc, ['transitions', 0, 'probability'], 1.5, 'Share')[0]).toMatch(/between 0 and 1/);
    expect(validateField(doc, ['transitions', 0, 'probability'], 0.5, 'Share')).toEqual([]);
  });
  it('refuses a route to a step that does not exist', () => {
    expect(validateField(doc, ['transitions', 0, 'to'], 'nowhere', 'To step')[0]).toMatch(/no step has that id/);
  });
  it('never shows the stored names of a vocabulary', () => {
    const [message] = validateField(doc, ['steps', 1, 'sector'], 'hospital', 'Lane');
    expect(message).toBe('Choose one of the options for lane');
    expect(message).not.toMatch(/secondary_care/);
  });
  it('checks dates in the pathway details', () => {
    expect(validateField(doc, ['metadata', 'reviewDate'], 'next June', 'Review date')[0]).toMatch(/^Review date must be a date written YYYY-MM-DD/);
    expect(validateField(doc, ['metadata', 'reviewDate'], '2027-06-30', 'Review date')).toEqual([]);
  });
});

describe('validateList and validateGrouped', () => {
  it('gives errors by item', () => {
    const errors = validateList(doc, ['conditions'], ['COPD', ''], 'Condition');
    expect([...errors.keys()]).toEqual([1]);
  });
  it('asks for the missing half of the sponsor', () => {
    const errors = validateGrouped(doc, ['metadata', 'sponsor'], { name: 'Commissioning team' }, { name: 'Sponsor’s name', role: 'Sponsor’s role' });
    expect(errors).toEqual({ role: ['Choose sponsor’s role'] });
  });
});

describe('numberFromText', () => {
  it('reads numbers, keeps other text, and treats empty as absent', () => {
    expect(numberFromText('14')).toBe(14);
    expect(numberFromText(' 0.7 ')).toBe(0.7);
    expect(numberFromText('1.')).toBe(1);
    expect(numberFromText('')).toBeUndefined();
    expect(numberFromText('seven')).toBe('seven');
  });
  it('keeps a number too big to hold as the text typed, so the field says it is not a number', () => {
    const digits = '9'.repeat(400);
    expect(numberFromText(digits)).toBe(digits);
    const [message] = validateField(doc, ['transitions', 0, 'targetDays'], numberFromText(digits), 'Expected wait in days');
    expect(message).toMatch(/^Expected wait in days should be a number, but it is the text "9{10}/);
    expect(message).not.toContain('Infinity');
  });
  it('asks for a full stop when a decimal is written with a comma', () => {
    const [message] = validateField(doc, ['transitions', 0, 'probability'], numberFromText('0,5'), 'Share');
    expect(message).toBe('Share should be a number, but it is the text "0,5". Use a full stop for decimals, for example 0.5.');
    const [other] = validateField(doc, ['transitions', 0, 'probability'], numberFromText('half'), 'Share');
    expect(other).not.toContain('full stop');
  });
});
