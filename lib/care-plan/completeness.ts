// Completeness of a care plan, for clinicians.
//
// Issue 6 (§2) lists the items of a good care plan: a lead coordinator, a crisis plan and contact,
// health and social goals, who does what, medication, a review date and an escalation plan. National
// Voices adds a designated care coordinator, a jointly prepared plan and the person's own goals
// (seed 003). The check names each item and says exactly what is missing: it never hides a gap in a
// percentage.
import { coordinatorOf, escalationFor, ESCALATION_LEVELS, type CarePlanView } from './types';

export const COMPLETENESS_ITEMS = [
  'whatMatters',
  'coordinator',
  'crisis',
  'healthGoal',
  'socialGoal',
  'whoDoesWhat',
  'careTeamContacts',
  'medication',
  'escalation',
  'reviewDate',
] as const;
export type CompletenessItemId = (typeof COMPLETENESS_ITEMS)[number];

export interface CompletenessItem {
  id: CompletenessItemId;
  /** What a good plan has, e.g. "A named care coordinator who can be reached". */
  label: string;
  met: boolean;
  /** Sentences naming what is missing; empty when met. */
  missing: string[];
  /** The section of the plan editor that fixes it (an element id). */
  section: string;
}

export interface Completeness {
  items: CompletenessItem[];
  missing: CompletenessItem[];
  complete: boolean;
}

export type CompletenessFacts = Pick<
  CarePlanView,
  | 'whatMattersToMe'
  | 'coordinatorId'
  | 'members'
  | 'crisisContact'
  | 'goals'
  | 'actions'
  | 'medicationSummary'
  | 'medicines'
  | 'escalation'
  | 'reviewDate'
>;

const LABELS: Record<CompletenessItemId, { label: string; section: string }> = {
  whatMatters: { label: 'What matters to the person, in their own words', section: 'what-matters' },
  coordinator: { label: 'A named care coordinator who can be reached', section: 'people' },
  crisis: { label: 'A crisis contact and what to do in a crisis', section: 'people' },
  healthGoal: { label: 'At least one health goal', section: 'goals' },
  socialGoal: { label: 'At least one social goal (daily life, family, work, activities)', section: 'goals' },
  whoDoesWhat: { label: 'Who does what, by when', section: 'actions' },
  careTeamContacts: { label: 'How to reach each member of the care team', section: 'care-team' },
  medication: { label: 'A medication summary', section: 'medicines' },
  escalation: { label: 'A red, amber and green plan for if things get worse', section: 'escalation' },
  reviewDate: { label: 'A review date', section: 'review' },
};

const LEVEL_NAME = { green: 'green', amber: 'amber', red: 'red' } as const;

function quote(text: string): string {
  const t = text.trim();
  return `“${t.length > 60 ? `${t.slice(0, 57)}…` : t}”`;
}

/** Checks the plan against each item; `today` (YYYY-MM-DD) decides whether the review date has passed. */
export function checkCompleteness(plan: CompletenessFacts, today: string): Completeness {
  const result: Record<CompletenessItemId, string[]> = {
    whatMatters: [],
    coordinator: [],
    crisis: [],
    healthGoal: [],
    socialGoal: [],
    whoDoesWhat: [],
    careTeamContacts: [],
    medication: [],
    escalation: [],
    reviewDate: [],
  };

  if (!plan.whatMattersToMe.trim()) result.whatMatters.push('Nothing is written yet about what matters to the person.');

  const coordinator = coordinatorOf(plan);
  if (!coordinator) result.coordinator.push('No care coordinator is named.');
  else if (!coordinator.phone.trim() && !coordinator.email.trim()) {
    result.coordinator.push(`${coordinator.name}, the care coordinator, has no phone number or email address.`);
  }

  if (!plan.crisisContact.name.trim()) result.crisis.push('No crisis contact is named.');
  if (!plan.crisisContact.phone.trim()) result.crisis.push('The crisis contact has no phone number.');
  const red = escalationFor(plan, 'red');
  if (!red || !red.whatToDo.trim()) result.crisis.push('The red part of the plan does not say what to do in a crisis.');

  const activeGoals = plan.goals.filter((g) => g.status !== 'paused');
  if (!activeGoals.some((g) => g.kind === 'health')) result.healthGoal.push('There is no health goal.');
  if (!activeGoals.some((g) => g.kind === 'social')) result.socialGoal.push('There is no social goal.');

  const open = plan.actions.filter((a) => a.status !== 'done' && a.status !== 'cancelled');
  if (plan.actions.length === 0) result.whoDoesWhat.push('There are no actions: nobody is down to do anything.');
  for (const a of open) {
    if (a.ownerKind === 'team_member' && !a.memberId)
      result.whoDoesWhat.push(`Nobody is named for ${quote(a.description)}.`);
    if (!a.dueDate) result.whoDoesWhat.push(`${quote(a.description)} has no date to be done by.`);
  }

  if (plan.members.length === 0) result.careTeamContacts.push('Nobody is in the care team yet.');
  for (const m of plan.members) {
    if (m.role === 'patient') continue;
    if (!m.phone.trim() && !m.email.trim())
      result.careTeamContacts.push(`${m.name} has no phone number or email address.`);
  }

  if (!plan.medicationSummary.trim() && plan.medicines.length === 0) {
    result.medication.push('There is no medication summary (write “No regular medicines” if that is so).');
  }

  for (const level of ESCALATION_LEVELS) {
    const part = escalationFor(plan, level);
    if (!part || !part.signs.trim())
      result.escalation.push(`The ${LEVEL_NAME[level]} part does not say what signs to look out for.`);
    if (!part || !part.whatToDo.trim())
      result.escalation.push(`The ${LEVEL_NAME[level]} part does not say what to do.`);
  }

  if (!plan.reviewDate) result.reviewDate.push('No review date is set.');
  else if (plan.reviewDate < today) result.reviewDate.push(`The review date (${plan.reviewDate}) has passed.`);

  const items: CompletenessItem[] = COMPLETENESS_ITEMS.map((id) => ({
    id,
    label: LABELS[id].label,
    section: LABELS[id].section,
    met: result[id].length === 0,
    missing: result[id],
  }));
  const missing = items.filter((i) => !i.met);
  return { items, missing, complete: missing.length === 0 };
}
