// Use case: the person (or a carer they allowed to contribute) adds a note to their own plan: things
// to ask or tell the team. The care team reads the notes in the clinician view.
import type { Actor } from '@/lib/auth/can';
import { NoteInput, fieldIssues } from '@/lib/care-plan/input';
import {
  CARE_PLAN_NOT_FOUND,
  auditCarePlanChange,
  authorizeCarePlan,
  changeActivePlan,
  refuseIfArchived,
} from './care-plan-access';
import { invalid, notFound, type Invalid, type NotFound } from './results';

export async function addCarePlanNote(options: {
  actor: Actor;
  planId: string;
  input: unknown;
}): Promise<{ ok: true; noteId: string } | NotFound | Invalid> {
  const { actor } = options;
  const access = await authorizeCarePlan(actor, options.planId, 'patientUpdate', { detail: { op: 'note.add' } });
  if (!access) return notFound(CARE_PLAN_NOT_FOUND);
  const archived = await refuseIfArchived(actor, access, 'patientUpdate', 'note.add');
  if (archived) return archived;
  const parsed = NoteInput.safeParse(options.input);
  if (!parsed.success) return invalid('Check your note.', fieldIssues(parsed.error));
  const changed = await changeActivePlan(
    actor,
    access,
    'patientUpdate',
    'note.add',
    async (tx): Promise<{ id: string }> => {
      const created = await tx.carePlanNote.create({
        data: { carePlanId: access.planId, authorId: actor.userId, body: parsed.data.body },
        select: { id: true },
      });
      await auditCarePlanChange(actor, access.planId, 'patientUpdate', { op: 'note.add', id: created.id }, tx);
      return created;
    },
  );
  if (!changed.ok) return changed.refused;
  const note = changed.value;
  return { ok: true, noteId: note.id };
}
