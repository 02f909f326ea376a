// Reading the Hocuspocus wire format just far enough to find the Yjs update inside a client's
// message, so the server can check and log it before Hocuspocus applies it (server.ts).
//
// A client message is: varString document name (or "name\0session"), varUint message type, then
// for Sync (0) and SyncReply (4): varUint sync type (0 step 1, 1 step 2, 2 update) and a
// varUint8Array payload (a state vector for step 1, a Yjs update otherwise). Everything is
// bounds-checked: a malformed message is a ProtocolError, never an exception from deep inside.

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_SYNC_REPLY = 4;
export const SYNC_STEP_1 = 0;
export const SYNC_STEP_2 = 1;
export const SYNC_UPDATE = 2;

export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
}

class Reader {
  pos = 0;
  constructor(private readonly data: Uint8Array) {}
  varUint(): number {
    let num = 0;
    let mult = 1;
    for (let i = 0; i < 8; i++) {
      if (this.pos >= this.data.length) throw new ProtocolError('message ends inside a number');
      const byte = this.data[this.pos++] as number;
      num += (byte & 0x7f) * mult;
      if (byte < 0x80) return num;
      mult *= 128;
    }
    throw new ProtocolError('number too long');
  }
  bytes(): Uint8Array {
    const len = this.varUint();
    if (len > this.data.length - this.pos) throw new ProtocolError('message ends inside a byte array');
    const out = this.data.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
  string(): string {
    return new TextDecoder('utf-8', { fatal: true }).decode(this.bytes());
  }
}

export type ClientMessage =
  | { kind: 'sync'; documentName: string; syncType: typeof SYNC_STEP_2 | typeof SYNC_UPDATE; update: Uint8Array }
  | { kind: 'sync-step-1'; documentName: string }
  | { kind: 'other'; documentName: string; type: number };

/** Decode the part of a client message the server checks. Throws ProtocolError when malformed. */
export function readClientMessage(data: Uint8Array): ClientMessage {
  const r = new Reader(data);
  let documentName: string;
  try {
    documentName = r.string();
  } catch (error) {
    throw error instanceof ProtocolError ? error : new ProtocolError('document name is not text');
  }
  const type = r.varUint();
  if (type !== MESSAGE_SYNC && type !== MESSAGE_SYNC_REPLY) return { kind: 'other', documentName, type };
  const syncType = r.varUint();
  if (syncType === SYNC_STEP_1) return { kind: 'sync-step-1', documentName };
  if (syncType !== SYNC_STEP_2 && syncType !== SYNC_UPDATE) throw new ProtocolError(`unknown sync message type ${syncType}`);
  const update = r.bytes();
  return { kind: 'sync', documentName, syncType, update };
}

/** Encode a client message carrying a Yjs update (for tests and the benchmark's forced writes). */
export function encodeUpdateMessage(documentName: string, update: Uint8Array, syncType: typeof SYNC_STEP_2 | typeof SYNC_UPDATE = SYNC_UPDATE): Uint8Array {
  const name = new TextEncoder().encode(documentName);
  const parts: number[] = [];
  const varUint = (n: number) => {
    while (n > 0x7f) {
      parts.push((n & 0x7f) | 0x80);
      n = Math.floor(n / 128);
    }
    parts.push(n);
  };
  varUint(name.length);
  parts.push(...name);
  varUint(MESSAGE_SYNC);
  varUint(syncType);
  varUint(update.length);
  const head = Uint8Array.from(parts);
  const out = new Uint8Array(head.length + update.length);
  out.set(head, 0);
  out.set(update, head.length);
  return out;
}
