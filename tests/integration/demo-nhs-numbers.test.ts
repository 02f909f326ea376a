import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

/**
 * Demo data added before demo patients had NHS numbers (an older `.data/` folder): `npm start`
 * gives each demo patient their number from prisma/demo/people.json (lib/db/seed.ts
 * addDemoNhsNumbers), so a care plan can be made for them with the numbers the README gives.
 */
const databaseUrl = inject('databaseUrl');
const db = new pg.Client({ connectionString: databaseUrl });
let seed: typeof import('@/lib/db/seed');
let client: typeof import('@/lib/db/client');

const numberOf = async (email: string) =>
  ((await db.query('SELECT "nhsNumber" FROM "User" WHERE email = $1', [email])).rows[0]?.nhsNumber ?? null) as
    string | null;

beforeAll(async () => {
  process.env.DATABASE_URL = databaseUrl;
  await db.connect();
  [seed, client] = await Promise.all([import('@/lib/db/seed'), import('@/lib/db/client')]);
});

afterAll(async () => {
  await client?.disconnectPrisma();
  await db.end();
});

describe('addDemoNhsNumbers', () => {
  it('gives demo patients without a number theirs, and never overwrites a number or reuses one taken', async () => {
    const people = seed.loadDemoPeople();
    const [first, second] = people.users.filter((u) => u.nhsNumber);
    if (!first?.nhsNumber || !second?.nhsNumber) throw new Error('the demo has fewer than two numbered patients');
    const before = [await numberOf(first.email), await numberOf(second.email)];
    expect(before).toEqual([first.nhsNumber, second.nhsNumber]);
    try {
      // As an older database has them: no numbers.
      await db.query('UPDATE "User" SET "nhsNumber" = NULL WHERE email = ANY($1)', [[first.email, second.email]]);
      expect(await seed.addDemoNhsNumbers(client.getPrisma())).toBe(2);
      expect([await numberOf(first.email), await numberOf(second.email)]).toEqual(before);
      // Run again: nothing to do.
      expect(await seed.addDemoNhsNumbers(client.getPrisma())).toBe(0);

      // A number set since (by whoever runs the service) stands; and one that another account holds is not given twice.
      await db.query('UPDATE "User" SET "nhsNumber" = $2 WHERE email = $1', [first.email, '9434765919']);
      await db.query('UPDATE "User" SET "nhsNumber" = NULL WHERE email = $1', [second.email]);
      await db.query('UPDATE "User" SET "nhsNumber" = $2 WHERE email = $1', ['gp@pathweave.test', second.nhsNumber]);
      expect(await seed.addDemoNhsNumbers(client.getPrisma())).toBe(0);
      expect(await numberOf(first.email)).toBe('9434765919');
      expect(await numberOf(second.email)).toBeNull();
    } finally {
      await db.query('UPDATE "User" SET "nhsNumber" = NULL WHERE email = $1', ['gp@pathweave.test']);
      await db.query('UPDATE "User" SET "nhsNumber" = $2 WHERE email = $1', [first.email, first.nhsNumber]);
      await db.query('UPDATE "User" SET "nhsNumber" = $2 WHERE email = $1', [second.email, second.nhsNumber]);
    }
  });
});
