// The shared care plan as the rest of the app sees it: the server builds it (lib/server/get-care-plan.ts),
// the patient, carer and clinician views render it, and the FHIR export and the PDF are made from it.
// Plain data only (strings, numbers, booleans), so it crosses to client components and JSON unchanged.
// Dates are ISO strings: YYYY-MM-DD for calendar dates, full ISO for moments.
import type { Pathway, Role, Sector } from '@/lib/pathway/schema';

export const GOAL_KINDS = ['health', 'social'] as const;
export const GOAL_SET_BY = ['person', 'carer', 'care_team', 'together'] as const;
export const GOAL_STATUSES = ['active', 'achieved', 'paused'] as const;
export const ACTION_OWNERS = ['person', 'carer', 'team_member'] as const;
export const ACTION_STATUSES = ['to_do', 'in_progress', 'done', 'cancelled'] as const;
export const ESCALATION_LEVELS = ['green', 'amber', 'red'] as const;
export const PLAN_STATUSES = ['active', 'archived'] as const;

export type GoalKind = (typeof GOAL_KINDS)[number];
export type GoalSetBy = (typeof GOAL_SET_BY)[number];
export type GoalStatus = (typeof GOAL_STATUSES)[number];
export type ActionOwner = (typeof ACTION_OWNERS)[number];
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** One step of one pathway. */
export interface StepRef {
  pathwayId: string;
  stepId: string;
}

export interface CareTeamMemberView {
  id: string;
  /** Set when the member signs in to Pathweave. */
  userId: string | null;
  /**
   * The email address of the Pathweave account linked to them (null when none), for the care team's
   * "Change or remove" form. Only in the view of a clinician of the care team (get-care-plan.ts): the
   * person and their carer see the contact `email` only, never which account opens the plan.
   */
  accountEmail?: string | null;
  name: string;
  role: Role;
  jobTitle: string;
  organisation: string;
  sector: Sector;
  phone: string;
  email: string;
  availability: string;
  isCoordinator: boolean;
  /**
   * What the row was when read, for the care team's forms to send back with a change: the change is
   * refused if someone else changed the row meanwhile (lib/server/care-plan-revision.ts). Set when
   * the plan is read to be shown (get-care-plan.ts); absent from summaries made for lists.
   */
  revision?: string;
}

export interface GoalView {
  id: string;
  kind: GoalKind;
  description: string;
  setBy: GoalSetBy;
  targetDate: string | null;
  status: GoalStatus;
  /**
   * What the row was when read, for the care team's forms to send back with a change: the change is
   * refused if someone else changed the row meanwhile (lib/server/care-plan-revision.ts). Set when
   * the plan is read to be shown (get-care-plan.ts); absent from summaries made for lists.
   */
  revision?: string;
}

export interface ActionView {
  id: string;
  description: string;
  ownerKind: ActionOwner;
  memberId: string | null;
  /** The member's name, when a care team member does it. */
  ownerName: string | null;
  dueDate: string | null;
  status: ActionStatus;
  completedAt: string | null;
  pathwayId: string | null;
  stepId: string | null;
  /**
   * What the row was when read, for the care team's forms to send back with a change: the change is
   * refused if someone else changed the row meanwhile (lib/server/care-plan-revision.ts). Set when
   * the plan is read to be shown (get-care-plan.ts); absent from summaries made for lists.
   */
  revision?: string;
}

export interface MedicineView {
  id: string;
  name: string;
  howToTake: string;
  purpose: string;
  /**
   * What the row was when read, for the care team's forms to send back with a change: the change is
   * refused if someone else changed the row meanwhile (lib/server/care-plan-revision.ts). Set when
   * the plan is read to be shown (get-care-plan.ts); absent from summaries made for lists.
   */
  revision?: string;
}

export interface EscalationView {
  level: EscalationLevel;
  signs: string;
  whatToDo: string;
}

export interface PlanPathwayView {
  /** The CarePlanPathway row. */
  linkId: string;
  pathwayId: string;
  title: string;
  conditions: string[];
  /**
   * The pathway as the plan follows it: its latest saved version, or its working copy while it has
   * no saved version (lib/server/plan-pathway-document.ts); null when it is not a valid document.
   */
  document: Pathway | null;
  /** The saved version `document` is; null (or absent) when it is the working copy. */
  versionNumber?: number | null;
  currentStepId: string | null;
  currentStepSince: string | null;
  /**
   * Where the person was on this pathway when read (the current step and since when), for the care
   * team's "current step" form to send back: it is refused if someone else moved the person on
   * meanwhile (lib/server/care-plan-revision.ts). Set when the plan is read to be shown (get-care-plan.ts).
   */
  revision?: string;
  /**
   * The same, and which merges join a step of this pathway (taking it off the plan undoes them), for
   * the "remove this pathway" form: it is refused if either changed meanwhile. Set with `revision`.
   */
  removalRevision?: string;
}

/**
 * What each of the plan's own forms showed when the plan was read, for the form to send back with a
 * change: the change is refused if someone else changed what that form shows meanwhile
 * (lib/server/care-plan-revision.ts). Each covers only its own form, so ticking off a job or saving
 * another form does not make it stale.
 */
export interface CarePlanFormRevisions {
  /** Title, what matters to the person, review date. */
  details: string;
  /** Care coordinator and crisis contact. */
  people: string;
  /** The medication summary. */
  medication: string;
  /** Each part of the plan for when things get worse. */
  escalation: Record<EscalationLevel, string>;
}

/** Whether the person has agreed the plan (National Voices: a plan prepared jointly with them). */
export interface CarePlanAgreementView {
  /** When the person said they agree with the plan (full ISO); null until they do. */
  agreedAt: string | null;
  /** Whether the plan still says what it said then (the care team's parts: notes and ticks aside). */
  stillAsAgreed: boolean;
  /** What the plan says now, for the "I agree" form to send back: agreeing refuses a plan changed meanwhile. */
  revision: string;
}

export interface StepMergeView {
  id: string;
  title: string;
  steps: StepRef[];
  createdAt: string;
}

export interface CarerGrantView {
  id: string;
  carerId: string;
  name: string;
  email: string;
  canContribute: boolean;
  grantedAt: string;
}

export interface NoteView {
  id: string;
  authorId: string;
  authorName: string;
  body: string;
  createdAt: string;
}

export interface CarePlanView {
  id: string;
  workspace: { id: string; slug: string; name: string };
  patient: { id: string; name: string };
  title: string;
  status: PlanStatus;
  /** When the care team stopped using the plan (full ISO); null while active, or when not recorded. */
  archivedAt: string | null;
  whatMattersToMe: string;
  coordinatorId: string | null;
  crisisContact: { name: string; phone: string; detail: string };
  medicationSummary: string;
  medicines: MedicineView[];
  reviewDate: string | null;
  pathways: PlanPathwayView[];
  merges: StepMergeView[];
  goals: GoalView[];
  actions: ActionView[];
  members: CareTeamMemberView[];
  escalation: EscalationView[];
  carers: CarerGrantView[];
  notes: NoteView[];
  createdAt: string;
  updatedAt: string;
  /** Set when the plan is read to be shown (get-care-plan.ts); absent from summaries made for lists. */
  formRevisions?: CarePlanFormRevisions;
  /** Whether the person has agreed the plan. Set when the plan is read to be shown (get-care-plan.ts). */
  agreement?: CarePlanAgreementView;
}

/** How the person looking at a plan relates to it, and what they may do (from can()). */
export interface CarePlanAccessView {
  relation: 'patient' | 'carer' | 'clinician';
  canEdit: boolean;
  canPatientUpdate: boolean;
  canShare: boolean;
  canViewAudit: boolean;
}

/** The coordinator, if one is named and still in the team. */
export function coordinatorOf(plan: Pick<CarePlanView, 'members' | 'coordinatorId'>): CareTeamMemberView | null {
  if (!plan.coordinatorId) return null;
  return plan.members.find((m) => m.id === plan.coordinatorId) ?? null;
}

export function escalationFor(plan: Pick<CarePlanView, 'escalation'>, level: EscalationLevel): EscalationView | null {
  return plan.escalation.find((e) => e.level === level) ?? null;
}
