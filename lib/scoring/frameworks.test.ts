// The framework data: complete, versioned, cited, paraphrased, and in step with the rules.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { good, goodCollab, TODAY } from '../../tests/fixtures/pathways/build';
import { FRAMEWORKS, NATIONAL_VOICES, OWN_DESIGN, RCGP_FIVE_TESTS, SOURCE_NAMES, ruleTag } from './frameworks';
import { RULES, scorePathway } from './score';

const all = FRAMEWORKS.flatMap((f) => f.criteria);
const citedNames = [...Object.values(SOURCE_NAMES), OWN_DESIGN];

describe('framework data', () => {
  it('has the five RCGP tests and the twelve National Voices principles, numbered as in the sources', () => {
    expect(RCGP_FIVE_TESTS.criteria.map((c) => c.id)).toEqual(['rcgp-1', 'rcgp-2', 'rcgp-3', 'rcgp-4', 'rcgp-5']);
    expect(NATIONAL_VOICES.criteria.map((c) => c.id)).toEqual(Array.from({ length: 12 }, (_, i) => `nv-${i + 1}`));
    for (const f of FRAMEWORKS) f.criteria.forEach((c, i) => expect(c.number).toBe(i + 1));
  });

  it('gives every criterion its texts, source, rule and at least one note citing a seed', () => {
    for (const c of all) {
      expect(c.title.length).toBeGreaterThan(10);
      expect(c.summary.length).toBeGreaterThan(30);
      expect(c.howMeasured.length).toBeGreaterThan(50);
      expect(c.source.seed).toMatch(/^00[0-4]_[0-9a-f]{16}\.txt$/);
      expect(c.source.citation).not.toBe('');
      expect(c.rule.id).toBe(c.id);
      expect(c.rule.version).toBeGreaterThanOrEqual(1);
      expect(c.notes.length).toBeGreaterThan(0);
      expect(c.notes.some((n) => citedNames.some((name) => n.includes(name)))).toBe(true);
    }
  });

  // /frameworks shows the notes to clinicians and patients: short source names ("RCGP paper §9.11"),
  // never seed file numbers, design file names or internal rule versions.
  it('cites sources in the notes by short names readers recognise, not by file', () => {
    for (const c of all) {
      for (const n of c.notes) {
        expect(n, c.id).not.toMatch(/\b00[0-4]\b|\.md\b|\.txt\b|rule version/);
      }
    }
    expect(Object.keys(SOURCE_NAMES).every((seed) => /^00[0-4]_[0-9a-f]{16}\.txt$/.test(seed))).toBe(true);
  });

  it('credits phoning a specialist for advice to the GP column (001), and names no publisher the seed does not', () => {
    const notes = RCGP_FIVE_TESTS.criteria.flatMap((c) => c.notes).filter((n) => /phone for advice/.test(n));
    expect(notes).toHaveLength(2);
    for (const n of notes) {
      expect(n).toContain(`(${SOURCE_NAMES['001_88254bb684dff038.txt']})`);
      expect(n).not.toContain(SOURCE_NAMES['000_d1004160187c1ab7.txt'] as string);
    }
    const column = RCGP_FIVE_TESTS.supportingSources.find((s) => s.seed.startsWith('001_'));
    expect(column?.citation).toContain('Mummery');
    expect(column?.citation).not.toContain('GP magazine');
  });

  it('cites the RCGP tests and the National Voices principles by their publication names', () => {
    expect(RCGP_FIVE_TESTS.source.citation).toContain('Five tests of integrated care');
    expect(NATIONAL_VOICES.source.citation).toContain('Principles for Integrated Care');
  });

  it('has one rule per criterion, and results carry the rule id and version from the data', () => {
    expect(Object.keys(RULES).sort()).toEqual(all.map((c) => c.id).sort());
    const results = scorePathway(good(), goodCollab, { today: TODAY }).frameworks.flatMap((f) => f.criteria);
    for (const r of results) expect(r.rule).toBe(ruleTag(all.find((c) => c.id === r.id) as (typeof all)[number]));
    for (const r of results) expect(r.title).toBe(all.find((c) => c.id === r.id)?.title);
  });

  it('marks the criteria that need the collaboration record', () => {
    const usesRecord = all.filter((c) => c.inputs.includes('collaboration')).map((c) => c.id);
    expect(usesRecord).toEqual(['nv-6', 'nv-9', 'nv-12']);
    for (const c of all) expect(c.statuses.includes('needs_judgement')).toBe(usesRecord.includes(c.id));
  });

  // The summaries paraphrase the sources rather than copying them. Checked only where the seed
  // texts are present (they live beside the repository, in ../shared/seeds).
  const seedDir = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));
  it.skipIf(!existsSync(seedDir))(
    'paraphrases the seeds: no summary shares a run of eight words with its source',
    () => {
      const words = (s: string) =>
        s
          .toLowerCase()
          .replace(/[^a-z0-9 ]+/g, ' ')
          .split(/\s+/)
          .filter(Boolean);
      for (const c of all) {
        const source = ` ${words(readFileSync(`${seedDir}${c.source.seed}`, 'utf8')).join(' ')} `;
        const w = words(c.summary);
        for (let i = 0; i + 8 <= w.length; i++) {
          const run = ` ${w.slice(i, i + 8).join(' ')} `;
          expect(source.includes(run), `${c.id}: "${run.trim()}"`).toBe(false);
        }
      }
    },
  );
});
