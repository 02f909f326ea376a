// Use case: the person (or a contributing carer) deletes a note they wrote. Only their own notes:
// the row must match the note id, this plan and the author.
import type { Actor } from '@/lib/auth/can';
import { getPrisma } from '@/lib/db/client';
import {
  CARE_PLAN_NOT_FOUND,
  CarePlanArchivedError,
  archivedChangeRefused,
  auditCarePlanChange,
  auditCarePlanRefusal,
  authorizeCarePlan,
  lockPlanInUse,
  refuseIfArchived,
} from './care-plan-access';
import { invalid, notFound, type Invalid, type NotFound } from './results';

export async function deleteCarePlanNote(options: {
  actor: Actor;
  planId: string;
  noteId: string;
}): Promise<{ ok: true } | NotFound | Invalid> {
  const { actor } = options;
  const access = await authorizeCarePlan(actor, options.planId, 'patientUpdate', { detail: { op: 'note.delete' } });
  if (!access) return notFound(CARE_PLAN_NOT_FOUND);
  const archived = await refuseIfArchived(actor, access, 'patientUpdate', 'note.delete');
  if (archived) return archived;
  let deleted: boolean;
  try {
    deleted = await getPrisma().$transaction(async (tx) => {
      await lockPlanInUse(tx, access.planId);
      const { count } = await tx.carePlanNote.deleteMany({
        where: { id: String(options.noteId), carePlanId: access.planId, authorId: actor.userId },
      });
      if (count > 0)
        await auditCarePlanChange(actor, access.planId, 'patientUpdate', { op: 'note.delete', id: options.noteId }, tx);
      return count > 0;
    });
  } catch (error) {
    if (error instanceof CarePlanArchivedError)
      return archivedChangeRefused(actor, { ...access, archivedAt: error.archivedAt }, 'patientUpdate', 'note.delete');
    throw error;
  }
  if (!deleted) {
    // Not a note of this plan, or not the actor's: refused, and on the plan's record.
    await auditCarePlanRefusal(actor, access.planId, 'patientUpdate', { op: 'note.delete', id: options.noteId });
    return invalid('That note could not be deleted.', [
      { path: 'noteId', message: 'Note: you can only delete notes you wrote.' },
    ]);
  }
  return { ok: true };
}
