// Sending one workshop command from the browser so that it is carried out once. Each press of a button
// gets a random id; if the connection drops before the answer arrives, the same command goes again with
// the same id, a few times with growing pauses, and the server answers a repeat as it answered the first
// (lib/server/command-receipts.ts). Only when no answer ever comes does the person hear that we cannot
// tell whether it went through, so they look at the panel before pressing again.

/** Pauses before each repeat: about seven and a half seconds in all. */
export const RETRY_DELAYS_MS: readonly number[] = [500, 1_000, 2_000, 4_000];

export const NO_ANSWER_MESSAGE =
  'The connection dropped before the server answered, so we cannot tell whether that went through. ' +
  'The panel shows what the room has once the connection is back: check it before trying again.';

export type Sent = { kind: 'answered'; status: number; body: unknown } | { kind: 'no-answer' };

/** What an id a browser gives a command or a comment may be, checked by the server. */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
export const CLIENT_ID_RULE = '16 to 64 letters, digits, hyphens or underscores';

/** 16 random bytes as 32 hex digits. crypto.getRandomValues works on plain http too (randomUUID does not). */
export function newCommandId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Statuses that say the command may not have been carried out yet: a gateway in the way, or still running. */
const TRY_AGAIN = new Set([409, 502, 503, 504]);

export async function sendCommand(
  post: (body: string) => Promise<Response>,
  command: object,
  options: { commandId?: string; delaysMs?: readonly number[]; sleep?: (ms: number) => Promise<void> } = {},
): Promise<Sent> {
  const body = JSON.stringify({ ...command, commandId: options.commandId ?? newCommandId() });
  const delays = options.delaysMs ?? RETRY_DELAYS_MS;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await post(body);
      if (!TRY_AGAIN.has(res.status) || attempt >= delays.length) {
        return { kind: 'answered', status: res.status, body: await res.json().catch(() => ({})) };
      }
    } catch {
      if (attempt >= delays.length) return { kind: 'no-answer' };
    }
    await sleep(delays[attempt] as number);
  }
}
