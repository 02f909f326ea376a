import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Applies committed migrations with `prisma migrate deploy` (Prisma 6.19 JS mode, see
 * prisma.config.ts). The CLI would fetch engine binaries at start unless these two variables
 * are set; in this mode they are never used.
 */
export function prismaEnv(databaseUrl: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? '/dev/null',
    PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? '/dev/null',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  };
}

export function prismaCli(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('prisma/package.json')), 'build', 'index.js');
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export async function runPrisma(args: string[], databaseUrl: string, cwd = process.cwd()): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [prismaCli(), ...args], { cwd, env: prismaEnv(databaseUrl) });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(Object.assign(new Error(out), { code }))));
  });
}

export async function migrate(databaseUrl: string, cwd = process.cwd()): Promise<void> {
  try {
    await runPrisma(['migrate', 'deploy'], databaseUrl, cwd);
  } catch (error) {
    const out = (error as Error).message;
    const name = /migration_name="([^"]+)"/.exec(out)?.[1] ?? /Migration name: (\S+)/.exec(out)?.[1];
    const coded = /Error: (P\d{4})\s*\n+\s*([^\n]+)/.exec(out);
    const reason =
      /ERROR: ([^\n]+)/.exec(out)?.[1] ??
      (coded ? `${coded[2]} (${coded[1]})` : undefined) ??
      /Error: ([^\n]+)/.exec(out)?.[1] ??
      out.split('\n').find((l) => l.trim().length > 0) ??
      'unknown error';
    throw new MigrationError(
      `Database migration ${name ? `"${name}" ` : ''}failed: ${reason.trim()}. Nothing was started; fix the migration or the database and start again.`,
    );
  }
}
