import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyCommand, withIds, type Command } from '@/lib/pathway/commands';
import { generatePathway } from '@/lib/pathway/generate';
import { laneY } from '@/lib/pathway/lanes';
import { PATHWAY_FORMAT, type Pathway, type Step } from '@/lib/pathway/schema';
import { parsePathway } from '@/lib/pathway/validate';
import {
  CommandError,
  applyCommandToYDoc,
  createPathwayReader,
  createUndoManager,
  newCollabId,
  pathwayToYDoc,
  yDocToPathway,
} from './doc';

function step(id: string, kind: Step['kind'], extra: Partial<Step> = {}): Step {
  return {
    id,
    kind,
    title: `Step ${id}`,
    sector: 'primary_care',
    setting: 'gp_practice',
    leadRole: 'gp',
    roles: [],
    channels: [],
    adaptations: [],
    flags: {
      whatMattersToMe: false,
      sharedDecision: false,
      carerInvolved: false,
      carerSupport: false,
      holisticReview: false,
      selfManagementSupport: false,
      recordsAccess: false,
      carePlanAgreed: false,
      careCoordinatorNamed: false,
    },
    outcomeMeasures: [],
    ...extra,
  };
}

function small(): Pathway {
  return {
    format: PATHWAY_FORMAT,
    title: 'Small pathway',
    conditions: ['COPD'],
    metadata: { incentives: [], socialValue: [] },
    steps: [step('s1', 'entry'), step('s2', 'assessment'), step('s3', 'decision'), step('s4', 'exit'), step('s5', 'review')],
    transitions: [
      { id: 't1', from: 's1', to: 's2', information: 'letter' },
      { id: 't2', from: 's2', to: 's3', information: 'none' },
      { id: 't3', from: 's3', to: 's4', information: 'shared_record', probability: 0.5 },
      { id: 't4', from: 's3', to: 's5', information: 'phone', probability: 0.3 },
      { id: 't5', from: 's5', to: 's4', information: 'letter' },
    ],
    layout: {
      s1: { x: 0, y: laneY('primary_care') },
      s2: { x: 260, y: laneY('primary_care') },
      s3: { x: 520, y: laneY('primary_care') },
      s4: { x: 780, y: laneY('primary_care') },
      s5: { x: 1040, y: laneY('primary_care') },
    },
  };
}

/** Two replicas of one document that exchange updates only when told to. */
function pair(doc: Pathway) {
  const a = new Y.Doc();
  pathwayToYDoc(doc, a);
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  const sync = () => {
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  };
  return { a, b, sync };
}

function valid(doc: Pathway): void {
  const r = parsePathway(doc);
  expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual([]);
}

describe('pathwayToYDoc / yDocToPathway', () => {
  it('round-trips a generated pathway exactly, in order, with layout', () => {
    const doc = generatePathway({ steps: 60, seed: 7, layout: true });
    const y = new Y.Doc();
    pathwayToYDoc(doc, y);
    expect(yDocToPathway(y)).toEqual(doc);
    // and through an encoded update, as the server stores it
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(y));
    expect(yDocToPathway(copy)).toEqual(doc);
  });

  it('writing the same pathway again changes nothing in the Y.Doc', () => {
    const doc = small();
    const y = new Y.Doc();
    pathwayToYDoc(doc, y);
    const before = Y.encodeStateVector(y);
    pathwayToYDoc(doc, y);
    expect(Y.encodeStateVector(y)).toEqual(before);
  });
});

describe('applyCommandToYDoc', () => {
  it('gives the same document as the pure command module, command after command', () => {
    let expected = small();
    const y = new Y.Doc();
    pathwayToYDoc(expected, y);
    const commands: Command[] = [
      { type: 'addStep', input: { kind: 'support', sector: 'voluntary_community', id: 'v1' } },
      { type: 'connect', from: 's2', to: 'v1', input: { id: 'tv', information: 'letter' } },
      { type: 'updateStep', stepId: 's2', patch: { title: 'Spirometry', flags: { sharedDecision: true }, hours: 'in_hours' } },
      { type: 'updateStep', stepId: 's2', patch: { hours: null } },
      { type: 'moveToLane', stepId: 's5', sector: 'community_health' },
      { type: 'reorderStep', stepId: 's2', direction: 'earlier' },
      { type: 'moveStep', stepId: 's4', position: { x: 900, y: 50 } },
      { type: 'dropStep', stepId: 's3', position: { x: 300, y: 500 } },
      { type: 'updateTransition', transitionId: 't3', patch: { probability: 0.6, label: 'Stable' } },
      { type: 'removeTransition', transitionId: 't5' },
      { type: 'removeStep', stepId: 's5' },
      { type: 'updateMetadata', patch: { title: 'Renamed', metadata: { reviewDate: '2027-06-30' } } },
      { type: 'batch', commands: [{ type: 'addStep', input: { kind: 'review', sector: 'primary_care', id: 'b1' } }, { type: 'connect', from: 'b1', to: 's4', input: { id: 'tb' } }] },
    ];
    for (const command of commands) {
      const full = withIds(expected, command);
      expected = applyCommand(expected, full);
      const result = applyCommandToYDoc(y, full, 'me');
      expect(result.changed).toBe(true);
      expect(result.after).toEqual(expected);
      expect(yDocToPathway(y)).toEqual(expected);
    }
    valid(expected);
  });

  it('refuses what the command module refuses, writing nothing', () => {
    const y = new Y.Doc();
    pathwayToYDoc(small(), y);
    const sv = Y.encodeStateVector(y);
    expect(() => applyCommandToYDoc(y, { type: 'removeStep', stepId: 's1' }, 'me')).toThrow(CommandError);
    expect(() => applyCommandToYDoc(y, { type: 'updateStep', stepId: 's2', patch: { title: '  ' } }, 'me')).toThrow(CommandError);
    expect(() => applyCommandToYDoc(y, { type: 'connect', from: 's1', to: 'nope' }, 'me')).toThrow(CommandError);
    expect(Y.encodeStateVector(y)).toEqual(sv);
  });

  it('writes one key for one field edit', () => {
    const y = new Y.Doc();
    pathwayToYDoc(small(), y);
    const updates: Uint8Array[] = [];
    y.on('update', (u: Uint8Array) => updates.push(u));
    applyCommandToYDoc(y, { type: 'updateStep', stepId: 's2', patch: { title: 'Spirometry' } }, 'me');
    expect(updates).toHaveLength(1);
    const decoded = Y.decodeUpdate(updates[0] as Uint8Array);
    expect(decoded.structs).toHaveLength(1);
  });

  it('gives new steps ids that two replicas never both make', () => {
    const { a, b, sync } = pair(small());
    const ra = applyCommandToYDoc(a, { type: 'addStep', input: { kind: 'review', sector: 'primary_care', title: 'From A' } }, 'a');
    const rb = applyCommandToYDoc(b, { type: 'addStep', input: { kind: 'review', sector: 'primary_care', title: 'From B' } }, 'b');
    const idA = (ra.command as { input: { id: string } }).input.id;
    const idB = (rb.command as { input: { id: string } }).input.id;
    expect(idA).not.toBe(idB);
    sync();
    const titles = yDocToPathway(a).steps.map((s) => s.title);
    expect(titles).toContain('From A');
    expect(titles).toContain('From B');
    expect(yDocToPathway(a)).toEqual(yDocToPathway(b));
    expect(newCollabId(a, 's')).toMatch(/^s7-[a-z0-9]+$/);
  });
});

describe('concurrent edits', () => {
  it('merges edits to different fields of one step', () => {
    const { a, b, sync } = pair(small());
    applyCommandToYDoc(a, { type: 'updateStep', stepId: 's2', patch: { title: 'Spirometry' } }, 'a');
    applyCommandToYDoc(b, { type: 'updateStep', stepId: 's2', patch: { setting: 'pharmacy', flags: { carerInvolved: true } } }, 'b');
    applyCommandToYDoc(b, { type: 'updateStep', stepId: 's2', patch: { flags: { recordsAccess: true } } }, 'b');
    applyCommandToYDoc(a, { type: 'updateStep', stepId: 's2', patch: { flags: { whatMattersToMe: true } } }, 'a');
    sync();
    const s2 = yDocToPathway(a).steps.find((s) => s.id === 's2');
    expect(s2).toMatchObject({ title: 'Spirometry', setting: 'pharmacy' });
    expect(s2?.flags).toMatchObject({ carerInvolved: true, recordsAccess: true, whatMattersToMe: true });
    expect(yDocToPathway(b)).toEqual(yDocToPathway(a));
  });

  it('never shows a transition to a step deleted at the same time as the connect', () => {
    const { a, b, sync } = pair(small());
    applyCommandToYDoc(a, { type: 'removeStep', stepId: 's5' }, 'a');
    applyCommandToYDoc(b, { type: 'connect', from: 's1', to: 's5' }, 'b');
    applyCommandToYDoc(b, { type: 'moveStep', stepId: 's5', position: { x: 1, y: 2 } }, 'b');
    sync();
    const doc = yDocToPathway(a);
    expect(doc.steps.map((s) => s.id)).not.toContain('s5');
    expect(doc.transitions.some((t) => t.from === 's5' || t.to === 's5')).toBe(false);
    expect(doc.layout?.s5).toBeUndefined();
    valid(doc);
    expect(yDocToPathway(b)).toEqual(doc);
  });

  it('keeps an entry step when two people each delete one of the two entries', () => {
    const start = applyCommand(small(), { type: 'addStep', input: { kind: 'entry', sector: 'self_care', id: 'e2' } });
    const { a, b, sync } = pair(start);
    applyCommandToYDoc(a, { type: 'removeStep', stepId: 's1' }, 'a');
    applyCommandToYDoc(b, { type: 'removeStep', stepId: 'e2' }, 'b');
    sync();
    const doc = yDocToPathway(a);
    valid(doc);
    expect(doc.steps.filter((s) => s.kind === 'entry').map((s) => s.id)).toEqual(['e2']);
    expect(yDocToPathway(b)).toEqual(doc);
  });

  it('keeps an entry when one person retypes one entry while another deletes the other', () => {
    const start = applyCommand(small(), { type: 'addStep', input: { kind: 'entry', sector: 'self_care', id: 'e2' } });
    const { a, b, sync } = pair(start);
    applyCommandToYDoc(a, { type: 'updateStep', stepId: 's1', patch: { kind: 'assessment' } }, 'a');
    applyCommandToYDoc(b, { type: 'removeStep', stepId: 'e2' }, 'b');
    sync();
    const doc = yDocToPathway(a);
    valid(doc);
    expect(doc.steps.find((s) => s.id === 's1')?.kind).toBe('entry');
  });

  it('keeps the routes out of a decision at most 1 in total', () => {
    const { a, b, sync } = pair(small());
    applyCommandToYDoc(a, { type: 'updateTransition', transitionId: 't3', patch: { probability: 0.7 } }, 'a');
    applyCommandToYDoc(b, { type: 'updateTransition', transitionId: 't4', patch: { probability: 0.5 } }, 'b');
    sync();
    const doc = yDocToPathway(a);
    valid(doc);
    expect(doc.transitions.find((t) => t.id === 't3')?.probability).toBe(0.7);
    expect(doc.transitions.find((t) => t.id === 't4')?.probability).toBeUndefined();
  });

  it('concurrent reorders leave every step once, the same everywhere', () => {
    const { a, b, sync } = pair(small());
    applyCommandToYDoc(a, { type: 'reorderStep', stepId: 's2', direction: 'later' }, 'a');
    applyCommandToYDoc(b, { type: 'reorderStep', stepId: 's4', direction: 'earlier' }, 'b');
    sync();
    const ids = yDocToPathway(a).steps.map((s) => s.id);
    expect([...ids].sort()).toEqual(['s1', 's2', 's3', 's4', 's5']);
    expect(yDocToPathway(b).steps.map((s) => s.id)).toEqual(ids);
  });
});

describe('undo and redo', () => {
  it('keeps at most the limit of undo steps, dropping the oldest', () => {
    const { a } = pair(small());
    const mine = {};
    const undo = createUndoManager(a, mine, 5);
    for (let i = 0; i < 8; i++) {
      applyCommandToYDoc(a, { type: 'updateStep', stepId: 's2', patch: { title: `Title ${i}` } }, mine);
      undo.stopCapturing();
    }
    expect(undo.undoStack).toHaveLength(5);
    for (let i = 0; i < 5; i++) undo.undo();
    // The five newest are undone; the three oldest stay, since they can no longer be undone.
    expect(createPathwayReader(a).read().steps.find((s) => s.id === 's2')?.title).toBe('Title 2');
    expect(undo.undoStack).toHaveLength(0);
  });

  it('undoes only my own edits, never the other person’s', () => {
    const { a, b, sync } = pair(small());
    const mine = {};
    const undo = createUndoManager(a, mine);
    applyCommandToYDoc(a, { type: 'updateStep', stepId: 's2', patch: { title: 'Mine' } }, mine);
    undo.stopCapturing();
    sync();
    applyCommandToYDoc(b, { type: 'updateStep', stepId: 's2', patch: { setting: 'pharmacy' } }, 'theirs');
    applyCommandToYDoc(b, { type: 'addStep', input: { kind: 'review', sector: 'primary_care', title: 'Theirs' } }, 'theirs');
    sync();
    undo.undo();
    sync();
    const doc = yDocToPathway(b);
    expect(doc.steps.find((s) => s.id === 's2')).toMatchObject({ title: 'Step s2', setting: 'pharmacy' });
    expect(doc.steps.some((s) => s.title === 'Theirs')).toBe(true);
    undo.redo();
    sync();
    expect(yDocToPathway(b).steps.find((s) => s.id === 's2')?.title).toBe('Mine');
  });

  it('undoing a delete brings the step and its transitions back', () => {
    const y = new Y.Doc();
    pathwayToYDoc(small(), y);
    const undo = createUndoManager(y, 'me');
    applyCommandToYDoc(y, { type: 'removeStep', stepId: 's3' }, 'me');
    expect(yDocToPathway(y).transitions.map((t) => t.id)).toEqual(['t1', 't5']);
    undo.undo();
    expect(yDocToPathway(y)).toEqual(small());
  });
});

describe('createPathwayReader', () => {
  it('keeps unchanged steps identical and returns the same object while nothing changes', () => {
    const y = new Y.Doc();
    pathwayToYDoc(small(), y);
    const reader = createPathwayReader(y);
    const first = reader.read();
    expect(reader.read()).toBe(first);
    applyCommandToYDoc(y, { type: 'updateStep', stepId: 's2', patch: { title: 'Changed' } }, 'me', reader);
    const second = reader.read();
    expect(second).not.toBe(first);
    expect(second.steps[0]).toBe(first.steps[0]);
    expect(second.steps[1]).not.toBe(first.steps[1]);
    expect(second).toEqual(yDocToPathway(y));
    reader.destroy();
  });
});

describe('hand-written updates', () => {
  it('drops values the schema refuses instead of breaking the pathway', () => {
    const y = new Y.Doc();
    pathwayToYDoc(small(), y);
    const steps = y.getMap<Y.Map<unknown>>('steps');
    steps.get('s2')?.set('hours', 'whenever');
    steps.get('s2')?.set('roles', ['gp', 'wizard']);
    steps.get('s5')?.set('kind', 'banana');
    steps.get('s1')?.set('kind', 'wizard');
    steps.get('s4')?.delete('kind');
    y.getMap('pathway').set('title', '   ');
    y.getMap('layout').set('s1', { x: 'a', y: 2 });
    steps.set('junk', 'not a map' as unknown as Y.Map<unknown>);
    const doc = yDocToPathway(y);
    valid(doc);
    expect(doc.title).toBe('Untitled pathway');
    expect(doc.steps.find((s) => s.id === 's2')?.hours).toBeUndefined();
    expect(doc.steps.find((s) => s.id === 's2')?.roles).toEqual([]);
    // A required field with a refused value takes the value the step was made with.
    expect(doc.steps.find((s) => s.id === 's5')?.kind).toBe('review');
    expect(doc.layout?.s1).toBeUndefined();
    expect(doc.steps.find((s) => s.id === 's1')?.kind).toBe('entry');
    expect(doc.steps.find((s) => s.id === 's4')?.kind).toBe('exit');
  });

  it('reads text without the characters the database cannot store, the same on every replica', () => {
    // An old or hand-written client can put NUL (U+0000) or half an emoji into the shared document;
    // PostgreSQL refuses both, so a pathway holding them could never be written back.
    const { a, b, sync } = pair(small());
    const steps = a.getMap<Y.Map<unknown>>('steps');
    steps.get('s2')?.set('title', 'Assess\u0000ment \uD83D');
    steps.get('s2')?.set('patientBenefit', '\u0000');
    steps.get('s2')?.set('outcomeMeasures', [{ name: 'CAT\u0000 score', type: 'PROM' }]);
    a.getMap<Y.Map<unknown>>('transitions').get('t1')?.set('label', 'by\u0000 letter');
    a.getMap<Y.Map<unknown>>('transitions').get('t2')?.set('to', 's3\u0000');
    a.getMap('pathway').set('title', 'Breath\u0000ing');
    a.getMap('pathway').set('summary', 'Sum\u0000mary');
    a.getMap('pathway').set('conditions', ['CO\u0000PD']);
    a.getMap('pathway').set('metadata.incentives', ['QOF\u0000']);
    sync();
    const doc = yDocToPathway(a);
    valid(doc);
    expect(doc.title).toBe('Breathing');
    expect(doc.summary).toBe('Summary');
    expect(doc.conditions).toEqual(['COPD']);
    expect(doc.metadata.incentives).toEqual(['QOF']);
    const s2 = doc.steps.find((s) => s.id === 's2');
    expect(s2?.title).toBe('Assessment \uFFFD');
    expect(s2?.patientBenefit).toBe('');
    expect(s2?.outcomeMeasures).toEqual([{ name: 'CAT score', type: 'PROM' }]);
    expect(doc.transitions.find((t) => t.id === 't1')?.label).toBe('by letter');
    // A reference is not repaired into another one: it keeps the step it was made with.
    expect(doc.transitions.find((t) => t.id === 't2')?.to).toBe('s3');
    expect(JSON.stringify(doc)).not.toMatch(/\\u0000|\\ud83d/i);
    // The other replica got the lone surrogate as � over the wire: it derives the same pathway.
    expect(yDocToPathway(b)).toEqual(doc);
  });
});
