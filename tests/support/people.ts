import type pg from 'pg';
import type { SignedInActor } from '@/lib/auth/actor';

/**
 * A test file's own people, so no other file's data is touched: each new person is added with the
 * demo password (copied from the demo patient's account), then every named email, new or seeded, is
 * looked up to its id and loaded as a signed-in actor.
 */
export async function testPeople<Who extends string>(
  db: pg.Client,
  loadActor: (userId: string) => Promise<SignedInActor | null>,
  emails: Readonly<Record<Who, string>>,
  added: readonly (readonly [who: Who, name: string, role: string])[],
  idPrefix: string,
): Promise<{ ids: Record<Who, string>; actors: Record<Who, SignedInActor> }> {
  for (const [who, name, role] of added) {
    await db.query(
      `INSERT INTO "User" (id, name, email, "professionalRole", "passwordHash", "updatedAt")
       SELECT $1, $2, $3, $4, "passwordHash", now() FROM "User" WHERE email = 'patient@pathweave.test'
       ON CONFLICT (email) DO NOTHING`,
      [`${idPrefix}-${who}`, name, emails[who], role],
    );
  }
  const ids = {} as Record<Who, string>;
  const actors = {} as Record<Who, SignedInActor>;
  for (const who of Object.keys(emails) as Who[]) {
    const r = await db.query('SELECT id FROM "User" WHERE email = $1', [emails[who]]);
    ids[who] = r.rows[0].id;
    const actor = await loadActor(ids[who]);
    if (!actor) throw new Error(`no user ${who}`);
    actors[who] = actor;
  }
  return { ids, actors };
}
