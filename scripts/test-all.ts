/**
 * `npm test`: every test, in order: unit, integration (real PostgreSQL, real HTTP) and browser
 * end-to-end (real Chromium).
 * - DATABASE_URL set: test databases are created beside it on that server (never the named database itself).
 * - Otherwise an embedded PostgreSQL is started for the run and thrown away afterwards.
 * Ends with one line "N passed, N failed" and a non-zero exit code when anything failed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const reports = path.join(root, 'test-results', 'reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const wants = (suite: string) => only.length === 0 || only.includes(suite);

// The servers started for the tests hand the browser its test hooks (window.__pathweaveLive):
// a setting read when a page is served, not built in, so one build serves tests and `npm start`.
process.env.PATHWEAVE_TEST_HOOKS = '1';

const { ensurePrismaClient } = await import('../lib/db/prepare');
await ensurePrismaClient(root);

let stopDb = async () => undefined as void;
if (!process.env.PATHWEAVE_TEST_ADMIN_URL) {
  if (process.env.DATABASE_URL) {
    const { checkDatabaseUrl, withDatabase } = await import('../lib/db/url');
    const { assertReachable } = await import('../lib/db/reachable');
    checkDatabaseUrl(process.env.DATABASE_URL);
    await assertReachable(process.env.DATABASE_URL);
    process.env.PATHWEAVE_TEST_ADMIN_URL = withDatabase(process.env.DATABASE_URL, 'postgres');
    console.log('Tests use the PostgreSQL server named by DATABASE_URL (in databases of their own).');
  } else {
    const { startEmbeddedPostgres } = await import('../lib/db/embedded');
    const dataDir = path.join(root, '.data', 'test-postgres');
    rmSync(dataDir, { recursive: true, force: true });
    const db = await startEmbeddedPostgres({
      dataDir,
      port: Number(process.env.PATHWEAVE_TEST_DB_PORT ?? 54331),
      database: 'pathweave_test',
      persistent: false,
    });
    process.env.PATHWEAVE_TEST_ADMIN_URL = db.adminUrl;
    stopDb = () => db.stop();
    console.log('Tests use an embedded PostgreSQL started for this run.');
  }
}
// The test servers read DATABASE_URL only through tests/support/testdb.ts.
delete process.env.DATABASE_URL;

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}
const total: Tally = { passed: 0, failed: 0, skipped: 0 };
const failures: string[] = [];

function run(name: string, args: string[], env: Record<string, string> = {}): number {
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) failures.push(name);
  return result.status ?? 1;
}

function tallyVitest(file: string) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  total.passed += report.numPassedTests;
  total.failed += report.numFailedTests;
  total.skipped += report.numPendingTests + report.numTodoTests;
}

function tallyPlaywright(file: string) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  total.passed += report.stats.expected + report.stats.flaky;
  total.failed += report.stats.unexpected;
  total.skipped += report.stats.skipped;
}

const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const playwright = path.join(root, 'node_modules', '@playwright', 'test', 'cli.js');

try {
  if (wants('unit')) {
    const out = path.join(reports, 'unit.json');
    run('Unit tests', [vitest, 'run', '--project', 'unit', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
    tallyVitest(out);
  }
  if (wants('integration') || wants('e2e')) {
    const { ensureBuild } = await import('../lib/db/build');
    console.log('\n=== Production build for the integration and browser tests ===');
    if (!ensureBuild(root)) failures.push('build');
  }
  if (wants('integration') && !failures.includes('build')) {
    const out = path.join(reports, 'integration.json');
    run('Integration tests (real PostgreSQL, real HTTP)', [
      vitest,
      'run',
      '--project',
      'integration',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${out}`,
    ]);
    tallyVitest(out);
  }
  if (wants('e2e') && !failures.includes('build')) {
    const out = path.join(reports, 'e2e.json');
    run('Browser end-to-end tests (Chromium)', [playwright, 'test'], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: out,
      PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
    });
    tallyPlaywright(out);
  }
} finally {
  await stopDb();
}

if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
if (failures.length && total.failed === 0) total.failed = failures.length;
console.log(`\n${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(failures.length ? 1 : 0);
