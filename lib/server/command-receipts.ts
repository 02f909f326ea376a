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

export interface KeptAnswer {
  status: number;
  body: unknown;
}

export type Claim =
  /** This request claimed the id: run the command, then keepAnswer() whatever it answers. */
  | { kind: 'claimed' }
  /** The command already ran: answer as it was answered. */
  | { kind: 'answered'; answer: KeptAnswer }
  /** The first arrival is still running (or stopped before answering): say so; do not run it again. */
  | { kind: 'running' }
  /** The id was used for another pathway's command: a mistake in the sender. */
  | { kind: 'other-pathway' };

export async function claimCommand(
  userId: string,
  pathwayId: string,
  commandId: string,
  waitMs = WAIT_MS,
): Promise<Claim> {
  const prisma = getPrisma();
  // Old answers go first, so the table holds about a day of commands.
  await prisma.$executeRaw`DELETE FROM "WorkshopCommandReceipt" WHERE "userId" = ${userId} AND "createdAt" < now() - ${KEEP_FOR}::interval`;
  const inserted = await prisma.$executeRaw`
    INSERT INTO "WorkshopCommandReceipt" ("userId", "commandId", "pathwayId") VALUES (${userId}, ${commandId}, ${pathwayId})
    ON CONFLICT DO NOTHING`;
  if (inserted === 1) return { kind: 'claimed' };
  const deadline = Date.now() + waitMs;
  for (;;) {
    const row = await prisma.workshopCommandReceipt.findUnique({ where: { userId_commandId: { userId, commandId } } });
    // Gone since (kept longer than a day): claim it afresh.
    if (!row) return claimCommand(userId, pathwayId, commandId, Math.max(0, deadline - Date.now()));
    if (row.pathwayId !== pathwayId) return { kind: 'other-pathway' };
    if (row.status !== null) return { kind: 'answered', answer: { status: row.status, body: row.body } };
    if (Date.now() >= deadline) return { kind: 'running' };
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Keep the answer a claimed command got, for a repeat to be given. */
export async function keepAnswer(userId: string, commandId: string, answer: KeptAnswer): Promise<void> {
  await getPrisma().workshopCommandReceipt.update({
    where: { userId_commandId: { userId, commandId } },
    data: { status: answer.status, body: answer.body as object },
  });
}
