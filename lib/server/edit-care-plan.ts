// Use case: a clinician of the care team changes any part of a plan. One entry point for every part
// (details, people, goals, actions, care team, the red-amber-green plan, medicines, where the person
// is on a pathway, which pathways the plan is made from), like the pathway editor's one command
// module: validation, authorization and the audit trail live in one place.
//
// Every row touched is found by its id AND this plan's id, so an id from another plan changes
// nothing. Every change made from a form of the page carries the revision of what the form was drawn
// from (care-plan-revision.ts): the row, for a change or removal of a goal, action, medicine, team
// member or pathway (its current step, and for a removal the merges of its steps, which go with it);
// what that form shows, for the plan's own forms (details, people, medication summary, each part of
// the red-amber-green plan). It is made only over that revision (compare-and-set, with the plan's row
// held): a form drawn before someone else's change is refused, saying so, rather than undoing it, and
// a removal is refused rather than removing something changed since it was shown.
// The audit records which part changed and the row, not the text typed (that stays in the plan, for
// the person to read).
import { ROLES_THAT_MAY, type Actor } from '@/lib/auth/can';
import { getPrisma } from '@/lib/db/client';
import {
  ACCOUNT_USES_EMAIL_LABEL,
  CarePlanEditSchema,
  fieldIssues,
  type CarePlanEdit,
  type FieldIssue,
} from '@/lib/care-plan/input';
import { firstStepId } from '@/lib/care-plan/journey';
import { parsePathway } from '@/lib/pathway/validate';
import {
  CARE_PLAN_NOT_FOUND,
  auditCarePlanChange,
  auditCarePlanRefusal,
  authorizeCarePlan,
  changeActivePlan,
  refuseIfArchived,
} from './care-plan-access';
import {
  detailsRevision,
  escalationRevision,
  medicationRevision,
  medicineRevision,
  memberRevision,
  mergesTouching,
  pathwayLinkRevision,
  pathwayRemovalRevision,
  peopleRevision,
  revisionTime,
} from './care-plan-revision';
import { planPathwayDocuments } from './plan-pathway-document';
import { invalid, notFound, type Invalid, type NotFound } from './results';
type Tx = Parameters<Parameters<ReturnType<typeof getPrisma>['$transaction']>[0]>[0];

/** The two tables whose rows carry an updatedAt as their revision: what a timed removal needs of them. */
interface TimedRows {
  findFirst(args: { where: { id: string; carePlanId: string }; select: { id: true } }): Promise<{ id: string } | null>;
  deleteMany(args: { where: { id: string; carePlanId: string; updatedAt: Date } }): Promise<{ count: number }>;
}
/** What a change or removal of a goal, a job or a team member says when it is not in the plan any more. */
const REMOVED_ALREADY = {
  goal: 'Goal: this goal is not in this plan any more. Reload the page.',
  action: 'Action: this action is not in this plan any more. Reload the page.',
  member: 'Team member: this person is not in this plan’s team any more. Reload the page.',
} as const;
/** A team member's fields as a form shows them (memberRevision is made of these), read before a change or removal. */
const MEMBER_AS_DRAWN = {
  userId: true,
  name: true,
  role: true,
  jobTitle: true,
  organisation: true,
  sector: true,
  phone: true,
  email: true,
  availability: true,
} as const;

export type EditCarePlanResult = { ok: true; op: CarePlanEdit['op']; id?: string } | NotFound | Invalid;

const dateOrNull = (d: string | null) => (d ? new Date(`${d}T00:00:00Z`) : null);

class EditProblem extends Error {
  constructor(
    readonly issues: FieldIssue[],
    /** The id the edit named that is not in this plan (or, for a pathway, not usable in it): a refusal to audit. */
    readonly foreignId?: string,
    /** The sentence at the top of the form's error summary, when "Check what you entered." would be wrong. */
    readonly summary?: string,
  ) {
    super(issues.map((i) => i.message).join(' '));
  }
}
/** An ordinary mistake in what was entered: answered, not audited. */
const problem = (path: string, message: string, summary?: string): never => {
  throw new EditProblem([{ path, message }], undefined, summary);
};
/** The edit named a row that is not in this plan: answered the same way, and audited as refused. */
const notInPlan = (path: string, id: string, message: string, summary?: string): never => {
  throw new EditProblem([{ path, message }], id, summary);
};

type RowKind = 'goal' | 'action' | 'medicine' | 'member' | 'pathway';
type PartKind = 'details' | 'people' | 'medication' | 'green' | 'amber' | 'red';
type FormKind = RowKind | PartKind;
const FORMS: Record<FormKind, { label: string; changed: string }> = {
  goal: { label: 'Goal', changed: 'This goal was changed' },
  action: { label: 'Action', changed: 'This action was changed' },
  medicine: { label: 'Medicine', changed: 'This medicine was changed' },
  member: { label: 'Team member', changed: 'This person’s details were changed' },
  pathway: { label: 'Current step', changed: 'The current step on this pathway was changed' },
  details: {
    label: 'What matters and review date',
    changed: 'The plan’s title, what matters and review date were changed',
  },
  people: {
    label: 'Care coordinator and crisis contact',
    changed: 'The care coordinator and crisis contact were changed',
  },
  medication: { label: 'Medication summary', changed: 'The medication summary was changed' },
  green: { label: 'Green: feeling as usual', changed: 'The green part of the plan (feeling as usual) was changed' },
  amber: {
    label: 'Amber: feeling worse than usual',
    changed: 'The amber part of the plan (feeling worse than usual) was changed',
  },
  red: { label: 'Red: needs help now', changed: 'The red part of the plan (needs help now) was changed' },
};
/**
 * Someone else changed what the form shows after it was drawn (the person ticked the job off, say,
 * or another clinician saved the same form). Nothing is saved, so their change stands; the form
 * keeps what was typed, so this one is not lost either. Not a refusal to audit: the row is this
 * plan's, and the clinician may change it once they have seen the other change.
 */
const changedMeanwhile = (kind: FormKind): never => {
  const { label, changed } = FORMS[kind];
  // Path '': the error is about the whole form, so the error summary shows it as text, not a link.
  throw new EditProblem(
    [{ path: '', message: `${label}: copy anything you want to keep, reload the page, then make your changes again.` }],
    undefined,
    `${changed} by someone else since you opened the page. Your changes are below; reload the page to see theirs.`,
  );
};
/** A change that does not say which revision it was made to (the care team's forms always do). */
const noRevision = (kind: FormKind, label = FORMS[kind].label): never =>
  problem('revision', `${label}: reload the page, then make your change again.`);

const REMOVALS: Record<RowKind, { label: string; changed: string; notRemoved: string; gone: string }> = {
  goal: {
    label: 'Goal',
    changed: 'This goal was changed',
    notRemoved: 'so it has not been removed',
    gone: 'This goal has already been removed from the plan.',
  },
  action: {
    label: 'Action',
    changed: 'This action was changed',
    notRemoved: 'so it has not been removed',
    gone: 'This action has already been removed from the plan.',
  },
  medicine: {
    label: 'Medicine',
    changed: 'This medicine was changed',
    notRemoved: 'so it has not been removed',
    gone: 'This medicine has already been removed from the plan.',
  },
  member: {
    label: 'Team member',
    changed: 'This person’s details were changed',
    notRemoved: 'so they have not been removed from the care team',
    gone: 'This person has already been removed from the care team.',
  },
  pathway: {
    label: 'Pathway',
    changed: 'The current step on this pathway was changed',
    notRemoved: 'so the pathway has not been taken off the plan',
    gone: 'This pathway has already been taken off the plan.',
  },
};
/** Taking a pathway off the plan undoes the merges of its steps: one made or undone since the page was drawn. */
const MERGES_CHANGED = 'Steps of this pathway were merged, or a merge was undone,';
/**
 * A removal of a row someone else changed after the page was drawn (the person ticked the job off,
 * or another clinician updated the goal): the clinician has not seen the change, so the row stays.
 * Not audited, as changedMeanwhile is not.
 */
const changedBeforeRemoval = (kind: RowKind, mergesChanged = false): never => {
  const { label, notRemoved } = REMOVALS[kind];
  const changed = mergesChanged ? MERGES_CHANGED : REMOVALS[kind].changed;
  throw new EditProblem(
    [{ path: '', message: `${label}: not removed. Reload the page to see what changed, then decide again.` }],
    undefined,
    `${changed} by someone else since you opened the page, ${notRemoved}. Reload the page to see the change.`,
  );
};
/**
 * A removal of a row that is not in this plan: removed already (by someone else, or in another tab),
 * or never this plan's. The two are answered alike, so the answer does not tell whether an id is
 * another plan's, and audited as notInPlan is.
 */
const alreadyRemoved = (kind: RowKind, path: string, id: string, message: string): never =>
  notInPlan(path, id, message, `${REMOVALS[kind].gone} Reload the page to see the plan as it is now.`);

export async function editCarePlan(options: {
  actor: Actor;
  planId: string;
  edit: unknown;
}): Promise<EditCarePlanResult> {
  const { actor } = options;
  const op = (options.edit as { op?: unknown } | null)?.op;
  const access = await authorizeCarePlan(actor, options.planId, 'edit', {
    detail: { op: typeof op === 'string' ? op.slice(0, 40) : null },
  });
  if (!access) return notFound(CARE_PLAN_NOT_FOUND);
  const archived = await refuseIfArchived(actor, access, 'edit', typeof op === 'string' ? op.slice(0, 40) : 'edit');
  if (archived) return archived;
  const parsed = CarePlanEditSchema.safeParse(options.edit);
  if (!parsed.success) return invalid('Check what you entered.', fieldIssues(parsed.error));
  const edit = parsed.data;
  const planId = access.planId;
  const workspaceId = access.workspaceId;

  try {
    // The change and its audit row commit together.
    const changed = await changeActivePlan(actor, access, 'edit', edit.op, async (tx) => {
      const applied = await applyEdit(tx);
      await auditCarePlanChange(
        actor,
        planId,
        'edit',
        { op: edit.op, ...(applied.id ? { id: applied.id } : {}), ...applied.detail },
        tx,
      );
      return applied;
    });
    if (!changed.ok) return changed.refused;
    const result = changed.value;
    return { ok: true, op: edit.op, ...(result.id ? { id: result.id } : {}) };
  } catch (error) {
    if (!(error instanceof EditProblem)) throw error;
    // The transaction has rolled back; the refusal is recorded outside it, so it stays.
    if (error.foreignId !== undefined) {
      await auditCarePlanRefusal(actor, planId, 'edit', { op: edit.op, id: error.foreignId });
    }
    return invalid(error.summary ?? 'Check what you entered.', error.issues);
  }

  async function applyEdit(tx: Tx): Promise<{ id?: string; detail?: Record<string, unknown> }> {
    const touch = () => tx.carePlan.update({ where: { id: planId }, data: { updatedAt: new Date() } });
    // The plan's own fields as they are now: its row is held (changeActivePlan), so they stay so
    // until this change commits.
    const planNow = () =>
      tx.carePlan.findUniqueOrThrow({
        where: { id: planId },
        select: {
          title: true,
          whatMattersToMe: true,
          reviewDate: true,
          coordinatorId: true,
          crisisContactName: true,
          crisisContactPhone: true,
          crisisContactDetail: true,
          medicationSummary: true,
        },
      });
    /**
     * Removes a goal or a job (rows with an updatedAt that every change moves on) only as the page
     * showed it: not one changed since (a goal updated, a job ticked off), and says so when it has
     * gone already.
     */
    const removeTimedRow = async (
      kind: 'goal' | 'action',
      table: TimedRows,
      id: string,
      revision: string | undefined,
    ): Promise<{ id: string; detail: Record<string, unknown> }> => {
      const before = await table.findFirst({ where: { id, carePlanId: planId }, select: { id: true } });
      if (!before) return alreadyRemoved(kind, 'id', id, REMOVED_ALREADY[kind]);
      const base = revisionTime(revision) ?? noRevision(kind);
      const { count } = await table.deleteMany({ where: { id, carePlanId: planId, updatedAt: base } });
      if (count === 0) changedBeforeRemoval(kind);
      await touch();
      return { id, detail: {} };
    };
    switch (edit.op) {
      case 'details': {
        const before = await planNow();
        if (!edit.revision) noRevision('details');
        if (detailsRevision(before) !== edit.revision) changedMeanwhile('details');
        await tx.carePlan.update({
          where: { id: planId },
          data: { title: edit.title, whatMattersToMe: edit.whatMattersToMe, reviewDate: dateOrNull(edit.reviewDate) },
        });
        return { detail: { fields: ['title', 'whatMattersToMe', 'reviewDate'] } };
      }
      case 'people': {
        if (edit.coordinatorId) {
          const member = await tx.carePlanMember.findFirst({
            where: { id: edit.coordinatorId, carePlanId: planId },
            select: { id: true },
          });
          if (!member)
            notInPlan(
              'coordinatorId',
              edit.coordinatorId,
              'Care coordinator: choose someone from this plan’s care team.',
            );
        }
        const before = await planNow();
        if (!edit.revision) noRevision('people');
        if (peopleRevision(before) !== edit.revision) changedMeanwhile('people');
        await tx.carePlan.update({
          where: { id: planId },
          data: {
            coordinatorId: edit.coordinatorId,
            crisisContactName: edit.crisisContactName,
            crisisContactPhone: edit.crisisContactPhone,
            crisisContactDetail: edit.crisisContactDetail,
          },
        });
        return { detail: { fields: ['coordinatorId', 'crisisContact'] } };
      }
      case 'medication': {
        const before = await planNow();
        if (!edit.revision) noRevision('medication');
        if (medicationRevision(before) !== edit.revision) changedMeanwhile('medication');
        await tx.carePlan.update({ where: { id: planId }, data: { medicationSummary: edit.medicationSummary } });
        return { detail: { fields: ['medicationSummary'] } };
      }
      case 'goal.save': {
        const data = {
          kind: edit.kind,
          description: edit.description,
          setBy: edit.setBy,
          targetDate: dateOrNull(edit.targetDate),
          status: edit.status,
        };
        if (edit.id) {
          const before = await tx.carePlanGoal.findFirst({
            where: { id: edit.id, carePlanId: planId },
            select: { id: true },
          });
          if (!before) return notInPlan('id', edit.id, REMOVED_ALREADY.goal);
          const base = revisionTime(edit.revision) ?? noRevision('goal');
          // Only over the row as the form was drawn from it (every change moves updatedAt on).
          const { count } = await tx.carePlanGoal.updateMany({
            where: { id: edit.id, carePlanId: planId, updatedAt: base },
            data,
          });
          if (count === 0) changedMeanwhile('goal');
          await touch();
          return { id: edit.id, detail: {} };
        }
        const position = await tx.carePlanGoal.count({ where: { carePlanId: planId } });
        const goal = await tx.carePlanGoal.create({
          data: { ...data, carePlanId: planId, position },
          select: { id: true },
        });
        await touch();
        return { id: goal.id, detail: { created: true } };
      }
      case 'goal.delete':
        return removeTimedRow('goal', tx.carePlanGoal, edit.id, edit.revision);
      case 'action.save': {
        let memberId: string | null = null;
        if (edit.ownerKind === 'team_member') {
          const member = await tx.carePlanMember.findFirst({
            where: { id: edit.memberId ?? '', carePlanId: planId },
            select: { id: true },
          });
          if (!member)
            notInPlan('memberId', edit.memberId ?? '', 'Team member: choose someone from this plan’s care team.');
          memberId = edit.memberId;
        }
        const done = edit.status === 'done';
        const data = {
          description: edit.description,
          ownerKind: edit.ownerKind,
          memberId,
          dueDate: dateOrNull(edit.dueDate),
          status: edit.status,
        };
        if (edit.id) {
          const before = await tx.carePlanAction.findFirst({
            where: { id: edit.id, carePlanId: planId },
            select: { status: true },
          });
          if (!before) return notInPlan('id', edit.id, REMOVED_ALREADY.action);
          const base = revisionTime(edit.revision) ?? noRevision('action');
          const becameDone = done && before.status !== 'done';
          // Only over the row as the form was drawn from it: a form drawn before the person ticked the
          // job off still says "to do", and saving it would undo their tick and clear who did it.
          const { count } = await tx.carePlanAction.updateMany({
            where: { id: edit.id, carePlanId: planId, updatedAt: base },
            data: {
              ...data,
              ...(becameDone ? { completedAt: new Date(), completedById: actor.userId } : {}),
              ...(!done ? { completedAt: null, completedById: null } : {}),
            },
          });
          if (count === 0) changedMeanwhile('action');
          await touch();
          return { id: edit.id, detail: { status: edit.status } };
        }
        const position = await tx.carePlanAction.count({ where: { carePlanId: planId } });
        const action = await tx.carePlanAction.create({
          data: {
            ...data,
            carePlanId: planId,
            position,
            ...(done ? { completedAt: new Date(), completedById: actor.userId } : {}),
          },
          select: { id: true },
        });
        await touch();
        return { id: action.id, detail: { created: true, status: edit.status } };
      }
      case 'action.delete':
        return removeTimedRow('action', tx.carePlanAction, edit.id, edit.revision);
      case 'member.save': {
        // The account to link: the contact email address when the box says their account uses it (so
        // it is not typed twice; the schema has made sure it is filled in), else the account email box.
        const account = edit.accountUsesEmail
          ? { email: edit.email, path: 'accountUsesEmail', label: ACCOUNT_USES_EMAIL_LABEL }
          : { email: edit.userEmail, path: 'userEmail', label: 'Pathweave account email' };
        // The member as the form was drawn from, with the account linked now: the change form shows
        // its email, so sending it back leaves the link as it is (even if that account no longer edits
        // here: other details can still be changed).
        const found = edit.id
          ? await tx.carePlanMember.findFirst({
              where: { id: edit.id, carePlanId: planId },
              select: { ...MEMBER_AS_DRAWN, user: { select: { email: true } } },
            })
          : null;
        const linked = found?.user ?? null;
        let userId: string | null | undefined;
        if (account.email !== undefined) {
          if (account.email === '') userId = null;
          else if (linked && linked.email === account.email.toLowerCase()) userId = undefined;
          else {
            const user = await tx.user.findFirst({
              where: {
                email: account.email.toLowerCase(),
                memberships: {
                  some: { workspaceId, accessRole: { in: [...ROLES_THAT_MAY.careForPlanPatients] } },
                },
              },
              select: { id: true },
            });
            if (!user) {
              problem(
                account.path,
                `${account.label}: nobody who edits in this workspace uses “${account.email}”, so they could not open the plan.`,
              );
            }
            userId = user?.id ?? null;
          }
        }
        const data = {
          name: edit.name,
          role: edit.role,
          jobTitle: edit.jobTitle,
          organisation: edit.organisation,
          sector: edit.sector,
          phone: edit.phone,
          email: edit.email,
          availability: edit.availability,
          ...(userId !== undefined ? { userId } : {}),
        };
        if (userId) {
          const clash = await tx.carePlanMember.findFirst({
            where: { carePlanId: planId, userId, ...(edit.id ? { id: { not: edit.id } } : {}) },
            select: { id: true },
          });
          if (clash) problem(account.path, `${account.label}: this person is already in the care team.`);
        }
        if (edit.id) {
          if (!found) return notInPlan('id', edit.id, REMOVED_ALREADY.member);
          const { user: _linked, ...before } = found;
          if (!edit.revision) noRevision('member');
          if (memberRevision(before) !== edit.revision) changedMeanwhile('member');
          if (before.userId === actor.userId && userId === null) {
            problem(
              'userEmail',
              'Pathweave account email: you cannot unlink yourself. Ask someone else in the team to do it.',
            );
          }
          // Nor hand one's own place in the team to another account, which would shut oneself out as surely.
          if (before.userId === actor.userId && userId !== undefined && userId !== actor.userId) {
            problem(
              account.path,
              `${account.label}: this is your own place in the care team, so it stays linked to your account. To add someone else, use “Add someone to the care team”.`,
            );
          }
          // Members have no updatedAt: set only over the values just compared, so the check and the
          // change are one step.
          const { count } = await tx.carePlanMember.updateMany({
            where: { id: edit.id, carePlanId: planId, ...before },
            data,
          });
          if (count === 0) changedMeanwhile('member');
          await touch();
          return { id: edit.id, detail: { linkedUser: userId !== undefined } };
        }
        const position = await tx.carePlanMember.count({ where: { carePlanId: planId } });
        const member = await tx.carePlanMember.create({
          data: { ...data, carePlanId: planId, position },
          select: { id: true },
        });
        await touch();
        return { id: member.id, detail: { created: true, linkedUser: Boolean(userId) } };
      }
      case 'member.delete': {
        const before = await tx.carePlanMember.findFirst({
          where: { id: edit.id, carePlanId: planId },
          select: MEMBER_AS_DRAWN,
        });
        if (!before) return alreadyRemoved('member', 'id', edit.id, REMOVED_ALREADY.member);
        if (before.userId === actor.userId)
          problem(
            'id',
            'Team member: you cannot remove yourself. Ask someone else in the team to do it.',
            // Nothing was entered wrongly, so not "Check what you entered".
            'You have not been removed from the care team.',
          );
        if (!edit.revision) noRevision('member');
        if (memberRevision(before) !== edit.revision) changedBeforeRemoval('member');
        // Only over the values just compared, so the check and the removal are one step.
        const { count } = await tx.carePlanMember.deleteMany({ where: { id: edit.id, carePlanId: planId, ...before } });
        if (count === 0) changedBeforeRemoval('member');
        await touch();
        return { id: edit.id, detail: {} };
      }
      case 'escalation.save': {
        const before = await tx.carePlanEscalation.findFirst({
          where: { carePlanId: planId, level: edit.level },
          select: { signs: true, whatToDo: true },
        });
        if (!edit.revision) noRevision(edit.level);
        if (escalationRevision(edit.level, before) !== edit.revision) changedMeanwhile(edit.level);
        await tx.carePlanEscalation.upsert({
          where: { carePlanId_level: { carePlanId: planId, level: edit.level } },
          create: { carePlanId: planId, level: edit.level, signs: edit.signs, whatToDo: edit.whatToDo },
          update: { signs: edit.signs, whatToDo: edit.whatToDo },
        });
        await touch();
        return { detail: { level: edit.level } };
      }
      case 'medicine.save': {
        const data = { name: edit.name, howToTake: edit.howToTake, purpose: edit.purpose };
        if (edit.id) {
          const before = await tx.carePlanMedicine.findFirst({
            where: { id: edit.id, carePlanId: planId },
            select: { name: true, howToTake: true, purpose: true },
          });
          if (!before)
            return notInPlan('id', edit.id, 'Medicine: this medicine is not in this plan any more. Reload the page.');
          if (!edit.revision) noRevision('medicine');
          if (medicineRevision(before) !== edit.revision) changedMeanwhile('medicine');
          // Medicines have no updatedAt: set only over the values just compared, so the check and the
          // change are one step.
          const { count } = await tx.carePlanMedicine.updateMany({
            where: { id: edit.id, carePlanId: planId, ...before },
            data,
          });
          if (count === 0) changedMeanwhile('medicine');
          await touch();
          return { id: edit.id, detail: {} };
        }
        const position = await tx.carePlanMedicine.count({ where: { carePlanId: planId } });
        const medicine = await tx.carePlanMedicine.create({
          data: { ...data, carePlanId: planId, position },
          select: { id: true },
        });
        await touch();
        return { id: medicine.id, detail: { created: true } };
      }
      case 'medicine.delete': {
        const before = await tx.carePlanMedicine.findFirst({
          where: { id: edit.id, carePlanId: planId },
          select: { name: true, howToTake: true, purpose: true },
        });
        if (!before)
          return alreadyRemoved(
            'medicine',
            'id',
            edit.id,
            'Medicine: this medicine is not in this plan any more. Reload the page.',
          );
        if (!edit.revision) noRevision('medicine');
        if (medicineRevision(before) !== edit.revision) changedBeforeRemoval('medicine');
        // Only over the values just compared, so the check and the removal are one step.
        const { count } = await tx.carePlanMedicine.deleteMany({
          where: { id: edit.id, carePlanId: planId, ...before },
        });
        if (count === 0) changedBeforeRemoval('medicine');
        await touch();
        return { id: edit.id, detail: {} };
      }
      case 'step.set': {
        const link = await tx.carePlanPathway.findFirst({
          where: { carePlanId: planId, pathwayId: edit.pathwayId },
          select: {
            id: true,
            currentStepId: true,
            currentStepSince: true,
            pathway: { select: { id: true, document: true } },
          },
        });
        if (!link) notInPlan('pathwayId', edit.pathwayId, 'Pathway: this pathway is not part of the plan.');
        if (!edit.revision) noRevision('pathway');
        // Only over where the form showed the person: a form drawn before another clinician moved them
        // on would move them back.
        if (link && pathwayLinkRevision(link) !== edit.revision) changedMeanwhile('pathway');
        if (edit.stepId) {
          // A step of the version the person sees (the latest saved one), not of the working copy.
          const followed = link ? await planPathwayDocuments(tx, [link.pathway]) : new Map();
          const doc = parsePathway(followed.get(edit.pathwayId)?.document);
          if (!doc.ok || !doc.pathway.steps.some((s) => s.id === edit.stepId)) {
            problem('stepId', 'Step: choose a step of this pathway.');
          }
        }
        // Saving the step the person is already on keeps the date they have been on it since.
        const moved = edit.stepId !== link?.currentStepId;
        await tx.carePlanPathway.update({
          where: { id: link?.id as string },
          data: {
            currentStepId: edit.stepId,
            ...(moved ? { currentStepSince: edit.stepId ? new Date() : null } : {}),
          },
        });
        await touch();
        return { id: edit.pathwayId, detail: { stepId: edit.stepId } };
      }
      case 'pathway.add': {
        const pathway = await tx.pathway.findFirst({
          where: {
            id: edit.pathwayId,
            workspaceId,
            workspace: { memberships: { some: { userId: actor.userId } } },
          },
          select: { id: true, document: true },
        });
        if (!pathway) notInPlan('pathwayId', edit.pathwayId, 'Pathway: choose a pathway of this workspace.');
        const already = await tx.carePlanPathway.findFirst({
          where: { carePlanId: planId, pathwayId: edit.pathwayId },
          select: { id: true },
        });
        if (already) problem('pathwayId', 'Pathway: this pathway is already part of the plan.');
        const position = await tx.carePlanPathway.count({ where: { carePlanId: planId } });
        const followed = pathway ? await planPathwayDocuments(tx, [pathway]) : new Map();
        const doc = parsePathway(followed.get(edit.pathwayId)?.document);
        await tx.carePlanPathway.create({
          data: {
            carePlanId: planId,
            pathwayId: edit.pathwayId,
            position,
            currentStepId: doc.ok ? firstStepId(doc.pathway) : null,
            currentStepSince: new Date(),
          },
        });
        await touch();
        return { id: edit.pathwayId, detail: {} };
      }
      case 'pathway.remove': {
        const links = await tx.carePlanPathway.findMany({
          where: { carePlanId: planId },
          select: { id: true, pathwayId: true, currentStepId: true, currentStepSince: true },
        });
        const link = links.find((l) => l.pathwayId === edit.pathwayId);
        if (!link)
          return alreadyRemoved(
            'pathway',
            'pathwayId',
            edit.pathwayId,
            'Pathway: this pathway is not part of the plan.',
          );
        if (links.length === 1)
          problem('pathwayId', 'Pathway: a plan needs at least one pathway. Add another before removing this one.');
        if (!edit.revision) noRevision('pathway', 'Pathway');
        // Merges that joined a step of this pathway no longer make sense, and go with it: only those the
        // page showed (the revision names them), or a merge made since would go without anyone seeing it.
        const merges = await tx.carePlanStepMerge.findMany({
          where: { carePlanId: planId },
          select: { id: true, steps: true },
        });
        const stale = mergesTouching(merges, edit.pathwayId);
        const current = pathwayRemovalRevision(
          link,
          stale.map((m) => m.id),
        );
        // Which part changed, for the sentence: where the person is, or the merges.
        if (current !== edit.revision)
          changedBeforeRemoval('pathway', edit.revision?.split('.')[0] === pathwayLinkRevision(link));
        await tx.carePlanPathway.delete({ where: { id: link.id } });
        if (stale.length)
          await tx.carePlanStepMerge.deleteMany({
            where: { id: { in: stale.map((m) => m.id) }, carePlanId: planId },
          });
        await touch();
        return { id: edit.pathwayId, detail: { mergesUndone: stale.length } };
      }
    }
  }
}
