import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CommandError,
  SECTOR_DEFAULTS,
  addStep,
  applyCommand,
  canReorder,
  coalesceKeyFor,
  describeCommand,
  connect,
  dropStep,
  laneOrder,
  moveStep,
  moveToLane,
  removeStep,
  removeTransition,
  reorderStep,
  replaceDocument,
  setLayout,
  updateMetadata,
  updateStep,
  updateTransition,
  withIds,
  type Command,
} from './commands';
import { generatePathway } from './generate';
import { LANE_HEIGHT, STEP_NODE_HEIGHT, STEP_NODE_WIDTH, laneTop, laneY } from './lanes';
import { PATHWAY_FORMAT, SECTORS, STEP_KINDS, type Pathway, type Sector, type Step } from './schema';
import { parsePathway } from './validate';

function step(id: string, kind: Step['kind'], sector: Sector, extra: Partial<Step> = {}): Step {
  return {
    id,
    kind,
    title: `Step ${id}`,
    sector,
    ...SECTOR_DEFAULTS[sector],
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

/** entry (primary) -> a1 (primary) -> d1 decision (secondary) -> exit (primary); a2 in primary too. */
function small(): Pathway {
  return {
    format: PATHWAY_FORMAT,
    title: 'Small pathway',
    conditions: ['COPD'],
    metadata: { incentives: [], socialValue: [] },
    steps: [
      step('s1', 'entry', 'primary_care'),
      step('s2', 'assessment', 'primary_care'),
      step('s3', 'decision', 'secondary_care'),
      step('s4', 'exit', 'primary_care'),
      step('s5', 'review', 'primary_care'),
    ],
    transitions: [
      { id: 't1', from: 's1', to: 's2', information: 'letter' },
      { id: 't2', from: 's2', to: 's3', information: 'none', probability: 1 },
      { id: 't3', from: 's3', to: 's4', information: 'shared_record', probability: 0.6 },
      { id: 't4', from: 's3', to: 's5', information: 'phone', probability: 0.3 },
      { id: 't5', from: 's5', to: 's4', information: 'letter' },
    ],
    layout: {
      s1: { x: 0, y: laneY('primary_care') },
      s2: { x: 260, y: laneY('primary_care') },
      s3: { x: 520, y: laneY('secondary_care') },
      s4: { x: 1040, y: laneY('primary_care') },
      s5: { x: 780, y: laneY('primary_care') },
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function expectValid(doc: Pathway) {
  const r = parsePathway(doc);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof CommandError) return e.code;
    throw e;
  }
  return undefined;
}

describe('addStep', () => {
  it.each(SECTORS)('gives a new %s step that lane’s setting and lead role', (sector) => {
    const doc = deepFreeze(small());
    const { doc: next, stepId } = addStep(doc, { kind: 'assessment', sector });
    const added = next.steps.find((s) => s.id === stepId);
    expect(added).toMatchObject({ sector, ...SECTOR_DEFAULTS[sector], title: 'New assessment', kind: 'assessment' });
    expect(next.layout?.[stepId]?.y).toBe(laneY(sector));
    expectValid(next);
  });

  it('uses the documented defaults for each sector', () => {
    expect(SECTOR_DEFAULTS).toEqual({
      self_care: { setting: 'home', leadRole: 'patient' },
      primary_care: { setting: 'gp_practice', leadRole: 'gp' },
      community_health: { setting: 'community', leadRole: 'community_nurse' },
      secondary_care: { setting: 'hospital_outpatient', leadRole: 'consultant' },
      mental_health: { setting: 'mental_health_service', leadRole: 'specialist_nurse' },
      social_care: { setting: 'social_care_service', leadRole: 'social_worker' },
      voluntary_community: { setting: 'voluntary_service', leadRole: 'voluntary_worker' },
    });
  });

  it('takes the next free id, places the step right of the pathway, and leaves the input alone', () => {
    const doc = deepFreeze(small());
    const before = structuredClone(doc);
    const { doc: next, stepId } = addStep(doc, { kind: 'referral', sector: 'community_health', title: 'Refer to pulmonary rehab' });
    expect(stepId).toBe('s6');
    expect(next.steps.at(-1)?.title).toBe('Refer to pulmonary rehab');
    expect(next.layout?.s6?.x).toBeGreaterThan(1040);
    expect(doc).toEqual(before);
    // Unchanged steps keep their identity (memoised canvas nodes do not re-render).
    expect(next.steps[0]).toBe(doc.steps[0]);
    const again = addStep(next, { kind: 'review', sector: 'self_care' });
    expect(again.stepId).toBe('s7');
  });

  it('skips an id a transition already uses', () => {
    const doc = { ...small(), transitions: [...small().transitions, { id: 's6', from: 's1', to: 's4', information: 'none' as const }] };
    expect(addStep(doc, { kind: 'review', sector: 'self_care' }).stepId).toBe('s7');
  });

  it('keeps a given id and position, and refuses one already in use', () => {
    const { doc, stepId } = addStep(small(), { kind: 'support', sector: 'voluntary_community', id: 'peer-group', position: { x: 5, y: 7 } });
    expect(stepId).toBe('peer-group');
    expect(doc.layout?.['peer-group']).toEqual({ x: 5, y: 7 });
    expect(codeOf(() => addStep(small(), { kind: 'support', sector: 'social_care', id: 's2' }))).toBe('duplicate_id');
    expect(codeOf(() => addStep(small(), { kind: 'support', sector: 'social_care', id: 't1' }))).toBe('duplicate_id');
    expect(codeOf(() => addStep(small(), { kind: 'support', sector: 'social_care', id: ' padded' }))).toBe('invalid_value');
    expect(codeOf(() => addStep(small(), { kind: 'support', sector: 'social_care', title: '   ' }))).toBe('invalid_value');
  });

  it('creates a layout when the document had none', () => {
    const { layout: _l, ...rest } = small();
    const { doc, stepId } = addStep(rest, { kind: 'review', sector: 'mental_health' });
    expect(doc.layout).toEqual({ [stepId]: { x: 0, y: laneY('mental_health') } });
  });
});

describe('withIds and retired ids', () => {
  it('never hands out an id that is retired (deleted, but pinned by comments, votes or a saved version)', () => {
    // s5 was the highest step; it is deleted, and a comment is still pinned to it.
    const doc = removeStep(small(), 's5');
    const plain = withIds(doc, { type: 'addStep', input: { kind: 'review', sector: 'self_care' } });
    expect(plain.type === 'addStep' && plain.input.id).toBe('s5');
    const retired = new Set(['s5', 's9', 'not-numbered']);
    const fresh = withIds(doc, { type: 'addStep', input: { kind: 'review', sector: 'self_care' } }, retired);
    // One more than the highest retired number, so later numbers are not reused either.
    expect(fresh.type === 'addStep' && fresh.input.id).toBe('s10');
    const route = withIds(doc, { type: 'connect', from: 's1', to: 's4' }, new Set(['t5', 't8']));
    expect(route.type === 'connect' && route.input?.id).toBe('t9');
  });

  it('keeps an id the command already carries, retired or not', () => {
    const given = withIds(small(), { type: 'addStep', input: { kind: 'review', sector: 'self_care', id: 'own' } }, new Set(['own']));
    expect(given.type === 'addStep' && given.input.id).toBe('own');
  });
});

describe('connect', () => {
  it('defaults to no information and a fresh id, even for a second route between the same steps', () => {
    const doc = deepFreeze(small());
    const first = connect(doc, 's1', 's4');
    expect(first.transitionId).toBe('t6');
    expect(first.doc.transitions.at(-1)).toEqual({ id: 't6', from: 's1', to: 's4', information: 'none' });
    const second = connect(first.doc, 's1', 's4', { information: 'letter', label: 'Urgent' });
    expect(second.transitionId).toBe('t7');
    expect(second.doc.transitions.at(-1)).toEqual({ id: 't7', from: 's1', to: 's4', information: 'letter', label: 'Urgent' });
    expectValid(second.doc);
  });

  it('allows a loop from a step to itself, as the format does', () => {
    const { doc } = connect(small(), 's5', 's5', { label: 'Until stable' });
    expectValid(doc);
  });

  it('refuses unknown steps, a used id, and decision routes adding up to more than 1', () => {
    expect(codeOf(() => connect(small(), 's1', 'nope'))).toBe('unknown_step');
    expect(codeOf(() => connect(small(), 'nope', 's1'))).toBe('unknown_step');
    expect(codeOf(() => connect(small(), 's1', 's2', { id: 't3' }))).toBe('duplicate_id');
    expect(codeOf(() => connect(small(), 's1', 's2', { id: 's3' }))).toBe('duplicate_id');
    expect(codeOf(() => connect(small(), 's3', 's2', { probability: 0.2 }))).toBe('probabilities_over_one');
    expect(codeOf(() => connect(small(), 's3', 's2', { probability: 0.1 }))).toBeUndefined();
    expect(codeOf(() => connect(small(), 's1', 's2', { probability: 1.5 }))).toBe('invalid_value');
  });
});

describe('moveToLane', () => {
  it('changes the sector and moves the node into the new lane’s row', () => {
    const doc = deepFreeze(small());
    const next = moveToLane(doc, 's2', 'community_health');
    const moved = next.steps.find((s) => s.id === 's2');
    expect(moved?.sector).toBe('community_health');
    expect(next.layout?.s2).toEqual({ x: 260, y: laneY('community_health') });
    expectValid(next);
  });

  it('keeps a setting and lead role that make sense in the new lane, and replaces those that do not', () => {
    const base = updateStep(small(), 's2', { setting: 'pharmacy', leadRole: 'pharmacist' });
    const toCommunity = moveToLane(base, 's2', 'community_health').steps.find((s) => s.id === 's2');
    expect(toCommunity).toMatchObject({ setting: 'pharmacy', leadRole: 'pharmacist' });

    // A GP at the practice moved into hospital care becomes a consultant at outpatients.
    const toHospital = moveToLane(small(), 's2', 'secondary_care').steps.find((s) => s.id === 's2');
    expect(toHospital).toMatchObject({ sector: 'secondary_care', setting: 'hospital_outpatient', leadRole: 'consultant' });

    // A consultant at outpatients moved into self-care becomes the person at home.
    const toSelf = moveToLane(small(), 's3', 'self_care').steps.find((s) => s.id === 's3');
    expect(toSelf).toMatchObject({ setting: 'home', leadRole: 'patient' });
  });

  it('nudges the step right when it would land on a step of the new lane', () => {
    // s3 sits at x=520 in secondary care; moving s5 (x=780) there is clear, moving s2 (x=260) is clear,
    // but after placing s2 at 520 in primary care the lanes would overlap.
    const doc = moveStep(small(), 's2', { x: 540, y: laneY('primary_care') });
    const next = moveToLane(doc, 's2', 'secondary_care');
    const x = next.layout?.s2?.x ?? NaN;
    expect(Math.abs(x - 520)).toBeGreaterThanOrEqual(STEP_NODE_WIDTH);
  });

  it('returns the same document when the step is already in that lane, and refuses unknown ids', () => {
    const doc = small();
    expect(moveToLane(doc, 's2', 'primary_care')).toBe(doc);
    expect(codeOf(() => moveToLane(doc, 'missing', 'primary_care'))).toBe('unknown_step');
  });
});

describe('reorderStep', () => {
  it('lists a lane by x when every step of it is placed, ignoring other lanes', () => {
    expect(laneOrder(small(), 'primary_care')).toEqual(['s1', 's2', 's5', 's4']);
    expect(laneOrder(small(), 'secondary_care')).toEqual(['s3']);
    expect(laneOrder(small(), 'social_care')).toEqual([]);
  });

  it('swaps x with the neighbour in the lane and swaps their places in the steps list', () => {
    const doc = deepFreeze(small());
    const next = reorderStep(doc, 's5', 'earlier');
    expect(laneOrder(next, 'primary_care')).toEqual(['s1', 's5', 's2', 's4']);
    expect(next.layout?.s5).toEqual({ x: 260, y: laneY('primary_care') });
    expect(next.layout?.s2).toEqual({ x: 780, y: laneY('primary_care') });
    expect(next.steps.map((s) => s.id)).toEqual(['s1', 's5', 's3', 's4', 's2']);
    // The secondary-care step in between is untouched.
    expect(next.layout?.s3).toBe(doc.layout?.s3);
    expect(reorderStep(next, 's5', 'later')).toEqual(doc);
  });

  it('does nothing at the ends of a lane', () => {
    const doc = small();
    expect(canReorder(doc, 's1', 'earlier')).toBe(false);
    expect(reorderStep(doc, 's1', 'earlier')).toBe(doc);
    expect(canReorder(doc, 's4', 'later')).toBe(false);
    expect(reorderStep(doc, 's4', 'later')).toBe(doc);
    expect(reorderStep(doc, 's3', 'later')).toBe(doc);
    expect(canReorder(doc, 's2', 'later')).toBe(true);
  });

  it('uses the order of the steps list when a lane is not laid out', () => {
    const { layout: _l, ...doc } = small();
    expect(laneOrder(doc, 'primary_care')).toEqual(['s1', 's2', 's4', 's5']);
    const next = reorderStep(doc, 's5', 'earlier');
    expect(laneOrder(next, 'primary_care')).toEqual(['s1', 's2', 's5', 's4']);
    expect(next.layout).toBeUndefined();
  });
});

describe('moveStep and dropStep', () => {
  it('moveStep changes the layout only', () => {
    const doc = small();
    const next = moveStep(doc, 's2', { x: 300, y: laneY('social_care') });
    expect(next.steps).toBe(doc.steps);
    expect(next.layout?.s2).toEqual({ x: 300, y: laneY('social_care') });
    expect(moveStep(next, 's2', { x: 300, y: laneY('social_care') })).toBe(next);
    expect(codeOf(() => moveStep(doc, 's2', { x: Number.NaN, y: 0 }))).toBe('invalid_value');
  });

  it('dropStep moves the step into the lane under its centre and keeps it inside the lane', () => {
    const doc = small();
    const y = laneTop('social_care') + LANE_HEIGHT - STEP_NODE_HEIGHT / 2 - 1; // centre just inside social care
    const next = dropStep(doc, 's2', { x: 400, y });
    const s2 = next.steps.find((s) => s.id === 's2');
    expect(s2).toMatchObject({ sector: 'social_care', setting: 'social_care_service', leadRole: 'social_worker' });
    expect(next.layout?.s2?.y).toBe(laneTop('social_care') + LANE_HEIGHT - STEP_NODE_HEIGHT);
    expectValid(next);
    // Dropped within its own lane: layout only.
    const within = dropStep(doc, 's2', { x: 10, y: laneY('primary_care') + 5 });
    expect(within.steps).toBe(doc.steps);
  });
});

describe('updateStep', () => {
  it('applies a patch, clears optional fields with null, and changes only the flags named', () => {
    const doc = deepFreeze(small());
    const a = updateStep(doc, 's2', { hours: 'in_hours', patientBenefit: 'Diagnosis early', flags: { carerInvolved: true } });
    const s2 = a.steps.find((s) => s.id === 's2');
    expect(s2).toMatchObject({ hours: 'in_hours', patientBenefit: 'Diagnosis early' });
    expect(s2?.flags.carerInvolved).toBe(true);
    expect(s2?.flags.whatMattersToMe).toBe(false);
    const b = updateStep(a, 's2', { hours: null, patientBenefit: undefined });
    const cleared = b.steps.find((s) => s.id === 's2');
    expect(cleared && 'hours' in cleared).toBe(false);
    expect(cleared && 'patientBenefit' in cleared).toBe(false);
    expect(a.steps[0]).toBe(doc.steps[0]);
  });

  it('keeps text as typed, trailing space and all', () => {
    const next = updateStep(small(), 's2', { title: 'Spirometry ' });
    expect(next.steps.find((s) => s.id === 's2')?.title).toBe('Spirometry ');
  });

  it('returns the same document when nothing changes', () => {
    const doc = small();
    expect(updateStep(doc, 's2', { title: 'Step s2' })).toBe(doc);
    expect(updateStep(doc, 's2', {})).toBe(doc);
  });

  it('names each bad field so the inspector can show the error beside it', () => {
    let error: unknown;
    try {
      updateStep(small(), 's2', { title: '', leadRole: 'wizard' as never });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CommandError);
    const issues = (error as CommandError).issues.map((i) => i.path).sort();
    expect(issues).toEqual(['leadRole', 'title']);
    expect((error as CommandError).message).toContain('Step s2');
  });

  it('never changes an id and ignores fields that are not part of a step', () => {
    expect(codeOf(() => updateStep(small(), 's2', { id: 's9' }))).toBe('id_change');
    const next = updateStep(small(), 's2', { title: 'x', bogus: 1 } as never);
    expect('bogus' in (next.steps.find((s) => s.id === 's2') ?? {})).toBe(false);
  });

  it('keeps one entry and one exit, and decision routes within 1', () => {
    expect(codeOf(() => updateStep(small(), 's1', { kind: 'assessment' }))).toBe('last_entry');
    expect(codeOf(() => updateStep(small(), 's4', { kind: 'review' }))).toBe('last_exit');
    const twoEntries = addStep(small(), { kind: 'entry', sector: 'self_care' }).doc;
    expect(codeOf(() => updateStep(twoEntries, 's1', { kind: 'assessment' }))).toBeUndefined();
    // s2 has a route with probability 1; adding another makes it a decision over 1.
    const withSecond = connect(small(), 's2', 's5', { probability: 0.5 }).doc;
    expect(codeOf(() => updateStep(withSecond, 's2', { kind: 'decision' }))).toBe('probabilities_over_one');
  });

  it('moves the node into the new lane when the inspector changes the sector', () => {
    const next = updateStep(small(), 's2', { sector: 'mental_health', setting: 'community', leadRole: 'consultant' });
    expect(next.layout?.s2).toEqual({ x: 260, y: laneY('mental_health') });
    expect(next.steps.find((s) => s.id === 's2')).toMatchObject({ setting: 'community', leadRole: 'consultant' });
  });
});

describe('updateTransition and removeTransition', () => {
  it('changes fields and reconnects ends, refusing missing steps and id changes', () => {
    const doc = small();
    const next = updateTransition(doc, 't1', { information: 'shared_record', targetDays: 14, to: 's5' });
    expect(next.transitions[0]).toEqual({ id: 't1', from: 's1', to: 's5', information: 'shared_record', targetDays: 14 });
    expect(codeOf(() => updateTransition(doc, 't1', { to: 'ghost' }))).toBe('unknown_step');
    expect(codeOf(() => updateTransition(doc, 't1', { id: 't9' }))).toBe('id_change');
    expect(codeOf(() => updateTransition(doc, 'nope', { label: 'x' }))).toBe('unknown_transition');
    expect(codeOf(() => updateTransition(doc, 't4', { probability: 0.5 }))).toBe('probabilities_over_one');
    expect(codeOf(() => updateTransition(doc, 't1', { information: 'fax' as never }))).toBe('invalid_value');
    expect(updateTransition(doc, 't1', { information: 'letter' })).toBe(doc);
    const cleared = updateTransition(doc, 't3', { probability: null });
    expect('probability' in (cleared.transitions[2] ?? {})).toBe(false);
  });

  it('removes one transition', () => {
    const next = removeTransition(small(), 't2');
    expect(next.transitions.map((t) => t.id)).toEqual(['t1', 't3', 't4', 't5']);
    expect(codeOf(() => removeTransition(small(), 't2x'))).toBe('unknown_transition');
  });
});

describe('removeStep', () => {
  it('removes the step, every transition touching it and its layout entry', () => {
    const doc = deepFreeze(small());
    const next = removeStep(doc, 's3');
    expect(next.steps.map((s) => s.id)).toEqual(['s1', 's2', 's4', 's5']);
    expect(next.transitions.map((t) => t.id)).toEqual(['t1', 't5']);
    expect(next.layout && 's3' in next.layout).toBe(false);
    expectValid(next);
  });

  it('refuses to delete the only entry or exit, or an unknown step', () => {
    expect(codeOf(() => removeStep(small(), 's1'))).toBe('last_entry');
    expect(codeOf(() => removeStep(small(), 's4'))).toBe('last_exit');
    expect(codeOf(() => removeStep(small(), 's99'))).toBe('unknown_step');
  });
});

describe('updateMetadata', () => {
  it('changes pathway fields and merges metadata, null removing a field', () => {
    const doc = deepFreeze(updateMetadata(small(), { summary: 'About COPD', metadata: { reviewDate: '2027-06-30', evaluationPlan: 'PROMs' } }));
    expect(doc.summary).toBe('About COPD');
    expect(doc.metadata).toEqual({ incentives: [], socialValue: [], reviewDate: '2027-06-30', evaluationPlan: 'PROMs' });
    const next = updateMetadata(doc, { summary: null, metadata: { evaluationPlan: null }, conditions: ['COPD', 'Heart failure'] });
    expect('summary' in next).toBe(false);
    expect(next.metadata).toEqual({ incentives: [], socialValue: [], reviewDate: '2027-06-30' });
    expect(next.conditions).toEqual(['COPD', 'Heart failure']);
    expectValid(next);
  });

  it('refuses invalid values and ignores anything that is not a pathway field', () => {
    expect(codeOf(() => updateMetadata(small(), { title: '' }))).toBe('invalid_value');
    expect(codeOf(() => updateMetadata(small(), { metadata: { reviewDate: '30/06/2027' } }))).toBe('invalid_value');
    const doc = small();
    const next = updateMetadata(doc, { title: 'Renamed', steps: [] } as never);
    expect(next.steps).toBe(doc.steps);
    expect(updateMetadata(doc, { title: doc.title })).toBe(doc);
  });
});

describe('setLayout and replaceDocument', () => {
  it('setLayout sets several positions at once and refuses unknown steps', () => {
    const next = setLayout(small(), { s1: { x: 1, y: 2 }, s2: { x: 3, y: 4 } });
    expect(next.layout?.s1).toEqual({ x: 1, y: 2 });
    expect(next.layout?.s3).toEqual(small().layout?.s3);
    expect(codeOf(() => setLayout(small(), { zz: { x: 0, y: 0 } }))).toBe('unknown_step');
  });

  it('replaceDocument accepts a valid pathway and refuses an invalid one with its errors', () => {
    const other = generatePathway({ steps: 5, seed: 9 });
    expect(replaceDocument(small(), other)).toEqual(other);
    let error: unknown;
    try {
      replaceDocument(small(), { ...other, steps: [] });
    } catch (e) {
      error = e;
    }
    expect((error as CommandError).code).toBe('invalid_document');
    expect((error as CommandError).issues.length).toBeGreaterThan(0);
  });
});

describe('applyCommand', () => {
  it('gives the same document wherever a command with ids is replayed', () => {
    const doc = small();
    const cmd = withIds(doc, { type: 'addStep', input: { kind: 'support', sector: 'voluntary_community' } });
    expect(cmd).toMatchObject({ input: { id: 's6' } });
    const wire = JSON.parse(JSON.stringify(cmd)) as Command;
    expect(applyCommand(structuredClone(doc), wire)).toEqual(applyCommand(doc, cmd));
    const link = withIds(doc, { type: 'connect', from: 's1', to: 's3' });
    expect(link).toMatchObject({ input: { id: 't6' } });
  });

  it('clears an optional field sent over the wire as null', () => {
    const doc = updateStep(small(), 's2', { hours: 'always' });
    const wire = JSON.parse(JSON.stringify({ type: 'updateStep', stepId: 's2', patch: { hours: null } })) as Command;
    expect(applyCommand(doc, wire).steps.find((s) => s.id === 's2')?.hours).toBeUndefined();
  });

  it('applies a batch all together, or throws and leaves the document as it was', () => {
    const doc = deepFreeze(small());
    const ok = applyCommand(doc, {
      type: 'batch',
      commands: [
        { type: 'addStep', input: { kind: 'support', sector: 'social_care' } },
        { type: 'connect', from: 's5', to: 's6' },
      ],
    });
    expect(ok.transitions.at(-1)).toMatchObject({ from: 's5', to: 's6' });
    expect(() =>
      applyCommand(doc, { type: 'batch', commands: [{ type: 'removeStep', stepId: 's2' }, { type: 'removeStep', stepId: 's1' }] }),
    ).toThrow(CommandError);
    expect(doc.steps).toHaveLength(5);
  });

  it('coalesces typing into one field, not choices or other commands', () => {
    expect(coalesceKeyFor({ type: 'updateStep', stepId: 's2', patch: { title: 'a' } })).toBe('step:s2:title');
    expect(coalesceKeyFor({ type: 'updateStep', stepId: 's3', patch: { title: 'a' } })).toBe('step:s3:title');
    expect(coalesceKeyFor({ type: 'updateMetadata', patch: { metadata: { evaluationPlan: 'x' } } })).toBe('pathway:metadata.evaluationPlan');
    expect(coalesceKeyFor({ type: 'updateTransition', transitionId: 't1', patch: { label: 'x' } })).toBe('transition:t1:label');
    expect(coalesceKeyFor({ type: 'updateStep', stepId: 's2', patch: { sector: 'self_care' } })).toBeUndefined();
    expect(coalesceKeyFor({ type: 'updateStep', stepId: 's2', patch: { flags: { carerInvolved: true } } })).toBeUndefined();
    expect(coalesceKeyFor({ type: 'updateStep', stepId: 's2', patch: { title: 'a', hours: 'always' } })).toBeUndefined();
    expect(coalesceKeyFor({ type: 'removeStep', stepId: 's2' })).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// Property: any sequence of commands on any generated pathway keeps it valid and never mutates.
// ---------------------------------------------------------------------------------------------

type Pick = (n: number) => number;

/** Build a random command against the current document from a stream of random numbers. */
function randomCommand(doc: Pathway, choice: number, r: Pick): Command {
  const stepIds = doc.steps.map((s) => s.id);
  const transitionIds = doc.transitions.map((t) => t.id);
  const anyStep = () => (r(10) === 0 ? 'missing' : (stepIds[r(stepIds.length)] ?? 'missing'));
  const anyTransition = () => (r(10) === 0 ? 'missing' : (transitionIds[r(transitionIds.length)] ?? 'missing'));
  const sector = () => SECTORS[r(SECTORS.length)] as Sector;
  switch (choice % 12) {
    case 0:
      return { type: 'addStep', input: { kind: STEP_KINDS[r(STEP_KINDS.length)] as Step['kind'], sector: sector() } };
    case 1:
      return { type: 'connect', from: anyStep(), to: anyStep(), input: r(3) === 0 ? { probability: r(100) / 100 } : {} };
    case 2:
      return { type: 'moveToLane', stepId: anyStep(), sector: sector() };
    case 3:
      return { type: 'reorderStep', stepId: anyStep(), direction: r(2) === 0 ? 'earlier' : 'later' };
    case 4:
      return { type: 'dropStep', stepId: anyStep(), position: { x: r(2000), y: r(1200) - 100 } };
    case 5:
      return {
        type: 'updateStep',
        stepId: anyStep(),
        patch: [
          { kind: STEP_KINDS[r(STEP_KINDS.length)] as Step['kind'] },
          { title: r(4) === 0 ? '' : `Title ${r(100)}` },
          { hours: r(2) === 0 ? null : 'always' },
          { flags: { carerSupport: r(2) === 0 } },
          { sector: sector() },
        ][r(5)] as Command & object,
      } as Command;
    case 6:
      return {
        type: 'updateTransition',
        transitionId: anyTransition(),
        patch: [{ probability: r(101) / 100 }, { to: anyStep() }, { information: 'none' }, { label: null }][r(4)] as object,
      } as Command;
    case 7:
    case 8:
      return { type: 'removeStep', stepId: anyStep() };
    case 9:
      return { type: 'removeTransition', transitionId: anyTransition() };
    case 10:
      return { type: 'updateMetadata', patch: r(2) === 0 ? { title: r(3) === 0 ? ' ' : 'T' } : { summary: null } };
    default:
      return { type: 'moveStep', stepId: anyStep(), position: { x: r(1000), y: r(1000) } };
  }
}

describe('command sequences (property)', () => {
  it('always leave a pathway that passes parsePathway, with no dangling transition, and never mutate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 25 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.boolean(),
        fc.array(fc.tuple(fc.nat(), fc.array(fc.nat(), { minLength: 8, maxLength: 8 })), { minLength: 1, maxLength: 40 }),
        (size, seed, withLayout, script) => {
          let doc = deepFreeze(generatePathway({ steps: size, seed, layout: withLayout }));
          expectValid(doc);
          for (const [choice, numbers] of script) {
            let k = 0;
            const r: Pick = (n) => (n <= 0 ? 0 : (numbers[k++ % numbers.length] as number) % n);
            const command = withIds(doc, randomCommand(doc, choice, r));
            const snapshot = JSON.stringify(doc);
            let next: Pathway;
            try {
              next = applyCommand(doc, command);
            } catch (e) {
              if (!(e instanceof CommandError)) throw e;
              expect(JSON.stringify(doc)).toBe(snapshot);
              continue;
            }
            expect(JSON.stringify(doc)).toBe(snapshot);
            const ids = new Set(next.steps.map((s) => s.id));
            for (const t of next.transitions) {
              expect(ids.has(t.from) && ids.has(t.to)).toBe(true);
            }
            for (const key of Object.keys(next.layout ?? {})) expect(ids.has(key)).toBe(true);
            expectValid(next);
            doc = deepFreeze(next);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('what an undo step is called', () => {
  it('names an edited field in the words of its label, never its code name', () => {
    expect(describeCommand({ type: 'updateStep', stepId: 's1', patch: { patientBenefit: 'x' } })).toBe(
      'edit step (why it helps the person)',
    );
    expect(describeCommand({ type: 'updateStep', stepId: 's1', patch: { leadRole: 'gp' } })).toBe('edit step (who leads)');
    expect(describeCommand({ type: 'updateTransition', transitionId: 't1', patch: { targetDays: 3 } })).toBe(
      'edit transition (expected wait)',
    );
    expect(describeCommand({ type: 'updateStep', stepId: 's1', patch: { title: 'a', kind: 'review' } })).toBe('edit step');
  });
});
