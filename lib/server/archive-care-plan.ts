// Use cases: a clinician of the care team archives a plan the team no longer uses, or restores it.
// The same people who may change the plan (can('carePlan:edit'), through authorizeCarePlan) may do
// either; both are audited as changes of the plan (op "archive" / "restore"), in the same
// transaction. An archived plan stays readable by the person, their carers and the care team, and
// every change use case refuses to change it (care-plan-access.ts refuseIfArchived, lockPlanInUse).
import type { Actor } from '@/lib/auth/can';
import { getPrisma } from '@/lib/db/client';
import { ARCHIVE_CONFIRM_VALUE, ARCHIVE_COPY } from '@/lib/care-plan/archive';
import {
  CARE_PLAN_NOT_FOUND,
  accessLostRefusal,
  auditCarePlanChange,
  authorizeCarePlan,
  lockPlanRow,
  stillMay,
} from './care-plan-access';
import { invalid, notFound, type Invalid, type NotFound } from './results';

type PlanTx = Parameters<Parameters<ReturnType<typeof getPrisma>['$transaction']>[0]>[0];

/**
 * First thing in the archive's or restore's transaction, as changeActivePlan does for every other
 * change: holds the plan's row and asks again (stillMay), so a clinician taken off the care team (or
 * whose workspace role was lowered) a moment before cannot archive or restore the plan on the facts
 * loaded when the request started. Not changeActivePlan itself: restore changes an archived plan, and
 * archive answers "already archived" in its own words.
 */
async function stillMayChange(tx: PlanTx, actor: Actor, planId: string): Promise<boolean> {
  await lockPlanRow(tx, planId);
  return stillMay(tx, actor, planId, 'edit');
}

export type ArchiveCarePlanResult =
  { ok: true; status: 'archived' | 'active'; archivedAt: string | null } | NotFound | Invalid;

/**
 * Archives the plan. `confirm` must be ARCHIVE_CONFIRM_VALUE: the form's "I want to archive this
 * plan" box, so a stray click or request does not archive it.
 */
export async function archiveCarePlan(options: {
  actor: Actor;
  planId: string;
  confirm: unknown;
}): Promise<ArchiveCarePlanResult> {
  const { actor } = options;
  const access = await authorizeCarePlan(actor, options.planId, 'edit', { detail: { op: 'archive' } });
  if (!access) return notFound(CARE_PLAN_NOT_FOUND);
  if (options.confirm !== ARCHIVE_CONFIRM_VALUE) {
    const sent =
      typeof options.confirm === 'string' && options.confirm !== '' ? ` (got “${options.confirm.slice(0, 40)}”)` : '';
    return invalid('Confirm that you want to archive this plan.', [
      { path: 'confirm', message: `${ARCHIVE_COPY.confirmMissing}${sent}` },
    ]);
  }
  const archivedAt = new Date();
  const changed = await getPrisma().$transaction(async (tx) => {
    if (!(await stillMayChange(tx, actor, access.planId))) return 'access changed' as const;
    // Only an active plan: of two archives at once, one wins and the other is told it is done already.
    const { count } = await tx.carePlan.updateMany({
      where: { id: access.planId, status: 'active' },
      data: { status: 'archived', archivedAt, archivedById: actor.userId },
    });
    if (count === 0) return false;
    await auditCarePlanChange(actor, access.planId, 'edit', { op: 'archive' }, tx);
    return true;
  });
  if (changed === 'access changed') return accessLostRefusal(actor, access.planId, 'edit', 'archive');
  if (!changed)
    return invalid(ARCHIVE_COPY.alreadyArchived, [
      { path: 'planId', message: `Plan status: ${ARCHIVE_COPY.alreadyArchived}` },
    ]);
  return { ok: true, status: 'archived', archivedAt: archivedAt.toISOString() };
}

/** Makes an archived plan active again. */
export async function restoreCarePlan(options: { actor: Actor; planId: string }): Promise<ArchiveCarePlanResult> {
  const { actor } = options;
  const access = await authorizeCarePlan(actor, options.planId, 'edit', { detail: { op: 'restore' } });
  if (!access) return notFound(CARE_PLAN_NOT_FOUND);
  const changed = await getPrisma().$transaction(async (tx) => {
    if (!(await stillMayChange(tx, actor, access.planId))) return 'access changed' as const;
    const { count } = await tx.carePlan.updateMany({
      where: { id: access.planId, status: 'archived' },
      data: { status: 'active', archivedAt: null, archivedById: null },
    });
    if (count === 0) return false;
    await auditCarePlanChange(actor, access.planId, 'edit', { op: 'restore' }, tx);
    return true;
  });
  if (changed === 'access changed') return accessLostRefusal(actor, access.planId, 'edit', 'restore');
  if (!changed)
    return invalid(ARCHIVE_COPY.notArchived, [{ path: 'planId', message: `Plan status: ${ARCHIVE_COPY.notArchived}` }]);
  return { ok: true, status: 'active', archivedAt: null };
}
