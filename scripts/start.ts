/**
 * `npm start`: Pathweave with demo data in one command.
 * - DATABASE_URL set: use that PostgreSQL server. Otherwise start the embedded PostgreSQL,
 *   keeping its data in .data/ (git-ignored) so it survives restarts.
 * - Apply migrations (a failed one stops the start), seed demo data on first start,
 *   build the app if the build is missing or stale, serve it, print the URL and the sign-ins.
 * - Ctrl-C or SIGTERM stops the server and the embedded database cleanly.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const dataDir = path.resolve(process.env.PATHWEAVE_DATA_DIR ?? path.join(root, '.data'));
// One start per embedded database (its data folder); with DATABASE_URL, one per port.
const lockFile = path.join(dataDir, process.env.DATABASE_URL ? `server-${process.env.PORT ?? 3000}.pid` : 'pathweave.pid');
const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? '127.0.0.1';

function fail(message: string): never {
  process.stderr.write(`\nPathweave could not start: ${message}\n`);
  process.exit(1);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function takeLock(): void {
  mkdirSync(dataDir, { recursive: true });
  if (existsSync(lockFile)) {
    try {
      const held = JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number; url?: string };
      if (held.pid !== process.pid && alive(held.pid)) {
        fail(
          `Pathweave is already running from this folder (process ${held.pid}${held.url ? `, at ${held.url}` : ''}). ` +
            `Use that one, or stop it first (Ctrl-C in its terminal, or kill ${held.pid}).`,
        );
      }
    } catch {
      // An unreadable lock is stale.
    }
  }
  writeFileSync(lockFile, JSON.stringify({ pid: process.pid }));
}

function releaseLock(): void {
  try {
    const held = JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number };
    if (held.pid === process.pid) rmSync(lockFile);
  } catch {
    // nothing to release
  }
}

function authSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(dataDir, 'auth-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  process.stdout.write('No NEXTAUTH_SECRET set: using a secret generated for this folder (.data/auth-secret).\n');
  return readFileSync(file, 'utf8').trim();
}

async function main(): Promise<void> {
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  takeLock();
  process.on('exit', releaseLock);

  const { prepareDatabase, ensurePrismaClient } = await import('../lib/db/prepare');
  await ensurePrismaClient(root);

  let db: Awaited<ReturnType<typeof prepareDatabase>>;
  try {
    db = await prepareDatabase({ root, dataDir: path.join(dataDir, 'postgres'), onLog: () => undefined });
  } catch (error) {
    fail((error as Error).message);
  }
  process.env.DATABASE_URL = db.url;
  process.stdout.write(db.embedded ? `Embedded PostgreSQL ready (data in ${path.relative(root, path.join(dataDir, 'postgres')) || '.'}).\n` : 'Connected to DATABASE_URL.\n');

  const { getPrisma, disconnectPrisma } = await import('../lib/db/client');
  const { addDemoNhsNumbers, isSeeded, seedDemo, loadDemoPeople, DEMO_PASSWORD } = await import('../lib/db/seed');
  const { formatNhsNumber } = await import('../lib/care-plan/nhs-number');
  const prisma = getPrisma();
  const seededNow = !(await isSeeded(prisma));
  if (seededNow) {
    process.stdout.write('First start: adding demo data…\n');
    await seedDemo(prisma, root);
  } else {
    // Demo data from before NHS numbers: the demo patients get theirs, so plans can be made for them.
    const numbered = await addDemoNhsNumbers(prisma, root);
    if (numbered > 0) process.stdout.write(`Gave ${numbered} demo patient account(s) their NHS number.
`);
  }

  process.env.NEXTAUTH_SECRET = authSecret();
  const publicUrl = process.env.NEXTAUTH_URL ?? `http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${port}`;
  process.env.NEXTAUTH_URL = publicUrl;
  // PATHWEAVE_USE_BUILD=1 (the browser tests' second server): serve the build the first server
  // checked, rather than rebuilding it underneath that server if a source file has changed since.
  if (!dev && process.env.PATHWEAVE_USE_BUILD !== '1') {
    const { ensureBuild } = await import('../lib/db/build');
    if (!ensureBuild(root)) fail('the build failed (see above).');
  }

  let shuttingDown = false;
  const { startServer } = await import('../server');
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    process.stdout.write(`\n${signal}: stopping Pathweave…\n`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await server?.close();
      await disconnectPrisma();
      await db.stop();
    } finally {
      releaseLock();
      process.stdout.write('Stopped.\n');
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    server = await startServer({ port, hostname, dev });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    await disconnectPrisma();
    await db.stop();
    fail(code === 'EADDRINUSE' ? `port ${port} is already in use. Set PORT to another port.` : (error as Error).message);
  }
  writeFileSync(lockFile, JSON.stringify({ pid: process.pid, url: publicUrl }));

  const people = loadDemoPeople(root);
  const demoUsers = await prisma.user.findMany({
    where: { email: { in: people.users.map((u) => u.email.toLowerCase()) } },
    select: { email: true, professionalRole: true },
  });
  const lines = [
    '',
    `Pathweave is running at ${publicUrl}`,
    '',
    ...(demoUsers.length
      ? [
          `Demo sign-ins (password for every demo account: ${DEMO_PASSWORD}):`,
          ...people.users
            .filter((u) => demoUsers.some((d) => d.email === u.email.toLowerCase()))
            .map((u) => `  ${u.email.padEnd(36)} ${u.name} (${u.professionalRole.replace(/_/g, ' ')}${u.accessRole ? `, ${u.accessRole}` : ''}${u.nhsNumber ? `, NHS number ${formatNhsNumber(u.nhsNumber)}` : ''})`),
        ]
      : []),
    '',
    'Press Ctrl-C to stop.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
