import { describe, expect, it } from 'vitest';
import { addStep, coalesceKeyFor, updateStep, type Command, applyCommand } from './commands';
import { generatePathway } from './generate';
import {
  HISTORY_LIMIT,
  canRedo,
  canUndo,
  createHistory,
  record,
  redo,
  redoLabel,
  seal,
  undo,
  undoLabel,
  type History,
} from './history';

const base = generatePathway({ steps: 4, seed: 7 });

function edit(h: History, command: Command): History {
  const next = applyCommand(h.present, command);
  const key = coalesceKeyFor(command);
  return record(h, next, 'edit', key ? { coalesceKey: key } : {});
}

function titleOf(h: History, id = 's2'): string | undefined {
  return h.present.steps.find((s) => s.id === id)?.title;
}

describe('history', () => {
  it('starts with nothing to undo or redo', () => {
    const h = createHistory(base);
    expect(h.present).toBe(base);
    expect(canUndo(h)).toBe(false);
    expect(canRedo(h)).toBe(false);
    expect(undo(h)).toBe(h);
    expect(redo(h)).toBe(h);
  });

  it('undoes and redoes in order, with labels', () => {
    const a = addStep(base, { kind: 'review', sector: 'self_care' }).doc;
    const b = updateStep(a, 's1', { title: 'Breathless at GP' });
    let h = record(createHistory(base), a, 'add step');
    h = record(h, b, 'rename step');
    expect(undoLabel(h)).toBe('rename step');
    h = undo(h);
    expect(h.present).toBe(a);
    expect(redoLabel(h)).toBe('rename step');
    expect(undoLabel(h)).toBe('add step');
    h = undo(h);
    expect(h.present).toBe(base);
    expect(canUndo(h)).toBe(false);
    h = redo(h);
    expect(h.present).toBe(a);
    h = redo(h);
    expect(h.present).toBe(b);
    expect(canRedo(h)).toBe(false);
  });

  it('a new change after undo drops the redo branch', () => {
    const a = updateStep(base, 's2', { title: 'A' });
    const c = updateStep(base, 's2', { title: 'C' });
    let h = record(createHistory(base), a, 'a');
    h = undo(h);
    h = record(h, c, 'c');
    expect(canRedo(h)).toBe(false);
    expect(undo(h).present).toBe(base);
  });

  it('ignores a command that changed nothing', () => {
    const h = createHistory(base);
    expect(record(h, base, 'nothing')).toBe(h);
  });

  it('coalesces typing into one field into one undo step', () => {
    let h = createHistory(base);
    for (const title of ['S', 'Sp', 'Spi', 'Spiro']) h = edit(h, { type: 'updateStep', stepId: 's2', patch: { title } });
    expect(titleOf(h)).toBe('Spiro');
    expect(h.past).toHaveLength(1);
    h = undo(h);
    expect(h.present).toBe(base);
  });

  it('starts a new undo step for another field, another step, after seal, and after undo', () => {
    let h = createHistory(base);
    h = edit(h, { type: 'updateStep', stepId: 's2', patch: { title: 'A' } });
    h = edit(h, { type: 'updateStep', stepId: 's3', patch: { title: 'B' } });
    expect(h.past).toHaveLength(2);
    h = edit(h, { type: 'updateStep', stepId: 's3', patch: { patientBenefit: 'x' } });
    expect(h.past).toHaveLength(3);
    h = seal(h);
    h = edit(h, { type: 'updateStep', stepId: 's3', patch: { patientBenefit: 'xy' } });
    expect(h.past).toHaveLength(4);
    h = undo(h);
    h = edit(h, { type: 'updateStep', stepId: 's3', patch: { patientBenefit: 'xz' } });
    expect(h.past).toHaveLength(4);
    h = undo(h);
    expect(h.present.steps.find((s) => s.id === 's3')?.patientBenefit).toBe('x');
  });

  it('a record without a key ends a run of typing', () => {
    let h = createHistory(base);
    h = edit(h, { type: 'updateStep', stepId: 's2', patch: { title: 'A' } });
    const hours = h.present.steps.find((s) => s.id === 's2')?.hours === 'always' ? 'in_hours' : 'always';
    h = edit(h, { type: 'updateStep', stepId: 's2', patch: { hours } });
    h = edit(h, { type: 'updateStep', stepId: 's2', patch: { title: 'AB' } });
    expect(h.past).toHaveLength(3);
    expect(titleOf(undo(h))).toBe('A');
  });

  it('keeps at most the limit of undo steps, dropping the oldest', () => {
    expect(HISTORY_LIMIT).toBe(200);
    let h = createHistory(base, { limit: 3 });
    const docs = [base];
    for (let i = 1; i <= 5; i++) {
      const d = updateStep(docs[i - 1]!, 's2', { title: `T${i}` });
      docs.push(d);
      h = record(h, d, `t${i}`);
    }
    expect(h.past).toHaveLength(3);
    while (canUndo(h)) h = undo(h);
    expect(h.present).toBe(docs[2]);
    let big = createHistory(base);
    let d = base;
    for (let i = 0; i < 250; i++) {
      d = updateStep(d, 's2', { title: `T${i}` });
      big = record(big, d, 'x');
    }
    expect(big.past).toHaveLength(200);
  });
});
