// A workshop command is carried out once, however many times it is sent. The browser names each press of
// a button with a random id and, when the connection drops before the answer comes back, sends the same
// command again with the same id. The first arrival claims the id; the command runs; its answer is kept
// with the claim. A later arrival with the same id gets the kept answer without running the command
// again, so a lost answer never turns into a second dot or a second added minute.
//
// Ids belong to the person who sent them (the key is the user and the id), so nobody can read or block
// another person's answers by guessing an id. Answers are kept for a day.
import { getPrisma } from '@/lib/db/client';

const KEEP_FOR = '1 day';
/** How long a repeat waits for the first arrival, still running, to finish before saying so. */
const WAIT_MS = 5_000;
const POLL_MS = 100;
/** An unanswered claim older than this stopped before answering (a command takes well under a second). */
const STALE_MS = 60_000;

export interface KeptAnswer {
  status: number;
  body: unknown;
}

export type Claim =
  /** This request claimed the id: run the command, then keepAnswer() whatever it answers. */
  | { kind: 'claimed' }
  /** The command already ran: answer as it was answered. */
  | { kind: 'answered'; answer: KeptAnswer }
  /**
   * The first arrival has not answered: still running, or (`stale`, claimed over a minute ago) it
   * stopped before answering, so nobody can tell whether it was carried out. Do not run it again.
   */
  | { kind: 'running'; stale: boolean }
  /** The id was used for another pathway's command: a mistake in the sender. */
  | { kind: 'other-pathway' };

export async function claimCommand(
  userId: string,
  pathwayId: string,
  commandId: string,
  waitMs = WAIT_MS,
): Promise<Claim> {
  const prisma = getPrisma();
  // Everyone's answers older than a day go first (by the createdAt index), so the table holds about a day of commands.
  // createdAt is a timestamp without time zone, read as UTC: written and compared in UTC, whatever
  // the database's own time zone (as lib/collab/store.ts does).
  await prisma.$executeRaw`DELETE FROM "WorkshopCommandReceipt" WHERE "createdAt" < (now() AT TIME ZONE 'UTC') - ${KEEP_FOR}::interval`;
  const inserted = await prisma.$executeRaw`
    INSERT INTO "WorkshopCommandReceipt" ("userId", "commandId", "pathwayId", "createdAt")
    VALUES (${userId}, ${commandId}, ${pathwayId}, (now() AT TIME ZONE 'UTC'))
    ON CONFLICT DO NOTHING`;
  if (inserted === 1) return { kind: 'claimed' };
  const deadline = Date.now() + waitMs;
  for (;;) {
    const row = await prisma.workshopCommandReceipt.findUnique({ where: { userId_commandId: { userId, commandId } } });
    // Gone since (kept longer than a day): claim it afresh.
    if (!row) return claimCommand(userId, pathwayId, commandId, Math.max(0, deadline - Date.now()));
    if (row.pathwayId !== pathwayId) return { kind: 'other-pathway' };
    if (row.status !== null) return { kind: 'answered', answer: { status: row.status, body: row.body } };
    if (Date.now() >= deadline) return { kind: 'running', stale: Date.now() - row.createdAt.getTime() > STALE_MS };
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Keep the answer a claimed command got, for a repeat to be given. Only an unanswered claim takes an
 * answer, so nothing can replace one already kept.
 */
export async function keepAnswer(userId: string, commandId: string, answer: KeptAnswer): Promise<void> {
  await getPrisma().workshopCommandReceipt.updateMany({
    where: { userId, commandId, status: null },
    data: { status: answer.status, body: answer.body as object },
  });
}
