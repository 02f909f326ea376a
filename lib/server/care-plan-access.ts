// The one way into a care plan for every care plan use case (lib/server/*care-plan*.ts).
//
// Two locks, as Documenso does it: the Prisma `where` can only find a plan the actor is connected to
// (their own, one they hold a live carer grant for, or one whose care team they are in while an
// editor of its workspace), so a guessed id finds nothing; and can() then decides the action on the
// facts loaded. Every attempt is audited, allowed or denied. Denied and missing are the same `null`,
// which callers turn into the same "not found".
import { can, ROLES_THAT_MAY, type Actor } from '@/lib/auth/can';
import { getPrisma } from '@/lib/db/client';
import { ARCHIVE_COPY, archivedRefusal } from '@/lib/care-plan/archive';
import type { PlanStatus } from '@/lib/care-plan/types';
import { audit, type AuditDb } from './audit';
import { invalid, notFound, type Invalid, type NotFound } from './results';
import { stillHoldsRole } from './scope';

export type CarePlanVerb = 'view' | 'edit' | 'patientUpdate' | 'agree' | 'share' | 'viewAudit';

export interface CarePlanAccess {
  planId: string;
  workspaceId: string;
  patientId: string;
  relation: 'patient' | 'carer' | 'clinician';
  /** A carer's grant lets them add notes and tick off actions. */
  canContribute: boolean;
  /** An archived plan can be read but not changed (see refuseIfArchived). */
  status: PlanStatus;
  archivedAt: string | null;
  resource: {
    type: 'carePlan';
    workspaceId: string;
    patientId: string;
    careTeamUserIds: string[];
    carerGrants: { carerId: string; canContribute: boolean }[];
  };
}

export const CARE_PLAN_NOT_FOUND = 'This care plan was not found, or you do not have access to it.';

/**
 * Prisma `where` for plans the actor could possibly reach. can() still decides. The clinician's
 * workspace roles are can()'s own (ROLES_THAT_MAY.careForPlanPatients).
 */
export function carePlansReachableBy(actor: Actor) {
  return {
    OR: [
      { patientId: actor.userId },
      { carerGrants: { some: { carerId: actor.userId, revokedAt: null } } },
      {
        AND: [
          { members: { some: { userId: actor.userId } } },
          {
            workspace: {
              memberships: {
                some: {
                  userId: actor.userId,
                  accessRole: { in: [...ROLES_THAT_MAY.careForPlanPatients] },
                },
              },
            },
          },
        ],
      },
    ],
  };
}

/** Loads the authorization facts of a plan the actor can reach, or null. Does not audit. */
export async function loadCarePlanFacts(
  actor: Actor,
  planId: string,
  workspaceId?: string,
  db: Pick<ReturnType<typeof getPrisma>, 'carePlan'> = getPrisma(),
): Promise<CarePlanAccess | null> {
  if (typeof planId !== 'string' || planId.length === 0 || planId.length > 200) return null;
  const plan = await db.carePlan.findFirst({
    where: { id: planId, ...(workspaceId !== undefined ? { workspaceId } : {}), ...carePlansReachableBy(actor) },
    select: {
      id: true,
      workspaceId: true,
      patientId: true,
      status: true,
      archivedAt: true,
      members: { where: { userId: { not: null } }, select: { userId: true } },
      carerGrants: { where: { revokedAt: null }, select: { carerId: true, canContribute: true } },
    },
  });
  if (!plan) return null;
  const resource = {
    type: 'carePlan' as const,
    workspaceId: plan.workspaceId,
    patientId: plan.patientId,
    careTeamUserIds: plan.members.map((m) => m.userId).filter((id): id is string => id !== null),
    carerGrants: plan.carerGrants,
  };
  const grant = plan.carerGrants.find((g) => g.carerId === actor.userId);
  // Reachable and neither the person nor a clinician of the team: a carer with a grant.
  const relation =
    plan.patientId === actor.userId ? 'patient' : can(actor, 'carePlan:edit', resource) ? 'clinician' : 'carer';
  return {
    planId: plan.id,
    workspaceId: plan.workspaceId,
    patientId: plan.patientId,
    relation,
    canContribute: grant?.canContribute === true,
    status: plan.status,
    archivedAt: plan.archivedAt ? plan.archivedAt.toISOString() : null,
    resource,
  };
}

/**
 * The facts of the plan if the actor may do `verb` to it; otherwise audits the denial and returns
 * null. `auditAllowed` also audits the allowed attempt now (for reads); changes audit after they
 * succeed, with what changed. `auditAs` is what the audit rows call the attempt when it is not
 * `verb`: a read that needs more than carePlan:view (the person's sharing page needs
 * carePlan:share) is still recorded as a read, never as a change of who can see the plan.
 */
export async function authorizeCarePlan(
  actor: Actor,
  planId: string,
  verb: CarePlanVerb,
  options: {
    auditAllowed?: boolean;
    auditAs?: CarePlanVerb;
    detail?: Record<string, unknown>;
    workspaceId?: string;
  } = {},
): Promise<CarePlanAccess | null> {
  const access = await loadCarePlanFacts(actor, planId, options.workspaceId);
  const action = `carePlan:${options.auditAs ?? verb}` as const;
  if (!access || !can(actor, `carePlan:${verb}`, access.resource)) {
    await audit({
      actorId: actor.userId,
      action,
      resourceType: 'carePlan',
      resourceId: typeof planId === 'string' ? planId.slice(0, 200) : null,
      outcome: 'denied',
      detail: options.detail,
    });
    return null;
  }
  if (options.auditAllowed) {
    await audit({
      actorId: actor.userId,
      action,
      resourceType: 'carePlan',
      resourceId: access.planId,
      outcome: 'allowed',
      detail: options.detail,
    });
  }
  return access;
}

/**
 * Audits a refused change to a plan the actor may change: the request named a row (`id`) that is not
 * in this plan or not theirs to change. Call it outside any transaction, so the row is kept when the
 * use case answers "invalid". The row is on the plan the actor addressed, with the offending id.
 */
export async function auditCarePlanRefusal(
  actor: Actor,
  planId: string,
  verb: CarePlanVerb,
  detail: { op: string; id: unknown; reason?: string },
) {
  await audit({
    actorId: actor.userId,
    action: `carePlan:${verb}`,
    resourceType: 'carePlan',
    resourceId: planId.slice(0, 200),
    outcome: 'denied',
    detail: {
      op: detail.op.slice(0, 40),
      id: String(detail.id).slice(0, 200),
      ...(detail.reason !== undefined ? { reason: detail.reason.slice(0, 200) } : {}),
    },
  });
}

/** Audits an allowed change to a plan, after it has been made. */
export async function auditCarePlanChange(
  actor: Actor,
  planId: string,
  verb: CarePlanVerb | 'create',
  detail: Record<string, unknown>,
  /** The change's transaction: the change and its audit row commit together. */
  db?: AuditDb,
) {
  await audit(
    {
      actorId: actor.userId,
      action: `carePlan:${verb}`,
      resourceType: 'carePlan',
      resourceId: planId,
      outcome: 'allowed',
      detail,
    },
    db,
  );
}

/**
 * Changing an archived plan is refused, for everyone (the care team restores it first): the refusal
 * names why, is on the plan's record, and is what every change use case answers. Returns null while
 * the plan is active. Checked on the facts just loaded, before the input is validated, so a form sent
 * from a page opened before the plan was archived is told why at once; lockPlanInUse checks again
 * inside the change's transaction.
 */
export async function refuseIfArchived(
  actor: Actor,
  access: Pick<CarePlanAccess, 'planId' | 'relation' | 'status' | 'archivedAt'>,
  verb: CarePlanVerb,
  op: string,
): Promise<Invalid | null> {
  if (access.status !== 'archived') return null;
  return archivedChangeRefused(actor, access, verb, op);
}

/** The refusal of a change to an archived plan, audited (outside any transaction, so it stays). */
export async function archivedChangeRefused(
  actor: Actor,
  access: Pick<CarePlanAccess, 'planId' | 'relation' | 'archivedAt'>,
  verb: CarePlanVerb,
  op: string,
): Promise<Invalid> {
  await auditCarePlanRefusal(actor, access.planId, verb, { op, id: access.planId, reason: 'archived' });
  const message = archivedRefusal(access.relation, access.archivedAt);
  return invalid(message, [{ path: 'planId', message: `Plan status: archived. ${message}` }]);
}

/**
 * Inviting someone new to see an archived plan is refused (they could not say yes until it is
 * restored): audited as archivedChangeRefused audits, outside any transaction, in the words of the
 * person's sharing page. Taking back an invitation and stopping sharing are not refused.
 */
export async function archivedInviteRefused(actor: Actor, planId: string): Promise<Invalid> {
  await auditCarePlanRefusal(actor, planId, 'share', { op: 'invite', id: planId, reason: 'archived' });
  const message = ARCHIVE_COPY.inviteRefused;
  return invalid(message, [{ path: 'planId', message: `Plan status: archived. ${message}` }]);
}

/**
 * Thrown inside a change's transaction when, once the plan's row is held, the actor may no longer do
 * it: sharing was stopped, or their care-team place removed, a moment before.
 */
class CarePlanAccessLostError extends Error {
  constructor() {
    super('care plan access changed meanwhile');
  }
}

/** Thrown by lockPlanInUse inside a change's transaction: the plan was archived meanwhile. */
class CarePlanArchivedError extends Error {
  constructor(readonly archivedAt: string | null) {
    super('The care plan is archived.');
  }
}

type LockDb = { $queryRaw: ReturnType<typeof getPrisma>['$queryRaw'] };

/**
 * Holds the plan's row until the transaction commits, and reads its status as it is now: archiving
 * waits for the transaction, or the transaction waits for the archive and then sees it. FOR NO KEY
 * UPDATE, not FOR SHARE: changes that go on to update the plan's row (its updatedAt) would otherwise
 * each hold a share lock the other's update waits for, and two at once (the person and their carer)
 * would deadlock. This way they take turns; rows that refer to the plan can still be added meanwhile.
 * `active` is false when the plan is archived (or gone).
 */
export async function lockPlanRow(tx: LockDb, planId: string): Promise<{ active: boolean; archivedAt: string | null }> {
  const rows = await tx.$queryRaw<{ status: string; archivedAt: Date | null }[]>`
    SELECT status::text AS status, "archivedAt" FROM "CarePlan" WHERE id = ${planId} FOR NO KEY UPDATE`;
  const row = rows[0];
  return {
    active: row?.status === 'active',
    archivedAt: row?.archivedAt ? new Date(row.archivedAt).toISOString() : null,
  };
}

/**
 * First thing in a change's transaction: holds the plan's row until the change commits
 * (lockPlanRow), so archiving waits for it and it cannot land on a plan archived a moment before.
 * Throws CarePlanArchivedError when the plan is archived (or gone).
 */
async function lockPlanInUse(tx: LockDb, planId: string): Promise<void> {
  const plan = await lockPlanRow(tx, planId);
  if (!plan.active) throw new CarePlanArchivedError(plan.archivedAt);
}

type PlanTx = Parameters<Parameters<ReturnType<typeof getPrisma>['$transaction']>[0]>[0];

/**
 * Every change to a care plan: `run` in one transaction that first holds the plan's row
 * (lockPlanInUse), so a change and its audit row commit together and none lands on a plan archived
 * a moment before. That case is refused as refuseIfArchived refuses it (audited); any other error
 * is thrown on.
 */
/**
 * With the plan's row held: may the actor still `verb` the plan, asked again on the facts as they
 * are now? Stopping sharing (revokeCarePlanAccess) and changing the care team hold the row too, so a
 * change checked a moment before one of them is not made after it.
 */
export async function stillMay(tx: PlanTx, actor: Actor, planId: string, verb: CarePlanVerb): Promise<boolean> {
  const now = await loadCarePlanFacts(actor, planId, undefined, tx);
  if (now === null || !can(actor, `carePlan:${verb}`, now.resource)) return false;
  // Allowed only as a clinician of the care team (not as the person or a carer): that rests on their
  // workspace role too, which the read above did not hold, and which can() took from the memberships
  // loaded as the request began. Asked again with the membership row held until the change commits
  // (stillHoldsRole), so a demotion at the same moment waits for the change, or the change sees it
  // and is refused (audited by the caller, as any access lost meanwhile).
  const withoutCareTeam = { ...now.resource, careTeamUserIds: [] };
  if (can(actor, `carePlan:${verb}`, withoutCareTeam)) return true;
  return stillHoldsRole(tx, now.workspaceId, actor.userId, ROLES_THAT_MAY.careForPlanPatients);
}

/** The answer when access was lost while a change waited for the plan's row: audited, then "not found". */
export async function accessLostRefusal(actor: Actor, planId: string, verb: CarePlanVerb, op: string): Promise<NotFound> {
  await auditCarePlanRefusal(actor, planId, verb, { op, id: planId, reason: 'access changed' });
  return notFound(CARE_PLAN_NOT_FOUND);
}

export async function changeActivePlan<T>(
  actor: Actor,
  access: Pick<CarePlanAccess, 'planId' | 'relation' | 'archivedAt'>,
  verb: CarePlanVerb,
  op: string,
  run: (tx: PlanTx) => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; refused: Invalid | NotFound }> {
  try {
    const value = await getPrisma().$transaction(async (tx) => {
      await lockPlanInUse(tx, access.planId);
      if (!(await stillMay(tx, actor, access.planId, verb))) throw new CarePlanAccessLostError();
      return run(tx);
    });
    return { ok: true, value };
  } catch (error) {
    if (error instanceof CarePlanAccessLostError) {
      return { ok: false, refused: await accessLostRefusal(actor, access.planId, verb, op) };
    }
    if (!(error instanceof CarePlanArchivedError)) throw error;
    return {
      ok: false,
      refused: await archivedChangeRefused(actor, { ...access, archivedAt: error.archivedAt }, verb, op),
    };
  }
}
