// One presentation of a plan for the person and their carer, used by the screen, the print view and
// the PDF alike. Building it once is how the printed and PDF plans stay complete: they draw the same
// sections, in the same order, with the same words as the page (issue 6, §4: print "must never be
// second best").
import { PATIENT_COPY, agreementSentence } from './copy';
import { positionOnPathway, whatHappensNext, type CombinedNextStep, type PathwayPosition } from './journey';
import {
  ACTION_STATUS_FOR_PATIENTS,
  ESCALATION_FOR_PATIENTS,
  GOAL_KIND_FOR_PATIENTS,
  GOAL_STATUS_FOR_PATIENTS,
  ROLE_FOR_PATIENTS,
  SETTING_FOR_PATIENTS,
  dayInLondon,
  dueInWords,
  firstName,
  formatDate,
  waitInWords,
} from './plain';
import {
  ESCALATION_LEVELS,
  coordinatorOf,
  escalationFor,
  type ActionView,
  type CarePlanView,
  type CareTeamMemberView,
  type EscalationLevel,
  type GoalView,
} from './types';

export interface ContactPresentation {
  id: string;
  name: string;
  /** "Community respiratory nurse" or the role in the person's words. */
  role: string;
  organisation: string;
  phone: string;
  email: string;
  availability: string;
  isCoordinator: boolean;
}

export interface NextStepPresentation {
  title: string;
  benefit: string | null;
  when: string | null;
  wait: string | null;
  where: string;
  /** Where and, when known, how soon, as a full sentence: "This usually happens in about 2 weeks, at home." */
  whereAndWhen: string;
  pathwayTitles: string[];
  /** The pathway (or pathways) it is on, when the plan has two or more; null on a plan with one. */
  pathwayLabel: string | null;
  /** One of the options out of a decision step: the person has one of them, not all. */
  choice: boolean;
  merged: boolean;
}

export interface PositionPresentation {
  pathwayId: string;
  pathwayTitle: string;
  conditions: string[];
  current: { title: string; benefit: string | null; where: string; since: string | null; merged: boolean } | null;
  /** Why there is no current step, when there is none (in the person's words: see noteKind). */
  note: string | null;
  /** Which note it is, so a carer's view can word it for a carer (planCopy(...)[noteKind]). */
  noteKind: 'unreadable' | 'stepBeingUpdated' | 'stepNotSet' | null;
  next: NextStepPresentation[];
}

export interface GoalPresentation {
  id: string;
  kind: string;
  description: string;
  setBy: string;
  target: string | null;
  status: string;
  achieved: boolean;
}

export interface ActionPresentation {
  id: string;
  description: string;
  who: string;
  /** The person (or their carer) does it: they may tick it off themselves. */
  isOwn: boolean;
  due: string | null;
  dueDate: string | null;
  status: string;
  done: boolean;
  overdue: boolean;
}

export interface EscalationPresentation {
  level: EscalationLevel;
  heading: string;
  signs: string;
  whatToDo: string;
}

export interface PlanPresentation {
  title: string;
  /** "Your care coordinator", or "Arthur’s care coordinator" for a carer. */
  coordinatorLabel: string;
  patientName: string;
  whatMattersToMe: string;
  coordinator: ContactPresentation | null;
  crisis: { name: string; phone: string; detail: string } | null;
  positions: PositionPresentation[];
  next: NextStepPresentation[];
  goals: GoalPresentation[];
  actions: ActionPresentation[];
  team: ContactPresentation[];
  escalation: EscalationPresentation[];
  medicationSummary: string;
  medicines: { id: string; name: string; howToTake: string; purpose: string }[];
  reviewDate: string | null;
  /** The review date in words, and whether it has already gone (relative to the `today` passed in). */
  review: { date: string; passed: boolean } | null;
  /** When the plan was last changed, e.g. "20 November 2026". */
  lastChanged: string;
  /** Whether the person has agreed the plan, as a sentence for this audience; null when not read to be shown. */
  agreement: string | null;
  /**
   * The plan has no crisis contact, or no "if things get worse" part: the view gives the standard NHS
   * advice (999, NHS 111) so nobody is left without somewhere to turn.
   */
  urgentFallback: boolean;
  /** `day` is the calendar day (YYYY-MM-DD) the note was written, in the UK. */
  notes: { id: string; authorId: string; authorName: string; body: string; createdAt: string; day: string }[];
}

export function contactOf(m: CareTeamMemberView): ContactPresentation {
  return {
    id: m.id,
    name: m.name,
    role: m.jobTitle.trim() || ROLE_FOR_PATIENTS[m.role],
    organisation: m.organisation,
    phone: m.phone,
    email: m.email,
    availability: m.availability,
    isCoordinator: m.isCoordinator,
  };
}

function nextOf(n: CombinedNextStep, context: { labelPathways: boolean; choice: boolean }): NextStepPresentation {
  const wait = waitInWords(n.targetDays ?? undefined);
  const where = SETTING_FOR_PATIENTS[n.step.setting];
  return {
    title: n.step.title,
    benefit: n.step.benefit,
    when: n.when,
    wait,
    where,
    whereAndWhen: wait ? `This usually happens ${wait}, ${where}.` : `This happens ${where}.`,
    pathwayTitles: n.pathwayTitles,
    pathwayLabel: context.labelPathways ? n.pathwayTitles.join(' and ') : null,
    choice: context.choice,
    merged: n.step.merge !== null,
  };
}

/** The next steps from a decision step are options: only one of them will happen. */
function isChoice(p: PathwayPosition): boolean {
  return p.current?.kind === 'decision' && p.next.length > 1;
}

function positionOf(p: PathwayPosition, since: string | null): PositionPresentation {
  let noteKind: PositionPresentation['noteKind'] = null;
  if (p.unreadable) noteKind = 'unreadable';
  // The step recorded is not in the saved version the plan follows (added since, or removed).
  else if (p.missingStepId) noteKind = 'stepBeingUpdated';
  else if (!p.current) noteKind = 'stepNotSet';
  const note = noteKind ? PATIENT_COPY[noteKind] : null;
  return {
    pathwayId: p.pathwayId,
    pathwayTitle: p.pathwayTitle,
    conditions: p.conditions,
    current: p.current
      ? {
          title: p.current.title,
          benefit: p.current.benefit,
          where: SETTING_FOR_PATIENTS[p.current.setting],
          since: since ? formatDate(dayInLondon(since), { weekday: false }) : null,
          merged: p.current.merge !== null,
        }
      : null,
    note,
    noteKind,
    next: p.next.map((n) =>
      nextOf({ ...n, pathwayTitles: [p.pathwayTitle] }, { labelPathways: false, choice: isChoice(p) }),
    ),
  };
}

/** Who reads the plan: the words "you" and "your" follow them. */
export type Audience = 'patient' | 'carer' | 'clinician';

function goalSetBy(g: GoalView, audience: Audience, patient: string): string {
  const first = firstName(patient);
  switch (g.setBy) {
    case 'person':
      return audience === 'patient' ? 'You' : first;
    case 'carer':
      return audience === 'carer' ? 'You' : audience === 'patient' ? 'Your carer' : `${first}’s carer`;
    case 'care_team':
      return audience === 'patient' ? 'Your care team' : 'The care team';
    case 'together':
      return audience === 'patient' ? 'You and your care team' : `${first} and the care team`;
  }
}

function actionWho(a: ActionView, audience: Audience, patient: string): string {
  if (a.ownerKind === 'person') return audience === 'patient' ? 'You' : firstName(patient);
  if (a.ownerKind === 'carer')
    return audience === 'carer' ? 'You' : audience === 'patient' ? 'Your carer' : `${firstName(patient)}’s carer`;
  return a.ownerName ?? (audience === 'patient' ? 'Your care team' : 'The care team');
}

function goalOf(g: GoalView, audience: Audience, patient: string): GoalPresentation {
  return {
    id: g.id,
    kind: GOAL_KIND_FOR_PATIENTS[g.kind],
    description: g.description,
    setBy: goalSetBy(g, audience, patient),
    target: g.targetDate ? formatDate(g.targetDate, { weekday: false }) : null,
    status: GOAL_STATUS_FOR_PATIENTS[g.status],
    achieved: g.status === 'achieved',
  };
}

export function isOwnAction(a: Pick<ActionView, 'ownerKind'>): boolean {
  return a.ownerKind === 'person' || a.ownerKind === 'carer';
}

function actionOf(a: ActionView, today: string, audience: Audience, patient: string): ActionPresentation {
  const done = a.status === 'done';
  const open = a.status === 'to_do' || a.status === 'in_progress';
  return {
    id: a.id,
    description: a.description,
    who: actionWho(a, audience, patient),
    isOwn: isOwnAction(a),
    due: open ? dueInWords(a.dueDate, today) : null,
    dueDate: a.dueDate,
    status: ACTION_STATUS_FOR_PATIENTS[a.status],
    done,
    overdue: open && a.dueDate !== null && a.dueDate < today,
  };
}

/** Everything the person's view shows, in order. `today` is YYYY-MM-DD. */
export function presentPlan(plan: CarePlanView, today: string, audience: Audience = 'patient'): PlanPresentation {
  const positions = plan.pathways.map((link) => ({ link, position: positionOnPathway(link, plan.merges) }));
  const coordinator = coordinatorOf(plan);
  const crisis =
    plan.crisisContact.name.trim() || plan.crisisContact.phone.trim()
      ? { name: plan.crisisContact.name, phone: plan.crisisContact.phone, detail: plan.crisisContact.detail }
      : null;
  // Open actions first (soonest due first), then done and cancelled ones.
  const actions = [...plan.actions]
    .sort((a, b) => {
      const rank = (x: ActionView) => (x.status === 'to_do' || x.status === 'in_progress' ? 0 : 1);
      return rank(a) - rank(b) || (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999');
    })
    .map((a) => actionOf(a, today, audience, plan.patient.name));
  const escalation: EscalationPresentation[] = [];
  for (const level of ESCALATION_LEVELS) {
    const part = escalationFor(plan, level);
    if (part && (part.signs.trim() || part.whatToDo.trim())) {
      escalation.push({
        level,
        heading: ESCALATION_FOR_PATIENTS[level].heading,
        signs: part.signs,
        whatToDo: part.whatToDo,
      });
    }
  }
  const labelPathways = plan.pathways.length > 1;
  const choiceOn = new Set(positions.filter((p) => isChoice(p.position)).map((p) => p.position.pathwayId));
  return {
    title: plan.title,
    coordinatorLabel:
      audience === 'patient' ? 'Your care coordinator' : `${firstName(plan.patient.name)}’s care coordinator`,
    patientName: plan.patient.name,
    whatMattersToMe: plan.whatMattersToMe,
    coordinator: coordinator ? contactOf(coordinator) : null,
    crisis,
    positions: positions.map(({ link, position }) => positionOf(position, link.currentStepSince)),
    next: whatHappensNext(positions.map((p) => p.position)).map((n) =>
      nextOf(n, { labelPathways, choice: choiceOn.has(n.step.pathwayId) }),
    ),
    goals: plan.goals.map((g) => goalOf(g, audience, plan.patient.name)),
    actions,
    // The coordinator first, then everyone else in the team's order; the person is not their own contact.
    team: [...plan.members]
      .filter((m) => m.role !== 'patient')
      .sort((a, b) => Number(b.isCoordinator) - Number(a.isCoordinator))
      .map(contactOf),
    escalation,
    medicationSummary: plan.medicationSummary,
    medicines: plan.medicines.map((m) => ({ id: m.id, name: m.name, howToTake: m.howToTake, purpose: m.purpose })),
    reviewDate: plan.reviewDate ? formatDate(plan.reviewDate) : null,
    review: plan.reviewDate
      ? { date: formatDate(plan.reviewDate), passed: plan.reviewDate.slice(0, 10) < today.slice(0, 10) }
      : null,
    lastChanged: formatDate(dayInLondon(plan.updatedAt), { weekday: false }),
    agreement: plan.agreement
      ? agreementSentence(audience, plan.patient.name, plan.agreement, { archived: plan.status === 'archived' })
      : null,
    urgentFallback: crisis === null || escalation.length === 0,
    notes: plan.notes.map((n) => ({
      id: n.id,
      authorId: n.authorId,
      authorName: n.authorName,
      body: n.body,
      createdAt: n.createdAt,
      day: dayInLondon(n.createdAt),
    })),
  };
}
