import { spawn, type ChildProcess } from 'node:child_process';
import type { TestProject } from 'vitest/node';

/**
 * Integration tests talk to the real app over real HTTP, backed by a real PostgreSQL:
 * this starts `scripts/test-server.ts` on a fresh database and waits until it is healthy.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
  }
}

let child: ChildProcess | undefined;

export default async function setup(project: TestProject) {
  const port = Number(process.env.PATHWEAVE_IT_PORT ?? 3200);
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  child = spawn(process.execPath, ['--import', 'tsx', 'scripts/test-server.ts', 'integration', String(port)], {
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The test server exited early:\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`The test server did not become healthy:\n${output}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const { withDatabase } = await import('../../lib/db/url');
  const { testAdminUrl, testDatabaseName } = await import('../support/testdb');
  project.provide('baseUrl', baseUrl);
  project.provide('databaseUrl', withDatabase(testAdminUrl(), testDatabaseName('integration')));

  return async () => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  };
}
