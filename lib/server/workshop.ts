// Workshop mode on a pathway (issue 5): the facilitator's agenda timer, the dot vote ("where does
// it hurt?") and rating rounds, in which each person rates a criterion privately, the facilitator
// reveals all the ratings at once, and the room records a consensus rating with its reason
// (SCIROCCO's individual-then-consensus method). Ratings are stored per saved version
// (CriterionRating) beside, never blended with, the engine's computed results.
//
// Every use case takes the actor, finds the pathway only within the actor's workspaces and asks
// can(); a denial answers "not found" and is audited. After each change the live room is told to
// look again (lib/collab/notify.ts). Before the reveal nobody, the facilitator included, can read
// another person's rating: the view only carries how many have rated.
import { can, type Action, type Actor } from '@/lib/auth/can';
import { notifyRoom } from '@/lib/collab/notify';
import { getCollaborationRecord, recordContribution } from '@/lib/collab/store';
import { getPrisma } from '@/lib/db/client';
import { tooLongMessage } from '@/lib/text-limits';
import { criterionDefinition, FRAMEWORKS } from '@/lib/scoring/frameworks';
import type { CollaborationRecord, CriterionId } from '@/lib/scoring/types';
import {
  applyTimerCommand,
  checkAddDot,
  DOTS_MAX,
  DOTS_MIN,
  RATING_REASON_MAX,
  RATING_VALUES,
  RATING_WORDS,
  summariseRatings,
  tallyVotes,
  timerView,
  type RatingSummary,
  type RatingValue,
  type TimerCommand,
  type TimerState,
  type TimerView,
} from '@/lib/workshop/model';
import { audit } from './audit';
import { invalid, notFound, type Invalid, type NotFound } from './results';
import { inActorsWorkspaces } from './scope';
import { currentTargetLabel } from './target-label';

export const CRITERION_IDS: ReadonlySet<string> = new Set(FRAMEWORKS.flatMap((f) => f.criteria.map((c) => c.id)));
export const STEP_ID_MAX = 200;
export const VERSION_ID_MAX = 200;

/** What the fields of a command are called in messages: the words on the workshop panel. */
export const FIELD_NAMES = {
  label: 'Agenda item',
  stepId: 'Step',
  criterionId: 'Criterion to rate',
  versionId: 'Version',
  value: 'Rating',
  reason: 'Reason for your rating',
  consensusReason: 'Reason the room agreed on',
} as const;

export interface WorkshopView {
  /** The server's clock when this was read, so a browser with a wrong clock still counts down right. */
  serverNow: string;
  timer: TimerView;
  dotsPerPerson: number;
  myDotsLeft: number;
  /**
   * Dots per step, most first, with this person's own dots on each, and what the step was called
   * when a dot was last put on it (taken by the server from the pathway's document; null when not
   * known), so dots on a step since removed can still name it.
   */
  votes: { stepId: string; dots: number; voters: number; mine: number; label: string | null }[];
  round: RoundView | null;
  /** Who has taken part, by role: feeds NV 6 and NV 9 in the live scores. */
  collaboration: CollaborationRecord;
  permissions: { canRun: boolean; canVote: boolean; canRate: boolean };
}

export interface RoundView {
  criterionId: string;
  criterionTitle: string;
  frameworkTitle: string;
  versionId: string;
  versionNumber: number;
  revealed: boolean;
  /** How many people have rated (their ratings stay hidden until the reveal). */
  submitted: number;
  mine: { value: RatingValue; reason: string } | null;
  /** After the reveal only: everyone's rating, with name and role. */
  ratings: { userId: string; name: string; role: string; value: RatingValue; reason: string }[] | null;
  summary: RatingSummary | null;
  consensus: { value: RatingValue; reason: string; recordedBy: string } | null;
  /** What the scoring engine computed for this criterion on that version, shown beside the room's view. */
  computed: { status: string; percent: number | null } | null;
}

type Result<T> = ({ ok: true } & T) | NotFound | Invalid;

async function scoped(actor: Actor, pathwayId: string) {
  if (typeof pathwayId !== 'string' || pathwayId.length === 0 || pathwayId.length > 200) return null;
  return getPrisma().pathway.findFirst({ where: { id: pathwayId, ...inActorsWorkspaces(actor) }, select: { id: true, workspaceId: true } });
}

/** The pathway, if the actor may do `action` on it; otherwise null, with the denial audited. */
async function allowed(actor: Actor, pathwayId: string, action: Action): Promise<{ id: string; workspaceId: string } | null> {
  const pathway = await scoped(actor, pathwayId);
  const kind = action.split(':')[0] as 'workshop' | 'rating';
  if (pathway && can(actor, action, { type: kind, workspaceId: pathway.workspaceId, pathwayId: pathway.id })) return pathway;
  await audit({ actorId: actor.userId, action, resourceType: 'pathway', resourceId: pathwayId, outcome: 'denied', detail: { via: 'workshop' } });
  return null;
}

function timerState(row: { timerLabel: string; timerDurationMs: number; timerEndsAt: Date | null; timerRemainingMs: number | null } | null): TimerState {
  return row
    ? { label: row.timerLabel, durationMs: row.timerDurationMs, endsAt: row.timerEndsAt, remainingMs: row.timerRemainingMs }
    : { label: '', durationMs: 0, endsAt: null, remainingMs: null };
}

/** Everything the workshop panel shows, for this person. */
export async function getWorkshop(options: { actor: Actor; pathwayId: string; now?: Date }): Promise<{ ok: true; workshop: WorkshopView } | NotFound> {
  const { actor } = options;
  const pathway = await allowed(actor, options.pathwayId, 'workshop:view');
  if (!pathway) return notFound();
  const prisma = getPrisma();
  const now = options.now ?? new Date();
  const [state, votes, collaboration] = await Promise.all([
    prisma.workshopState.findUnique({ where: { pathwayId: pathway.id } }),
    prisma.workshopVote.findMany({ where: { pathwayId: pathway.id }, select: { userId: true, stepId: true, dots: true, stepLabel: true, updatedAt: true } }),
    getCollaborationRecord(pathway.id),
  ]);
  // Each step's name from the dot placed on it most recently (with a name).
  const labels = new Map<string, { label: string; at: number }>();
  for (const v of votes) {
    const known = labels.get(v.stepId);
    if (v.stepLabel && (!known || v.updatedAt.getTime() > known.at)) labels.set(v.stepId, { label: v.stepLabel, at: v.updatedAt.getTime() });
  }
  const dotsPerPerson = state?.dotsPerPerson ?? 3;
  const mine = new Map<string, number>();
  let used = 0;
  for (const v of votes) {
    if (v.userId !== actor.userId) continue;
    mine.set(v.stepId, v.dots);
    used += v.dots;
  }
  const resource = { workspaceId: pathway.workspaceId, pathwayId: pathway.id };
  return {
    ok: true,
    workshop: {
      serverNow: now.toISOString(),
      timer: timerView(timerState(state), now),
      dotsPerPerson,
      myDotsLeft: Math.max(0, dotsPerPerson - used),
      votes: tallyVotes(votes).map((t) => ({ ...t, mine: mine.get(t.stepId) ?? 0, label: labels.get(t.stepId)?.label ?? null })),
      round: state?.roundCriterionId && state.roundVersionId ? await roundView(actor, state.roundCriterionId, state.roundVersionId, state.roundRevealed) : null,
      collaboration,
      permissions: {
        canRun: can(actor, 'workshop:run', { type: 'workshop', ...resource }),
        canVote: can(actor, 'workshop:vote', { type: 'workshop', ...resource }),
        canRate: can(actor, 'rating:rate', { type: 'rating', ...resource }),
      },
    },
  };
}

async function roundView(actor: Actor, criterionId: string, versionId: string, revealed: boolean): Promise<RoundView | null> {
  const prisma = getPrisma();
  const [version, ratings] = await Promise.all([
    prisma.pathwayVersion.findUnique({ where: { id: versionId }, select: { number: true, scores: true } }),
    prisma.criterionRating.findMany({
      where: { versionId, criterionId },
      select: { userId: true, kind: true, value: true, reason: true, updatedAt: true, user: { select: { name: true, professionalRole: true } } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    }),
  ]);
  if (!version || !CRITERION_IDS.has(criterionId)) return null;
  const definition = criterionDefinition(criterionId as CriterionId);
  const framework = FRAMEWORKS.find((f) => f.criteria.some((c) => c.id === criterionId));
  const individual = ratings.filter((r) => r.kind === 'individual');
  const own = individual.find((r) => r.userId === actor.userId);
  const consensus = ratings.filter((r) => r.kind === 'consensus').sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())[0];
  return {
    criterionId,
    criterionTitle: definition.title,
    frameworkTitle: framework?.shortTitle ?? '',
    versionId,
    versionNumber: version.number,
    revealed,
    submitted: individual.length,
    mine: own ? { value: own.value, reason: own.reason } : null,
    ratings: revealed ? individual.map((r) => ({ userId: r.userId, name: r.user.name, role: r.user.professionalRole, value: r.value, reason: r.reason })) : null,
    summary: revealed ? summariseRatings(individual.map((r) => r.value)) : null,
    consensus: consensus ? { value: consensus.value, reason: consensus.reason, recordedBy: consensus.user.name } : null,
    computed: computedFor(version.scores, criterionId),
  };
}

function computedFor(scores: unknown, criterionId: string): RoundView['computed'] {
  const frameworks = (scores as { frameworks?: { criteria?: { id?: string; status?: string; score?: number | null }[] }[] } | null)?.frameworks;
  for (const f of frameworks ?? []) {
    for (const c of f.criteria ?? []) {
      if (c.id === criterionId && typeof c.status === 'string') return { status: c.status, percent: typeof c.score === 'number' ? Math.round(c.score * 100) : null };
    }
  }
  return null;
}

function changed(pathwayId: string): void {
  notifyRoom(pathwayId, 'workshop');
}

// ---- timer ----

export async function runTimer(options: { actor: Actor; pathwayId: string; command: TimerCommand; now?: Date }): Promise<Result<{ timer: TimerView }>> {
  const { actor, command } = options;
  const pathway = await allowed(actor, options.pathwayId, 'workshop:run');
  if (!pathway) return notFound();
  const prisma = getPrisma();
  const now = options.now ?? new Date();
  const row = await prisma.workshopState.findUnique({ where: { pathwayId: pathway.id } });
  const next = applyTimerCommand(timerState(row), command, now);
  if (!next.ok) return invalid(next.message, [{ path: next.field, message: next.message }]);
  const data = { timerLabel: next.timer.label, timerDurationMs: next.timer.durationMs, timerEndsAt: next.timer.endsAt, timerRemainingMs: next.timer.remainingMs };
  await prisma.workshopState.upsert({ where: { pathwayId: pathway.id }, create: { pathwayId: pathway.id, ...data }, update: data });
  changed(pathway.id);
  return { ok: true, timer: timerView(next.timer, now) };
}

// ---- dot vote ----

/** Place one more dot on a step (delta 1) or take one back (delta -1). */
export async function voteOnStep(options: { actor: Actor; pathwayId: string; stepId: string; delta: 1 | -1 }): Promise<Result<{ dotsLeft: number }>> {
  const { actor, delta } = options;
  const stepId = typeof options.stepId === 'string' ? options.stepId.trim() : '';
  if (stepId === '' || stepId.length > STEP_ID_MAX) {
    return invalid('Choose a step to vote on.', [{ path: 'stepId', message: `“${String(options.stepId).slice(0, 40)}” is not a step id (1 to ${STEP_ID_MAX} characters).` }]);
  }
  const pathway = await allowed(actor, options.pathwayId, 'workshop:vote');
  if (!pathway) return notFound();
  const prisma = getPrisma();
  // The step's name, from the pathway's document (read before taking the lock), kept with the dot.
  const stepLabel = delta === 1 ? await currentTargetLabel(pathway.id, stepId) : null;
  // One person's dots change one at a time: lock their rows so two quick clicks cannot overspend.
  const outcome = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`vote:${pathway.id}:${actor.userId}`}))`;
    const [state, votes] = await Promise.all([
      tx.workshopState.findUnique({ where: { pathwayId: pathway.id }, select: { dotsPerPerson: true } }),
      tx.workshopVote.findMany({ where: { pathwayId: pathway.id, userId: actor.userId }, select: { userId: true, stepId: true, dots: true } }),
    ]);
    const perPerson = state?.dotsPerPerson ?? 3;
    const current = votes.find((v) => v.stepId === stepId)?.dots ?? 0;
    const used = votes.reduce((n, v) => n + v.dots, 0);
    if (delta === 1) {
      const check = checkAddDot(votes, actor.userId, perPerson);
      if (!check.ok) return { ok: false as const, message: check.message };
      await tx.workshopVote.upsert({
        where: { pathwayId_userId_stepId: { pathwayId: pathway.id, userId: actor.userId, stepId } },
        create: { pathwayId: pathway.id, userId: actor.userId, stepId, dots: 1, stepLabel },
        // A name not found now (the step just removed) does not wipe the one kept.
        update: { dots: { increment: 1 }, ...(stepLabel ? { stepLabel } : {}) },
      });
      return { ok: true as const, dotsLeft: perPerson - used - 1 };
    }
    if (current <= 0) return { ok: true as const, dotsLeft: perPerson - used };
    if (current === 1) await tx.workshopVote.delete({ where: { pathwayId_userId_stepId: { pathwayId: pathway.id, userId: actor.userId, stepId } } });
    else await tx.workshopVote.update({ where: { pathwayId_userId_stepId: { pathwayId: pathway.id, userId: actor.userId, stepId } }, data: { dots: { decrement: 1 } } });
    return { ok: true as const, dotsLeft: perPerson - used + 1 };
  });
  if (!outcome.ok) return invalid(outcome.message, [{ path: 'stepId', message: outcome.message }]);
  // Part of the collaboration record (NV 6, NV 9): kept when a new vote clears the dots.
  if (delta === 1) await recordContribution(pathway.id, actor.userId, 'vote');
  changed(pathway.id);
  return { ok: true, dotsLeft: Math.max(0, outcome.dotsLeft) };
}

/** Start a new vote: everyone's dots come back, optionally with a new number each. */
export async function startNewVote(options: { actor: Actor; pathwayId: string; dotsPerPerson: number }): Promise<Result<object>> {
  const { actor, dotsPerPerson } = options;
  const pathway = await allowed(actor, options.pathwayId, 'workshop:run');
  if (!pathway) return notFound();
  if (!Number.isInteger(dotsPerPerson) || dotsPerPerson < DOTS_MIN || dotsPerPerson > DOTS_MAX) {
    const message = `Each person can have from ${DOTS_MIN} to ${DOTS_MAX} dots; ${String(dotsPerPerson)} is not allowed.`;
    return invalid(message, [{ path: 'dotsPerPerson', message }]);
  }
  const prisma = getPrisma();
  await prisma.$transaction([
    prisma.workshopVote.deleteMany({ where: { pathwayId: pathway.id } }),
    prisma.workshopState.upsert({ where: { pathwayId: pathway.id }, create: { pathwayId: pathway.id, dotsPerPerson }, update: { dotsPerPerson } }),
  ]);
  await audit({ actorId: actor.userId, action: 'workshop:run', resourceType: 'pathway', resourceId: pathway.id, outcome: 'allowed', detail: { op: 'newVote', dotsPerPerson } });
  changed(pathway.id);
  return { ok: true };
}

// ---- rating rounds ----

/** A criterion as the panel's list shows it: “2. GPs remain independent advocates for their patients” (RCGP five tests). */
function criterionName(criterionId: string): string {
  for (const f of FRAMEWORKS) {
    const c = f.criteria.find((x) => x.id === criterionId);
    if (c) return `“${c.number}. ${c.title}” (${f.shortTitle})`;
  }
  return `“${String(criterionId).slice(0, 40)}”`;
}

/** The criteria to choose from, by framework, as the panel's list shows them. */
const CRITERION_CHOICES = FRAMEWORKS.map((f) => `${f.shortTitle} (${f.criteria.map((c) => `${c.number}. ${c.title}`).join('; ')})`).join(' or ');

/** The facilitator opens a round on one criterion, on the pathway's latest saved version. */
export async function openRatingRound(options: { actor: Actor; pathwayId: string; criterionId: string }): Promise<Result<{ versionNumber: number }>> {
  const { actor, criterionId } = options;
  const pathway = await allowed(actor, options.pathwayId, 'workshop:run');
  if (!pathway) return notFound();
  if (!CRITERION_IDS.has(criterionId)) {
    const message =
      String(criterionId ?? '').trim() === ''
        ? `${FIELD_NAMES.criterionId}: choose the criterion the room will rate.`
        : `${FIELD_NAMES.criterionId}: ${criterionName(criterionId)} is not one of the criteria. Choose one of ${CRITERION_CHOICES}.`;
    return invalid(message, [{ path: 'criterionId', message }]);
  }
  const prisma = getPrisma();
  const latest = await prisma.pathwayVersion.findFirst({ where: { pathwayId: pathway.id }, orderBy: { number: 'desc' }, select: { id: true, number: true } });
  if (!latest) {
    const message = 'Save a version first: the room rates a saved version, so everyone rates the same thing.';
    return invalid(message, [{ path: 'versionId', message }]);
  }
  const round = { roundCriterionId: criterionId, roundVersionId: latest.id, roundRevealed: false };
  await prisma.workshopState.upsert({ where: { pathwayId: pathway.id }, create: { pathwayId: pathway.id, ...round }, update: round });
  await audit({ actorId: actor.userId, action: 'workshop:run', resourceType: 'pathway', resourceId: pathway.id, outcome: 'allowed', detail: { op: 'openRound', criterionId, versionId: latest.id } });
  changed(pathway.id);
  return { ok: true, versionNumber: latest.number };
}

async function currentRound(pathwayId: string) {
  const state = await getPrisma().workshopState.findUnique({ where: { pathwayId }, select: { roundCriterionId: true, roundVersionId: true, roundRevealed: true } });
  return state?.roundCriterionId && state.roundVersionId ? { criterionId: state.roundCriterionId, versionId: state.roundVersionId, revealed: state.roundRevealed } : null;
}

function ratingProblem(value: unknown, reason: unknown, reasonRequired: boolean): Invalid | null {
  if (typeof value !== 'string' || !(RATING_VALUES as readonly string[]).includes(value)) {
    const message = `“${String(value).slice(0, 40)}” is not a rating. Choose ${RATING_VALUES.map((v) => `“${RATING_WORDS[v]}” (${v})`).join(', ')}.`;
    return invalid(message, [{ path: 'value', message }]);
  }
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (text.length > RATING_REASON_MAX) {
    const message = tooLongMessage(
      reasonRequired ? FIELD_NAMES.consensusReason : FIELD_NAMES.reason,
      text.length,
      RATING_REASON_MAX,
    );
    return invalid(message, [{ path: 'reason', message }]);
  }
  if (reasonRequired && text === '') {
    const message = 'Write the reason the room agreed on: it is kept with the rating.';
    return invalid(message, [{ path: 'reason', message }]);
  }
  return null;
}

/**
 * A person's own rating in the open round, unseen by others until the reveal. The command names the
 * round it rates (criterion and version): a rating sent for a round the facilitator has since ended
 * is refused, never counted for the round open now.
 */
export async function rateCriterion(options: {
  actor: Actor;
  pathwayId: string;
  criterionId: string;
  versionId: string;
  value: string;
  reason: string;
}): Promise<Result<object>> {
  const { actor, criterionId, versionId } = options;
  const pathway = await allowed(actor, options.pathwayId, 'rating:rate');
  if (!pathway) return notFound();
  const problem = ratingProblem(options.value, options.reason, false);
  if (problem) return problem;
  const data = { value: options.value as RatingValue, reason: options.reason.trim() };
  const prisma = getPrisma();
  // The round is checked and the rating stored under a lock on the workshop's row, so the
  // facilitator cannot end or change the round in between.
  const outcome = await prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "WorkshopState" WHERE "pathwayId" = ${pathway.id} FOR UPDATE`;
    const state = await tx.workshopState.findUnique({ where: { pathwayId: pathway.id }, select: { roundCriterionId: true, roundVersionId: true, roundRevealed: true } });
    const open = state?.roundCriterionId && state.roundVersionId ? { criterionId: state.roundCriterionId, versionId: state.roundVersionId } : null;
    if (!open || open.criterionId !== criterionId || open.versionId !== versionId) return { ok: false as const, ended: true, open };
    if (state?.roundRevealed) return { ok: false as const, ended: false, open };
    await tx.criterionRating.upsert({
      where: { versionId_criterionId_userId_kind: { versionId, criterionId, userId: actor.userId, kind: 'individual' } },
      create: { versionId, criterionId, userId: actor.userId, kind: 'individual', ...data },
      update: data,
    });
    return { ok: true as const };
  });
  if (!outcome.ok && !outcome.ended) {
    const message = 'The ratings have been revealed, so individual ratings are closed. Say what you think in the discussion.';
    return invalid(message, [{ path: 'value', message }]);
  }
  if (!outcome.ok) {
    const now = outcome.open ? `The room is now rating ${await roundName(pathway.id, outcome.open)}.` : 'No rating round is open now.';
    const message = `The rating round on ${await roundName(pathway.id, { criterionId, versionId })} has ended, so your rating was not saved. ${now}`;
    return invalid(message, [{ path: 'criterionId', message }]);
  }
  changed(pathway.id);
  return { ok: true };
}

/** A round as the panel shows it: the criterion and, when known, the version rated. */
async function roundName(pathwayId: string, round: { criterionId: string; versionId: string }): Promise<string> {
  const version = await getPrisma().pathwayVersion.findFirst({ where: { id: round.versionId, pathwayId }, select: { number: true } });
  return `${criterionName(round.criterionId)}${version ? ` on version ${version.number}` : ''}`;
}

/** The facilitator shows everyone's ratings at once. */
export async function revealRatings(options: { actor: Actor; pathwayId: string }): Promise<Result<object>> {
  const { actor } = options;
  const pathway = await allowed(actor, options.pathwayId, 'rating:reveal');
  if (!pathway) return notFound();
  const round = await currentRound(pathway.id);
  if (!round) return invalid('There is no rating round open.', [{ path: 'criterionId', message: 'No round is open.' }]);
  const count = await getPrisma().criterionRating.count({ where: { versionId: round.versionId, criterionId: round.criterionId, kind: 'individual' } });
  if (count === 0) return invalid('No one has rated yet: wait for ratings before revealing them.', [{ path: 'ratings', message: 'No ratings yet.' }]);
  await getPrisma().workshopState.update({ where: { pathwayId: pathway.id }, data: { roundRevealed: true } });
  await audit({ actorId: actor.userId, action: 'rating:reveal', resourceType: 'pathway', resourceId: pathway.id, outcome: 'allowed', detail: { ...round, ratings: count } });
  changed(pathway.id);
  return { ok: true };
}

/** The room's agreed rating and its reason, recorded by the facilitator after the reveal. */
export async function recordConsensus(options: { actor: Actor; pathwayId: string; value: string; reason: string }): Promise<Result<object>> {
  const { actor } = options;
  const pathway = await allowed(actor, options.pathwayId, 'rating:recordConsensus');
  if (!pathway) return notFound();
  const problem = ratingProblem(options.value, options.reason, true);
  if (problem) return problem;
  const round = await currentRound(pathway.id);
  if (!round) return invalid('There is no rating round open.', [{ path: 'criterionId', message: 'No round is open.' }]);
  if (!round.revealed) {
    const message = 'Reveal the individual ratings first, so the room can discuss them before agreeing.';
    return invalid(message, [{ path: 'value', message }]);
  }
  const prisma = getPrisma();
  const data = { value: options.value as RatingValue, reason: options.reason.trim() };
  await prisma.$transaction([
    // One consensus per criterion and version: a later one replaces an earlier one, whoever recorded it.
    prisma.criterionRating.deleteMany({ where: { versionId: round.versionId, criterionId: round.criterionId, kind: 'consensus', NOT: { userId: actor.userId } } }),
    prisma.criterionRating.upsert({
      where: { versionId_criterionId_userId_kind: { versionId: round.versionId, criterionId: round.criterionId, userId: actor.userId, kind: 'consensus' } },
      create: { versionId: round.versionId, criterionId: round.criterionId, userId: actor.userId, kind: 'consensus', ...data },
      update: data,
    }),
  ]);
  await audit({ actorId: actor.userId, action: 'rating:recordConsensus', resourceType: 'pathway', resourceId: pathway.id, outcome: 'allowed', detail: { ...round, value: data.value } });
  changed(pathway.id);
  return { ok: true };
}

/** The facilitator ends the round (its ratings and consensus stay with the version). */
export async function closeRatingRound(options: { actor: Actor; pathwayId: string }): Promise<Result<object>> {
  const { actor } = options;
  const pathway = await allowed(actor, options.pathwayId, 'workshop:run');
  if (!pathway) return notFound();
  await getPrisma().workshopState.updateMany({ where: { pathwayId: pathway.id }, data: { roundCriterionId: null, roundVersionId: null, roundRevealed: false } });
  changed(pathway.id);
  return { ok: true };
}
