// The demo people as the authorization module sees them (lib/auth/actor.ts loadActor), for
// integration tests that call use cases directly. Call after setting process.env.DATABASE_URL.
import type pg from 'pg';
import type { Actor } from '@/lib/auth/can';

export async function loadDemoActors<K extends string>(db: pg.Client, emails: Readonly<Record<K, string>>): Promise<Record<K, Actor>> {
  const { loadActor } = await import('@/lib/auth/actor');
  const out = {} as Record<K, Actor>;
  for (const [who, email] of Object.entries(emails) as [K, string][]) {
    const user = await db.query('SELECT id FROM "User" WHERE email = $1', [email]);
    const actor = user.rows[0] ? await loadActor(user.rows[0].id as string) : null;
    if (!actor) throw new Error(`no demo user ${email}`);
    out[who] = actor;
  }
  return out;
}
