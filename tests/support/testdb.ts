import pg from 'pg';
import { withDatabase } from '@/lib/db/url';

/**
 * Test databases live beside whatever server the tests were given (DATABASE_URL, or the
 * embedded one started by `npm test`), each created fresh under its own name, so the tests
 * never touch the database DATABASE_URL names.
 */
export function testAdminUrl(): string {
  const admin = process.env.PATHWEAVE_TEST_ADMIN_URL;
  if (admin) return admin;
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('Set DATABASE_URL (any PostgreSQL server) or run the tests with `npm test`, which starts one.');
  return withDatabase(base, 'postgres');
}

export async function recreateDatabase(name: string): Promise<string> {
  const admin = testAdminUrl();
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  return withDatabase(admin, name);
}

/** pathweave_test_<suite>[_<PATHWEAVE_TEST_DB_SUFFIX>], so parallel runs in one checkout stay apart. */
export function testDatabaseName(suite: string): string {
  const suffix = process.env.PATHWEAVE_TEST_DB_SUFFIX ? `_${process.env.PATHWEAVE_TEST_DB_SUFFIX}` : '';
  return `pathweave_test_${suite}${suffix}`.replace(/[^a-z0-9_]/gi, '_').toLowerCase();
}
