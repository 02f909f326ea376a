// The editor store: every edit is a command, recorded for undo; typing coalesces; a refused
// command changes nothing and says why.
import { describe, expect, it } from 'vitest';
import { EditorStore, firstProblem, pendingFieldId, pendingInDocument, type PendingValue } from '@/components/editor/store';
import { PendingSummary, versionRefusal } from '@/components/editor/PendingValues';
import { applyField, keeping } from '@/components/editor/Inspector';
import { numberFromText } from '@/components/editor/validation';
import { renderToStaticMarkup } from 'react-dom/server';
import { createElement } from 'react';
import { generatePathway } from '@/lib/pathway/generate';
import type { Pathway } from '@/lib/pathway/schema';

function small(): Pathway {
  return generatePathway({ steps: 6, seed: 3, layout: true });
}

describe('EditorStore', () => {
  it('applies a command, and undo and redo step through it', () => {
    const doc = small();
    const store = new EditorStore(doc);
    const result = store.exec({ type: 'addStep', input: { kind: 'review', sector: 'social_care', title: 'Care review' } });
    expect(result.ok && result.changed).toBe(true);
    expect(store.doc.steps).toHaveLength(7);
    expect(store.doc.steps.at(-1)).toMatchObject({ title: 'Care review', sector: 'social_care' });
    store.undo();
    expect(store.doc).toBe(doc);
    store.redo();
    expect(store.doc.steps.at(-1)?.title).toBe('Care review');
    expect(store.getState().notice?.text).toBe('Redone: add step.');
  });

  it('records the id it generated, so the new step can be selected', () => {
    const store = new EditorStore(small());
    const result = store.exec({ type: 'addStep', input: { kind: 'support', sector: 'voluntary_community' } });
    expect(result.ok && result.command.type === 'addStep' && result.command.input.id).toBe('s7');
    expect(store.doc.steps.some((s) => s.id === 's7')).toBe(true);
  });

  it('never gives a new step the id of one deleted in this session', () => {
    const store = new EditorStore(small());
    const first = store.exec({ type: 'addStep', input: { kind: 'support', sector: 'voluntary_community' } });
    expect(first.ok && first.command.type === 'addStep' && first.command.input.id).toBe('s7');
    expect(store.exec({ type: 'removeStep', stepId: 's7' }).ok).toBe(true);
    const second = store.exec({ type: 'addStep', input: { kind: 'support', sector: 'voluntary_community' } });
    expect(second.ok && second.command.type === 'addStep' && second.command.input.id).toBe('s8');
  });

  it('never reuses the ids the server reports as used before (saved versions, comments, votes)', () => {
    const store = new EditorStore(small(), ['s12', 't40']);
    const step = store.exec({ type: 'addStep', input: { kind: 'review', sector: 'social_care' } });
    expect(step.ok && step.command.type === 'addStep' && step.command.input.id).toBe('s13');
    const route = store.exec({ type: 'connect', from: 's1', to: 's13' });
    expect(route.ok && route.command.type === 'connect' && route.command.input?.id).toBe('t41');
  });

  it('makes one undo step of typing into one field, and a new one after the field is left', () => {
    const doc = small();
    const store = new EditorStore(doc);
    for (const title of ['B', 'Br', 'Bre', 'Breath']) store.exec({ type: 'updateStep', stepId: 's2', patch: { title } });
    expect(store.getState().history.past).toHaveLength(1);
    store.seal();
    store.exec({ type: 'updateStep', stepId: 's2', patch: { title: 'Breathing' } });
    expect(store.getState().history.past).toHaveLength(2);
    store.undo();
    expect(store.doc.steps[1]?.title).toBe('Breath');
    store.undo();
    expect(store.doc).toBe(doc);
  });

  it('refuses a command that would break the pathway, changes nothing and says why', () => {
    const doc = small();
    const store = new EditorStore(doc);
    const result = store.exec({ type: 'removeStep', stepId: 's1' }); // the only entry
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/only entry step/);
    expect(store.doc).toBe(doc);
    expect(store.getState().history.past).toHaveLength(0);
    expect(store.getState().notice).toMatchObject({ tone: 'error' });
  });

  it('does not record a command that changes nothing', () => {
    const doc = small();
    const store = new EditorStore(doc);
    const result = store.exec({ type: 'moveToLane', stepId: 's2', sector: doc.steps[1]!.sector });
    expect(result.ok && result.changed).toBe(false);
    expect(store.getState().history.past).toHaveLength(0);
  });

  it('drops the selection of a step that is deleted, and keeps it after an undo brings it back', () => {
    const store = new EditorStore(small());
    store.select({ kind: 'step', id: 's3' });
    store.exec({ type: 'removeStep', stepId: 's3' });
    expect(store.getState().selection).toBeNull();
    store.select({ kind: 'step', id: 's2' });
    store.undo();
    expect(store.getState().selection).toEqual({ kind: 'step', id: 's2' });
  });

  it('tells subscribers about changes, and not about a repeated selection', () => {
    const store = new EditorStore(small());
    let calls = 0;
    const stop = store.subscribe(() => calls++);
    store.select({ kind: 'step', id: 's2' });
    store.select({ kind: 'step', id: 's2' });
    expect(calls).toBe(1);
    store.exec({ type: 'moveToLane', stepId: 's2', sector: 'mental_health' });
    expect(calls).toBe(2);
    stop();
    store.undo();
    expect(calls).toBe(2);
  });
});

// A value typed into the details that is not allowed ("0,5" in a share) is not in the document, but
// is never lost: the store keeps it by target and field until it is corrected or put back.
describe('EditorStore: values typed that are not allowed', () => {
  const share = (text: string, id = 't1'): PendingValue => ({
    kind: 'transition',
    id,
    field: 'probability',
    label: 'Share of people who take this route',
    text,
    errors: [`Share should be a number, but it is the text "${text}".`],
  });

  it('keeps one value per target and field, replaces it as typing goes on, and forgets it when cleared', () => {
    const store = new EditorStore(small());
    store.keepPending(share('0,'));
    store.keepPending(share('0,5'));
    store.keepPending({ ...share(''), kind: 'step', id: 's2', field: 'title', label: 'Title', errors: ['Title must not be empty.'] });
    expect(store.getState().pending.map((p) => `${p.kind}:${p.id}:${p.field}=${p.text}`)).toEqual([
      'transition:t1:probability=0,5',
      'step:s2:title=',
    ]);
    expect(store.pendingFor('transition', 't1', 'probability')?.text).toBe('0,5');
    expect(store.pendingFor('transition', 't1', 'targetDays')).toBeUndefined();
    expect(store.clearPending('transition', 't1', 'probability')).toBe(true);
    expect(store.clearPending('transition', 't1', 'probability')).toBe(false);
    expect(store.getState().pending.map((p) => p.field)).toEqual(['title']);
  });

  it('does not wake subscribers for the same value again, or for clearing what is not there', () => {
    const store = new EditorStore(small());
    let calls = 0;
    store.subscribe(() => calls++);
    store.keepPending(share('0,5'));
    store.keepPending(share('0,5'));
    store.clearPending('step', 's2', 'title');
    expect(calls).toBe(1);
  });

  it('is not in the document, and outlasts undo and redo of other changes', () => {
    const doc = small();
    const store = new EditorStore(doc);
    // Typed as the transition's share box does: its apply is refused, and what was typed is kept.
    const index = doc.transitions.findIndex((t) => t.id === 't1');
    const label = 'Share of people who take this route';
    const typed = numberFromText('0,5');
    expect(typed).toBe('0,5');
    const errors = applyField(store, ['transitions', index, 'probability'], typed, label, { type: 'updateTransition', transitionId: 't1', patch: { probability: typed as number } });
    expect(errors).toEqual([`${label} should be a number, but it is the text "0,5". Use a full stop for decimals, for example 0.5.`]);
    keeping(store, 'transition', 't1', 'probability', label).onKept({ text: '0,5', errors });
    expect(store.doc).toBe(doc);
    expect(store.getState().history.past).toHaveLength(0);
    // Nor does the store itself take it, asked directly.
    expect(store.exec({ type: 'updateTransition', transitionId: 't1', patch: { probability: typed as number } }).ok).toBe(false);
    expect(store.doc).toBe(doc);
    expect(store.pendingFor('transition', 't1', 'probability')).toMatchObject({ text: '0,5', errors });
    store.exec({ type: 'updateStep', stepId: 's2', patch: { title: 'Breathing' } });
    store.undo();
    expect(store.doc).toBe(doc);
    store.redo();
    expect(store.pendingFor('transition', 't1', 'probability')?.text).toBe('0,5');
    expect(JSON.stringify(store.doc)).not.toContain('0,5');
  });

  it('counts only values whose step is still there: a deleted step takes its own with it, and undo brings them back', () => {
    const store = new EditorStore(small());
    const title: PendingValue = { kind: 'step', id: 's3', field: 'title', label: 'Title', text: '', errors: ['Title must not be empty.'] };
    store.keepPending(title);
    store.keepPending({ kind: 'pathway', id: '', field: 'metadata.reviewDate', label: 'Review date', text: 'next June', errors: ['x'] });
    const counted = () => pendingInDocument(store.doc, store.getState().pending).map((p) => p.field);
    expect(counted()).toEqual(['title', 'metadata.reviewDate']);
    store.exec({ type: 'removeStep', stepId: 's3' });
    expect(counted()).toEqual(['metadata.reviewDate']);
    store.undo();
    expect(counted()).toEqual(['title', 'metadata.reviewDate']);
  });

  it('counts a value inside a part of a step only while that part is there (GP workload switched off)', () => {
    const store = new EditorStore(small());
    store.exec({ type: 'updateStep', stepId: 's2', patch: { gpWorkload: { minutesPerPatient: 5, funded: false } } });
    store.keepPending({ kind: 'step', id: 's2', field: 'gpWorkload.minutesPerPatient', label: 'Minutes', text: 'ten', errors: ['x'] });
    expect(pendingInDocument(store.doc, store.getState().pending)).toHaveLength(1);
    store.exec({ type: 'updateStep', stepId: 's2', patch: { gpWorkload: null } });
    expect(pendingInDocument(store.doc, store.getState().pending)).toHaveLength(0);
  });

  it('starts again empty when another document is opened', () => {
    const store = new EditorStore(small());
    store.keepPending(share('0,5'));
    store.reset(small());
    expect(store.getState().pending).toEqual([]);
  });

  it('names the box each value was typed in by target and field, so a message can take the focus there', () => {
    expect(pendingFieldId(share('0,5'))).toBe('typed-transition-t1-probability');
    expect(pendingFieldId({ kind: 'pathway', id: '', field: 'metadata.reviewDate' })).toBe('typed-pathway-metadata-reviewDate');
  });
});

// Fields of several boxes (the pathway's lists, outcome measures, the sponsor) and drop-downs keep
// what they held in the same way: the whole of it as `draft`, named by its first box not allowed.
describe('EditorStore: lists, the sponsor and choices that are not allowed', () => {
  const conditions = (items: string[], errors: [number, string[]][]): PendingValue => ({
    kind: 'pathway',
    id: '',
    field: 'conditions',
    label: 'Condition 2',
    text: items[1] ?? '',
    errors: errors[0]?.[1] ?? [],
    box: '1',
    draft: { draft: items, errors: new Map(errors) },
  });

  it('keeps the whole list again when only another item changed, and not again for the same list', () => {
    const store = new EditorStore(small());
    let calls = 0;
    store.subscribe(() => calls++);
    const first = conditions(['COPD', ''], [[1, ['Condition must not be empty']]]);
    store.keepPending(first);
    store.keepPending(first);
    expect(calls).toBe(1);
    // Condition 1 retyped while Condition 2 is still empty: the same message, but a new list to give back.
    const next = conditions(['COPD and asthma', ''], [[1, ['Condition must not be empty']]]);
    store.keepPending(next);
    expect(calls).toBe(2);
    expect((store.pendingFor('pathway', '', 'conditions')?.draft as { draft: string[] }).draft).toEqual(['COPD and asthma', '']);
  });

  it('counts a step’s outcome measures only while the step is there, and the pathway’s lists and sponsor always', () => {
    const store = new EditorStore(small());
    const measure: PendingValue = { kind: 'step', id: 's3', field: 'outcomeMeasures', label: 'Measure 1: name', text: '', errors: ['x'], box: '0-name', draft: {} };
    store.keepPending(measure);
    store.keepPending(conditions(['COPD', ''], [[1, ['x']]]));
    store.keepPending({ kind: 'pathway', id: '', field: 'metadata.sponsor', label: 'Sponsor’s role', text: '', errors: ['x'], box: 'role', chosen: true, draft: {} });
    const counted = () => pendingInDocument(store.doc, store.getState().pending).map((p) => p.field);
    expect(counted()).toEqual(['outcomeMeasures', 'conditions', 'metadata.sponsor']);
    store.exec({ type: 'removeStep', stepId: 's3' });
    expect(counted()).toEqual(['conditions', 'metadata.sponsor']);
    store.undo();
    expect(counted()).toEqual(['outcomeMeasures', 'conditions', 'metadata.sponsor']);
  });

  it('names each box of a field of several, so that a message can take the focus to the one not allowed', () => {
    expect(pendingFieldId({ kind: 'pathway', id: '', field: 'conditions' })).toBe('typed-pathway-conditions');
    expect(pendingFieldId({ kind: 'pathway', id: '', field: 'conditions', box: '1' })).toBe('typed-pathway-conditions-1');
    expect(pendingFieldId({ kind: 'step', id: 's3', field: 'outcomeMeasures', box: '0-name' })).toBe('typed-step-s3-outcomeMeasures-0-name');
    expect(pendingFieldId({ kind: 'pathway', id: '', field: 'metadata.sponsor', box: 'role' })).toBe('typed-pathway-metadata-sponsor-role');
  });

  it('finds the first box not allowed: the lowest item, the list as a whole last, otherwise the first named', () => {
    expect(firstProblem(new Map([[-1, ['whole']], [3, ['three']], [1, ['one']]]))).toEqual({ box: 1, errors: ['one'] });
    expect(firstProblem(new Map([[-1, ['whole']], [0, []]]))).toEqual({ box: -1, errors: ['whole'] });
    expect(firstProblem(new Map([['role', ['Choose sponsor’s role']], ['name', ['Sponsor’s name must not be empty']]]))?.box).toBe('role');
    expect(firstProblem(new Map<number, string[]>())).toBeUndefined();
  });

  it('says “chose” for a choice, in the version’s refusal and in the list Save shows', () => {
    const doc = small();
    const role: PendingValue = { kind: 'pathway', id: '', field: 'metadata.sponsor', label: 'Sponsor’s role', text: '', errors: ['Choose sponsor’s role'], box: 'role', chosen: true };
    expect(versionRefusal(doc, [role])).toContain('The version was not saved: nothing was chosen for “Sponsor’s role” on the pathway details, and a choice is needed.');
    const kind: PendingValue = { kind: 'step', id: 's1', field: 'kind', label: 'Kind of step', text: 'Exit', errors: ['The pathway needs an entry step.'], chosen: true, draft: 'exit' };
    expect(versionRefusal(doc, [kind])).toContain(`“Exit”, chosen for “Kind of step” on the step “${doc.steps[0]?.title}”, is not allowed.`);
    const html = renderToStaticMarkup(createElement(PendingSummary, { doc, pending: [kind, role], savedAt: '10:00', onGoTo: () => {} }));
    expect(html).toContain('these 2 values you chose are not allowed');
    expect(html).toContain('you chose “Exit”. The pathway needs an entry step.');
    expect(html).toContain('Sponsor’s role on the pathway details</button>: nothing chosen. Choose sponsor’s role');
  });
});
