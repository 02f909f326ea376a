import { describe, expect, it } from 'vitest';
import { describeVersionChanges, frameworksWithMixedRules } from './changes';
import { readStoredScores } from './findings';
import { demoPathway, storedScores } from './fixtures.test-helpers';

function side(file: string, number: number, today: string) {
  return {
    number,
    savedAt: `${today}T09:00:00.000Z`,
    note: `Note of version ${number}`,
    author: 'Dr Priya Shah',
    document: demoPathway(file),
    scores: readStoredScores(storedScores(file, number, today)),
  };
}

describe('describeVersionChanges', () => {
  const v1 = side('copd.v1.json', 1, '2026-03-10');
  const v2 = side('copd.v2.json', 2, '2026-06-01');

  it('names the steps added and removed by title, and each criterion whose status changed in words', () => {
    const c = describeVersionChanges({ from: v1, to: v2 });
    expect(c.unreadable).toBe(false);
    expect(c.from).toEqual({ number: 1, savedAt: v1.savedAt, note: 'Note of version 1', author: 'Dr Priya Shah' });
    expect(c.to.note).toBe('Note of version 2');
    const titles1 = new Set(v1.document.steps.map((s) => s.title));
    const titles2 = new Set(v2.document.steps.map((s) => s.title));
    expect(c.stepsAdded.length + c.stepsRemoved.length).toBeGreaterThan(0);
    for (const t of c.stepsAdded) expect(titles2.has(t) && !titles1.has(t)).toBe(true);
    for (const t of c.stepsRemoved) expect(titles1.has(t)).toBe(true);
    // Every criterion whose status differs is listed, with both statuses in words, and no other.
    const status = (s: typeof v1, id: string) =>
      s.scores?.frameworks.flatMap((f) => f.criteria).find((x) => x.id === id)?.status;
    const ids = v2.scores!.frameworks.flatMap((f) => f.criteria.map((x) => x.id));
    const changed = ids.filter((id) => status(v1, id) !== status(v2, id));
    expect(changed.length).toBeGreaterThan(0);
    expect(c.criteria.map((x) => x.criterionId)).toEqual(changed);
    const words = ['Met', 'Partly met', 'Not met', 'Needs judgement'];
    for (const x of c.criteria) {
      expect(words).toContain(x.before);
      expect(words).toContain(x.after);
      expect(x.before).not.toBe(x.after);
      expect(['Better', 'Worse', 'Changed']).toContain(x.direction);
      expect(x.label).toMatch(/^(RCGP|NV) \d+$/);
    }
    expect(c.frameworkVersions).toEqual([]);
  });

  it('says which frameworks were scored with different rules', () => {
    const older = structuredClone(v1);
    older.scores!.frameworks[0]!.version = '0.9.0';
    const c = describeVersionChanges({ from: older, to: v2 });
    const f = v2.scores!.frameworks[0]!;
    expect(c.frameworkVersions).toEqual([{ frameworkId: f.id, title: f.title, before: '0.9.0', after: f.version }]);
  });

  it('compares nothing, but keeps the note, when a version cannot be read', () => {
    const c = describeVersionChanges({ from: { ...v1, scores: null }, to: v2 });
    expect(c).toMatchObject({
      unreadable: true,
      criteria: [],
      stepsAdded: [],
      stepsRemoved: [],
      to: { note: 'Note of version 2' },
    });
  });
});

describe('frameworksWithMixedRules', () => {
  it('marks only a framework whose versions were scored with more than one version of its rules', () => {
    const mixed = frameworksWithMixedRules([
      { frameworkId: 'rcgp', points: [{ frameworkVersion: '1.0.0' }, { frameworkVersion: '1.1.0' }] },
      { frameworkId: 'nv', points: [{ frameworkVersion: '1.0.0' }, { frameworkVersion: '1.0.0' }] },
    ]);
    expect([...mixed]).toEqual(['rcgp']);
  });
});
