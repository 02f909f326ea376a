import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { parsePathwayJson } from '@/lib/pathway/validate';
import { scoreForStorage } from '@/lib/server/scores';
import { parseCsv } from '@/lib/scorecard/csv';
import { scoreRowsFromStored } from '@/lib/scorecard/rows';
import { DEMO_PASSWORD, Session } from '../support/http';

/**
 * The scorecard over real HTTP against the real app and PostgreSQL: who may see it (denial looks
 * like "not found"), the exports, and the rows the database trigger writes from stored scores.
 */
const baseUrl = inject('baseUrl');
const db = new pg.Client({ connectionString: inject('databaseUrl') });
let slug = '';
let northgate = { id: '', slug: '' };
let copdId = '';

beforeAll(async () => {
  await db.connect();
  slug = (await db.query(`SELECT slug FROM "Workspace" WHERE name = 'Riverside GP Cluster'`)).rows[0].slug;
  northgate = (await db.query(`SELECT id, slug FROM "Workspace" WHERE name = 'Northgate Primary Care Network'`)).rows[0];
  copdId = (await db.query(`SELECT p.id FROM "Pathway" p JOIN "Workspace" w ON w.id = p."workspaceId" WHERE w.slug = $1 AND p.title LIKE 'COPD%' AND p."isTemplate" ORDER BY p."createdAt" LIMIT 1`, [slug])).rows[0].id;
});
afterAll(async () => {
  await db.end();
});

const sessions = new Map<string, Session>();
async function as(email: string): Promise<Session> {
  const cached = sessions.get(email);
  if (cached) return cached;
  const s = new Session(baseUrl);
  expect(await s.signIn(email, DEMO_PASSWORD), `sign-in of ${email}`).toBeNull();
  sessions.set(email, s);
  return s;
}

async function csvOf(s: Session, path: string): Promise<string[][]> {
  const res = await s.fetch(path);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/csv');
  return parseCsv(await res.text());
}

const MEMBERS = [
  ['facilitator (GP)', 'gp@pathweave.test'],
  ['commenter (voluntary sector)', 'voluntary@pathweave.test'],
  ['viewer (manager)', 'manager@pathweave.test'],
] as const;
const NON_MEMBERS = [
  ['patient', 'patient@pathweave.test'],
  ['carer', 'carer@pathweave.test'],
  ['GP who facilitates another workspace', 'outsider.gp@pathweave.test'],
] as const;

describe('who can see a workspace scorecard', () => {
  for (const [label, email] of MEMBERS) {
    it(`a ${label} sees the scorecard, a pathway's drill-down and every export`, async () => {
      const s = await as(email);
      const page = await s.fetch(`/w/${slug}/scorecards`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('Criteria by pathway');
      expect(html).toContain('COPD: breathlessness to long-term support');
      const detail = await s.fetch(`/w/${slug}/scorecards/${copdId}`);
      expect(detail.status).toBe(200);
      expect(await detail.text()).toContain('Criteria and findings, failing first');
      const rows = await csvOf(s, `/w/${slug}/scorecards/csv`);
      expect(rows[0]?.[0]).toBe('Pathway');
      for (const path of [`/w/${slug}/scorecards/pdf`, `/w/${slug}/scorecards/${copdId}/pdf`]) {
        const pdf = await s.fetch(path);
        expect(pdf.status, path).toBe(200);
        expect(pdf.headers.get('content-type')).toBe('application/pdf');
        expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
      }
    });
  }

  for (const [label, email] of NON_MEMBERS) {
    it(`a ${label} gets "not found" for the scorecard and its exports, exactly as for a workspace that does not exist`, async () => {
      const s = await as(email);
      for (const [real, fake] of [
        [`/w/${slug}/scorecards`, `/w/no-such-workspace/scorecards`],
        [`/w/${slug}/scorecards/${copdId}`, `/w/no-such-workspace/scorecards/${copdId}`],
        [`/w/${slug}/scorecards/csv`, `/w/no-such-workspace/scorecards/csv`],
        [`/w/${slug}/scorecards/pdf`, `/w/no-such-workspace/scorecards/pdf`],
        [`/w/${slug}/scorecards/${copdId}/pdf`, `/w/${slug}/scorecards/no-such-pathway/pdf`],
      ] as const) {
        const a = await s.fetch(real);
        const b = await s.fetch(fake);
        expect(a.status, real).toBe(404);
        expect(b.status, fake).toBe(404);
        if (real.endsWith('csv') || real.endsWith('pdf')) expect(await a.text()).toBe(await b.text());
        else expect(await a.text()).not.toContain('COPD: breathlessness');
      }
    });
  }

  it('a member of one workspace cannot reach another workspace’s pathway through their own workspace’s address', async () => {
    const northgatePathway = await addPathway(northgate.id, 'Northgate asthma pathway', ['Asthma']);
    await addVersion(northgatePathway, 1, 'copd.v1.json');
    const manager = await as('manager@pathweave.test');
    expect((await manager.fetch(`/w/${slug}/scorecards/${northgatePathway}`)).status).toBe(404);
    expect((await manager.fetch(`/w/${slug}/scorecards/${northgatePathway}/pdf`)).status).toBe(404);
    expect((await manager.fetch(`/w/${northgate.slug}/scorecards/csv`)).status).toBe(404);
    const riverside = await csvOf(manager, `/w/${slug}/scorecards/csv`);
    expect(riverside.map((r) => r[0])).not.toContain('Northgate asthma pathway');
    const outsider = await as('outsider.gp@pathweave.test');
    const own = await csvOf(outsider, `/w/${northgate.slug}/scorecards/csv`);
    expect(own.map((r) => r[0])).toContain('Northgate asthma pathway');
  });

  it('answers a download the person may not see with a "Page not found" page, exactly as for a guessed address', async () => {
    const northgatePathway = await addPathway(northgate.id, 'Northgate download test pathway', ['Asthma']);
    await addVersion(northgatePathway, 1, 'copd.v1.json');
    const noSuchPathway = `/w/${slug}/scorecards/no-such-pathway/pdf`;
    const cases = [
      // Someone in no workspace, and a GP of another workspace, on Riverside's downloads.
      ['patient@pathweave.test', `/w/${slug}/scorecards/csv`, `/w/no-such-workspace/scorecards/csv`],
      ['outsider.gp@pathweave.test', `/w/${slug}/scorecards/csv`, `/w/no-such-workspace/scorecards/csv`],
      ['outsider.gp@pathweave.test', `/w/${slug}/scorecards/pdf`, `/w/no-such-workspace/scorecards/pdf`],
      ['outsider.gp@pathweave.test', `/w/${slug}/scorecards/${copdId}/pdf`, noSuchPathway],
      // A Riverside member reaching for a Northgate pathway through Riverside's address.
      ['manager@pathweave.test', `/w/${slug}/scorecards/${northgatePathway}/pdf`, noSuchPathway],
    ] as const;
    for (const [email, real, guessed] of cases) {
      const s = await as(email);
      const a = await s.fetch(real);
      const b = await s.fetch(guessed);
      const label = `${email} ${real}`;
      expect(a.status, label).toBe(404);
      expect(b.status, label).toBe(404);
      expect(a.headers.get('content-type'), label).toBe('text/html; charset=utf-8');
      expect(b.headers.get('content-type'), label).toBe(a.headers.get('content-type'));
      expect(a.headers.get('cache-control'), label).toBe('no-store');
      const body = await a.text();
      expect(await b.text(), label).toBe(body);
      expect(body).toMatch(/^<!doctype html>/);
      expect(body).toContain('<title>Page not found – Pathweave</title>');
      expect(body).toContain('<h1>Page not found</h1>');
      expect(body).toContain('We could not find that scorecard, or you do not have access to it.');
      expect(body).toContain('<a href="/">Go to the Pathweave home page</a>');
      // It names nothing behind the address, and shows no stack trace.
      for (const secret of ['Riverside', 'Northgate', 'COPD', slug, copdId, northgatePathway]) {
        expect(body, label).not.toContain(secret);
      }
      expect(body).not.toMatch(/\n\s+at \S|Error:|node_modules|\.tsx?:\d+/);
    }
  });

  it('sends someone who is not signed in to sign in, for the page and the exports', async () => {
    const anon = new Session(baseUrl);
    for (const path of [`/w/${slug}/scorecards`, `/w/${slug}/scorecards/csv`, `/w/${slug}/scorecards/pdf`]) {
      const res = await anon.fetch(path);
      expect([303, 307], path).toContain(res.status);
      expect(res.headers.get('location'), path).toContain('/signin');
    }
  });

  it('sends someone signed out from an export to sign in and back to the scorecard page the link is on', async () => {
    const anon = new Session(baseUrl);
    for (const [path, page] of [
      [`/w/${slug}/scorecards/csv`, `/w/${slug}/scorecards`],
      [`/w/${slug}/scorecards/csv?condition=COPD&status=draft`, `/w/${slug}/scorecards?condition=COPD&status=draft`],
      [`/w/${slug}/scorecards/pdf?condition=COPD`, `/w/${slug}/scorecards?condition=COPD`],
      [`/w/${slug}/scorecards/${copdId}/pdf`, `/w/${slug}/scorecards/${copdId}`],
      [`/w/${slug}/scorecards/${copdId}/pdf?version=working`, `/w/${slug}/scorecards/${copdId}?version=working`],
    ] as const) {
      const res = await anon.fetch(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location'), path).toBe(`/signin?callbackUrl=${encodeURIComponent(page)}`);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The stored rows behind the scorecard
// ---------------------------------------------------------------------------------------------

const demoDir = new URL('../../prisma/demo/pathways/', import.meta.url);
function demoDocument(file: string) {
  const r = parsePathwayJson(readFileSync(new URL(file, demoDir), 'utf8'));
  if (!r.ok) throw new Error(`${file} is not valid`);
  return r.pathway;
}

async function addPathway(workspaceId: string, title: string, conditions: string[]): Promise<string> {
  const id = `c7${randomBytes(10).toString('hex')}`;
  await db.query(
    `INSERT INTO "Pathway" ("id", "workspaceId", "title", "conditions", "status", "document", "updatedAt")
     VALUES ($1, $2, $3, $4, 'draft', $5, now())`,
    [id, workspaceId, title, conditions, JSON.stringify(demoDocument('copd.v1.json'))],
  );
  return id;
}

/** Saves a version the way any code path would: one INSERT with the engine's stored scores. */
async function addVersion(pathwayId: string, number: number, file: string, scores?: unknown): Promise<string> {
  const id = `c7v${randomBytes(10).toString('hex')}`;
  const document = demoDocument(file);
  const stored = scores ?? scoreForStorage(document, { versionCount: number, today: '2026-11-20' });
  await db.query(
    `INSERT INTO "PathwayVersion" ("id", "pathwayId", "number", "document", "scores", "note") VALUES ($1, $2, $3, $4, $5, 'scorecard test')`,
    [id, pathwayId, number, JSON.stringify(document), JSON.stringify(stored)],
  );
  return id;
}

describe('scorecard rows written from stored scores', () => {
  it('match, for every saved version, what its stored scores say', async () => {
    const versions = await db.query(`SELECT id, "pathwayId", number, scores FROM "PathwayVersion" WHERE scores IS NOT NULL AND scores ? 'frameworks'`);
    expect(versions.rowCount).toBeGreaterThanOrEqual(5);
    for (const v of versions.rows) {
      const expected = scoreRowsFromStored(v.id, v.scores);
      const summary = (await db.query(`SELECT * FROM "VersionScoreSummary" WHERE "versionId" = $1`, [v.id])).rows[0];
      expect(summary, `summary of ${v.id}`).toMatchObject({
        pathwayId: v.pathwayId,
        number: v.number,
        scoredAt: expected.scoredAt,
        steps: expected.journey.steps,
        contacts: expected.journey.contacts,
        organisations: expected.journey.organisations,
        sectors: expected.journey.sectors,
        faultLineCrossings: expected.journey.faultLineCrossings,
        crossingsWithoutInformation: expected.journey.crossingsWithoutInformation,
        expectedDays: expected.journey.expectedDays,
        frameworks: expected.summaryFrameworks,
        criteria: expected.summaryCriteria,
      });
      const frameworks = (await db.query(`SELECT * FROM "VersionFrameworkScore" WHERE "versionId" = $1 ORDER BY "frameworkId"`, [v.id])).rows;
      expect(frameworks).toEqual([...expected.frameworks].sort((a, b) => a.frameworkId.localeCompare(b.frameworkId)));
      const criteria = (await db.query(`SELECT *, status::text AS status FROM "VersionCriterionScore" WHERE "versionId" = $1 ORDER BY "frameworkId", position`, [v.id])).rows;
      expect(criteria).toEqual([...expected.criterionRows].sort((a, b) => a.frameworkId.localeCompare(b.frameworkId) || a.position - b.position));
    }
  });

  it('follow a newly saved version: the scorecard reports it as the latest, with its own results', async () => {
    const pathwayId = await addPathway(northgate.id, 'Northgate COPD pathway', ['COPD']);
    const outsider = await as('outsider.gp@pathweave.test');
    const row = async () => (await csvOf(outsider, `/w/${northgate.slug}/scorecards/csv?condition=copd`)).find((r) => r[0] === 'Northgate COPD pathway')!;
    let header = (await csvOf(outsider, `/w/${northgate.slug}/scorecards/csv`))[0]!;
    expect((await row())[header.indexOf('Version')]).toBe('No saved version');

    await addVersion(pathwayId, 1, 'copd.v1.json');
    const v1 = scoreForStorage(demoDocument('copd.v1.json'), { versionCount: 1, today: '2026-11-20' });
    let r = await row();
    header = (await csvOf(outsider, `/w/${northgate.slug}/scorecards/csv`))[0]!;
    expect(r[header.indexOf('Version')]).toBe('1');
    expect(r[header.indexOf('RCGP five tests: score (%)')]).toBe(String(v1.frameworks[0]!.percent));

    await addVersion(pathwayId, 2, 'copd.json');
    const v2 = scoreForStorage(demoDocument('copd.json'), { versionCount: 2, today: '2026-11-20' });
    r = await row();
    expect(r[header.indexOf('Version')]).toBe('2');
    expect(r[header.indexOf('RCGP five tests: score (%)')]).toBe(String(v2.frameworks[0]!.percent));
    expect(r[header.indexOf('Criteria not met (computed)')]).toBe(String(v2.frameworks.reduce((n, f) => n + f.notMet, 0)));

    const detail = await (await outsider.fetch(`/w/${northgate.slug}/scorecards/${pathwayId}`)).text();
    expect(detail).toContain('version 2');
  });

  it('never block saving a version whose scores cannot be read; the scorecard says it has no scores', async () => {
    const pathwayId = await addPathway(northgate.id, 'Northgate pathway with unreadable scores', ['Gout']);
    const versionId = await addVersion(pathwayId, 1, 'copd.v1.json', { frameworks: [], journey: { steps: 'many' } });
    expect((await db.query(`SELECT count(*)::int AS n FROM "PathwayVersion" WHERE id = $1`, [versionId])).rows[0].n).toBe(1);
    expect((await db.query(`SELECT count(*)::int AS n FROM "VersionScoreSummary" WHERE "versionId" = $1`, [versionId])).rows[0].n).toBe(0);
    const outsider = await as('outsider.gp@pathweave.test');
    const rows = await csvOf(outsider, `/w/${northgate.slug}/scorecards/csv?condition=Gout`);
    expect(rows).toHaveLength(2);
    const header = rows[0]!;
    expect(rows[1]![header.indexOf('Version')]).toBe('1');
    expect(rows[1]![header.indexOf('RCGP five tests: score (%)')]).toBe('');
    const page = await outsider.fetch(`/w/${northgate.slug}/scorecards/${pathwayId}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('The scores stored with this version cannot be read.');
  });

  it('show the room’s consensus beside the computed result, never changing it', async () => {
    const pathwayId = await addPathway(northgate.id, 'Northgate pathway rated by the room', ['Gout']);
    const versionId = await addVersion(pathwayId, 1, 'copd.v1.json');
    const outsiderId = (await db.query(`SELECT id FROM "User" WHERE email = 'outsider.gp@pathweave.test'`)).rows[0].id;
    // RCGP 5 is not met in this version: the room disagrees, and says why.
    await db.query(
      `INSERT INTO "CriterionRating" ("id", "versionId", "criterionId", "userId", "kind", "value", "reason", "updatedAt")
       VALUES ($1, $2, 'rcgp-5', $3, 'consensus', 'met', 'Funding agreed with the ICB last week', now())`,
      [`c7r${randomBytes(6).toString('hex')}`, versionId, outsiderId],
    );
    const outsider = await as('outsider.gp@pathweave.test');
    const rows = await csvOf(outsider, `/w/${northgate.slug}/scorecards/csv?condition=Gout`);
    const header = rows[0]!;
    const row = rows.find((r) => r[0] === 'Northgate pathway rated by the room')!;
    const v1 = scoreForStorage(demoDocument('copd.v1.json'), { versionCount: 1, today: '2026-11-20' });
    expect(row[header.indexOf('RCGP 5 No diversion of funding from general practice (computed)')]).toBe('Not met');
    expect(row[header.indexOf("RCGP 5 (room's consensus)")]).toBe('Met: Funding agreed with the ICB last week');
    expect(row[header.indexOf('RCGP five tests: score (%)')]).toBe(String(v1.frameworks[0]!.percent));
    expect(row[header.indexOf('Criteria not met (computed)')]).toBe(String(v1.frameworks.reduce((n, f) => n + f.notMet, 0)));
    expect(row[header.indexOf('Criteria rated by the room')]).toBe('1');
    const detail = await (await outsider.fetch(`/w/${northgate.slug}/scorecards/${pathwayId}`)).text();
    const item = detail.slice(detail.indexOf('id="criterion-rcgp-5"'), detail.indexOf('Rule rcgp-5@1'));
    expect(item).toContain('Not met');
    expect(item).toContain('Rating agreed at the workshop');
    expect(item).toContain('Workshop: Met');
    expect(item).toContain('Funding agreed with the ICB last week');
    // The rule id stays, for traceability, inside "How this was scored".
    expect(item).toMatch(/<summary[^>]*>How this was scored<\/summary>/);
  });

  it('link a finding of an old version to the editor only when the working copy still has its step', async () => {
    // The working copy is COPD (version 1's document); the saved version is the frailty pathway.
    const pathwayId = await addPathway(northgate.id, 'Northgate pathway rewritten since', ['Gout']);
    await addVersion(pathwayId, 1, 'frailty.json');
    const working = demoDocument('copd.v1.json');
    const present = new Set<string>([...working.steps.map((x) => x.id), ...working.transitions.map((t) => t.id)]);
    const outsider = await as('outsider.gp@pathweave.test');
    const html = await (await outsider.fetch(`/w/${northgate.slug}/scorecards/${pathwayId}`)).text();
    expect(html).toContain('(no longer in the pathway)');
    const selected = [...html.matchAll(/edit\?select=([^"&]+)/g)].map((m) => decodeURIComponent(m[1]!.replace(/&amp;/g, '&')));
    for (const id of selected) expect(present.has(id), id).toBe(true);
  });

  it('disappear with their version', async () => {
    const pathwayId = await addPathway(northgate.id, 'Northgate pathway to delete', ['Gout']);
    const versionId = await addVersion(pathwayId, 1, 'frailty.json');
    expect((await db.query(`SELECT count(*)::int AS n FROM "VersionCriterionScore" WHERE "versionId" = $1`, [versionId])).rows[0].n).toBe(17);
    await db.query(`DELETE FROM "Pathway" WHERE id = $1`, [pathwayId]);
    for (const table of ['VersionScoreSummary', 'VersionFrameworkScore', 'VersionCriterionScore']) {
      expect((await db.query(`SELECT count(*)::int AS n FROM "${table}" WHERE "versionId" = $1`, [versionId])).rows[0].n, table).toBe(0);
    }
  });
});

describe('a version a pathway does not have', () => {
  it('is named on the page with the versions that exist, and the PDF answers with the same sentence', async () => {
    const s = await as('manager@pathweave.test');
    const numbers = (await db.query(`SELECT number FROM "PathwayVersion" WHERE "pathwayId" = $1 ORDER BY number`, [copdId])).rows.map((r) => r.number as number);
    expect(numbers.length).toBeGreaterThanOrEqual(2);
    const listed = `${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
    const sentence = `There is no version 99 of this pathway. Its saved versions are ${listed}.`;
    const page = await s.fetch(`/w/${slug}/scorecards/${copdId}?version=99`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(sentence);
    expect(html).toContain('Version 99 does not exist: choose a version');
    expect(html).not.toContain('/pdf?version=99');
    expect(html).toMatch(/<title>COPD: breathlessness to long-term support, no version 99: scorecard – Pathweave<\/title>/);
    // The PDF link is opened in the browser: a page a person can read, with the same sentence, never JSON.
    const pdf = await s.fetch(`/w/${slug}/scorecards/${copdId}/pdf?version=99`);
    expect(pdf.status).toBe(404);
    expect(pdf.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const body = await pdf.text();
    expect(body).toMatch(/^<!doctype html>/);
    expect(body).toContain('<title>Page not found – Pathweave</title>');
    expect(body).toContain(`<p>${sentence}</p>`);
    expect(body).toContain(
      `<a href="/w/${slug}/scorecards/${copdId}">Go back to the scorecard for COPD: breathlessness to long-term support</a>`,
    );
    expect(body).not.toContain('"error"');
    expect(() => JSON.parse(body)).toThrow();
  });

  it('a pathway with nothing to report answers its PDF link with a page saying so, not JSON', async () => {
    const pathwayId = await addPathway(northgate.id, 'Northgate pathway with no versions', ['Gout']);
    const s = await as('outsider.gp@pathweave.test');
    const pdf = await s.fetch(`/w/${northgate.slug}/scorecards/${pathwayId}/pdf`);
    expect(pdf.status).toBe(404);
    expect(pdf.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const body = await pdf.text();
    expect(body).toContain('<h1>There is nothing to report for this version</h1>');
    expect(body).toContain('This pathway has no saved version yet, so it has no stored scores.');
    expect(body).toContain(`<a href="/w/${northgate.slug}/scorecards/${pathwayId}">`);
    expect(body).not.toContain('"error"');
  });
});

describe('page titles', () => {
  it('name the pathway and version shown, and say when the list is filtered', async () => {
    const s = await as('manager@pathweave.test');
    const latest = (await db.query(`SELECT max(number)::int AS n FROM "PathwayVersion" WHERE "pathwayId" = $1`, [copdId])).rows[0].n;
    const title = async (path: string) => /<title>([^<]*)<\/title>/.exec(await (await s.fetch(path)).text())?.[1]?.replace(/&quot;/g, '"');
    expect(await title(`/w/${slug}/scorecards/${copdId}`)).toBe(`COPD: breathlessness to long-term support, version ${latest}: scorecard – Pathweave`);
    expect(await title(`/w/${slug}/scorecards/${copdId}?version=working`)).toBe('COPD: breathlessness to long-term support, working copy: scorecard – Pathweave');
    // Other test files add pathways to the same database, so the list may run to more than one page.
    expect(await title(`/w/${slug}/scorecards`)).toMatch(/^Scorecards(, page 1 of \d+)? – Pathweave$/);
    expect(await title(`/w/${slug}/scorecards?condition=COPD`)).toMatch(
      /^Scorecards, filtered to condition "COPD"(, page 1 of \d+)? – Pathweave$/,
    );
  });

  it('are generic for someone who may not see the pathway', async () => {
    const s = await as('patient@pathweave.test');
    const html = await (await s.fetch(`/w/${slug}/scorecards/${copdId}`)).text();
    expect(/<title>([^<]*)<\/title>/.exec(html)?.[1]).not.toContain('COPD');
  });
});

describe('the CSV export over HTTP', () => {
  it('links each pathway at the app’s configured address, whatever host the request names', async () => {
    const s = await as('manager@pathweave.test');
    const res = await s.fetch(`/w/${slug}/scorecards/csv`, { headers: { 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https' } });
    const rows = parseCsv(await res.text());
    const col = rows[0]!.indexOf('Scorecard link');
    expect(col).toBeGreaterThan(0);
    for (const r of rows.slice(1)) expect(r[col]).toMatch(new RegExp(`^${baseUrl.replace(/[.]/g, '\\.')}/w/${slug}/scorecards/`));
  });

  it('applies the same filters as the page', async () => {
    const s = await as('manager@pathweave.test');
    const all = await csvOf(s, `/w/${slug}/scorecards/csv`);
    const header = all[0]!;
    const copd = await csvOf(s, `/w/${slug}/scorecards/csv?condition=COPD`);
    expect(copd.length).toBeGreaterThan(1);
    expect(copd.length).toBeLessThan(all.length);
    for (const r of copd.slice(1)) expect(r[header.indexOf('Conditions')]).toContain('COPD');
    const drafts = await csvOf(s, `/w/${slug}/scorecards/csv?status=draft`);
    for (const r of drafts.slice(1)) expect(r[header.indexOf('Status')]).toBe('Draft');
    const mental = await csvOf(s, `/w/${slug}/scorecards/csv?sector=mental_health`);
    const voluntary = await csvOf(s, `/w/${slug}/scorecards/csv?sector=voluntary_community`);
    expect(voluntary.length).toBeGreaterThan(mental.length);
    const rcgp5 = header.indexOf('RCGP 5 No diversion of funding from general practice (computed)');
    const failing = await csvOf(s, `/w/${slug}/scorecards/csv?failing=rcgp-5`);
    const notMeeting = all.slice(1).filter((r) => r[rcgp5] === 'Not met');
    expect(notMeeting.length).toBeGreaterThan(0);
    expect(failing.slice(1).map((r) => r[0]).sort()).toEqual(notMeeting.map((r) => r[0]).sort());
  });

  it('lists the pathways failing first', async () => {
    const s = await as('manager@pathweave.test');
    const rows = await csvOf(s, `/w/${slug}/scorecards/csv`);
    const col = rows[0]!.indexOf('Criteria not met (computed)');
    const notMet = rows.slice(1).filter((r) => r[col] !== '').map((r) => Number(r[col]));
    expect(notMet.length).toBeGreaterThanOrEqual(3);
    expect([...notMet].sort((a, b) => b - a)).toEqual(notMet);
  });
});

// ---------------------------------------------------------------------------------------------
// What changed between versions, and why the score moved
// ---------------------------------------------------------------------------------------------

/** The words of a page, as a reader gets them (tags and React's text separators taken out). */
function wordsOf(html: string): string {
  return html
    .replace(/<!-- -->/g, '')
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe('changes since the version before', () => {
  it('names the criteria whose result changed, the steps added and removed, the note and its author, and a change of rules', async () => {
    const ws = (await db.query(`SELECT id FROM "Workspace" WHERE slug = $1`, [slug])).rows[0].id as string;
    const author = (await db.query(`SELECT id, name FROM "User" WHERE email = 'consultant@pathweave.test'`)).rows[0] as { id: string; name: string };
    const pathwayId = await addPathway(ws, 'Changes between versions test', ['COPD']);
    const v1Doc = demoDocument('copd.v1.json');
    const v2Doc = demoDocument('copd.v2.json');
    // Version 1 was scored by older rules of the first framework (as an earlier engine would have).
    const v1Scores = JSON.parse(JSON.stringify(scoreForStorage(v1Doc, { versionCount: 1, today: '2026-03-10' })));
    const v2Scores = JSON.parse(JSON.stringify(scoreForStorage(v2Doc, { versionCount: 2, today: '2026-06-01' })));
    const renamed = v2Scores.frameworks[0] as { id: string; title: string; version: string };
    v1Scores.frameworks[0].version = '0.9.0';
    const insert = (n: number, doc: unknown, scores: unknown, note: string, at: string) =>
      db.query(
        `INSERT INTO "PathwayVersion" ("id", "pathwayId", "number", "document", "scores", "note", "authorId", "createdAt") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [`c7v${randomBytes(10).toString('hex')}`, pathwayId, n, JSON.stringify(doc), JSON.stringify(scores), note, author.id, at],
      );
    await insert(1, v1Doc, v1Scores, 'First draft from the practice', '2026-03-10T09:00:00Z');
    await insert(2, v2Doc, v2Scores, 'After the first workshop: took out the referral centre', '2026-06-01T09:00:00Z');

    const s = await as('manager@pathweave.test');
    const res = await s.fetch(`/w/${slug}/scorecards/${pathwayId}`);
    expect(res.status).toBe(200);
    const page = wordsOf(await res.text());
    expect(page).toContain('Changes since version 1');
    expect(page).toContain(`Version 2 was saved 1 June 2026 by ${author.name}.`);
    expect(page).toContain('Note saved with version 2: After the first workshop: took out the referral centre');

    // Steps added and removed, by title.
    const removed = v1Doc.steps.filter((x) => !v2Doc.steps.some((y) => y.id === x.id)).map((x) => x.title);
    const added = v2Doc.steps.filter((x) => !v1Doc.steps.some((y) => y.id === x.id)).map((x) => x.title);
    expect(removed.length + added.length).toBeGreaterThan(0);
    for (const t of [...removed, ...added]) expect(page).toContain(t);
    expect(page).toContain(`${added.length} ${added.length === 1 ? 'step' : 'steps'} added`);
    expect(page).toContain(`${removed.length} ${removed.length === 1 ? 'step' : 'steps'} removed`);

    // Each criterion whose status changed, with both statuses in words.
    const words = { met: 'Met', partly: 'Partly met', not_met: 'Not met', needs_judgement: 'Needs judgement' } as Record<string, string>;
    const statuses = (sc: { frameworks: { criteria: { id: string; title: string; status: string }[] }[] }) =>
      new Map(sc.frameworks.flatMap((f) => f.criteria.map((c) => [c.id, c] as const)));
    const before = statuses(v1Scores);
    const changed = [...statuses(v2Scores).values()].filter((c) => before.get(c.id)?.status !== c.status);
    expect(changed.length).toBeGreaterThan(0);
    for (const c of changed) expect(page).toContain(`${c.title} ${words[before.get(c.id)!.status]} ${words[c.status]}`);

    // The change of rules is said in the section and marked in the trend table, with each version's note.
    expect(page).toContain(
      `${renamed.title}: version 1 was scored with framework version 0.9.0, version 2 with framework version ${renamed.version}.`,
    );
    expect(page).toContain('Scored with framework version 0.9.0');
    expect(page).toContain(`Scored with framework version ${renamed.version}`);
    expect(page).toContain('First draft from the practice');

    // Version 1 has no version before it: no changes section; asking for version 2 shows the same one.
    expect(wordsOf(await (await s.fetch(`/w/${slug}/scorecards/${pathwayId}?version=1`)).text())).not.toContain('Changes since version');
    expect(wordsOf(await (await s.fetch(`/w/${slug}/scorecards/${pathwayId}?version=2`)).text())).toContain('Changes since version 1');
  });
});
