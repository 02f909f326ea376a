// Use case: the person (or a contributing carer) deletes a note they wrote. Only their own notes:
// the row must match the note id, this plan and the author.
import type { Actor } from '@/lib/auth/can';
import {
  CARE_PLAN_NOT_FOUND,
  auditCarePlanChange,
  auditCarePlanRefusal,
  authorizeCarePlan,
  changeActivePlan,
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
  const changed = await changeActivePlan(
    actor,
    access,
    'patientUpdate',
    'note.delete',
    async (tx): Promise<boolean> => {
      const { count } = await tx.carePlanNote.deleteMany({
        where: { id: String(options.noteId), carePlanId: access.planId, authorId: actor.userId },
      });
      if (count > 0)
        await auditCarePlanChange(actor, access.planId, 'patientUpdate', { op: 'note.delete', id: options.noteId }, tx);
      return count > 0;
    },
  );
  if (!changed.ok) return changed.refused;
  const deleted = changed.value;
  if (!deleted) {
    // Not a note of this plan, or not the actor's: refused, and on the plan's record.
    await auditCarePlanRefusal(actor, access.planId, 'patientUpdate', { op: 'note.delete', id: options.noteId });
    return invalid('That note could not be deleted.', [
      { path: 'noteId', message: 'Note: you can only delete notes you wrote.' },
    ]);
  }
  return { ok: true };
}
