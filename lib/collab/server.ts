// The live collaboration server (issue 5): Hocuspocus on the app's own origin, at /collab, in the
// same Node process as Next (server.ts calls attachCollab), so `npm start` is still one process.
//
// Websocket upgrades on /collab are taken with ws' WebSocketServer({ noServer: true }) and fed to
// Hocuspocus by hand (in v4 handleConnection does not listen to the socket). Upgrades on any other
// path are left alone: Next adds its own upgrade listener (dev HMR on /_next/hmr).
//
// Order of things for each message a client sends (Hocuspocus awaits beforeHandleMessage before
// it applies a message and sends the SyncStatus ack, see node_modules/@hocuspocus/server/src/
// Connection.ts processMessages and MessageReceiver.ts readSyncMessage):
//   1. size and shape checked (a malformed or oversized message closes that connection, logged);
//   2. a read-only person's update is refused: Hocuspocus does not apply it (connection.readOnly)
//      and answers SyncStatus(false); we log it and write an audit event;
//   3. an expired session may no longer write: the connection is closed (the client reconnects
//      with its current cookie);
//   4. the update is appended to the log in PostgreSQL and committed;
//   5. only then does Hocuspocus apply it, broadcast it and acknowledge it.
// So an acknowledged edit is always on disk, whatever happens to the process next.
//
// Scaling: with REDIS_URL set, @hocuspocus/extension-redis relays updates and presence between
// instances serving the same document; each instance logs the updates its own clients send, into
// the one database, so the log stays complete. Beyond a few instances, route each document to one
// instance (consistent hashing on the document name at the load balancer) so Redis fan-out stays
// small; the log and the advisory locks already work with any number of instances.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { Redis } from '@hocuspocus/extension-redis';
import { Hocuspocus, type Document, type Extension } from '@hocuspocus/server';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import * as Y from 'yjs';
import { log } from '@/lib/log';
import { audit } from '@/lib/server/audit';
import { allowedOrigins as defaultOrigins, authorizeCollaboration, originAllowed, readSessionCookie, type CollabContext, type CollabSession } from './access';
import { ACCESS_CHANNEL, accessChangePayload, clearAccessRechecker, readAccessChange, setAccessRechecker, type AccessChange } from './access-changes';
import { clearRoomNotifier, roomChangedPayload, setRoomNotifier, type RoomTopic } from './notify';
import { IDENTITY_MESSAGE } from './presence';
import { connectionsOf, DEFAULT_RECHECK_MS, recheckConnections, type LiveConnection } from './revalidate';
import { ProtocolError, readClientMessage, SYNC_STEP_2 } from './protocol';
import {
  appendUpdate,
  closeUpdateLog,
  CollabLoadError,
  compactLiveDocument,
  openLiveDocument,
  documentNameFor,
  pathwayIdFromDocumentName,
  recordContribution,
  SERVER_ORIGIN,
  liveWriteBackHook,
  syncWorkingCopy,
} from './store';

export const COLLAB_PATH = '/collab';
export { IDENTITY_MESSAGE } from './presence';
/** Largest message a client may send. A whole 500-step pathway is well under 1 MiB as a Yjs update. */
export const DEFAULT_MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
/**
 * Merge the log into the snapshot after this many updates of one document, but not more often
 * than every COMPACT_MIN_INTERVAL_MS while it is busy. A compaction replays the log on the
 * server's thread (in slices, see compactLiveDocument), and its cost grows faster than the log:
 * at 800 updates a second, a log merged every 5 s costs a few percent of a core, one merged every
 * 30 s held the thread for most of a second each time.
 */
export const DEFAULT_COMPACT_EVERY = 1000;
export const COMPACT_MIN_INTERVAL_MS = 5_000;

export interface CollabServerOptions {
  path?: string;
  /** Default NEXTAUTH_SECRET. */
  secret?: string;
  /** Default: NEXTAUTH_URL's origin and PATHWEAVE_COLLAB_ORIGINS. */
  allowedOrigins?: ReadonlySet<string>;
  /** Default REDIS_URL; unset means a single instance. */
  redisUrl?: string;
  maxMessageBytes?: number;
  compactEvery?: number;
  /** Hocuspocus' debounce before writing the live document back to the working copy (ms). */
  writeBackDebounceMs?: number;
  /** How often people's access to open documents is checked again (ms). Default PATHWEAVE_COLLAB_RECHECK_MS or 30 s. */
  recheckMs?: number;
}

export interface CollabStats {
  documents: number;
  connections: number;
  /** Updates appended to the log since start. */
  appended: number;
  /** Messages refused (read-only writes, malformed, oversized, expired sessions). */
  refused: number;
}

export interface CollabServer {
  readonly hocuspocus: Hocuspocus;
  readonly path: string;
  /** Take this upgrade if it is for the collaboration path; false (socket untouched) otherwise. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Write every open document back to its working copy and compact its log. */
  flush(): Promise<void>;
  /** Flush, close every socket and stop. */
  close(): Promise<void>;
  stats(): CollabStats;
}

/** The context Hocuspocus keeps per connection: the session from the upgrade, then the authorization. */
type ConnectionContext = { session: CollabSession | null; sessionExpired?: boolean; refusedWrites?: number } & Partial<CollabContext>;

/** A refusal Hocuspocus passes to the client as the permission-denied reason (no message: no console noise). */
function refusal(reason: string, code = 4403): Error & { reason: string; code: number } {
  return Object.assign(new Error(), { reason, code });
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function rejectUpgrade(socket: Duplex, status: number, text: string): void {
  socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

function redisExtension(url: string): Redis {
  const parsed = new URL(url);
  return new Redis({
    host: parsed.hostname || '127.0.0.1',
    port: Number(parsed.port || 6379),
    prefix: 'pathweave-collab',
    options: {
      ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
      ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
      ...(parsed.pathname.length > 1 ? { db: Number(parsed.pathname.slice(1)) || 0 } : {}),
    },
  });
}

export function createCollabServer(options: CollabServerOptions = {}): CollabServer {
  const path = options.path ?? COLLAB_PATH;
  const secret = options.secret ?? process.env.NEXTAUTH_SECRET;
  const origins = options.allowedOrigins ?? defaultOrigins();
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const compactEvery = options.compactEvery ?? DEFAULT_COMPACT_EVERY;
  const redisUrl = options.redisUrl ?? process.env.REDIS_URL;
  const counters = { appended: 0, refused: 0 };
  /** Updates logged per document since its last compaction, when it last ran, and compactions in flight. */
  const sinceCompaction = new Map<string, number>();
  const lastCompaction = new Map<string, number>();
  const compacting = new Map<string, Promise<void>>();

  const compact = (pathwayId: string): Promise<void> => {
    const running = compacting.get(pathwayId);
    if (running) return running;
    sinceCompaction.set(pathwayId, 0);
    lastCompaction.set(pathwayId, Date.now());
    const job = compactLiveDocument(pathwayId)
      .then(({ merged }) => {
        if (merged) log.debug({ pathwayId, merged }, 'collab: log compacted');
      })
      .catch((error: unknown) => log.error({ err: error, pathwayId }, 'collab: compaction failed (the log is kept)'))
      .finally(() => compacting.delete(pathwayId));
    compacting.set(pathwayId, job);
    return job;
  };

  const refuse = (what: string, detail: Record<string, unknown>) => {
    counters.refused++;
    log.warn({ event: 'collab.refused', ...detail }, `collab: ${what}`);
  };

  const extensions: Extension[] = [];
  const redis = redisUrl ? redisExtension(redisUrl) : null;
  if (redis) extensions.push(redis as unknown as Extension);

  const hocuspocus = new Hocuspocus({
    name: 'pathweave-collab',
    quiet: true,
    timeout: 60_000,
    debounce: options.writeBackDebounceMs ?? 2_000,
    maxDebounce: 10_000,
    extensions,

    async onAuthenticate({ context, documentName, connectionConfig }) {
      const ctx = context as ConnectionContext;
      const session = ctx.session;
      if (!session) {
        if (ctx.sessionExpired) {
          refuse('expired session refused', { documentName });
          throw refusal('session-expired', 4401);
        }
        refuse('connection without a session refused', { documentName });
        throw refusal('unauthenticated', 4401);
      }
      if (session.expiresAt <= Date.now()) {
        refuse('expired session refused', { userId: session.userId, documentName });
        throw refusal('session-expired', 4401);
      }
      let granted: CollabContext | null;
      try {
        granted = await authorizeCollaboration(session, documentName);
      } catch (error) {
        // The database did not answer: not a refusal. The client says so and asks again later.
        log.error({ err: error, userId: session.userId, documentName }, 'collab: checking access failed');
        throw refusal('unavailable', 4500);
      }
      if (!granted) {
        refuse('document refused (not found or not allowed)', { userId: session.userId, documentName });
        await audit({
          actorId: session.userId,
          action: 'pathway:collaborate',
          resourceType: 'pathway',
          resourceId: pathwayIdFromDocumentName(documentName),
          outcome: 'denied',
        }).catch(() => undefined);
        throw refusal('not-found', 4404);
      }
      connectionConfig.readOnly = granted.readOnly;
      return granted;
    },

    async connected({ context, connection }) {
      const ctx = context as ConnectionContext;
      // Tell the client who the server knows it as, for its own avatar (IDENTITY_MESSAGE).
      connection.sendStateless(
        JSON.stringify({ type: IDENTITY_MESSAGE, user: { id: ctx.userId, name: ctx.name, role: ctx.professionalRole, access: ctx.accessRole, readOnly: ctx.readOnly } }),
      );
      if (ctx.pathwayId && ctx.userId) {
        recordContribution(ctx.pathwayId, ctx.userId, 'joined').catch((error: unknown) =>
          log.error({ err: error, pathwayId: ctx.pathwayId }, 'collab: could not record a participant'),
        );
      }
    },

    async onLoadDocument({ documentName, document }) {
      const pathwayId = pathwayIdFromDocumentName(documentName);
      if (!pathwayId) throw refusal('not-found', 4404);
      try {
        const state = await openLiveDocument(pathwayId);
        Y.applyUpdate(document, state, SERVER_ORIGIN);
      } catch (error) {
        if (error instanceof CollabLoadError) {
          log.warn({ pathwayId, reason: error.reason }, 'collab: live document could not be opened');
          throw refusal(error.reason === 'not_found' ? 'not-found' : 'invalid-document', 4404);
        }
        log.error({ err: error, pathwayId }, 'collab: loading the live document failed');
        throw refusal('unavailable', 4500);
      }
    },

    async beforeHandleMessage({ update: raw, connection, context, document, documentName }) {
      const ctx = context as ConnectionContext;
      if (raw.byteLength > maxMessageBytes) {
        refuse('oversized message refused', { userId: ctx.userId, documentName, bytes: raw.byteLength });
        throw refusal('message-too-large', 1009);
      }
      let message;
      try {
        message = readClientMessage(raw);
      } catch (error) {
        refuse('malformed message refused', { userId: ctx.userId, documentName, problem: error instanceof ProtocolError ? error.message : 'unreadable' });
        throw refusal('malformed-message', 1007);
      }
      if (message.kind !== 'sync') return;
      const { update } = message;
      let decoded: ReturnType<typeof Y.decodeUpdate>;
      try {
        decoded = Y.decodeUpdate(update);
      } catch {
        refuse('malformed update refused', { userId: ctx.userId, documentName, bytes: update.byteLength });
        throw refusal('malformed-update', 1007);
      }
      const empty = decoded.structs.length === 0 && decoded.ds.clients.size === 0;
      if (empty) return;
      if (connection.readOnly || ctx.readOnly !== false) {
        // Hocuspocus applies nothing from a read-only connection and answers SyncStatus(false).
        // The sync step 2 a client sends on connecting is fine when it holds nothing new.
        if (message.syncType === SYNC_STEP_2 && Y.snapshotContainsUpdate(Y.snapshot(document), update)) return;
        if (!connection.readOnly) connection.readOnly = true;
        ctx.refusedWrites = (ctx.refusedWrites ?? 0) + 1;
        refuse('write from a read-only participant refused', { userId: ctx.userId, documentName, accessRole: ctx.accessRole, count: ctx.refusedWrites });
        // One audit event per connection: a client sending refused writes in a loop must not flood the trail.
        if (ctx.refusedWrites === 1) {
          audit({ actorId: ctx.userId ?? null, action: 'pathway:edit', resourceType: 'pathway', resourceId: ctx.pathwayId ?? null, outcome: 'denied', detail: { via: 'collab' } }).catch(
            () => undefined,
          );
        }
        return;
      }
      if (ctx.sessionExpiresAt !== undefined && ctx.sessionExpiresAt <= Date.now()) {
        refuse('write after the session expired refused', { userId: ctx.userId, documentName });
        throw refusal('session-expired', 4401);
      }
      if (message.syncType === SYNC_STEP_2 && Y.snapshotContainsUpdate(Y.snapshot(document), update)) return;
      const pathwayId = ctx.pathwayId as string;
      try {
        await appendUpdate(pathwayId, ctx.userId ?? null, update);
      } catch (error) {
        // Not logged means not applied and not acknowledged: the client keeps it and resends.
        log.error({ err: error, pathwayId }, 'collab: could not log an update; connection reset');
        throw refusal('unavailable', 4500);
      }
      counters.appended++;
      const n = (sinceCompaction.get(pathwayId) ?? 0) + 1;
      sinceCompaction.set(pathwayId, n);
      if (n >= compactEvery && Date.now() - (lastCompaction.get(pathwayId) ?? 0) >= COMPACT_MIN_INTERVAL_MS) void compact(pathwayId);
    },

    async beforeHandleAwareness({ states, context, connection }) {
      // Presence says who someone is from the server's own knowledge: a client cannot show
      // itself as someone else, or with another role.
      const ctx = context as ConnectionContext | undefined;
      if (!connection || !ctx?.userId) return;
      for (const state of states.values()) {
        if (!state || typeof state !== 'object') continue;
        const user = (state.user ?? {}) as Record<string, unknown>;
        state.user = {
          ...user,
          id: ctx.userId,
          name: ctx.name,
          role: ctx.professionalRole,
          access: ctx.accessRole,
          readOnly: ctx.readOnly,
        };
      }
    },

    async onStoreDocument({ documentName, document }) {
      const pathwayId = pathwayIdFromDocumentName(documentName);
      if (!pathwayId) return;
      try {
        await syncWorkingCopy(pathwayId, document, { writeBack: true });
      } catch (error) {
        log.error({ err: error, pathwayId }, 'collab: writing the live document back to the working copy failed');
      }
    },

    async afterUnloadDocument({ documentName }) {
      const pathwayId = pathwayIdFromDocumentName(documentName);
      if (pathwayId) await compact(pathwayId);
    },
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });

  // "Look again" notices for comments and the workshop (lib/collab/notify.ts), to everyone on the
  // pathway's document here and, through the Redis extension's stateless relay, on other servers.
  // When nobody has the document open on this server (the change came through a request that
  // landed here), the notice still goes to the document's Redis channel, where the servers that
  // do have it open pass it on: the same message the extension publishes for a broadcast.
  const notifier = (pathwayId: string, topic: RoomTopic) => {
    const documentName = documentNameFor(pathwayId);
    const payload = roomChangedPayload(topic);
    const document = hocuspocus.documents.get(documentName);
    if (document) document.broadcastStateless(payload);
    else if (redis) {
      redis
        .beforeBroadcastStateless({ documentName, payload } as Parameters<Redis['beforeBroadcastStateless']>[0])
        .catch((error: unknown) => log.warn({ err: error, pathwayId }, 'collab: room notice not published to Redis'));
    }
  };
  setRoomNotifier(notifier);

  // Saving a version in the live room writes this server's copy back first (store.ts writeBackLiveDocument).
  const writeBackHere = async (pathwayId: string): Promise<boolean> => {
    const document = hocuspocus.documents.get(documentNameFor(pathwayId));
    if (!document) return false;
    await syncWorkingCopy(pathwayId, document, { writeBack: true });
    return true;
  };
  liveWriteBackHook.set(writeBackHere);

  // Ask again, while people stay, whether they may (lib/collab/revalidate.ts).
  const liveConnections = (): LiveConnection[] => {
    const live: LiveConnection[] = [];
    for (const [documentName, document] of hocuspocus.documents) {
      for (const connection of document.getConnections()) {
        live.push({
          documentName,
          get readOnly() {
            return connection.readOnly;
          },
          set readOnly(value: boolean) {
            connection.readOnly = value;
          },
          context: connection.context,
          // Leave the document, then close the socket: the client reconnects and is asked again
          // (and refused), rather than sitting on a connection the server no longer serves.
          close: (event) => {
            connection.close(event);
            (connection as unknown as { webSocket?: { close(code: number, reason: string): void } }).webSocket?.close(event?.code ?? 4403, event?.reason ?? 'closed');
          },
        });
      }
    }
    return live;
  };
  const recheck = (live: LiveConnection[], trigger: 'periodic' | 'access-changed'): Promise<void> =>
    recheckConnections(live, authorizeCollaboration)
      .then((out) => {
        for (const c of out.closed) refuse(`connection closed on a later check (${c.reason})`, { ...c, trigger });
        for (const c of out.madeReadOnly) log.info({ event: 'collab.readonly', ...c, trigger }, 'collab: access lowered to read-only while connected');
        for (const c of out.madeWritable) log.info({ event: 'collab.writable', ...c, trigger }, 'collab: access raised to editing while connected');
      })
      .catch((error: unknown) => log.error({ err: error, trigger }, 'collab: access recheck failed'));

  const recheckMs = options.recheckMs ?? Number(process.env.PATHWEAVE_COLLAB_RECHECK_MS ?? DEFAULT_RECHECK_MS);
  let rechecking = false;
  const recheckTimer = setInterval(() => {
    if (rechecking) return;
    rechecking = true;
    void recheck(liveConnections(), 'periodic').finally(() => {
      rechecking = false;
    });
  }, Math.max(250, recheckMs));
  recheckTimer.unref();

  // And at once for one person whose access changed (lib/collab/access-changes.ts): here, and
  // through Redis on the other servers. Best effort: the periodic recheck above stays the safety net.
  const serverId = randomUUID();
  const recheckPerson = (change: AccessChange) => {
    const mine = connectionsOf(change.userId, liveConnections());
    if (mine.length > 0) void recheck(mine, 'access-changed');
  };
  const onAccessChanged = (change: AccessChange) => {
    recheckPerson(change);
    redis?.pub
      .publish(ACCESS_CHANNEL, accessChangePayload(serverId, change))
      .catch((error: unknown) => log.warn({ err: error, userId: change.userId }, 'collab: access change not published to Redis'));
  };
  setAccessRechecker(onAccessChanged);
  // A connection of its own: the extension's subscriber reads every message it receives as a Yjs one.
  const accessSubscriber = redis ? redis.sub.duplicate() : null;
  if (accessSubscriber) {
    accessSubscriber.on('error', (error: unknown) => log.warn({ err: error }, 'collab: Redis subscriber for access changes failed'));
    accessSubscriber.on('message', (channel: string, message: string) => {
      if (channel !== ACCESS_CHANNEL) return;
      const read = readAccessChange(message);
      if (read && read.from !== serverId) recheckPerson(read.change);
    });
    accessSubscriber.subscribe(ACCESS_CHANNEL).catch((error: unknown) => log.warn({ err: error }, 'collab: could not subscribe to access changes'));
  }

  const accept = (req: IncomingMessage, socket: Duplex, head: Buffer, read: CollabSession | 'expired' | null) => {
    const session = read === 'expired' ? null : read;
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const headers = new Headers();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value === undefined) continue;
        headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? path}`, { headers });
      const context: ConnectionContext = { session, sessionExpired: read === 'expired' };
      const connection = hocuspocus.handleConnection(ws as unknown as Parameters<Hocuspocus['handleConnection']>[0], request, context);
      ws.on('message', (data: RawData, isBinary: boolean) => {
        if (!isBinary) {
          refuse('text frame refused', { userId: session?.userId });
          ws.close(1003, 'binary only');
          return;
        }
        connection.handleMessage(toBytes(data));
      });
      ws.on('close', (code: number, reason: Buffer) => connection.handleClose({ code, reason: reason.toString() }));
      ws.on('error', (error: Error) => {
        // e.g. a frame over maxPayload: ws closes the socket with 1009 itself.
        refuse('socket error', { userId: session?.userId, problem: error.message });
      });
    });
  };

  const handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): boolean => {
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      return false;
    }
    if (pathname !== path) return false;
    socket.on('error', () => undefined);
    const origin = req.headers.origin;
    if (!originAllowed(origin, origins)) {
      refuse('upgrade from another origin refused', { origin: origin ?? null });
      rejectUpgrade(socket, 403, 'Forbidden');
      return true;
    }
    readSessionCookie(req.headers.cookie, secret)
      .then((read) => {
        if (socket.destroyed) return;
        // Without a session the socket still opens, so the client hears why (authenticationFailed:
        // "unauthenticated" or "session-expired") instead of retrying a failed handshake for ever.
        accept(req, socket, head, read);
      })
      .catch((error: unknown) => {
        log.error({ err: error }, 'collab: upgrade failed');
        rejectUpgrade(socket, 500, 'Internal Server Error');
      });
    return true;
  };

  const flush = async () => {
    hocuspocus.flushPendingStores();
    const docs = [...hocuspocus.documents.values()] as Document[];
    await Promise.all(
      docs.map(async (document) => {
        const pathwayId = pathwayIdFromDocumentName(document.name);
        if (!pathwayId) return;
        try {
          await syncWorkingCopy(pathwayId, document, { writeBack: true });
        } catch (error) {
          log.error({ err: error, pathwayId }, 'collab: flush: write-back failed');
        }
        await compact(pathwayId);
      }),
    );
    await Promise.all([...compacting.values()]);
  };

  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    clearRoomNotifier(notifier);
    liveWriteBackHook.clear(writeBackHere);
    clearAccessRechecker(onAccessChanged);
    clearInterval(recheckTimer);
    accessSubscriber?.disconnect(false);
    await flush();
    for (const client of wss.clients) client.terminate();
    hocuspocus.closeConnections();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    await hocuspocus.hooks('onDestroy', { instance: hocuspocus });
    // Every acknowledged update is already committed; the log's own connections can go.
    await closeUpdateLog().catch((error: unknown) => log.warn({ err: error }, 'collab: closing the update log failed'));
  };

  return {
    hocuspocus,
    path,
    handleUpgrade,
    flush,
    close,
    stats: () => ({ documents: hocuspocus.getDocumentsCount(), connections: hocuspocus.getConnectionsCount(), ...counters }),
  };
}

/**
 * Serve live collaboration on `httpServer` at /collab. Upgrades on other paths are not touched.
 * Call the returned server's close() before closing the HTTP server.
 */
export function attachCollab(httpServer: HttpServer, options: CollabServerOptions = {}): CollabServer {
  const collab = createCollabServer(options);
  httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    collab.handleUpgrade(req, socket, head);
  });
  log.info({ path: collab.path, redis: Boolean(options.redisUrl ?? process.env.REDIS_URL) }, 'collab: live collaboration ready');
  return collab;
}
