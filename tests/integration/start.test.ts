import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { recreateDatabase } from '../support/testdb';

/**
 * `npm start` as a process: the embedded default (data survives a restart, SIGTERM leaves no
 * PostgreSQL behind), a second start, and each kind of bad database configuration.
 */
const root = process.cwd();
const children: ChildProcess[] = [];

function start(env: Record<string, string | undefined>): { child: ChildProcess; output: () => string; exited: Promise<number> } {
  let out = '';
  const fullEnv: NodeJS.ProcessEnv = { ...process.env, NEXTAUTH_SECRET: 'test-secret-0123456789abcdef', PATHWEAVE_BCRYPT_COST: '10' };
  delete fullEnv.DATABASE_URL;
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete fullEnv[k];
    else fullEnv[k] = v;
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: root, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? -1)));
  return { child, output: () => out, exited };
}

async function waitFor(predicate: () => boolean, what: string, ms = 120_000) {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function postgresRunning(dataDir: string): boolean {
  const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
  if (!existsSync(pidFile)) return false;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

describe('npm start on the embedded database', () => {
  it('serves with demo data, stops cleanly on SIGTERM, and keeps its data across a restart', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'pathweave-start-'));
    const env = { PATHWEAVE_DATA_DIR: dataDir, PATHWEAVE_DB_PORT: '54377', PORT: '3277' };
    try {
      const first = start(env);
      await waitFor(() => first.output().includes('Pathweave is running at'), 'the first start');
      expect(first.output()).toContain('First start: adding demo data');
      expect(first.output()).toContain('http://127.0.0.1:3277');
      expect(first.output()).toMatch(/gp@pathweave\.test/);
      const health = await fetch('http://127.0.0.1:3277/api/health');
      expect(await health.json()).toMatchObject({ database: 'ok' });
      expect(postgresRunning(dataDir)).toBe(true);

      // A second start from the same data folder says so and does not disturb the first.
      const second = start(env);
      expect(await second.exited).toBe(1);
      expect(second.output()).toMatch(/already running/);
      expect((await fetch('http://127.0.0.1:3277/api/health')).status).toBe(200);

      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      expect(postgresRunning(dataDir)).toBe(false);

      const again = start(env);
      await waitFor(() => again.output().includes('Pathweave is running at'), 'the restart');
      expect(again.output()).not.toContain('First start');
      again.child.kill('SIGINT');
      expect(await again.exited).toBe(0);
      expect(postgresRunning(dataDir)).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});

describe('npm start with a bad DATABASE_URL', () => {
  const cases: [string, string, RegExp][] = [
    ['malformed', 'not a url at all', /DATABASE_URL is not a valid connection string/],
    ['wrong scheme', 'mysql://root@127.0.0.1:3306/pathweave', /must start with postgresql:\/\//],
    ['no database named', 'postgresql://postgres@127.0.0.1:5432', /names no database/],
    ['nothing listening', 'postgresql://postgres@127.0.0.1:1/pathweave', /Cannot reach the database .* nothing is listening at 127\.0\.0\.1:1/],
  ];
  for (const [label, url, message] of cases) {
    it(`says in one line what is wrong when it is ${label}`, async () => {
      const run = start({ DATABASE_URL: url, PORT: '3278' });
      expect(await run.exited).toBe(1);
      const lines = run.output().trim().split('\n').filter((l) => l.includes('could not start'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
      expect(run.output()).not.toMatch(/\n\s+at /); // no stack trace
    }, 60_000);
  }

  it('stops with a clear message when a migration fails, and serves nothing', async () => {
    const url = await recreateDatabase(`pathweave_test_badmigration_${process.pid}`);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    // A type already in the way makes the first migration fail part-way.
    await client.query(`CREATE TYPE "ProfessionalRole" AS ENUM ('x')`);
    await client.end();
    const run = start({ DATABASE_URL: url, PORT: '3279' });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/Database migration "20261123000000_init" failed: type "ProfessionalRole" already exists/);
    expect(run.output()).not.toContain('Pathweave is running');
  }, 60_000);
});

describe('a second start while the integration server runs', () => {
  it('says Pathweave is already running on that port', async () => {
    const port = new URL(inject('baseUrl')).port;
    const run = start({ DATABASE_URL: inject('databaseUrl'), PORT: port });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(new RegExp(`already running .*127\\.0\\.0\\.1:${port}`));
  }, 60_000);
});
