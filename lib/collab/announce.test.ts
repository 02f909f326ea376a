// What screen reader users are told of other people's live changes (lib/collab/announce.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyCommand, withIds } from '@/lib/pathway/commands';
import { generatePathway } from '@/lib/pathway/generate';
import type { Command } from '@/lib/pathway/commands';
import type { Pathway } from '@/lib/pathway/schema';
import {
  ANNOUNCER_TIMING,
  changesBetween,
  creditOf,
  gather,
  LiveAnnouncer,
  lostStepText,
  OTHERS,
  summarise,
  whoDid,
  type Author,
  type LiveChange,
  type RemoteAuthors,
} from './announce';

const SAM: Author = { id: 'u-sam', name: 'Sam Jones', role: 'practice_nurse' };
const PRIYA: Author = { id: 'u-priya', name: 'Priya Osei', role: 'carer' };

function run(doc: Pathway, command: Command): Pathway {
  return applyCommand(doc, withIds(doc, command, new Set()));
}

describe('changesBetween', () => {
  const start = generatePathway({ steps: 5, seed: 7, layout: true });
  const [first, second] = start.steps as [Pathway['steps'][number], Pathway['steps'][number]];

  it('names a rename, an addition, a deletion and other changes to a step', () => {
    const renamed = run(start, { type: 'updateStep', stepId: first.id, patch: { title: 'Nurse triage' } });
    expect(changesBetween(start, renamed)).toEqual([
      { kind: 'step-renamed', id: first.id, from: first.title, to: 'Nurse triage' },
    ]);

    const added = run(start, {
      type: 'addStep',
      input: { kind: 'review', sector: 'primary_care', title: 'Falls review' },
    });
    expect(changesBetween(start, added)).toEqual([
      expect.objectContaining({ kind: 'step-added', title: 'Falls review' }),
    ]);

    const other = start.steps.find((s) => s.kind !== 'entry' && s.kind !== 'exit') as Pathway['steps'][number];
    const removed = run(start, { type: 'removeStep', stepId: other.id });
    // The step's transitions go with it, and are not told apart from it.
    expect(changesBetween(start, removed)).toEqual([{ kind: 'step-removed', id: other.id, title: other.title }]);

    const changed = run(start, {
      type: 'updateStep',
      stepId: second.id,
      patch: { patientBenefit: 'Fewer trips to hospital' },
    });
    expect(changesBetween(start, changed)).toEqual([{ kind: 'step-changed', id: second.id, title: second.title }]);
  });

  it('leaves out moves on the canvas, and names transitions by their steps', () => {
    const moved = run(start, { type: 'moveStep', stepId: first.id, position: { x: 999, y: 999 } });
    expect(changesBetween(start, moved)).toEqual([]);
    const connected = run(start, { type: 'connect', from: first.id, to: second.id, input: { information: 'letter' } });
    const lines = changesBetween(start, connected);
    expect(lines).toEqual([expect.objectContaining({ kind: 'transition-added', from: first.title, to: second.title })]);
  });
});

describe('sentences and summaries', () => {
  it('names one person with their role, several by name, and nobody as "Someone"', () => {
    expect(whoDid([SAM])).toBe('Sam Jones (Practice nurse)');
    expect(whoDid([SAM, PRIYA, SAM])).toBe('Sam Jones and Priya Osei');
    expect(whoDid(null)).toBe('Someone');
  });

  it('says one change as a sentence', () => {
    expect(
      summarise([{ by: [SAM], change: { kind: 'step-renamed', id: 's1', from: 'Triage', to: 'Nurse triage' } }]),
    ).toBe('Sam Jones (Practice nurse) renamed the step “Triage” to “Nurse triage”.');
    expect(summarise([{ by: null, change: { kind: 'dots', stepId: 's1', title: 'Triage', dots: 3 } }])).toBe(
      '“Triage” now has 3 dots.',
    );
    expect(summarise([{ by: [PRIYA], change: { kind: 'comment', id: 'c1', on: null, reply: false } }])).toBe(
      'Priya Osei (Carer) commented on the whole pathway.',
    );
  });

  it('counts several changes, by whom and of what', () => {
    const pending = [
      { by: [SAM], change: { kind: 'step-added', id: 's1', title: 'A' } as LiveChange },
      { by: [SAM], change: { kind: 'step-added', id: 's2', title: 'B' } as LiveChange },
      { by: [PRIYA], change: { kind: 'comment', id: 'c1', on: 'A', reply: false } as LiveChange },
    ];
    expect(summarise(pending)).toBe('3 changes by Sam Jones and Priya Osei: 2 steps added, 1 comment.');
    expect(summarise([...pending, { by: null, change: { kind: 'dots', stepId: 's1', title: 'A', dots: 1 } }])).toBe(
      '4 changes by Sam Jones, Priya Osei and others: 2 steps added, 1 step with new dots, 1 comment.',
    );
    expect(summarise([])).toBeNull();
  });

  it('says whose deletion took the step this person was on, or had selected', () => {
    expect(lostStepText([SAM], 'Triage', true)).toBe(
      'Sam Jones (Practice nurse) deleted the step “Triage” you were on.',
    );
    expect(lostStepText(null, 'Triage', false)).toBe('Someone deleted the step “Triage” you had selected.');
    expect(lostStepText(null, 'Triage', true, true)).toBe(
      'You deleted the step “Triage” you were on in another window.',
    );
  });
});

describe('creditOf: whom a change is put down to', () => {
  const alone: RemoteAuthors = { people: [PRIYA], someoneElse: false, ownOnly: false };

  it('names the one person who wrote, for what they added and what they deleted', () => {
    expect(creditOf(alone)).toEqual({ by: [PRIYA], deletedBy: [PRIYA] });
    expect(creditOf(null)).toEqual({ by: null, deletedBy: null });
    expect(creditOf({ people: [], someoneElse: true, ownOnly: false })).toEqual({ by: null, deletedBy: null });
  });

  it('never names one person for a deletion that someone else may have made', () => {
    // Sam wrote too, but has left (or a writer nobody knows): Priya and others; the deletion is nobody's.
    expect(creditOf({ ...alone, someoneElse: true })).toEqual({ by: [PRIYA, OTHERS], deletedBy: null });
    // Two people wrote: either may have deleted it.
    expect(creditOf({ ...alone, people: [PRIYA, SAM] })).toEqual({ by: [PRIYA, SAM], deletedBy: null });
    // This person wrote in another window too.
    expect(creditOf({ ...alone, ownToo: true })).toEqual({ by: [PRIYA, OTHERS], deletedBy: null });
    // The catch-up after reconnecting: a deletion carries no writer, so it may be someone's who only deleted.
    expect(creditOf({ ...alone, catchUp: true })).toEqual({ by: [PRIYA], deletedBy: null });
  });

  it('says so in words: "Someone deleted", "Priya Osei and others"', () => {
    const { by, deletedBy } = creditOf({ ...alone, someoneElse: true });
    expect(lostStepText(deletedBy, 'Triage', true)).toBe('Someone deleted the step “Triage” you were on.');
    expect(whoDid(by)).toBe('Priya Osei and others');
    expect(whoDid([OTHERS])).toBe('Someone');
    expect(summarise([{ by, change: { kind: 'step-added', id: 's1', title: 'A' } }])).toBe(
      'Priya Osei and others added the step “A”.',
    );
    expect(
      summarise([
        { by, change: { kind: 'step-added', id: 's1', title: 'A' } },
        { by: [PRIYA], change: { kind: 'step-added', id: 's2', title: 'B' } },
      ]),
    ).toBe('2 changes by Priya Osei and others: 2 steps added.');
  });

  it('puts the deletions in a batch down to `deletedBy` in the announcer, the rest to `by`', () => {
    vi.useFakeTimers();
    try {
      const said: string[] = [];
      const a = new LiveAnnouncer((t) => said.push(t));
      const { by, deletedBy } = creditOf({ ...alone, catchUp: true });
      a.push(by, [{ kind: 'step-removed', id: 's1', title: 'Triage' }], deletedBy);
      vi.advanceTimersByTime(ANNOUNCER_TIMING.maxWaitMs);
      expect(said).toEqual(['Someone deleted the step “Triage”.']);
      a.push(by, [{ kind: 'step-added', id: 's2', title: 'Falls review' }], deletedBy);
      vi.advanceTimersByTime(ANNOUNCER_TIMING.maxWaitMs);
      expect(said[1]).toBe('Priya Osei (Carer) added the step “Falls review”.');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('gather', () => {
  it('makes one rename of a run of typing, and nothing of a rename put back', () => {
    let p = gather([], [SAM], { kind: 'step-renamed', id: 's1', from: 'Triage', to: 'Triage N' });
    p = gather(p, [SAM], { kind: 'step-renamed', id: 's1', from: 'Triage N', to: 'Nurse triage' });
    expect(p).toEqual([{ by: [SAM], change: { kind: 'step-renamed', id: 's1', from: 'Triage', to: 'Nurse triage' } }]);
    expect(gather(p, [SAM], { kind: 'step-renamed', id: 's1', from: 'Nurse triage', to: 'Triage' })).toEqual([]);
    // Someone else's rename of the same step is theirs.
    expect(gather(p, [PRIYA], { kind: 'step-renamed', id: 's1', from: 'Nurse triage', to: 'Triage' })).toHaveLength(2);
  });

  it('folds changes to a step just added into it, and cancels what was added and then deleted', () => {
    let p = gather([], [SAM], { kind: 'step-added', id: 's9', title: 'New step' });
    p = gather(p, [SAM], { kind: 'step-renamed', id: 's9', from: 'New step', to: 'Falls review' });
    p = gather(p, [SAM], { kind: 'step-changed', id: 's9', title: 'Falls review' });
    expect(p).toEqual([{ by: [SAM], change: { kind: 'step-added', id: 's9', title: 'Falls review' } }]);
    expect(gather(p, [SAM], { kind: 'step-removed', id: 's9', title: 'Falls review' })).toEqual([]);
    // Deleted, then put back by undo: nothing changed.
    const back = gather(gather([], [SAM], { kind: 'step-removed', id: 's2', title: 'B' }), [SAM], {
      kind: 'step-added',
      id: 's2',
      title: 'B',
    });
    expect(back).toEqual([]);
  });

  it('keeps the latest dot count for a step, whoever put the dots', () => {
    let p = gather([], null, { kind: 'dots', stepId: 's1', title: 'A', dots: 1 });
    p = gather(p, null, { kind: 'dots', stepId: 's1', title: 'A', dots: 2 });
    expect(p).toEqual([{ by: null, change: { kind: 'dots', stepId: 's1', title: 'A', dots: 2 } }]);
  });
});

describe('LiveAnnouncer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('says a change once things go quiet, and a burst as one summary', () => {
    const said: string[] = [];
    const a = new LiveAnnouncer((t) => said.push(t));
    a.push([SAM], [{ kind: 'step-renamed', id: 's1', from: 'Triage', to: 'Nurse triage' }]);
    vi.advanceTimersByTime(ANNOUNCER_TIMING.quietMs - 1);
    expect(said).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(said).toEqual(['Sam Jones (Practice nurse) renamed the step “Triage” to “Nurse triage”.']);

    // A burst from two people, a little apart: one summary, no sooner than the gap allows.
    a.push([SAM], [{ kind: 'step-added', id: 's2', title: 'A' }]);
    vi.advanceTimersByTime(500);
    a.push([PRIYA], [{ kind: 'step-added', id: 's3', title: 'B' }]);
    a.push([SAM], [{ kind: 'transition-added', id: 't1', from: 'A', to: 'B' }]);
    vi.advanceTimersByTime(ANNOUNCER_TIMING.minGapMs);
    expect(said).toHaveLength(2);
    expect(said[1]).toBe('3 changes by Sam Jones and Priya Osei: 2 steps added, 1 transition changed.');
  });

  it('never says more than once per gap, however busy the room', () => {
    const said: { at: number; text: string }[] = [];
    const a = new LiveAnnouncer((text) => said.push({ at: Date.now(), text }));
    // A change each time things have just gone quiet, for 20 seconds: without the gap, each would be said.
    const every = ANNOUNCER_TIMING.quietMs + 100;
    for (let t = 0; t < 20_000; t += every) {
      a.push([SAM], [{ kind: 'step-added', id: `s${t}`, title: `Step ${t}` }]);
      vi.advanceTimersByTime(every);
    }
    vi.advanceTimersByTime(ANNOUNCER_TIMING.maxWaitMs + ANNOUNCER_TIMING.minGapMs);
    expect(said.length).toBeGreaterThan(1);
    for (let i = 1; i < said.length; i++)
      expect((said[i] as { at: number }).at - (said[i - 1] as { at: number }).at).toBeGreaterThanOrEqual(
        ANNOUNCER_TIMING.minGapMs,
      );
    expect(said.length).toBeLessThanOrEqual(Math.ceil(20_000 / ANNOUNCER_TIMING.minGapMs) + 1);
    // Nothing lost: every change was told, in one summary or another.
    const told = said.reduce((n, { text }) => n + Number(/^(\d+) changes/.exec(text)?.[1] ?? 1), 0);
    expect(told).toBe(Math.ceil(20_000 / every));
  });

  it('says a room that never pauses before the longest wait', () => {
    const said: { at: number; text: string }[] = [];
    const start = Date.now();
    const a = new LiveAnnouncer((text) => said.push({ at: Date.now() - start, text }));
    // A change every half second for 20 seconds.
    for (let i = 0; i < 40; i++) {
      a.push([SAM], [{ kind: 'step-added', id: `s${i}`, title: `Step ${i}` }]);
      vi.advanceTimersByTime(500);
    }
    expect(said[0]?.at).toBe(ANNOUNCER_TIMING.maxWaitMs);
    expect(said[0]?.text).toMatch(/^\d+ changes by Sam Jones: \d+ steps added\.$/);
  });

  it('waits for a pause in this person’s own messages, but not for ever', () => {
    const said: { at: number; text: string }[] = [];
    const start = Date.now();
    const a = new LiveAnnouncer((text) => said.push({ at: Date.now() - start, text }));
    a.push([SAM], [{ kind: 'step-added', id: 's1', title: 'A' }]);
    // This person's own message every 3 seconds (each less than the gap after the last).
    for (let t = 0; t < 30_000; t += 3_000) {
      a.saidNow();
      vi.advanceTimersByTime(3_000);
    }
    expect(said).toHaveLength(1);
    expect(said[0]?.text).toBe('Sam Jones (Practice nurse) added the step “A”.');
    // Held back by the first messages, then said at the latest the waits allow.
    expect(said[0]?.at).toBe(ANNOUNCER_TIMING.maxWaitMs + ANNOUNCER_TIMING.minGapMs);

    // New changes arriving with the messages: still told.
    const before = said.length;
    for (let t = 0; t < 30_000; t += 3_000) {
      a.saidNow();
      a.push([SAM], [{ kind: 'step-added', id: `n${t}`, title: `N ${t}` }]);
      vi.advanceTimersByTime(3_000);
    }
    expect(said.length).toBeGreaterThan(before + 1);
  });

  it('says nothing when changes cancel out, and waits its turn after something else was said', () => {
    const said: string[] = [];
    const a = new LiveAnnouncer((t) => said.push(t));
    a.push([SAM], [{ kind: 'step-added', id: 's1', title: 'A' }]);
    a.push([SAM], [{ kind: 'step-removed', id: 's1', title: 'A' }]);
    vi.advanceTimersByTime(10_000);
    expect(said).toEqual([]);

    a.saidNow();
    a.push([SAM], [{ kind: 'step-added', id: 's2', title: 'B' }]);
    vi.advanceTimersByTime(ANNOUNCER_TIMING.minGapMs - 1);
    expect(said).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(said).toEqual(['Sam Jones (Practice nurse) added the step “B”.']);
  });

  it('adds the scores when they moved with others’ changes, not when one’s own change moved them', () => {
    const said: string[] = [];
    const a = new LiveAnnouncer((t) => said.push(t));
    a.setScore('Scores now: RCGP five tests 40%, National Voices 50%.');
    // One's own change: nothing waiting, so the new scores are taken as known.
    a.setScore('Scores now: RCGP five tests 45%, National Voices 50%.');
    a.push([SAM], [{ kind: 'step-added', id: 's1', title: 'A' }]);
    vi.advanceTimersByTime(ANNOUNCER_TIMING.quietMs);
    expect(said).toEqual(['Sam Jones (Practice nurse) added the step “A”.']);
    a.push([SAM], [{ kind: 'step-added', id: 's2', title: 'B' }]);
    a.setScore('Scores now: RCGP five tests 60%, National Voices 50%.');
    vi.advanceTimersByTime(ANNOUNCER_TIMING.minGapMs);
    expect(said[1]).toBe(
      'Sam Jones (Practice nurse) added the step “B”. Scores now: RCGP five tests 60%, National Voices 50%.',
    );
  });
});
