// Helpers for the live collaboration integration tests: real sign-in over HTTP, real websockets
// (ws in Node), the real client session (lib/collab/client.ts), and app servers of our own started
// as child processes (collab-app.ts) for the crash and two-server tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { CollaborativeSession } from '../../lib/collab/client';
import { yDocToPathway } from '../../lib/collab/doc';
import type { Pathway } from '../../lib/pathway/schema';
import { DEMO_PASSWORD, Session } from '../support/http';

/** The test server's secret (scripts/test-server.ts sets this default). */
export const TEST_SECRET = process.env.NEXTAUTH_SECRET ?? 'test-secret-not-for-production-0123456789';

export async function signIn(baseUrl: string, email: string): Promise<string> {
  const s = new Session(baseUrl);
  const error = await s.signIn(email, DEMO_PASSWORD);
  if (error !== null || !s.signedIn()) throw new Error(`sign-in of ${email} failed: ${error}`);
  return s.cookieHeader();
}

/** A ws WebSocket class that sends the given headers (cookie, origin) on the upgrade. */
export function socketWith(headers: Record<string, string>): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
      // Closing a socket that is still connecting (a client torn down while it reconnects to a
      // server the crash test just killed) makes ws emit 'error'; the provider handles the close
      // itself, so don't let that event surface as an unhandled error of the test run.
      this.on('error', () => undefined);
    }
  } as unknown as typeof WebSocket;
}

export function wsUrl(baseUrl: string): string {
  return `${baseUrl.replace(/^http/, 'ws')}/collab`;
}

export interface OpenOptions {
  cookie?: string;
  origin?: string | null;
}

/** A real client session (the one the editor uses) connected over a real websocket. */
export function openSession(baseUrl: string, pathwayId: string, options: OpenOptions = {}): CollaborativeSession {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  const origin = options.origin === undefined ? baseUrl : options.origin;
  if (origin) headers.origin = origin;
  return new CollaborativeSession({ pathwayId, url: wsUrl(baseUrl), WebSocketPolyfill: socketWith(headers), cursorIntervalMs: 0 });
}

export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function synced(session: CollaborativeSession, timeoutMs = 20_000): Promise<Pathway> {
  await waitFor('first sync', () => session.getSnapshot().pathway !== null, timeoutMs);
  return session.getSnapshot().pathway as Pathway;
}

export async function denied(session: CollaborativeSession, timeoutMs = 15_000): Promise<string> {
  await waitFor('refusal', () => session.getSnapshot().status === 'denied', timeoutMs);
  return session.getSnapshot().deniedReason ?? '';
}

export async function acknowledged(session: CollaborativeSession, timeoutMs = 15_000): Promise<void> {
  await waitFor('every edit acknowledged', () => session.provider.unsyncedChanges === 0, timeoutMs);
}

/**
 * A copy of an existing (non-template) pathway under a new id, so each test has a live document of
 * its own; into another workspace when `workspaceId` is given.
 */
export async function copyPathway(db: pg.Client, options: { workspaceId?: string } = {}): Promise<string> {
  const id = `c5${randomBytes(10).toString('hex')}`;
  const res = await db.query(
    `INSERT INTO "Pathway" ("id", "workspaceId", "title", "conditions", "status", "document", "revision", "isTemplate", "createdAt", "updatedAt")
     SELECT $1, COALESCE($2, "workspaceId"), "title", "conditions", 'draft', "document", "revision", false, now(), now()
       FROM "Pathway" WHERE "isTemplate" = false ORDER BY "title" LIMIT 1
     RETURNING "id"`,
    [id, options.workspaceId ?? null],
  );
  if (res.rowCount !== 1) throw new Error('no pathway to copy');
  return id;
}

/** A workspace the given person is not a member of (made if there is none). */
export async function foreignWorkspace(db: pg.Client, email: string): Promise<string> {
  const found = await db.query(
    `SELECT w.id FROM "Workspace" w WHERE NOT EXISTS (
       SELECT 1 FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = $1 AND m."workspaceId" = w.id) LIMIT 1`,
    [email],
  );
  if (found.rowCount) return found.rows[0].id as string;
  const id = `c5ws${randomBytes(8).toString('hex')}`;
  await db.query(`INSERT INTO "Workspace" ("id", "slug", "name", "kind") VALUES ($1, $1, 'Elsewhere', 'pcn')`, [id]);
  return id;
}

/** The live document as stored in PostgreSQL (snapshot + log), derived as a pathway. */
export async function storedPathway(db: pg.Client, pathwayId: string): Promise<Pathway | null> {
  const snap = await db.query('SELECT "state" FROM "CollabSnapshot" WHERE "pathwayId" = $1', [pathwayId]);
  const log = await db.query('SELECT "update" FROM "CollabUpdate" WHERE "pathwayId" = $1 ORDER BY "seq"', [pathwayId]);
  if (snap.rowCount === 0 && log.rowCount === 0) return null;
  const doc = new Y.Doc();
  for (const row of [...snap.rows.map((r) => r.state as Buffer), ...log.rows.map((r) => r.update as Buffer)]) Y.applyUpdate(doc, new Uint8Array(row));
  return yDocToPathway(doc);
}

export async function userId(db: pg.Client, email: string): Promise<string> {
  const res = await db.query('SELECT id FROM "User" WHERE email = $1', [email]);
  return res.rows[0].id as string;
}

// ---------------------------------------------------------------------------------------------
// App servers of our own (collab-app.ts), on the integration database
// ---------------------------------------------------------------------------------------------

export interface AppProcess {
  baseUrl: string;
  child: ChildProcess;
  output(): string;
  /** SIGKILL: no shutdown code runs. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

export async function startApp(options: { port: number; databaseUrl: string; env?: Record<string, string> }): Promise<AppProcess> {
  const baseUrl = `http://127.0.0.1:${options.port}`;
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/integration/collab-app.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      PORT: String(options.port),
      NEXTAUTH_SECRET: TEST_SECRET,
      NEXTAUTH_URL: baseUrl,
      LOG_LEVEL: process.env.COLLAB_TEST_LOG_LEVEL ?? 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited early:\n${out}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the app did not become healthy:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    child,
    output: () => out,
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** Raw websocket for forging messages. Resolves when open; rejects with the HTTP status if refused. */
export function rawSocket(baseUrl: string, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl(baseUrl), { headers });
    ws.binaryType = 'nodebuffer';
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })));
    ws.once('error', reject);
  });
}

/** Hocuspocus' Auth message: varString name, varUint 2 (Auth), varUint 0 (Token), varString token. */
export function authMessage(documentName: string, token = 'session-cookie'): Uint8Array {
  const enc = new TextEncoder();
  const name = enc.encode(documentName);
  const tok = enc.encode(token);
  return Uint8Array.from([name.length, ...name, 2, 0, tok.length, ...tok]);
}
