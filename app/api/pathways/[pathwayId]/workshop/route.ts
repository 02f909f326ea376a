// Workshop mode over HTTP (issue 5): GET the workshop as this person sees it (ratings stay hidden
// until the reveal); POST one command { op, ..., commandId? }. A command sent again with the same
// commandId, after a dropped connection, gets the first answer and is not carried out twice
// (lib/server/command-receipts.ts). Every command goes through lib/server/workshop.ts, which asks can()
// and audits denials. Unknown and forbidden pathways answer the same 404. After a
// change the live room is told to look again over the collaboration websocket.
import { z } from 'zod';
import type { Actor } from '@/lib/auth/can';
import { getActor } from '@/lib/auth/session';
import { log } from '@/lib/log';
import { invalidInput, NO_STORE, readJson, signInFirst } from '@/lib/server/care-plan-http';
import { claimCommand, keepAnswer, type KeptAnswer } from '@/lib/server/command-receipts';
import { NOT_FOUND_MESSAGE } from '@/lib/server/results';
import {
  CRITERION_IDS,
  FIELD_NAMES,
  STEP_ID_MAX,
  VERSION_ID_MAX,
  closeRatingRound,
  getWorkshop,
  openRatingRound,
  rateCriterion,
  recordConsensus,
  revealRatings,
  runTimer,
  startNewVote,
  voteOnStep,
} from '@/lib/server/workshop';
import { ACTION_TEXT_HARD_CAP, cappedText, jsonBodyLimit } from '@/lib/text-limits';
import { RATING_REASON_MAX, RATING_VALUES, TIMER_LABEL_MAX } from '@/lib/workshop/model';
import { CLIENT_ID_PATTERN, CLIENT_ID_RULE } from '@/lib/workshop/send-command';

export const dynamic = 'force-dynamic';

/**
 * Text in a command, named as on the workshop panel. Only a hard cap here: the use case trims the text
 * and checks the real limit itself, and both refusals say the same sentence with the real limit. A
 * choice (a criterion, a rating) that is not on the list is refused by the use case, naming the choices.
 */
const text = (field: keyof typeof FIELD_NAMES, limit: number) => cappedText(FIELD_NAMES[field], limit);
const longest = (choices: Iterable<string>) => Math.max(...[...choices].map((c) => c.length));

const Command = z.discriminatedUnion('op', [
  z.object({ op: z.literal('timer.set'), label: text('label', TIMER_LABEL_MAX), minutes: z.number() }),
  z.object({ op: z.literal('timer.start') }),
  z.object({ op: z.literal('timer.pause') }),
  z.object({ op: z.literal('timer.reset') }),
  z.object({ op: z.literal('timer.addMinute') }),
  z.object({ op: z.literal('vote.add'), stepId: text('stepId', STEP_ID_MAX) }),
  z.object({ op: z.literal('vote.remove'), stepId: text('stepId', STEP_ID_MAX) }),
  z.object({ op: z.literal('vote.new'), dotsPerPerson: z.number() }),
  z.object({ op: z.literal('round.open'), criterionId: text('criterionId', longest(CRITERION_IDS)) }),
  z.object({
    op: z.literal('round.rate'),
    // The round being rated, as the person saw it: refused if the facilitator has since ended it.
    criterionId: text('criterionId', longest(CRITERION_IDS)),
    versionId: text('versionId', VERSION_ID_MAX),
    value: text('value', longest(RATING_VALUES)),
    reason: text('reason', RATING_REASON_MAX).default(''),
  }),
  z.object({ op: z.literal('round.reveal') }),
  z.object({
    op: z.literal('round.consensus'),
    value: text('value', longest(RATING_VALUES)),
    reason: text('consensusReason', RATING_REASON_MAX),
  }),
  z.object({ op: z.literal('round.close') }),
]);
type Command = z.infer<typeof Command>;

/**
 * Every text field of a command is checked up to ACTION_TEXT_HARD_CAP characters, so text over its
 * real limit, by however much, gets the field's own "too long" sentence (tests/integration/
 * workshop.test.ts, "text that is too long"). The body is read up to what such a command needs,
 * written however a client writes it, and no further: about 0.6 MB, not the 5 MB pathway file limit.
 */
const MAX_BODY_BYTES = jsonBodyLimit(ACTION_TEXT_HARD_CAP);

const notFound = () => Response.json({ error: NOT_FOUND_MESSAGE }, { status: 404, headers: NO_STORE });

export async function GET(_request: Request, { params }: { params: Promise<{ pathwayId: string }> }) {
  const actor = await getActor();
  if (!actor) return signInFirst();
  const { pathwayId } = await params;
  try {
    const result = await getWorkshop({ actor, pathwayId });
    if (!result.ok) return notFound();
    return Response.json(result.workshop, { headers: NO_STORE });
  } catch (error) {
    log.error({ err: error, route: 'workshop GET' }, 'workshop read failed');
    return Response.json({ error: 'The workshop could not be loaded. Try again in a moment.' }, { status: 500, headers: NO_STORE });
  }
}

export async function POST(request: Request, { params }: { params: Promise<{ pathwayId: string }> }) {
  const actor = await getActor();
  if (!actor) return signInFirst();
  const { pathwayId } = await params;
  const body = await readJson(request, MAX_BODY_BYTES);
  if (!body.ok) return body.response;
  const parsed = Command.safeParse(body.body);
  if (!parsed.success) {
    const ops = Command.options.map((o) => o.shape.op.value).join(', ');
    return invalidInput(
      'The workshop command was not in the expected form.',
      parsed.error.issues.map((i) => ({
        path: i.path.map(String).join('.') || 'op',
        message: i.path[0] === 'op' || i.path.length === 0 ? `${i.message}. Allowed commands: ${ops}.` : i.message,
      })),
    );
  }
  const commandId = (body.body as { commandId?: unknown }).commandId;
  if (commandId !== undefined && (typeof commandId !== 'string' || !CLIENT_ID_PATTERN.test(commandId))) {
    const message = `“${String(commandId).slice(0, 70)}” is not a command id: ${CLIENT_ID_RULE}.`;
    return invalidInput('The workshop command was not in the expected form.', [{ path: 'commandId', message }]);
  }
  // Sent again after a dropped connection: answer as the first time, without doing it twice.
  if (commandId !== undefined) {
    let claim: Awaited<ReturnType<typeof claimCommand>>;
    try {
      claim = await claimCommand(actor.userId, pathwayId, commandId);
    } catch (error) {
      // Nothing was done, and no answer is kept, so sending it again is safe.
      log.error({ err: error, route: 'workshop POST', op: parsed.data.op }, 'workshop command id could not be claimed');
      return Response.json({ error: 'That did not work. Try again in a moment.' }, { status: 500, headers: NO_STORE });
    }
    if (claim.kind === 'answered') return Response.json(claim.answer.body, { status: claim.answer.status, headers: NO_STORE });
    if (claim.kind === 'running') return Response.json({ error: claim.stale ? CANNOT_TELL : STILL_RUNNING }, { status: 409, headers: NO_STORE });
    if (claim.kind === 'other-pathway') {
      const message = 'This command id was already used for a command on another pathway. Send the command with a new id.';
      return invalidInput('The workshop command was not in the expected form.', [{ path: 'commandId', message }]);
    }
  }
  let answer: KeptAnswer;
  try {
    answer = await answerFor(actor, pathwayId, parsed.data);
  } catch (error) {
    log.error({ err: error, route: 'workshop POST', op: parsed.data.op }, 'workshop command failed');
    // Kept too, so a repeat does not run a command that may have got part of the way.
    answer = { status: 500, body: { error: 'That did not work. Check the workshop panel, then try again if it is not there.' } };
  }
  if (commandId !== undefined) {
    try {
      await keepAnswer(actor.userId, commandId, answer);
    } catch (error) {
      // The command's own answer still goes back: a failure to keep it must not turn a done command into "try again".
      log.error({ err: error, route: 'workshop POST', op: parsed.data.op }, 'workshop command answer could not be kept');
    }
  }
  return Response.json(answer.body, { status: answer.status, headers: NO_STORE });
}

const STILL_RUNNING = 'That command is still being carried out. The workshop panel will show it once it is done.';
const CANNOT_TELL = 'That command was received but never finished, so we cannot tell whether it went through. Check the workshop panel before trying again.';

async function answerFor(actor: Actor, pathwayId: string, command: Command): Promise<KeptAnswer> {
  const result = await run(actor, pathwayId, command);
  if (result.ok) return { status: 200, body: result };
  if (result.reason === 'not_found') return { status: 404, body: { error: NOT_FOUND_MESSAGE } };
  return { status: 422, body: { error: result.message, errors: result.errors } };
}

function run(actor: Actor, pathwayId: string, c: Command) {
  switch (c.op) {
    case 'timer.set':
      return runTimer({ actor, pathwayId, command: { op: 'set', label: c.label, minutes: c.minutes } });
    case 'timer.start':
    case 'timer.pause':
    case 'timer.reset':
    case 'timer.addMinute':
      return runTimer({ actor, pathwayId, command: { op: c.op.slice('timer.'.length) as 'start' | 'pause' | 'reset' | 'addMinute' } });
    case 'vote.add':
      return voteOnStep({ actor, pathwayId, stepId: c.stepId, delta: 1 });
    case 'vote.remove':
      return voteOnStep({ actor, pathwayId, stepId: c.stepId, delta: -1 });
    case 'vote.new':
      return startNewVote({ actor, pathwayId, dotsPerPerson: c.dotsPerPerson });
    case 'round.open':
      return openRatingRound({ actor, pathwayId, criterionId: c.criterionId });
    case 'round.rate':
      return rateCriterion({ actor, pathwayId, criterionId: c.criterionId, versionId: c.versionId, value: c.value, reason: c.reason });
    case 'round.reveal':
      return revealRatings({ actor, pathwayId });
    case 'round.consensus':
      return recordConsensus({ actor, pathwayId, value: c.value, reason: c.reason });
    case 'round.close':
      return closeRatingRound({ actor, pathwayId });
  }
}
