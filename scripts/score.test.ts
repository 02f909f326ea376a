// The `score` command as a process: stdout, stderr and exit codes for a valid file and for each
// kind of invalid input. Invalid input exits 2 with a clear message and never a stack trace.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixtures = 'tests/fixtures/pathways';
const scratch = mkdtempSync(join(tmpdir(), 'pathweave-score-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function score(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/score.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A stack trace has lines like "    at main (file:///...)". */
function expectNoStackTrace(stderr: string) {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toContain('Error:');
}

describe('npm run score', { timeout: 60_000 }, () => {
  it('prints the JSON result for a valid pathway and exits 0', () => {
    const r = score(`${fixtures}/good-pathway.json`);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const json = JSON.parse(r.stdout);
    expect(json.pathway).toEqual({ title: 'COPD: breathlessness to long-term support (test fixture)' });
    expect(json.frameworks.map((f: { id: string }) => f.id)).toEqual(['rcgp-five-tests', 'national-voices']);
    const rcgp = json.frameworks[0];
    expect(rcgp.score).toBe(1);
    expect(rcgp.criteria).toHaveLength(5);
    expect(Object.keys(rcgp.criteria[0])).toEqual([
      'id',
      'title',
      'status',
      'score',
      'measure',
      'evidence',
      'findings',
      'advice',
      'rule',
    ]);
    // without --collab and --today, NV 6, 9 and 12 need judgement
    expect(json.frameworks[1].needsJudgement).toBe(3);
    expect(json.journey.steps).toBe(6);
  });

  it('uses --collab and --today to settle the criteria that need them', () => {
    const r = score(
      `${fixtures}/good-pathway.json`,
      '--collab',
      `${fixtures}/collaboration.json`,
      '--today',
      '2026-01-15',
    );
    expect(r.code).toBe(0);
    const nv = JSON.parse(r.stdout).frameworks[1];
    expect(nv.needsJudgement).toBe(0);
    expect(nv.criteria.find((c: { id: string }) => c.id === 'nv-12').status).toBe('met');
    // a later "today" puts the review date (2030-06-30) in the past
    const late = score(
      `${fixtures}/good-pathway.json`,
      '--collab',
      `${fixtures}/collaboration.json`,
      '--today=2031-01-01',
    );
    expect(JSON.parse(late.stdout).frameworks[1].criteria.find((c: { id: string }) => c.id === 'nv-12').status).toBe(
      'not_met',
    );
  });

  it('prints a readable report with --format text', () => {
    const r = score(`${fixtures}/good-pathway.json`, '--format', 'text');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Pathway: COPD: breathlessness to long-term support (test fixture)');
    expect(r.stdout).toContain('RCGP five tests of integrated care (v1.2.0): 100%');
    expect(r.stdout).toContain('[NEEDS JUDGEMENT] nv-6');
    expect(r.stdout).toContain('Journey');
    expect(() => JSON.parse(r.stdout)).toThrow();
  });

  const invalid: [string, string, RegExp][] = [
    [
      'an unknown vocabulary value',
      'invalid-vocabulary.json',
      /steps\[2\]\.sector: .*"community", which is not an allowed value\. Allowed values: self_care, primary_care/,
    ],
    [
      'a transition to a step that does not exist',
      'invalid-dangling-transition.json',
      /transitions\[5\]\.to: Transition 6 goes to step "nowhere", but no step has that id/,
    ],
    [
      'duplicate ids',
      'invalid-duplicate-ids.json',
      /steps\[3\]\.id: Step 4 has the id "clinic"[\s\S]*transitions\[5\]\.id: Transition 6 has the id "t1"/,
    ],
    ['no entry step', 'invalid-no-entry.json', /The pathway has no entry step/],
  ];
  for (const [what, file, message] of invalid) {
    it(`exits 2 with a clear message for ${what}`, () => {
      const r = score(`${fixtures}/${file}`);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^score: ".*" is not a valid pathway \(\d+ problems?\):/);
      expect(r.stderr).toMatch(message);
      expectNoStackTrace(r.stderr);
    });
  }

  it('exits 2 with the line and column for a file that is not JSON', () => {
    // the good fixture with a trailing comma after the last transition
    const good = readFileSync(join(root, fixtures, 'good-pathway.json'), 'utf8');
    const at = good.lastIndexOf('}\n  ]');
    const broken = `${good.slice(0, at)}},\n  ]${good.slice(at + '}\n  ]'.length)}`;
    const line = broken.slice(0, at).split('\n').length + 1; // the line of the "]" after the comma
    writeFileSync(join(scratch, 'trailing-comma.json'), broken);
    const r = score(join(scratch, 'trailing-comma.json'));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      `not valid JSON: a comma before "]" (trailing commas are not allowed) at line ${line}, column 3.`,
    );
    expectNoStackTrace(r.stderr);
  });

  it('exits 2 for a missing file', () => {
    const r = score('tests/fixtures/pathways/no-such-file.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'score: Cannot read pathway file "tests/fixtures/pathways/no-such-file.json": there is no such file.\n',
    );
  });

  it('exits 2 for a folder given as the file', () => {
    const r = score(fixtures);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('it is a folder, not a file');
    expectNoStackTrace(r.stderr);
  });

  it('exits 2 for an empty file and for JSON that is not an object', () => {
    writeFileSync(join(scratch, 'empty.json'), '');
    writeFileSync(join(scratch, 'list.json'), '[1, 2]');
    const empty = score(join(scratch, 'empty.json'));
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('The file is empty');
    const list = score(join(scratch, 'list.json'));
    expect(list.code).toBe(2);
    expect(list.stderr).toContain('A pathway must be a JSON object, but this is a list.');
    expectNoStackTrace(list.stderr);
  });

  it('exits 2 for an invalid collaboration record', () => {
    const r = score(`${fixtures}/good-pathway.json`, '--collab', `${fixtures}/invalid-collaboration.json`);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('participants.0.role');
    expect(r.stderr).toContain('versionCount');
    expectNoStackTrace(r.stderr);
  });

  const usage: [string, string[], string][] = [
    ['no file', [], 'No pathway file given.'],
    ['an unknown option', [`${fixtures}/good-pathway.json`, '--verbose'], 'Unknown option --verbose.'],
    [
      'a bad --format',
      [`${fixtures}/good-pathway.json`, '--format', 'xml'],
      '--format must be "json" or "text", not "xml".',
    ],
    [
      'an impossible --today',
      [`${fixtures}/good-pathway.json`, '--today', '2026-02-30'],
      '--today must be a real date written YYYY-MM-DD',
    ],
    ['an option with no value', [`${fixtures}/good-pathway.json`, '--today'], '--today needs a value.'],
    [
      'two files',
      [`${fixtures}/good-pathway.json`, `${fixtures}/good-pathway.json`],
      'Give one pathway file, not several',
    ],
  ];
  for (const [what, args, message] of usage) {
    it(`exits 2 with usage help for ${what}`, () => {
      const r = score(...args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(message);
      expectNoStackTrace(r.stderr);
    });
  }

  it('prints help and exits 0 with --help', () => {
    const r = score('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: npm run score -- <pathway.json>');
  });
});
