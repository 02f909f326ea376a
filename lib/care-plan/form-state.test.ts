import { describe, expect, it } from 'vitest';
import { keepingInput, sentLists, toFormState, typedValues } from './form-state';

function form(entries: [string, string][]): FormData {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}

describe('form state after a refusal', () => {
  const sent = form([
    ['planId', 'plan-1'],
    ['$ACTION_ID_abc', ''],
    ['patientEmail', 'bob@'],
    ['pathwayIds', 'p1'],
    ['pathwayIds', 'p3'],
    ['canContribute', 'yes'],
  ]);

  it('keeps every ticked value of a name, not only the first, and never the hidden ids', () => {
    expect(sentLists(sent)).toEqual({ patientEmail: ['bob@'], pathwayIds: ['p1', 'p3'], canContribute: ['yes'] });
    expect(typedValues(sent).pathwayIds).toBe('p1');
    expect(sentLists(sent, ['pathwayIds'])).not.toHaveProperty('pathwayIds');
  });

  it('puts back what was typed and ticked when the save failed or the session ended', () => {
    const failed = keepingInput({ ok: false, message: 'Sorry, that could not be saved.', errors: [] }, sent);
    expect(failed.ok).toBe(false);
    expect(failed.message).toBe('Sorry, that could not be saved.');
    expect(failed.values).toEqual({ patientEmail: 'bob@', pathwayIds: 'p1', canContribute: 'yes' });
    expect(failed.lists?.pathwayIds).toEqual(['p1', 'p3']);
    expect(typeof failed.at).toBe('number');
  });

  it('puts back ticked boxes after a field error, and nothing after a success', () => {
    const refused = toFormState({ ok: false, reason: 'invalid', message: 'Check the email.' }, sent, 'Saved.');
    expect(refused.lists?.canContribute).toEqual(['yes']);
    const saved = toFormState({ ok: true }, sent, 'Saved.');
    expect(saved).toMatchObject({ ok: true, message: 'Saved.' });
    expect(saved.values).toBeUndefined();
    expect(saved.lists).toBeUndefined();
  });
});
