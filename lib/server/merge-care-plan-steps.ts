// Use cases: merge steps that several pathways of a plan duplicate (one review, not two), and undo a
// merge. Issue 6 §1: "Steps, assessments and appointments duplicated across the pathways are flagged
// and can be merged." Pathways themselves are not changed: the merge lives in the plan.
//
// Two clinicians acting on the same steps from pages drawn at different times cannot undo each
// other's work. A merge is never changed once made, only undone, and every merge has a new id. So
// "Undo this merge" names exactly the merge the page showed: once that one has been undone (and
// perhaps the steps merged again, under a new id), it is refused. And the page offers to merge only
// steps that are not merged: a merge naming a step that is merged now was drawn before someone else
// merged it, and is refused. Both checks are made with the plan's row held (changeActivePlan), so
// two at once take turns. Either refusal writes nothing and says so, like the care plan's other
// forms drawn before someone else's change (edit-care-plan.ts).
import type { Actor } from '@/lib/auth/can';
import { MergeStepsInput, fieldIssues } from '@/lib/care-plan/input';
import { parsePathway } from '@/lib/pathway/validate';
import {
  CARE_PLAN_NOT_FOUND,
  auditCarePlanChange,
  auditCarePlanRefusal,
  authorizeCarePlan,
  changeActivePlan,
  refuseIfArchived,
} from './care-plan-access';
import { planPathwayDocuments } from './plan-pathway-document';
import { invalid, notFound, type Invalid, type NotFound } from './results';

export type MergeResult = { ok: true; mergeId: string } | NotFound | Invalid;

export async function mergeCarePlanSteps(options: {
  actor: Actor;
  planId: string;
  input: unknown;
}): Promise<MergeResult> {
  const { actor } = options;
  const access = await authorizeCarePlan(actor, options.planId, 'edit', { detail: { op: 'merge' } });
  if (!access) return notFound(CARE_PLAN_NOT_FOUND);
  const archived = await refuseIfArchived(actor, access, 'edit', 'merge');
  if (archived) return archived;
  const parsed = MergeStepsInput.safeParse(options.input);
  if (!parsed.success) return invalid('Check the steps to merge.', fieldIssues(parsed.error));
  const { title } = parsed.data;
  const steps = parsed.data.steps.filter(
    (s, i, all) => all.findIndex((o) => o.pathwayId === s.pathwayId && o.stepId === s.stepId) === i,
  );
  if (steps.length < 2)
    return invalid('Check the steps to merge.', [
      { path: 'steps', message: 'Steps: choose at least two different steps to merge.' },
    ]);
  if (new Set(steps.map((s) => s.pathwayId)).size < 2) {
    return invalid('Check the steps to merge.', [
      { path: 'steps', message: 'Steps: choose steps from at least two different pathways.' },
    ]);
  }

  // The checks read the plan inside the change's transaction, with its row held (changeActivePlan):
  // two merges sharing a step, sent at once, take turns, and the second sees the first and is refused.
  // Checked before the lock, both would pass and the step would be merged twice.
  const changed = await changeActivePlan(
    actor,
    access,
    'edit',
    'merge',
    async (tx): Promise<{ ok: true; id: string } | Invalid> => {
      const links = await tx.carePlanPathway.findMany({
        where: { carePlanId: access.planId },
        select: { pathwayId: true, pathway: { select: { id: true, document: true } } },
      });
      // Steps of the version the person sees (the latest saved one), as the plan shows them.
      const followed = await planPathwayDocuments(
        tx,
        links.map((l) => l.pathway),
      );
      const docs = new Map(links.map((l) => [l.pathwayId, parsePathway(followed.get(l.pathwayId)?.document)]));
      for (const s of steps) {
        const doc = docs.get(s.pathwayId);
        if (!doc)
          return invalid('Check the steps to merge.', [
            { path: 'steps', message: 'Steps: one of the steps is from a pathway that is not part of this plan.' },
          ]);
        if (!doc.ok || !doc.pathway.steps.some((x) => x.id === s.stepId)) {
          return invalid('Check the steps to merge.', [
            { path: 'steps', message: `Steps: “${s.stepId}” is not a step of that pathway any more. Reload the page.` },
          ]);
        }
      }
      const existing = await tx.carePlanStepMerge.findMany({
        where: { carePlanId: access.planId },
        select: { title: true, steps: true },
      });
      for (const s of steps) {
        const merge = existing.find(
          (m) =>
            Array.isArray(m.steps) &&
            (m.steps as { pathwayId?: unknown; stepId?: unknown }[]).some(
              (t) => t.pathwayId === s.pathwayId && t.stepId === s.stepId,
            ),
        );
        if (!merge) continue;
        const doc = docs.get(s.pathwayId);
        const stepTitle = (doc?.ok && doc.pathway.steps.find((x) => x.id === s.stepId)?.title) || s.stepId;
        // The page offers only steps that are not merged: this one was merged after it was drawn.
        return invalid(
          'One of these steps was merged by someone else since you opened the page, so nothing has been merged. Reload the page to see their merge.',
          [
            {
              path: 'steps',
              message: `Steps: “${stepTitle}” is already part of the merged step “${merge.title}”. Reload the page, then decide again.`,
            },
          ],
        );
      }
      const created = await tx.carePlanStepMerge.create({
        data: {
          carePlanId: access.planId,
          title,
          steps: steps.map((s) => ({ pathwayId: s.pathwayId, stepId: s.stepId })),
          createdById: actor.userId,
        },
        select: { id: true },
      });
      await tx.carePlan.update({ where: { id: access.planId }, data: { updatedAt: new Date() } });
      await auditCarePlanChange(actor, access.planId, 'edit', { op: 'merge', id: created.id, steps }, tx);
      return { ok: true, id: created.id };
    },
  );
  if (!changed.ok) return changed.refused;
  const merge = changed.value;
  if (!merge.ok) return merge;
  return { ok: true, mergeId: merge.id };
}

export async function unmergeCarePlanSteps(options: {
  actor: Actor;
  planId: string;
  mergeId: string;
}): Promise<{ ok: true } | NotFound | Invalid> {
  const { actor } = options;
  const access = await authorizeCarePlan(actor, options.planId, 'edit', { detail: { op: 'unmerge' } });
  if (!access) return notFound(CARE_PLAN_NOT_FOUND);
  const archived = await refuseIfArchived(actor, access, 'edit', 'unmerge');
  if (archived) return archived;
  const changed = await changeActivePlan(actor, access, 'edit', 'unmerge', async (tx): Promise<boolean> => {
    const { count } = await tx.carePlanStepMerge.deleteMany({
      where: { id: String(options.mergeId), carePlanId: access.planId },
    });
    if (count > 0) await auditCarePlanChange(actor, access.planId, 'edit', { op: 'unmerge', id: options.mergeId }, tx);
    return count > 0;
  });
  if (!changed.ok) return changed.refused;
  const removed = changed.value;
  if (!removed) {
    // Undone already (by someone else, or with its pathway), or never this plan's: answered alike, so
    // the answer does not tell whether an id is another plan's. Refused, and on the plan's record.
    await auditCarePlanRefusal(actor, access.planId, 'edit', { op: 'unmerge', id: options.mergeId });
    return invalid(
      'This merge was undone by someone else since you opened the page, so there is nothing to undo. Reload the page to see the steps as they are now.',
      [{ path: 'mergeId', message: 'Merge: this merge is not in this plan any more. Reload the page.' }],
    );
  }
  return { ok: true };
}
