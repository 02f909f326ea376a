/**
 * `npm run db:new-migration -- <name>`: writes a Prisma migration from the difference between
 * the schema committed at HEAD and the working prisma/schema.prisma (a datamodel-to-datamodel
 * diff: no shadow database, which Prisma's driver-adapter mode cannot clean up), then applies it.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runPrisma } from '../lib/db/migrate';

const name = (process.argv[2] ?? '').trim();
if (!/^[a-z0-9_]+$/.test(name)) {
  process.stderr.write('Usage: npm run db:new-migration -- <name>   (lower-case letters, digits and underscores)\n');
  process.exit(2);
}
const root = process.cwd();
const tmp = mkdtempSync(path.join(tmpdir(), 'pathweave-migration-'));
const previous = path.join(tmp, 'previous.prisma');
let previousSchema = '';
try {
  previousSchema = execFileSync('git', ['show', 'HEAD:prisma/schema.prisma'], { cwd: root, encoding: 'utf8' });
} catch {
  previousSchema = '';
}
writeFileSync(previous, previousSchema);
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = path.join(root, 'prisma', 'migrations', `${stamp}_${name}`);
const out = path.join(tmp, 'migration.sql');
const from = previousSchema ? ['--from-schema-datamodel', previous] : ['--from-empty'];
await runPrisma(['migrate', 'diff', ...from, '--to-schema-datamodel', 'prisma/schema.prisma', '--script', '--output', out], process.env.DATABASE_URL ?? 'postgresql://localhost/unused', root);
const sql = readFileSync(out, 'utf8');
if (!sql.trim() || /^-- This is an empty migration/m.test(sql)) {
  process.stdout.write('The schema has not changed since HEAD: no migration written.\n');
  process.exit(0);
}
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, 'migration.sql'), sql);
process.stdout.write(`Wrote ${path.relative(root, dir)}/migration.sql\nApplying it…\n`);
const { prepareDatabase } = await import('../lib/db/prepare');
const db = await prepareDatabase({ root });
await db.stop();
process.stdout.write('Applied.\n');
