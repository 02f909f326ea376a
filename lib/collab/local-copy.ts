// The browser side of edits kept on this device (see offline.ts for the rules): one person's copy
// of one live pathway in IndexedDB, kept by y-indexeddb's IndexeddbPersistence (by the Yjs
// author, the standard Yjs provider for this). The copy is its own Y.Doc, not the room's: what it
// holds is only merged into the room once the room has been reached and the person may still
// edit it (lib/collab/client.ts), never on opening.
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { deleteLocalDatabase, META_KEY, registerLocalCopy } from './local-copy-names';
import { readLocalCopyMeta, type LocalCopyMeta } from './offline';


export class LocalCopy {
  doc = new Y.Doc();
  ready!: Promise<void>;
  private persistence!: IndexeddbPersistence;
  private room: Y.Doc | null = null;
  private closed = false;

  constructor(readonly name: string) {
    registerLocalCopy(name);
    this.open();
  }

  private open(): void {
    const persistence = new IndexeddbPersistence(this.name, this.doc);
    this.persistence = persistence;
    const opened = (persistence as unknown as { _db: Promise<IDBDatabase> })._db;
    this.ready = Promise.all([
      persistence.whenSynced,
      opened.then((db) => {
        // Someone signing out in another tab deletes this copy: let go of it (see clearLocalCopies).
        db.onversionchange = () => void persistence.destroy();
      }),
    ]).then(() => undefined);
  }

  async meta(): Promise<LocalCopyMeta | null> {
    try {
      return readLocalCopyMeta(await this.persistence.get(META_KEY));
    } catch {
      return null;
    }
  }

  /** Resolves once written (never rejects: a copy that cannot be written is no worse than none). */
  saveMeta(meta: LocalCopyMeta): Promise<void> {
    if (this.closed) return Promise.resolve();
    return this.persistence.set(META_KEY, meta as unknown as string).then(
      () => undefined,
      () => undefined,
    );
  }

  /** Drop everything kept and start an empty copy under the same name. */
  async reset(): Promise<void> {
    this.stopFollowing();
    await this.persistence.destroy();
    this.doc.destroy();
    await deleteLocalDatabase(this.name);
    this.doc = new Y.Doc();
    this.open();
    await this.ready;
  }

  /** From now on, keep the room's document here, as it is and with every change. */
  follow(room: Y.Doc): void {
    this.stopFollowing();
    this.room = room;
    Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(room));
    room.on('update', this.mirror);
  }

  private readonly mirror = (update: Uint8Array) => {
    if (!this.closed) Y.applyUpdate(this.doc, update);
  };

  private stopFollowing(): void {
    this.room?.off('update', this.mirror);
    this.room = null;
  }

  /** Stop keeping and remove what is kept on this device. */
  async discard(): Promise<void> {
    this.closed = true;
    this.stopFollowing();
    await this.persistence.destroy();
    this.doc.destroy();
    await deleteLocalDatabase(this.name);
  }

  /** Stop keeping (what is kept stays). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopFollowing();
    // y-indexeddb closes the database once its writes are done.
    this.doc.destroy();
  }
}
