import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres } from './embedded';
import { migrate, runPrisma } from './migrate';
import { assertReachable } from './reachable';
import { checkDatabaseUrl } from './url';

/**
 * Everything a start needs from the database: pick the server (DATABASE_URL, or the embedded
 * one), check it answers, and apply committed migrations. Used by `npm start` and the tests.
 */
export interface PreparedDatabase {
  url: string;
  /** The maintenance database on the same server, for creating test databases. */
  adminUrl: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export const DEFAULT_EMBEDDED_PORT = 54329;

export async function prepareDatabase(options: {
  root?: string;
  dataDir?: string;
  port?: number;
  database?: string;
  persistent?: boolean;
  migrate?: boolean;
  onLog?: (line: string) => void;
}): Promise<PreparedDatabase> {
  const root = options.root ?? process.cwd();
  let prepared: PreparedDatabase;
  const configured = process.env.DATABASE_URL;
  if (configured) {
    const url = checkDatabaseUrl(configured);
    await assertReachable(configured);
    const admin = new URL(url.toString());
    admin.pathname = '/postgres';
    prepared = { url: configured, adminUrl: admin.toString(), embedded: false, stop: async () => undefined };
  } else {
    const embedded = await startEmbeddedPostgres({
      dataDir: options.dataDir ?? path.join(root, '.data', 'postgres'),
      port: options.port ?? Number(process.env.PATHWEAVE_DB_PORT ?? DEFAULT_EMBEDDED_PORT),
      database: options.database ?? 'pathweave',
      persistent: options.persistent ?? true,
      onLog: options.onLog,
    });
    prepared = { url: embedded.url, adminUrl: embedded.adminUrl, embedded: true, stop: () => embedded.stop() };
  }
  if (options.migrate !== false) {
    try {
      await migrate(prepared.url, root);
    } catch (error) {
      await prepared.stop();
      throw error;
    }
  }
  return prepared;
}

/** Generates the Prisma client when it is missing or older than the schema. */
export async function ensurePrismaClient(root = process.cwd()): Promise<void> {
  const schema = path.join(root, 'prisma', 'schema.prisma');
  const client = path.join(root, 'lib', 'generated', 'prisma', 'client.ts');
  if (existsSync(client) && statSync(client).mtimeMs >= statSync(schema).mtimeMs) return;
  await runPrisma(['generate'], process.env.DATABASE_URL ?? 'postgresql://localhost/unused', root);
}
