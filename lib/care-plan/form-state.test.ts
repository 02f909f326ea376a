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

  it('keeps the revision a refused form was sent with, not as something typed, and none after a success', () => {
    const withRevision = form([
      ['op', 'details'],
      ['revision', 'drawn-1'],
      ['title', 'Arthur’s plan'],
    ]);
    const clash = { ok: false as const, reason: 'invalid', message: 'Changed by someone else.' };
    expect(toFormState(clash, withRevision, 'Saved.')).toMatchObject({
      revision: 'drawn-1',
      values: { title: 'Arthur’s plan' },
    });
    expect(toFormState(clash, withRevision, 'Saved.').values).not.toHaveProperty('revision');
    expect(keepingInput({ ok: false, message: 'Sorry.', errors: [] }, withRevision).revision).toBe('drawn-1');
    expect(toFormState({ ok: true }, withRevision, 'Saved.')).not.toHaveProperty('revision');
    // A form that carries no revision is given none.
    expect(toFormState(clash, sent, 'Saved.')).not.toHaveProperty('revision');
  });
});
