'use client';
// The browser side of live collaboration (issue 5): one CollaborativeSession per open pathway,
// holding the shared Y.Doc, the HocuspocusProvider connected to /collab on the app's own origin,
// presence (awareness) and undo of one's own edits. `useCollaborativePathway` gives the editor
// what its local store gives it today (the pathway, apply(command), undo, redo…), so switching the
// editor from local state to the shared document is a small change:
//
//   const live = useCollaborativePathway(pathwayId);
//   if (!live.pathway) return <Loading status={live.status} />;
//   live.apply({ type: 'updateStep', stepId, patch: { title } });   // same Command union
//
// Commands go through lib/collab/doc.ts: checked by lib/pathway/commands.ts exactly as in the
// single-user editor, written to the Y.Doc field by field. The server enforces read-only access;
// `readOnly` here only lets the UI hide what cannot be done.
import { HocuspocusProvider } from '@hocuspocus/provider';
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import * as Y from 'yjs';
import { coalesceKeyFor, describeCommand, type Command, type CommandIssue } from '@/lib/pathway/commands';
import type { Pathway } from '@/lib/pathway/schema';
import { applyCommandToYDoc, CommandError, createPathwayReader, createUndoManager, isPathwayYDocEmpty, type PathwayReader } from './doc';
import { LocalCopy } from './local-copy';
import { localCopiesAvailable, whileSettling } from './local-copy-names';
import { documentNameFor } from './names';
import { readRoomChanged, type RoomTopic } from './notify';
import { hasEditsSince, isLocalCopyStale, localCopyName, LOCAL_COPY_VERSION, pendingLocalChanges, roomVectorOf, type OfflineNotice } from './offline';
import { UndoLabels } from './undo-labels';
import { IDENTITY_MESSAGE, peersFromStates, type Peer, type PresenceSelection } from './presence';
import type { Author, RemoteAuthors } from './announce';

export type { RemoteAuthors } from './announce';

/**
 * `unavailable`: the server could not open the live pathway just now (its database did not answer):
 * not a refusal. The session keeps trying, waiting longer each time (UNAVAILABLE_RETRY_MS).
 */
export type CollabStatus = 'connecting' | 'connected' | 'synced' | 'disconnected' | 'unavailable' | 'denied';

export interface CollabSnapshot {
  /** The shared pathway, derived from the Y.Doc; null until the first sync. */
  pathway: Pathway | null;
  status: CollabStatus;
  /** Why the server refused: "unauthenticated", "session-expired", "not-found"… */
  deniedReason: string | null;
  /** The server let this person watch (and comment) but not edit. */
  readOnly: boolean;
  canUndo: boolean;
  canRedo: boolean;
  /** Words for this person's last change and the last one undone ("change title"), for the undo button and its message. */
  undoLabel?: string;
  redoLabel?: string;
  /** Edits sent but not yet acknowledged (acknowledged = stored on the server). */
  unsyncedChanges: number;
  /** Everyone here, this tab included (self: true). */
  peers: Peer[];
  /** What became of edits kept on this device from an earlier visit (lib/collab/offline.ts), once told. */
  offlineNotice?: OfflineNotice | null;
}

/** Two snapshots alike in everything but who is here (see components/workshop/useLiveSession.ts). */
export function sameButPeers(a: Omit<CollabSnapshot, 'peers'>, b: Omit<CollabSnapshot, 'peers'>): boolean {
  return (
    a.pathway === b.pathway &&
    a.status === b.status &&
    a.deniedReason === b.deniedReason &&
    a.readOnly === b.readOnly &&
    a.canUndo === b.canUndo &&
    a.canRedo === b.canRedo &&
    a.undoLabel === b.undoLabel &&
    a.redoLabel === b.redoLabel &&
    a.unsyncedChanges === b.unsyncedChanges &&
    (a.offlineNotice ?? null) === (b.offlineNotice ?? null)
  );
}

export type ApplyResult =
  | { ok: true; doc: Pathway; command: Command; changed: boolean }
  | { ok: false; message: string; issues: readonly CommandIssue[] };

export const READ_ONLY_MESSAGE = 'You can follow this pathway live, but not change it.';
export const UNAVAILABLE_MESSAGE = 'The live pathway cannot be reached just now, so that was not changed. Pathweave keeps trying.';

/** The refusal the server sends when it could not open or check the live pathway (lib/collab/server.ts): try again later. */
export const UNAVAILABLE_REASON = 'unavailable';
/** Waits before asking again after `unavailable`: doubling from the first, up to the second. */
export const UNAVAILABLE_RETRY_MS = { first: 1_000, max: 30_000 } as const;

export interface CollaborativeSessionOptions {
  pathwayId: string;
  /** Default: ws(s)://<this origin>/collab. */
  url?: string;
  /** Node clients (tests, benchmark) pass `WebSocket` from 'ws'. */
  WebSocketPolyfill?: unknown;
  /** Cursor updates are sent at most this often (ms). Default 50. */
  cursorIntervalMs?: number;
  /**
   * Keep the live document on this device (IndexedDB) for the signed-in person, so edits made
   * offline survive closing the tab; they are merged into the room on the next visit. Browser only.
   */
  keepLocally?: { userId: string };
}

/** The origin of edits kept on this device and merged into the room on a later visit (not undoable). */
export const OFFLINE_ORIGIN = { source: 'kept-offline' } as const;

/** ws://host/collab or wss://host/collab for the page's own origin. */
export function collabUrl(location: { protocol: string; host: string } = window.location): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/collab`;
}

const EMPTY: CollabSnapshot = {
  pathway: null,
  status: 'connecting',
  deniedReason: null,
  readOnly: true,
  canUndo: false,
  canRedo: false,
  unsyncedChanges: 0,
  peers: [],
};

export class CollaborativeSession {
  readonly ydoc = new Y.Doc();
  readonly provider: HocuspocusProvider;
  readonly undoManager: Y.UndoManager;
  private readonly undoLabels: UndoLabels;
  /** The origin of this tab's own edits: the only ones its undo touches. */
  readonly origin: object = { source: 'local-edit' };
  private readonly reader: PathwayReader;
  private readonly listeners = new Set<() => void>();
  private readonly roomListeners = new Set<(topic: RoomTopic) => void>();
  private snapshot: CollabSnapshot = EMPTY;
  private dirty = true;
  private status: CollabStatus = 'connecting';
  private deniedReason: string | null = null;
  private readOnly = true;
  private synced = false;
  private lastCoalesceKey: string | undefined;
  private cursorTimer: ReturnType<typeof setTimeout> | null = null;
  private pendingCursor: { x: number; y: number } | null | undefined;
  private lastCursorAt = 0;
  private readonly cursorIntervalMs: number;
  private destroyed = false;
  private local: LocalCopy | null = null;
  private offlineNotice: OfflineNotice | null = null;
  private metaTimer: ReturnType<typeof setTimeout> | null = null;
  private unsentMarked = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retries = 0;
  /** Asking again after `unavailable`: not synced until the server has let this tab in and synced again. */
  private rejoining = false;
  /** The server could not log an edit of this tab's: true until everything this tab sent is stored. */
  private editRefused = false;
  private stopSettling: (() => void) | null = null;
  /**
   * The device's copy holds edits this person made offline that were not shared because they may
   * now only view: the copy says so (unsent), so signing out asks before deleting them.
   */
  private keptUnshared = false;
  /**
   * Yjs clients that wrote in transactions from the room since takeRemoteAuthors was last asked; null
   * when none came. `fromRoom`: false when all that came was this person's edits kept offline;
   * `catchUp`: some came in the catch-up after (re)connecting.
   */
  private remoteWriters: { clients: Set<number>; deletesOnly: boolean; fromRoom: boolean; catchUp: boolean } | null = null;

  constructor(options: CollaborativeSessionOptions) {
    this.cursorIntervalMs = options.cursorIntervalMs ?? 50;
    if (options.keepLocally && localCopiesAvailable()) {
      this.local = new LocalCopy(localCopyName(options.keepLocally.userId, options.pathwayId));
    }
    this.reader = createPathwayReader(this.ydoc);
    this.undoManager = createUndoManager(this.ydoc, this.origin);
    this.undoLabels = new UndoLabels(this.undoManager);
    this.provider = new HocuspocusProvider({
      url: options.url ?? collabUrl(),
      name: documentNameFor(options.pathwayId),
      document: this.ydoc,
      token: 'session-cookie',
      ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
    } as ConstructorParameters<typeof HocuspocusProvider>[0]);
    this.provider.awareness?.setLocalState({ cursor: null, selection: null });

    this.ydoc.on('afterTransaction', this.afterTransaction);
    this.undoManager.on('stack-item-added', this.changed);
    this.undoManager.on('stack-item-popped', this.changed);
    this.undoManager.on('stack-cleared', this.changed);
    this.provider.on('awarenessChange', this.changed);
    this.provider.on('unsyncedChanges', () => {
      if (this.editRefused && this.provider.unsyncedChanges === 0) {
        this.editRefused = false;
        this.retries = 0;
      }
      this.changed();
    });
    this.provider.on('status', ({ status }: { status: string }) => {
      // Refused, or waiting to ask again after `unavailable`: said until the answer changes.
      if (this.status === 'denied' || this.status === 'unavailable') return;
      // A socket open again is not yet a way in when the last answer was `unavailable`: until the
      // server has let this tab in and synced, it is not said to be live with every change saved.
      this.status = status === 'connected' ? (this.synced && !this.rejoining ? 'synced' : 'connected') : status === 'connecting' ? 'connecting' : 'disconnected';
      this.changed();
    });
    this.provider.on('synced', () => {
      this.synced = true;
      // After a refused edit, being let in is not yet success: the wait keeps growing until the
      // edit is stored (below), so a database that keeps refusing is not asked every second.
      if (!this.editRefused) this.retries = 0;
      this.rejoining = false;
      if (this.status !== 'denied') this.status = 'synced';
      this.changed();
    });
    this.provider.on('authenticated', ({ scope }: { scope: string }) => {
      this.readOnly = scope === 'readonly';
      // Read only now: the refused edit will never be stored here, so the wait starts short again.
      if (this.readOnly && this.editRefused) {
        this.editRefused = false;
        this.retries = 0;
      }
      this.deniedReason = null;
      this.changed();
    });
    this.provider.on('stateless', ({ payload }: { payload: string }) => {
      // The server says who this tab is: shown as its own avatar (the server sets everyone's
      // identity on what it relays, so this is for display only).
      try {
        const message = JSON.parse(payload) as { type?: unknown; user?: unknown };
        if (message.type === IDENTITY_MESSAGE && message.user && typeof message.user === 'object') {
          this.provider.awareness?.setLocalStateField('user', message.user);
        }
      } catch {
        // not ours
      }
      const topic = readRoomChanged(payload);
      if (topic) for (const l of this.roomListeners) l(topic);
    });
    this.provider.on('synced', () => {
      // After a reconnect, anything missed while away: look again.
      for (const l of this.roomListeners) {
        l('comments');
        l('workshop');
      }
    });
    // The server could not log an edit (its database refused it): it leaves this document, which
    // the edit is not part of, but the socket stays open, and the provider would only notice after
    // a silent half-minute. Asked again on a new connection at once, as after `unavailable`.
    this.provider.on('close', ({ event }: { event?: { reason?: string } }) => {
      if (event?.reason !== UNAVAILABLE_REASON || this.status === 'denied') return;
      this.editRefused = true;
      this.unavailable();
    });
    this.provider.on('authenticationFailed', ({ reason }: { reason: string }) => {
      if (reason === UNAVAILABLE_REASON) {
        this.unavailable();
        return;
      }
      this.status = 'denied';
      this.deniedReason = reason || 'permission-denied';
      this.changed();
    });
    if (this.local) {
      const reconciled = this.reconcileLocalCopy(this.local);
      this.stopSettling = whileSettling(() => this.settleLocalCopy(reconciled));
    }
  }

  /**
   * Once both the room and this device's copy are loaded: merge what the copy has that the room
   * has not (edits made offline, then the tab closed) into the room, unless the room was replaced
   * since (the copy is dropped) or this person may now only view (the copy is kept, not merged).
   * Either way they are told. Then the copy follows the room.
   */
  private async reconcileLocalCopy(local: LocalCopy): Promise<void> {
    try {
      await Promise.all([local.ready, this.whenSynced()]);
      if (this.destroyed) return;
      const meta = await local.meta();
      if (this.destroyed) return;
      if (isLocalCopyStale(meta, this.ydoc)) {
        const hadEdits = hasEditsSince(meta, local.doc);
        await local.reset();
        if (this.destroyed) return;
        if (hadEdits) this.tell('discarded');
        if (this.readOnly) {
          // Following along: nothing of theirs to keep (as below).
          this.local = null;
          await local.discard();
          return;
        }
      } else {
        const pending = pendingLocalChanges(local.doc, this.ydoc);
        if (pending && this.readOnly) {
          this.keptUnshared = true;
          this.tell('read-only');
        } else if (pending) {
          Y.applyUpdate(this.ydoc, pending, OFFLINE_ORIGIN);
          void this.whenAcknowledged().then((acknowledged) => {
            if (acknowledged && !this.destroyed) this.tell('shared');
          });
        } else if (this.readOnly) {
          // Following along, with nothing of their own kept: they cannot make edits to keep, so
          // the pathway is not left on this (perhaps shared) device at all.
          this.local = null;
          await local.discard();
          return;
        }
      }
      local.follow(this.ydoc);
      this.provider.on('unsyncedChanges', this.keepMeta);
      if (this.synced && this.provider.unsyncedChanges === 0 && !this.keptUnshared) {
        // The room has everything: said at once, not after keepMeta's pause, so an "unsent" mark
        // left by the last page (reloaded a moment after an edit) does not make signing out warn.
        this.unsentMarked = false;
        await local.saveMeta({ version: LOCAL_COPY_VERSION, roomVector: roomVectorOf(this.ydoc), unsent: false });
      } else this.keepMeta();
    } catch {
      // IndexedDB refused (private browsing, storage full): the live editor works as before.
    }
  }

  /**
   * Not a refusal: the server could not open, check or log the live pathway just now. Nothing can
   * be changed meanwhile (apply, undo and redo check the status), and it is asked again on a new
   * connection, waiting longer each time. `readOnly` stays what the server last granted, so coming
   * back is not mistaken for being moved up to editor.
   */
  private unavailable(): void {
    this.status = 'unavailable';
    this.deniedReason = null;
    this.rejoining = true;
    this.retryLater();
    this.changed();
  }

  /** Close this connection and open a new one after a wait that doubles each time (up to UNAVAILABLE_RETRY_MS.max). */
  private retryLater(): void {
    if (this.retryTimer || this.destroyed) return;
    const socket = this.provider.configuration.websocketProvider;
    socket.disconnect();
    const wait = Math.min(UNAVAILABLE_RETRY_MS.first * 2 ** this.retries, UNAVAILABLE_RETRY_MS.max);
    this.retries++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.destroyed) return;
      this.status = 'connecting';
      this.changed();
      void socket.connect();
    }, wait);
  }

  /**
   * For signing out (local-copy-names.ts localCopiesSettled): once the copy is reconciled with the
   * room, an "all shared" mark still waiting out keepMeta's pause is written now, so the question
   * "your changes have not been shared yet" is asked only when that is so.
   */
  private async settleLocalCopy(reconciled: Promise<void>): Promise<void> {
    await reconciled;
    if (!this.local || this.destroyed || !this.synced || this.keptUnshared) return;
    // Just after a sync the provider counts its own reply as unsent until the server confirms it (a
    // round trip): waited for briefly, so that an edit really on its way is still asked about.
    if (!(await this.whenAcknowledged(1_500))) return;
    const local = this.local;
    if (!local || this.destroyed || this.keptUnshared) return;
    if (this.metaTimer) clearTimeout(this.metaTimer);
    this.metaTimer = null;
    this.unsentMarked = false;
    await local.saveMeta({ version: LOCAL_COPY_VERSION, roomVector: roomVectorOf(this.ydoc), unsent: false });
  }

  private tell(notice: OfflineNotice): void {
    this.offlineNotice = notice;
    this.changed();
  }

  /** Record with the copy whether it holds unacknowledged edits, and what the room certainly has (offline.ts). */
  private readonly keepMeta = () => {
    const local = this.local;
    if (!local || this.destroyed) return;
    const unsent = this.keptUnshared || this.provider.unsyncedChanges > 0;
    if (unsent) {
      // Marked at once (a crash may follow); the acknowledged state is written a little later.
      if (!this.unsentMarked) {
        this.unsentMarked = true;
        void local.meta().then((meta) => {
          if (this.unsentMarked) local.saveMeta({ version: LOCAL_COPY_VERSION, roomVector: meta?.roomVector ?? [], unsent: true });
        });
      }
      return;
    }
    if (!this.synced) return;
    this.unsentMarked = false;
    if (this.metaTimer) clearTimeout(this.metaTimer);
    this.metaTimer = setTimeout(() => {
      this.metaTimer = null;
      if (this.destroyed || this.provider.unsyncedChanges > 0) return;
      local.saveMeta({ version: LOCAL_COPY_VERSION, roomVector: roomVectorOf(this.ydoc), unsent: false });
    }, 250);
  };

  private readonly changed = () => {
    this.dirty = true;
    for (const l of this.listeners) l();
  };

  /**
   * Notes who wrote a change that came from the room (not this tab's own), before the listeners hear
   * of it: a Yjs client's clock moves on with each thing it writes. This person's edits kept offline
   * and merged on coming back are noted as theirs (takeRemoteAuthors: keptOffline).
   */
  private readonly afterTransaction = (tr: Y.Transaction) => {
    if (!tr.local && tr.origin !== this.origin && tr.changed.size > 0) {
      const writers = (this.remoteWriters ??= { clients: new Set(), deletesOnly: true, fromRoom: false, catchUp: false });
      if (tr.origin !== OFFLINE_ORIGIN) {
        writers.fromRoom = true;
        // The provider is synced again only once the catch-up (sync step 2: all that was missed, one
        // transaction) has been applied.
        if (!this.provider.synced) writers.catchUp = true;
        for (const [client, clock] of tr.afterState) {
          if ((tr.beforeState.get(client) ?? 0) < clock) {
            writers.clients.add(client);
            writers.deletesOnly = false;
          }
        }
      }
    }
    this.changed();
  };

  /** Who wrote what came from the room since last asked (see RemoteAuthors), or null when nothing came. */
  takeRemoteAuthors(): RemoteAuthors | null {
    const writers = this.remoteWriters;
    this.remoteWriters = null;
    if (!writers) return null;
    if (!writers.fromRoom) return { people: [], someoneElse: false, ownOnly: false, keptOffline: true };
    const states = (this.provider.awareness?.getStates() ?? new Map()) as Map<number, Record<string, unknown>>;
    const peers = peersFromStates(states, this.ydoc.clientID);
    const selfId = peers.find((p) => p.self)?.user.id;
    const people = new Map<string, Author>();
    let someoneElse = writers.deletesOnly;
    let own = 0;
    for (const client of writers.clients) {
      const peer = peers.find((p) => p.clientId === client);
      if (!peer) someoneElse = true;
      else if (selfId !== undefined && peer.user.id === selfId) own++;
      else people.set(peer.user.id, { id: peer.user.id, name: peer.user.name, role: peer.user.role });
    }
    return {
      people: [...people.values()],
      someoneElse,
      ownOnly: own > 0 && people.size === 0 && !someoneElse,
      ownToo: own > 0 && people.size > 0,
      catchUp: writers.catchUp,
    };
  }

  /** Comments or the workshop changed on the server (lib/collab/notify.ts): look again. */
  onRoomChanged = (listener: (topic: RoomTopic) => void): (() => void) => {
    this.roomListeners.add(listener);
    return () => {
      this.roomListeners.delete(listener);
    };
  };

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Allowed to write by the server, and the live pathway reachable now. */
  private get writable(): boolean {
    return !this.readOnly && this.status !== 'unavailable';
  }

  getSnapshot = (): CollabSnapshot => {
    if (!this.dirty) return this.snapshot;
    this.dirty = false;
    const awareness = this.provider.awareness;
    const pathway = this.synced && !isPathwayYDocEmpty(this.ydoc) ? this.reader.read() : null;
    const peers = awareness ? peersFromStates(awareness.getStates() as Map<number, Record<string, unknown>>, this.ydoc.clientID) : [];
    const next: CollabSnapshot = {
      pathway,
      status: this.status,
      deniedReason: this.deniedReason,
      readOnly: this.readOnly,
      // Read only (moved down to viewer, say): nothing to undo or redo here, the server would refuse it.
      canUndo: this.writable && this.undoManager.undoStack.length > 0,
      canRedo: this.writable && this.undoManager.redoStack.length > 0,
      undoLabel: this.undoLabels.undoLabel(),
      redoLabel: this.undoLabels.redoLabel(),
      unsyncedChanges: this.provider.unsyncedChanges,
      offlineNotice: this.offlineNotice,
      peers: samePeers(this.snapshot.peers, peers) ? this.snapshot.peers : peers,
    };
    const prev = this.snapshot;
    if (!(sameButPeers(prev, next) && prev.peers === next.peers)) this.snapshot = next;
    return this.snapshot;
  };

  /**
   * Apply a command to the shared pathway as one undo step (a run of typing into one field is one
   * step, as in the single-user editor). A command that cannot apply changes nothing and returns
   * the reason, for a person.
   */
  apply(command: Command, options: { label?: string; coalesceKey?: string } = {}): ApplyResult {
    if (this.readOnly) return { ok: false, message: READ_ONLY_MESSAGE, issues: [] };
    if (this.status === 'unavailable') return { ok: false, message: UNAVAILABLE_MESSAGE, issues: [] };
    if (!this.synced) return { ok: false, message: 'The pathway is still loading.', issues: [] };
    // A run of changes with the same key (typing into one field, arrow-key nudges of one step) is one undo step.
    const key = options.coalesceKey ?? coalesceKeyFor(command);
    if (key === undefined || key !== this.lastCoalesceKey) this.undoManager.stopCapturing();
    this.lastCoalesceKey = key;
    this.undoLabels.next(options.label ?? describeCommand(command));
    try {
      const result = applyCommandToYDoc(this.ydoc, command, this.origin, this.reader);
      return { ok: true, doc: result.after, command: result.command, changed: result.changed };
    } catch (error) {
      if (error instanceof CommandError) return { ok: false, message: error.message, issues: error.issues };
      return { ok: false, message: 'That change could not be made.', issues: [] };
    }
  }

  /** End a run of typing (a field lost focus): the next keystroke starts a new undo step. */
  seal(): void {
    this.lastCoalesceKey = undefined;
    this.undoManager.stopCapturing();
  }

  /** Undo this person's last edit. Nothing while read only: the server would refuse it, and this screen would no longer match the room. */
  undo(): void {
    if (!this.writable) return;
    this.seal();
    this.undoLabels.undo();
  }

  redo(): void {
    if (!this.writable) return;
    this.seal();
    this.undoLabels.redo();
  }

  /** Where this person's pointer is on the canvas (flow coordinates), or null when off it. Throttled. */
  setCursor(point: { x: number; y: number } | null): void {
    this.pendingCursor = point;
    const now = Date.now();
    const wait = this.lastCursorAt + this.cursorIntervalMs - now;
    if (wait <= 0 || point === null) {
      this.flushCursor();
      return;
    }
    this.cursorTimer ??= setTimeout(() => this.flushCursor(), wait);
  }

  private flushCursor(): void {
    if (this.cursorTimer) clearTimeout(this.cursorTimer);
    this.cursorTimer = null;
    if (this.pendingCursor === undefined || this.destroyed) return;
    this.lastCursorAt = Date.now();
    this.provider.awareness?.setLocalStateField('cursor', this.pendingCursor);
    this.pendingCursor = undefined;
  }

  /** The step or transition this person has selected, shown to the others. */
  setSelection(selection: PresenceSelection): void {
    const current = this.provider.awareness?.getLocalState()?.selection as PresenceSelection | undefined;
    if (current?.kind === selection?.kind && current?.id === selection?.id) return;
    this.provider.awareness?.setLocalStateField('selection', selection);
  }

  /** Resolves once the first sync with the server is done. */
  whenSynced(): Promise<void> {
    if (this.synced) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.provider.off('synced', done);
        resolve();
      };
      this.provider.on('synced', done);
    });
  }

  /** Resolves when every edit made so far is stored on the server (unsyncedChanges is 0). */
  whenAcknowledged(timeoutMs?: number): Promise<boolean> {
    if (this.provider.unsyncedChanges === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = (acknowledged: boolean) => {
        this.provider.off('unsyncedChanges', check);
        if (timer) clearTimeout(timer);
        resolve(acknowledged);
      };
      const check = () => {
        if (this.provider.unsyncedChanges === 0) finish(true);
      };
      this.provider.on('unsyncedChanges', check);
      // Given up waiting: the listener goes too, so waits that time out leave nothing behind.
      if (timeoutMs !== undefined) timer = setTimeout(() => finish(false), timeoutMs);
    });
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.cursorTimer) clearTimeout(this.cursorTimer);
    if (this.metaTimer) clearTimeout(this.metaTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.stopSettling?.();
    this.provider.off('unsyncedChanges', this.keepMeta);
    this.local?.close();
    this.ydoc.off('afterTransaction', this.afterTransaction);
    this.reader.destroy();
    this.undoManager.destroy();
    this.provider.destroy();
    this.ydoc.destroy();
    this.listeners.clear();
    this.roomListeners.clear();
  }
}

function samePeers(a: readonly Peer[], b: readonly Peer[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as Peer;
    const y = b[i] as Peer;
    if (
      x.clientId !== y.clientId ||
      x.user.id !== y.user.id ||
      x.user.name !== y.user.name ||
      x.user.role !== y.user.role ||
      x.user.access !== y.user.access ||
      x.cursor?.x !== y.cursor?.x ||
      x.cursor?.y !== y.cursor?.y ||
      x.selection?.kind !== y.selection?.kind ||
      x.selection?.id !== y.selection?.id
    ) {
      return false;
    }
  }
  return true;
}

export interface CollaborativePathway extends CollabSnapshot {
  apply(command: Command, options?: { label?: string; coalesceKey?: string }): ApplyResult;
  undo(): void;
  redo(): void;
  /** End a run of typing (call when a field loses focus). */
  seal(): void;
  setCursor(point: { x: number; y: number } | null): void;
  setSelection(selection: PresenceSelection): void;
  /** A label for an undo menu ("add step"), as the single-user editor has. */
  describe(command: Command): string;
  /** The session itself, for advanced use (comments and workshop mode will share its provider). */
  session: CollaborativeSession | null;
}

/**
 * One open pathway for React: the session (and its websocket) is made when the first component
 * subscribes and closed when the last one leaves, so useSyncExternalStore manages its lifetime
 * (React's strict-mode remount reuses it instead of opening a second connection).
 */
class SessionStore {
  session: CollaborativeSession | null = null;
  private refs = 0;
  private closing: ReturnType<typeof setTimeout> | null = null;
  constructor(private readonly options: CollaborativeSessionOptions) {}
  subscribe = (listener: () => void): (() => void) => {
    if (this.closing) clearTimeout(this.closing);
    this.closing = null;
    this.session ??= new CollaborativeSession(this.options);
    this.refs++;
    const unsubscribe = this.session.subscribe(listener);
    return () => {
      unsubscribe();
      this.refs--;
      if (this.refs > 0) return;
      this.closing = setTimeout(() => {
        if (this.refs > 0) return;
        this.session?.destroy();
        this.session = null;
      }, 0);
    };
  };
  getSnapshot = (): CollabSnapshot => this.session?.getSnapshot() ?? EMPTY;
}

const serverSnapshot = (): CollabSnapshot => EMPTY;

/**
 * The live, shared pathway for the editor. One session per pathway id; it is closed when the
 * component unmounts or the id changes.
 */
export function useCollaborativePathway(pathwayId: string, options: Omit<CollaborativeSessionOptions, 'pathwayId'> = {}): CollaborativePathway {
  const { url } = options;
  const store = useMemo(() => new SessionStore({ pathwayId, ...(url ? { url } : {}) }), [pathwayId, url]);
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot, serverSnapshot);
  const apply = useCallback(
    (command: Command, options?: { label?: string; coalesceKey?: string }): ApplyResult =>
      store.session?.apply(command, options) ?? { ok: false, message: 'The pathway is still loading.', issues: [] },
    [store],
  );
  const undo = useCallback(() => store.session?.undo(), [store]);
  const redo = useCallback(() => store.session?.redo(), [store]);
  const seal = useCallback(() => store.session?.seal(), [store]);
  const setCursor = useCallback((p: { x: number; y: number } | null) => store.session?.setCursor(p), [store]);
  const setSelection = useCallback((s: PresenceSelection) => store.session?.setSelection(s), [store]);
  return useMemo(
    () => ({ ...snapshot, apply, undo, redo, seal, setCursor, setSelection, describe: describeCommand, session: store.session }),
    // The snapshot changes whenever the session does anything, so `store.session` is current here.
    [snapshot, apply, undo, redo, seal, setCursor, setSelection, store],
  );
}
