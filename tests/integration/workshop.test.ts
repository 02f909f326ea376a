// Workshop mode (issue 5) over real HTTP against the real app server and PostgreSQL, with the live
// room's notices over a real websocket: the facilitator's timer, the dot vote, rating rounds
// (private until revealed, then consensus with a reason), who may do what, bad input, and the
// collaboration record feeding NV 6 and NV 9 in the scores of a saved version.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '@/lib/auth/can';
import type { CollaborativeSession } from '../../lib/collab/client';
import type { RoomTopic } from '../../lib/collab/notify';
import type { WorkshopView } from '../../lib/server/workshop';
import { DEMO_PASSWORD, Session } from '../support/http';
import { copyPathway, openSession, synced, waitFor } from './collab-support';
import { loadDemoActors } from './demo-actors';

const baseUrl = inject('baseUrl');
const databaseUrl = inject('databaseUrl');
const db = new pg.Client({ connectionString: databaseUrl });
const liveSessions: CollaborativeSession[] = [];

const PEOPLE = {
  facilitator: 'gp@pathweave.test',
  editor: 'consultant@pathweave.test',
  commissioner: 'commissioner@pathweave.test',
  patientRep: 'patient.rep@pathweave.test', // a commenter member with the role "patient"
  viewer: 'manager@pathweave.test',
  outsider: 'outsider.gp@pathweave.test',
  patient: 'patient@pathweave.test', // not a member of the workspace at all
} as const;
type Who = keyof typeof PEOPLE;
const http: Partial<Record<Who, Session>> = {};

let savePathwayVersion: typeof import('@/lib/server/save-pathway-version').savePathwayVersion;
let addComment: typeof import('@/lib/server/comments').addComment;
let keepAnswer: typeof import('@/lib/server/command-receipts').keepAnswer;
let claimCommand: typeof import('@/lib/server/command-receipts').claimCommand;
let disconnect: () => Promise<void>;

beforeAll(async () => {
  process.env.DATABASE_URL = databaseUrl;
  await db.connect();
  for (const [who, email] of Object.entries(PEOPLE) as [Who, string][]) {
    const s = new Session(baseUrl);
    const error = await s.signIn(email, DEMO_PASSWORD);
    if (error !== null) throw new Error(`sign-in of ${email} failed: ${error}`);
    http[who] = s;
  }
  const [version, client, comments, receipts] = await Promise.all([
    import('@/lib/server/save-pathway-version'),
    import('@/lib/db/client'),
    import('@/lib/server/comments'),
    import('@/lib/server/command-receipts'),
  ]);
  keepAnswer = receipts.keepAnswer;
  claimCommand = receipts.claimCommand;
  savePathwayVersion = version.savePathwayVersion;
  addComment = comments.addComment;
  disconnect = client.disconnectPrisma;
});

afterAll(async () => {
  for (const s of liveSessions) s.destroy();
  await disconnect?.();
  await db.end();
});

function as(who: Who): Session {
  return http[who] as Session;
}

async function view(who: Who, pathwayId: string): Promise<WorkshopView> {
  const res = await as(who).fetch(`/api/pathways/${pathwayId}/workshop`);
  expect(res.status, `${who} reads the workshop`).toBe(200);
  return (await res.json()) as WorkshopView;
}

async function send(who: Who, pathwayId: string, command: Record<string, unknown>): Promise<{ status: number; body: { ok?: boolean; error?: string; errors?: { path: string; message: string }[] } }> {
  const res = await as(who).fetch(`/api/pathways/${pathwayId}/workshop`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(command),
  });
  return { status: res.status, body: (await res.json()) as never };
}

async function actorOf(who: Who): Promise<Actor> {
  return (await loadDemoActors(db, { [who]: PEOPLE[who] } as Record<Who, string>))[who];
}

async function withVersion(): Promise<string> {
  const pathwayId = await copyPathway(db);
  const saved = await savePathwayVersion({ actor: await actorOf('editor'), pathwayId, note: 'For rating' });
  if (!saved.ok) throw new Error(saved.message);
  return pathwayId;
}

/** The open round as the panel sends it with a rating: its criterion and version. */
async function openRound(pathwayId: string): Promise<{ criterionId: string; versionId: string }> {
  const round = (await view('facilitator', pathwayId)).round;
  if (!round) throw new Error('no round is open');
  return { criterionId: round.criterionId, versionId: round.versionId };
}

async function deniedAudits(pathwayId: string, action: string): Promise<number> {
  const r = await db.query(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE "resourceId" = $1 AND action = $2 AND outcome = 'denied'`, [pathwayId, action]);
  return r.rows[0].n as number;
}

describe('the agenda timer', () => {
  it('the facilitator sets and starts it; everyone in the workspace sees it counting down', async () => {
    const pathwayId = await copyPathway(db);
    expect((await send('facilitator', pathwayId, { op: 'timer.set', label: 'Map the discharge', minutes: 15 })).status).toBe(200);
    expect((await view('viewer', pathwayId)).timer).toMatchObject({ label: 'Map the discharge', status: 'idle', remainingMs: 15 * 60_000 });
    expect((await send('facilitator', pathwayId, { op: 'timer.start' })).status).toBe(200);
    const seen = (await view('patientRep', pathwayId)).timer;
    expect(seen.status).toBe('running');
    expect(seen.remainingMs).toBeLessThanOrEqual(15 * 60_000);
    expect(seen.remainingMs).toBeGreaterThan(14 * 60_000);
    expect(new Date(seen.endsAt as string).getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect((await send('facilitator', pathwayId, { op: 'timer.pause' })).status).toBe(200);
    expect((await view('editor', pathwayId)).timer.status).toBe('paused');
  });

  it('only the facilitator runs it: editors, commenters and viewers are refused as "not found", and audited', async () => {
    const pathwayId = await copyPathway(db);
    for (const who of ['editor', 'patientRep', 'viewer', 'outsider'] as const) {
      const r = await send(who, pathwayId, { op: 'timer.set', label: 'x', minutes: 5 });
      expect(r.status, who).toBe(404);
      expect(r.body.error).toMatch(/not found/i);
    }
    expect(await deniedAudits(pathwayId, 'workshop:run')).toBe(4);
    expect((await view('viewer', pathwayId)).timer.durationMs).toBe(0);
  });

  it('names the field and the bad value', async () => {
    const pathwayId = await copyPathway(db);
    const r = await send('facilitator', pathwayId, { op: 'timer.set', label: 'Too long', minutes: 600 });
    expect(r.status).toBe(422);
    expect(r.body.errors?.[0]).toMatchObject({ path: 'minutes' });
    expect(r.body.error).toContain('600');
    expect(r.body.error).toContain('1 to 240 minutes');
  });
});

describe('the dot vote', () => {
  it('a patient representative places their dots, cannot overspend, and can take one back; everyone sees the tally', async () => {
    const pathwayId = await copyPathway(db);
    for (const stepId of ['s-a', 's-a', 's-b']) expect((await send('patientRep', pathwayId, { op: 'vote.add', stepId })).status).toBe(200);
    const over = await send('patientRep', pathwayId, { op: 'vote.add', stepId: 's-c' });
    expect(over.status).toBe(422);
    expect(over.body.error).toContain('all 3 of your dots');
    expect((await send('editor', pathwayId, { op: 'vote.add', stepId: 's-b' })).status).toBe(200);

    const seen = await view('viewer', pathwayId);
    // Most dots first; equal dots, more people first.
    expect(seen.votes.map((v) => [v.stepId, v.dots, v.voters, v.mine])).toEqual([
      ['s-b', 2, 2, 0],
      ['s-a', 2, 1, 0],
    ]);
    expect(seen.permissions).toEqual({ canRun: false, canVote: false, canRate: false });
    const mine = await view('patientRep', pathwayId);
    expect(mine.myDotsLeft).toBe(0);
    expect(mine.votes.find((v) => v.stepId === 's-a')?.mine).toBe(2);

    expect((await send('patientRep', pathwayId, { op: 'vote.remove', stepId: 's-a' })).status).toBe(200);
    expect((await view('patientRep', pathwayId)).myDotsLeft).toBe(1);
  });

  it('viewers and people outside the workspace cannot vote', async () => {
    const pathwayId = await copyPathway(db);
    for (const who of ['viewer', 'outsider', 'patient'] as const) expect((await send(who, pathwayId, { op: 'vote.add', stepId: 's-a' })).status, who).toBe(404);
    expect(await deniedAudits(pathwayId, 'workshop:vote')).toBe(3);
    expect((await view('facilitator', pathwayId)).votes).toEqual([]);
  });

  it('two quick clicks cannot spend more dots than a person has', async () => {
    const pathwayId = await copyPathway(db);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => send('editor', pathwayId, { op: 'vote.add', stepId: `s-${i % 2}` })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(3);
    expect(results.filter((r) => r.status === 422)).toHaveLength(3);
    const r = await db.query('SELECT COALESCE(sum(dots), 0)::int AS n FROM "WorkshopVote" WHERE "pathwayId" = $1', [pathwayId]);
    expect(r.rows[0].n).toBe(3);
  });

  it('a new vote gives everyone their dots back, with a new number each', async () => {
    const pathwayId = await copyPathway(db);
    await send('editor', pathwayId, { op: 'vote.add', stepId: 's-a' });
    expect((await send('facilitator', pathwayId, { op: 'vote.new', dotsPerPerson: 5 })).status).toBe(200);
    const seen = await view('editor', pathwayId);
    expect(seen.votes).toEqual([]);
    expect(seen.myDotsLeft).toBe(5);
    const bad = await send('facilitator', pathwayId, { op: 'vote.new', dotsPerPerson: 0 });
    expect(bad.status).toBe(422);
    expect(bad.body.errors?.[0]?.path).toBe('dotsPerPerson');
  });
});

describe('rating rounds: private, revealed, then the room’s consensus', () => {
  it('follows the individual-then-consensus method end to end', async () => {
    const pathwayId = await withVersion();
    expect((await send('facilitator', pathwayId, { op: 'round.open', criterionId: 'nv-5' })).status).toBe(200);
    const round = await openRound(pathwayId);
    expect((await send('patientRep', pathwayId, { op: 'round.rate', ...round, value: 'not_met', reason: 'Nobody told me who to call.' })).status).toBe(200);
    expect((await send('editor', pathwayId, { op: 'round.rate', ...round, value: 'met' })).status).toBe(200);

    // Before the reveal nobody sees another's rating, not even the facilitator.
    for (const who of ['facilitator', 'viewer', 'editor'] as const) {
      const round = (await view(who, pathwayId)).round;
      expect(round, who).toMatchObject({ criterionId: 'nv-5', revealed: false, submitted: 2, ratings: null, summary: null });
    }
    expect((await view('editor', pathwayId)).round?.mine).toEqual({ value: 'met', reason: '' });
    expect((await view('facilitator', pathwayId)).round?.mine).toBeNull();

    // Consensus must wait for the reveal; only the facilitator reveals.
    expect((await send('facilitator', pathwayId, { op: 'round.consensus', value: 'partly', reason: 'Too soon' })).status).toBe(422);
    expect((await send('editor', pathwayId, { op: 'round.reveal' })).status).toBe(404);
    expect((await send('facilitator', pathwayId, { op: 'round.reveal' })).status).toBe(200);

    const revealed = (await view('viewer', pathwayId)).round;
    expect(revealed?.revealed).toBe(true);
    expect(revealed?.ratings?.map((r) => [r.role, r.value, r.reason])).toEqual([
      ['patient', 'not_met', 'Nobody told me who to call.'],
      ['consultant', 'met', ''],
    ]);
    expect(revealed?.summary).toMatchObject({ count: 2, spread: 2, agreement: 'wide', majority: null });
    expect(revealed?.computed?.status).toMatch(/^(met|partly|not_met|needs_judgement)$/);

    // Individual ratings are closed once revealed.
    expect((await send('patientRep', pathwayId, { op: 'round.rate', ...round, value: 'met' })).status).toBe(422);

    const noReason = await send('facilitator', pathwayId, { op: 'round.consensus', value: 'partly', reason: '  ' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors?.[0]?.path).toBe('reason');
    expect((await send('commissioner', pathwayId, { op: 'round.consensus', value: 'partly', reason: 'x' })).status).toBe(404);
    const agreed = await send('facilitator', pathwayId, { op: 'round.consensus', value: 'partly', reason: 'A coordinator is named, but not for out of hours.' });
    expect(agreed.status).toBe(200);

    const stored = await db.query(
      `SELECT r.kind::text, r.value::text, r.reason FROM "CriterionRating" r JOIN "PathwayVersion" v ON v.id = r."versionId"
        WHERE v."pathwayId" = $1 AND r."criterionId" = 'nv-5' ORDER BY r.kind, r.value`,
      [pathwayId],
    );
    expect(stored.rows).toEqual([
      { kind: 'individual', value: 'met', reason: '' },
      { kind: 'individual', value: 'not_met', reason: 'Nobody told me who to call.' },
      { kind: 'consensus', value: 'partly', reason: 'A coordinator is named, but not for out of hours.' },
    ]);
    expect((await view('patientRep', pathwayId)).round?.consensus).toMatchObject({ value: 'partly', recordedBy: expect.any(String) });
  });

  it('needs a saved version and a real criterion, and says so', async () => {
    const bare = await copyPathway(db);
    const noVersion = await send('facilitator', bare, { op: 'round.open', criterionId: 'nv-5' });
    expect(noVersion.status).toBe(422);
    expect(noVersion.body.error).toMatch(/Save a version first/);
    const pathwayId = await withVersion();
    const unknown = await send('facilitator', pathwayId, { op: 'round.open', criterionId: 'nv-99' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toContain('nv-99');
    await send('facilitator', pathwayId, { op: 'round.open', criterionId: 'rcgp-2' });
    const round = await openRound(pathwayId);
    const badValue = await send('editor', pathwayId, { op: 'round.rate', ...round, value: 'great' });
    expect(badValue.status).toBe(422);
    expect(badValue.body.errors?.[0]?.path).toBe('value');
    expect(badValue.body.error).toContain('great');
    expect((await send('viewer', pathwayId, { op: 'round.rate', ...round, value: 'met' })).status).toBe(404);
  });

  it('names the criterion field, and the choices by their titles, when none or an unknown one is chosen', async () => {
    const pathwayId = await withVersion();
    const none = await send('facilitator', pathwayId, { op: 'round.open', criterionId: '' });
    expect(none.status).toBe(422);
    expect(none.body.error).toBe('Criterion to rate: choose the criterion the room will rate.');
    expect(none.body.errors).toEqual([{ path: 'criterionId', message: 'Criterion to rate: choose the criterion the room will rate.' }]);
    const unknown = await send('facilitator', pathwayId, { op: 'round.open', criterionId: 'nv-99' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors?.[0]?.path).toBe('criterionId');
    expect(unknown.body.error).toMatch(
      /^Criterion to rate: “nv-99” is not one of the criteria\. Choose one of RCGP five tests \(1\. Community services led by community-based clinicians; 2\. GPs remain independent advocates for their patients; .*\) or National Voices principles \(1\. Organised around the needs of the individual; .*; 12\. .*\)\.$/,
    );
    expect(unknown.body.error).not.toContain('rcgp-1');
    expect((await view('facilitator', pathwayId)).round).toBeNull();
  });

  it('refuses a rating sent for a round the facilitator has since ended, instead of counting it for the next one', async () => {
    const pathwayId = await withVersion();
    expect((await send('facilitator', pathwayId, { op: 'round.open', criterionId: 'rcgp-2' })).status).toBe(200);
    const a = await openRound(pathwayId);
    // The facilitator ends round A and opens B before the patient representative's rating of A arrives.
    expect((await send('facilitator', pathwayId, { op: 'round.close' })).status).toBe(200);
    expect((await send('facilitator', pathwayId, { op: 'round.open', criterionId: 'nv-5' })).status).toBe(200);
    const b = await openRound(pathwayId);
    const late = await send('patientRep', pathwayId, { op: 'round.rate', ...a, value: 'not_met', reason: 'About A' });
    expect(late.status).toBe(422);
    const sentence =
      'The rating round on “2. GPs remain independent advocates for their patients” (RCGP five tests) on version 1 has ended, so your rating was not saved. ' +
      'The room is now rating “5. Fully inclusive of all communities” (National Voices principles) on version 1.';
    expect(late.body.error).toBe(sentence);
    expect(late.body.errors).toEqual([{ path: 'criterionId', message: sentence }]);
    const stored = async () =>
      (
        await db.query(
          `SELECT r."criterionId", r.value::text FROM "CriterionRating" r JOIN "PathwayVersion" v ON v.id = r."versionId" WHERE v."pathwayId" = $1`,
          [pathwayId],
        )
      ).rows;
    expect(await stored()).toEqual([]);
    expect((await view('patientRep', pathwayId)).round).toMatchObject({ criterionId: 'nv-5', submitted: 0, mine: null });

    // The same person rating B, as the panel now shows it: saved, for B.
    expect((await send('patientRep', pathwayId, { op: 'round.rate', ...b, value: 'met' })).status).toBe(200);
    expect(await stored()).toEqual([{ criterionId: 'nv-5', value: 'met' }]);

    // With no round open, the sentence says so.
    expect((await send('facilitator', pathwayId, { op: 'round.close' })).status).toBe(200);
    const closed = await send('patientRep', pathwayId, { op: 'round.rate', ...b, value: 'partly' });
    expect(closed.status).toBe(422);
    expect(closed.body.error).toMatch(/^The rating round on “5\. Fully inclusive of all communities” \(National Voices principles\) on version 1 has ended, so your rating was not saved\. No rating round is open now\.$/);
    expect(await stored()).toEqual([{ criterionId: 'nv-5', value: 'met' }]);
  });
});

describe('text that is too long', () => {
  const tooLong = (field: string, length: number, limit: number) =>
    `${field}: ${length.toLocaleString('en-GB')} characters is too long; keep it to ${limit.toLocaleString('en-GB')} or fewer.`;

  it('names the field and the real limit for a rating’s reason, however long it is', async () => {
    const pathwayId = await withVersion();
    expect((await send('facilitator', pathwayId, { op: 'round.open', criterionId: 'rcgp-2' })).status).toBe(200);
    const round = await openRound(pathwayId);
    // Just over the limit, over the old 10,000 cap, and over the hard cap: the same sentence each time.
    for (const length of [2001, 10_001, 100_001]) {
      const r = await send('editor', pathwayId, { op: 'round.rate', ...round, value: 'met', reason: 'r'.repeat(length) });
      expect(r.status, `${length}`).toBe(422);
      expect(r.body.errors, `${length}`).toEqual([
        { path: 'reason', message: tooLong('Reason for your rating', length, 2000) },
      ]);
    }
    expect((await view('editor', pathwayId)).round?.mine).toBeNull();
    // Spaces around the reason do not count towards the limit.
    const padded = `${' '.repeat(300)}${'r'.repeat(2000)}${' '.repeat(300)}`;
    expect((await send('editor', pathwayId, { op: 'round.rate', ...round, value: 'met', reason: padded })).status).toBe(200);
    expect((await send('facilitator', pathwayId, { op: 'round.reveal' })).status).toBe(200);
    for (const length of [2001, 100_001]) {
      const r = await send('facilitator', pathwayId, {
        op: 'round.consensus',
        value: 'met',
        reason: 'c'.repeat(length),
      });
      expect(r.status, `${length}`).toBe(422);
      expect(r.body.errors, `${length}`).toEqual([
        { path: 'reason', message: tooLong('Reason the room agreed on', length, 2000) },
      ]);
    }
  });

  it('names every other text field of a command in plain words', async () => {
    const pathwayId = await withVersion();
    const huge = 'x'.repeat(100_001);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ op: 'timer.set', label: huge, minutes: 5 }, 'label', tooLong('Agenda item', 100_001, 120)],
      [{ op: 'vote.add', stepId: huge }, 'stepId', tooLong('Step', 100_001, 200)],
      [{ op: 'vote.remove', stepId: huge }, 'stepId', tooLong('Step', 100_001, 200)],
      [{ op: 'round.rate', criterionId: 'nv-5', versionId: 'v', value: huge }, 'value', tooLong('Rating', 100_001, 7)],
      [{ op: 'round.rate', criterionId: 'nv-5', versionId: huge, value: 'met' }, 'versionId', tooLong('Version', 100_001, 200)],
    ];
    for (const [command, path, message] of cases) {
      const r = await send('facilitator', pathwayId, command);
      expect(r.status, String(command.op)).toBe(422);
      expect(r.body.errors, String(command.op)).toEqual([{ path, message }]);
    }
    const criterion = await send('facilitator', pathwayId, { op: 'round.open', criterionId: huge });
    expect(criterion.status).toBe(422);
    expect(criterion.body.errors?.[0]?.path).toBe('criterionId');
    expect(criterion.body.errors?.[0]?.message).toMatch(
      /^Criterion to rate: 100,001 characters is too long; keep it to \d+ or fewer\.$/,
    );
  });
});

describe('bad requests', () => {
  it('refuses unknown commands, non-JSON bodies and signed-out callers without a stack trace', async () => {
    const pathwayId = await copyPathway(db);
    const unknown = await send('facilitator', pathwayId, { op: 'timer.explode' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors?.[0]?.message).toContain('timer.start');
    const form = await as('facilitator').fetch(`/api/pathways/${pathwayId}/workshop`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'op=timer.start' });
    expect(form.status).toBe(415);
    const anonymous = await fetch(`${baseUrl}/api/pathways/${pathwayId}/workshop`);
    expect(anonymous.status).toBe(401);
    const guessed = await as('facilitator').fetch('/api/pathways/no-such-pathway/workshop');
    expect(guessed.status).toBe(404);
    expect(await guessed.text()).not.toMatch(/at \w+ \(|Error:/);
  });
});

describe('a command sent again after a dropped connection is carried out once', () => {
  const id = (n: number) => `retry-${Date.now()}-${n}-${Math.random().toString(16).slice(2)}`;
  const dots = async (pathwayId: string) =>
    (await db.query('SELECT COALESCE(sum(dots), 0)::int AS n FROM "WorkshopVote" WHERE "pathwayId" = $1', [pathwayId])).rows[0].n as number;

  it('a repeat with the same id gets the first answer and places no second dot; a new id places one', async () => {
    const pathwayId = await copyPathway(db);
    const commandId = id(1);
    const first = await send('patientRep', pathwayId, { op: 'vote.add', stepId: 's-a', commandId });
    const again = await send('patientRep', pathwayId, { op: 'vote.add', stepId: 's-a', commandId });
    expect(first).toEqual({ status: 200, body: { ok: true, dotsLeft: 2 } });
    expect(again).toEqual(first);
    expect(await dots(pathwayId)).toBe(1);
    expect((await send('patientRep', pathwayId, { op: 'vote.add', stepId: 's-a', commandId: id(2) })).body).toEqual({ ok: true, dotsLeft: 1 });
    expect(await dots(pathwayId)).toBe(2);
  });

  it('adds one minute to the timer, not two, and answers a refusal the same way twice', async () => {
    const pathwayId = await copyPathway(db);
    await send('facilitator', pathwayId, { op: 'timer.set', label: 'Map it', minutes: 10 });
    const commandId = id(3);
    for (let i = 0; i < 3; i++) expect((await send('facilitator', pathwayId, { op: 'timer.addMinute', commandId })).status).toBe(200);
    expect((await view('viewer', pathwayId)).timer.durationMs).toBe(11 * 60_000);

    const badId = id(4);
    const refused = await send('facilitator', pathwayId, { op: 'timer.set', label: 'Too long', minutes: 600, commandId: badId });
    expect(refused.status).toBe(422);
    expect(await send('facilitator', pathwayId, { op: 'timer.set', label: 'Too long', minutes: 600, commandId: badId })).toEqual(refused);
  });

  it('two arrivals of the same command at once still place one dot', async () => {
    const pathwayId = await copyPathway(db);
    const commandId = id(5);
    const answers = await Promise.all(Array.from({ length: 4 }, () => send('editor', pathwayId, { op: 'vote.add', stepId: 's-a', commandId })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(await dots(pathwayId)).toBe(1);
  });

  it('ids are each person’s own: the same id from someone else is their own command', async () => {
    const pathwayId = await copyPathway(db);
    const commandId = id(6);
    expect((await send('editor', pathwayId, { op: 'vote.add', stepId: 's-a', commandId })).status).toBe(200);
    expect((await send('patientRep', pathwayId, { op: 'vote.add', stepId: 's-a', commandId })).status).toBe(200);
    expect(await dots(pathwayId)).toBe(2);
    // A denial is not turned into someone else's success, nor theirs into a denial.
    expect((await send('viewer', pathwayId, { op: 'vote.add', stepId: 's-a', commandId })).status).toBe(404);
  });

  it('names the command id when it is malformed or was used on another pathway, and changes nothing', async () => {
    const pathwayId = await copyPathway(db);
    for (const commandId of ['short', 'has spaces in it, sixteen+', 42, 'x'.repeat(65)]) {
      const r = await send('editor', pathwayId, { op: 'vote.add', stepId: 's-a', commandId });
      expect(r.status, String(commandId)).toBe(422);
      expect(r.body.errors?.[0]).toMatchObject({ path: 'commandId' });
      expect(r.body.errors?.[0]?.message).toContain(`“${String(commandId).slice(0, 20)}`);
      expect(r.body.errors?.[0]?.message).toContain('16 to 64 letters, digits, hyphens or underscores');
    }
    const other = await copyPathway(db);
    const commandId = id(7);
    expect((await send('editor', pathwayId, { op: 'vote.add', stepId: 's-a', commandId })).status).toBe(200);
    const reused = await send('editor', other, { op: 'vote.add', stepId: 's-a', commandId });
    expect(reused.status).toBe(422);
    expect(reused.body.errors?.[0]).toMatchObject({ path: 'commandId' });
    expect(reused.body.errors?.[0]?.message).toContain('another pathway');
    expect(await dots(other)).toBe(0);
    expect(await dots(pathwayId)).toBe(1);
  });

  it('a repeat while the first is still running waits for its answer', async () => {
    const pathwayId = await copyPathway(db);
    const commandId = id(8);
    const editor = (await db.query('SELECT id FROM "User" WHERE email = $1', [PEOPLE.editor])).rows[0].id as string;
    // The first arrival has claimed the id and not yet answered (as if it were still running).
    await db.query('INSERT INTO "WorkshopCommandReceipt" ("userId", "commandId", "pathwayId") VALUES ($1, $2, $3)', [editor, commandId, pathwayId]);
    const pending = send('editor', pathwayId, { op: 'vote.add', stepId: 's-a', commandId });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await db.query(`UPDATE "WorkshopCommandReceipt" SET status = 200, body = '{"ok":true,"dotsLeft":2}' WHERE "userId" = $1 AND "commandId" = $2`, [editor, commandId]);
    expect(await pending).toEqual({ status: 200, body: { ok: true, dotsLeft: 2 } });
    expect(await dots(pathwayId)).toBe(0); // it was not carried out a second time

    // One that never answers: after a wait the repeat is told so, and still not carried out.
    const stuck = id(9);
    await db.query('INSERT INTO "WorkshopCommandReceipt" ("userId", "commandId", "pathwayId") VALUES ($1, $2, $3)', [editor, stuck, pathwayId]);
    const r = await send('editor', pathwayId, { op: 'vote.add', stepId: 's-a', commandId: stuck });
    expect(r.status).toBe(409);
    expect(r.body.error).toContain('still being carried out');
    expect(await dots(pathwayId)).toBe(0);

    // One claimed over a minute ago and never answered stopped part-way: the repeat is told that
    // nobody can tell whether it went through, and it is still not carried out.
    const stopped = id(10);
    await db.query(
      `INSERT INTO "WorkshopCommandReceipt" ("userId", "commandId", "pathwayId", "createdAt") VALUES ($1, $2, $3, (now() AT TIME ZONE 'UTC') - interval '2 minutes')`,
      [editor, stopped, pathwayId],
    );
    const late = await send('editor', pathwayId, { op: 'vote.add', stepId: 's-a', commandId: stopped });
    expect(late.status).toBe(409);
    expect(late.body.error).toContain('cannot tell whether it went through');
    expect(late.body.error).not.toContain('still being carried out');
    expect(await dots(pathwayId)).toBe(0);
  });

  it('a claim made a moment ago is not taken for a stale one when the database keeps another time zone', async () => {
    const pathwayId = await copyPathway(db);
    const editor = (await db.query('SELECT id FROM "User" WHERE email = $1', [PEOPLE.editor])).rows[0].id as string;
    const name = (await db.query('SELECT current_database() AS name')).rows[0].name as string;
    // West of UTC, a time written in local time and read as UTC looks hours old.
    await db.query(`ALTER DATABASE "${name}" SET timezone = 'America/Los_Angeles'`);
    try {
      await disconnect(); // new connections take the database's time zone
      const commandId = id(12);
      expect(await claimCommand(editor, pathwayId, commandId)).toEqual({ kind: 'claimed' });
      expect(await claimCommand(editor, pathwayId, commandId, 0)).toEqual({ kind: 'running', stale: false });
      // And an answer kept a moment ago is not deleted as a day old.
      await keepAnswer(editor, commandId, { status: 200, body: { ok: true } });
      expect(await claimCommand(editor, pathwayId, commandId, 0)).toMatchObject({ kind: 'answered' });
    } finally {
      await db.query(`ALTER DATABASE "${name}" RESET timezone`);
      await disconnect();
    }
  });

  it('an answer once kept is never replaced by a later one for the same id', async () => {
    const pathwayId = await copyPathway(db);
    const editor = (await db.query('SELECT id FROM "User" WHERE email = $1', [PEOPLE.editor])).rows[0].id as string;
    const commandId = id(11);
    const first = await send('editor', pathwayId, { op: 'vote.add', stepId: 's-a', commandId });
    expect(first).toEqual({ status: 200, body: { ok: true, dotsLeft: 2 } });
    // A late second answer for the same claim (as from an arrival that ran on after a failure).
    await keepAnswer(editor, commandId, { status: 500, body: { error: 'late' } });
    const row = (await db.query('SELECT status, body FROM "WorkshopCommandReceipt" WHERE "userId" = $1 AND "commandId" = $2', [editor, commandId])).rows[0];
    expect(row).toEqual({ status: 200, body: { ok: true, dotsLeft: 2 } });
    expect(await send('editor', pathwayId, { op: 'vote.add', stepId: 's-a', commandId })).toEqual(first);
  });
});

describe('the live room hears about changes at once', () => {
  it('a viewer connected to the live pathway is told when the workshop and the comments change', async () => {
    const pathwayId = await copyPathway(db);
    const viewer = openSession(baseUrl, pathwayId, { cookie: as('viewer').cookieHeader() });
    liveSessions.push(viewer);
    await synced(viewer);
    const heard: RoomTopic[] = [];
    viewer.onRoomChanged((topic) => heard.push(topic));
    await new Promise((r) => setTimeout(r, 200)); // let the reconnect-catch-up notices pass
    heard.length = 0;
    await send('facilitator', pathwayId, { op: 'timer.set', label: 'Now', minutes: 5 });
    await waitFor('a workshop notice', () => heard.includes('workshop'), 10_000);
    expect(heard).not.toContain('comments');
  });
});

describe('the collaboration record feeds NV 6 and NV 9', () => {
  it('once a patient representative and a commissioner take part, a saved version scores NV 6 and NV 9', async () => {
    const pathwayId = await copyPathway(db);
    const before = await savePathwayVersion({ actor: await actorOf('editor'), pathwayId, note: 'Before the workshop' });
    if (!before.ok) throw new Error(before.message);
    const scored = async (versionId: string) => {
      const r = await db.query('SELECT scores FROM "PathwayVersion" WHERE id = $1', [versionId]);
      const criteria = (r.rows[0].scores as { frameworks: { criteria: { id: string; status: string }[] }[] }).frameworks.flatMap((f) => f.criteria);
      return Object.fromEntries(criteria.filter((c) => c.id === 'nv-6' || c.id === 'nv-9').map((c) => [c.id, c.status]));
    };
    // No one has done anything in Pathweave yet: the engine does not guess.
    expect(await scored(before.version.id)).toEqual({ 'nv-6': 'needs_judgement', 'nv-9': 'needs_judgement' });

    await send('patientRep', pathwayId, { op: 'vote.add', stepId: 's-a' });
    await send('commissioner', pathwayId, { op: 'vote.add', stepId: 's-b' });
    const record = (await view('facilitator', pathwayId)).collaboration.participants ?? [];
    expect(record.find((p) => p.role === 'patient')?.contributions).toBeGreaterThan(0);
    expect(record.find((p) => p.role === 'commissioner')?.contributions).toBeGreaterThan(0);

    const after = await savePathwayVersion({ actor: await actorOf('editor'), pathwayId, note: 'After the vote' });
    if (!after.ok) throw new Error(after.message);
    // A patient took part but no carer (NV 6 partly); the sponsoring commissioner took part (NV 9 met).
    expect(await scored(after.version.id)).toEqual({ 'nv-6': 'partly', 'nv-9': 'met' });
  });

  it('a patient representative’s comment alone counts: NV 6 partly, and NV 9 partly without a commissioner', async () => {
    const pathwayId = await copyPathway(db);
    const commented = await addComment({ actor: await actorOf('patientRep'), pathwayId, body: 'The wait for spirometry is too long.' });
    expect(commented.ok).toBe(true);
    const saved = await savePathwayVersion({ actor: await actorOf('editor'), pathwayId, note: 'After the comment' });
    if (!saved.ok) throw new Error(saved.message);
    const r = await db.query('SELECT scores FROM "PathwayVersion" WHERE id = $1', [saved.version.id]);
    const criteria = (r.rows[0].scores as { frameworks: { criteria: { id: string; status: string }[] }[] }).frameworks.flatMap((f) => f.criteria);
    const status = (id: string) => criteria.find((c) => c.id === id)?.status;
    expect(status('nv-6')).toBe('partly');
    expect(status('nv-9')).toBe('partly');
  });
});
