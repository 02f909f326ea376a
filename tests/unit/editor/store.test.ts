// The editor store: every edit is a command, recorded for undo; typing coalesces; a refused
// command changes nothing and says why.
import { describe, expect, it } from 'vitest';
import { EditorStore } from '@/components/editor/store';
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
