// The revision of one row of a care plan: what the row was when a form was drawn. The care team's
// forms send it back with a change (a hidden field), and lib/server/edit-care-plan.ts makes the
// change only if the row is still that revision. Otherwise a nurse saving a form drawn before the
// person ticked a job off would write the old status back, and the person's tick would be lost
// without anyone knowing.
//
// Goals and actions have an updatedAt column, which every change moves on: their revision is that
// moment. Medicines and care team members have no such column (and adding one is a migration), so
// theirs is a digest of what the form can change: if the row still reads the same, nothing anyone
// else did would be lost by saving over it.
//
// The plan's own forms (details, people, medication summary, each part of the red-amber-green plan)
// and the current step on each pathway get a digest too, of what that one form can change: the
// plan's updatedAt moves on with every change to any part (a job ticked off, a goal added), which
// would make every form on the page stale at once, and a form must go stale only when what it shows
// has changed.
import { createHash } from 'node:crypto';
import type { CarePlanView } from '@/lib/care-plan/types';

/** The revision of a row with an updatedAt column. */
export const timeRevision = (updatedAt: Date): string => updatedAt.toISOString();

/** The moment a time revision names, or null for anything else (absent, or not one we gave out). */
export function revisionTime(revision: string | undefined): Date | null {
  if (!revision) return null;
  const at = new Date(revision);
  // Exactly as timeRevision writes it: a date that does not exist (30 February) is not rolled on.
  return !Number.isNaN(at.getTime()) && at.toISOString() === revision ? at : null;
}

/** A short digest of a row's values, in a fixed order. */
function contentRevision(values: readonly (string | null)[]): string {
  return createHash('sha256').update(JSON.stringify(values)).digest('base64url').slice(0, 22);
}

export const medicineRevision = (m: { name: string; howToTake: string; purpose: string }): string =>
  contentRevision([m.name, m.howToTake, m.purpose]);

export interface MemberRevisionFields {
  userId: string | null;
  name: string;
  role: string;
  jobTitle: string;
  organisation: string;
  sector: string;
  phone: string;
  email: string;
  availability: string;
}

export const memberRevision = (m: MemberRevisionFields): string =>
  contentRevision([m.userId, m.name, m.role, m.jobTitle, m.organisation, m.sector, m.phone, m.email, m.availability]);

const day = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** The "What matters" form: the plan's title, what matters to the person and the review date. */
export const detailsRevision = (p: { title: string; whatMattersToMe: string; reviewDate: Date | null }): string =>
  contentRevision(['details', p.title, p.whatMattersToMe, day(p.reviewDate)]);

/** The care coordinator and crisis contact form. */
export const peopleRevision = (p: {
  coordinatorId: string | null;
  crisisContactName: string;
  crisisContactPhone: string;
  crisisContactDetail: string;
}): string =>
  contentRevision(['people', p.coordinatorId, p.crisisContactName, p.crisisContactPhone, p.crisisContactDetail]);

/** The medication summary form (the medicines listed under it have revisions of their own). */
export const medicationRevision = (p: { medicationSummary: string }): string =>
  contentRevision(['medication', p.medicationSummary]);

/**
 * One part (green, amber or red) of the plan for when things get worse; null while that part has
 * not been written. Not written and written empty read the same to the person, so they are one
 * revision: saving over either loses nothing.
 */
export const escalationRevision = (level: string, e: { signs: string; whatToDo: string } | null): string =>
  contentRevision(['escalation', level, e?.signs ?? '', e?.whatToDo ?? '']);

/** Where the person is on one pathway of the plan: the current step, and since when. */
export const pathwayLinkRevision = (l: { currentStepId: string | null; currentStepSince: Date | null }): string =>
  contentRevision(['step', l.currentStepId, day(l.currentStepSince)]);

/**
 * Taking a pathway off the plan: where the person is on it (pathwayLinkRevision) and which merges
 * join one of its steps, since removing the pathway undoes those merges too. A merge is never
 * edited, only made or undone, so its id stands for it. Two parts, "step.merges", so a refusal can
 * say which changed.
 */
export const pathwayRemovalRevision = (
  l: { currentStepId: string | null; currentStepSince: Date | null },
  mergeIds: readonly string[],
): string => `${pathwayLinkRevision(l)}.${contentRevision(['merges', ...[...mergeIds].sort()])}`;

/** The merges that join a step of the pathway (their `steps` as stored: [{ pathwayId, stepId }, …]). */
export function mergesTouching<M extends { steps: unknown }>(merges: readonly M[], pathwayId: string): M[] {
  return merges.filter(
    (m) =>
      Array.isArray(m.steps) && m.steps.some((s) => (s as { pathwayId?: unknown } | null)?.pathwayId === pathwayId),
  );
}

/** Rows in a fixed order (by id): moving a goal up the list does not make it a different plan. */
function byId<T extends { id: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * What the plan says, as the person agrees it: the care team's parts (its title, what matters to
 * them, who is in the team and who coordinates, goals, jobs, medicines, the plan for when things get
 * worse, the review date, the pathways it follows as the saved versions shown, and the steps merged
 * into one). Not the notes, who it is shared with, whether jobs are ticked off or goals reached, nor
 * where the person is on a pathway: those move on as the plan is lived, and do not make it a different
 * plan. A job cancelled or a goal paused does. Nor a team member's phone, email or hours: how to reach
 * someone is kept up to date without asking the person to agree again.
 */
export function planAgreementRevision(
  plan: Pick<
    CarePlanView,
    | 'title'
    | 'whatMattersToMe'
    | 'reviewDate'
    | 'coordinatorId'
    | 'crisisContact'
    | 'medicationSummary'
    | 'medicines'
    | 'goals'
    | 'actions'
    | 'members'
    | 'escalation'
    | 'pathways'
    | 'merges'
  >,
): string {
  const said = [
    plan.title,
    plan.whatMattersToMe,
    plan.reviewDate,
    plan.coordinatorId,
    [plan.crisisContact.name, plan.crisisContact.phone, plan.crisisContact.detail],
    plan.medicationSummary,
    byId(plan.medicines).map((m) => [m.id, m.name, m.howToTake, m.purpose]),
    byId(plan.goals).map((g) => [g.id, g.kind, g.description, g.setBy, g.targetDate, g.status === 'paused']),
    byId(plan.actions).map((a) => [a.id, a.description, a.ownerKind, a.memberId, a.dueDate, a.status === 'cancelled']),
    byId(plan.members).map((m) => [m.id, m.name, m.role, m.jobTitle, m.organisation]),
    [...plan.escalation]
      .sort((a, b) => (a.level < b.level ? -1 : a.level > b.level ? 1 : 0))
      .map((e) => [e.level, e.signs, e.whatToDo]),
    plan.pathways.map((p) => `${p.pathwayId}@${p.versionNumber ?? 'working copy'}`).sort(),
    byId(plan.merges).map((m) => [m.id, m.title, m.steps.map((s) => `${s.pathwayId}/${s.stepId}`).sort()]),
  ];
  return createHash('sha256').update(JSON.stringify(said)).digest('base64url').slice(0, 22);
}
