// The fixed words of the person's and carer's view, the print view and the PDF, kept in one place so
// a test can hold them to a 9-year-old's reading level (issue 6, §4; lib/care-plan/plain.ts).
// Words typed by the care team are checked in the clinician view instead.

import { dayInLondon, firstName, formatDate, possessive } from './plain';

export const PATIENT_COPY = {
  intro: 'This is your care plan. It is about you and what you want. Your care team made it with you.',
  carerIntro: 'This is the care plan of the person you care for. They chose to share it with you.',
  youAreHereHeading: 'Where you are now',
  youAreHereHelp: 'Each part of your care has steps. This shows the step you are on now.',
  youAreHere: 'You are here',
  howItHelps: 'How it helps you',
  coordinatorTag: 'your care coordinator',
  nextHeading: 'What happens next',
  nextHelp: 'These are the steps that come next.',
  // Only when some next steps are options out of a decision step: the person has one of them, not all.
  nextChoiceHelp: 'Some steps are choices. You will have one of them, not all. Your team will tell you which one is right for you.',
  nextChoice: 'This is one of the choices.',
  nothingNext: 'There is no next step on this part of your care right now.',
  stepNotSet: 'Your team has not said which step you are on yet.',
  stepBeingUpdated: 'Your team is updating this part of your plan.',
  unreadable: 'This part of your plan cannot be shown right now. Your team has been told.',
  contactHeading: 'Who to contact',
  coordinatorHelp: 'This is the one person to contact first. They know you and your plan.',
  crisisHelp: 'Call this number if you need help fast and it is not an emergency.',
  // After the NHS website's advice on when to call 999.
  emergency: 'Call 999 if someone is seriously ill or hurt and their life is at risk.',
  crisisHeading: 'If you need help fast',
  // The standard NHS advice (nhs.uk), shown when the plan has no crisis contact or no "if things get
  // worse" part: nobody is left with 999 alone.
  urgentHelp: 'Use NHS 111 if you need help urgently and it is not an emergency. Go to 111.nhs.uk or call 111.',
  urgentMentalHealth: 'For urgent help with your mental health, call 111 and choose the mental health option.',
  urgentHeading: 'If you are not sure what to do',
  whatMattersHeading: 'What matters to me',
  goalsHeading: 'My goals',
  actionsHeading: 'Who does what',
  actionsHelp: 'These are the jobs to do. Tick off your own jobs when you have done them.',
  // For a reader who can look but not change the plan (no buttons to tick off jobs or add notes).
  actionsHelpViewOnly: 'These are the jobs to do, and who does each one.',
  teamHeading: 'My care team',
  teamHelp: 'These are the people who help you. You can call or email them.',
  webHeading: 'My web of care',
  escalationHeading: 'If things get worse',
  escalationHelp: 'Find the box that sounds most like how you feel today. Then do what it says.',
  medicinesHeading: 'My medicines',
  reviewHeading: 'When we look at this plan again',
  notesHeading: 'My notes',
  notesHelp: 'Write down things you want to ask or tell your team. Your team can read them, and so can anyone you share your plan with.',
  notesHelpViewOnly: 'These are notes about your care. Your team can read them.',
  sharingHeading: 'Who can see my plan',
  sharingHelp: 'Your care team can see your plan. You choose who else can see it. You can stop it at any time.',
  lookedHeading: 'Who has looked at my plan',
  lookedHelp: 'Every time someone opens or changes your plan, we write it down. This is the list.',
  printHelp: 'You can print your plan or save it as a PDF. It has all the same things as this page.',
  noPlan: 'Your care team has not shared a care plan with you here yet.',
  // What the view says where a part is not written yet (screen, print and PDF alike).
  noContact: 'No phone number or email yet.',
  noCoordinator: 'Your team has not named a care coordinator yet. Ask your GP surgery who it will be.',
  notWrittenYet: 'Your team has not written this part yet.',
  noWhatMatters: 'Nothing written yet. Tell your team what matters to you.',
  noJobs: 'No jobs yet.',
  noReviewDate: 'Your team has not set a date yet.',
  // Sentences about dates: the date follows, then a full stop.
  reviewOn: 'We will look at this plan again on',
  reviewWasDue: 'This plan was due to be looked at on',
  reviewAsk: 'Ask your team about it.',
  lastChanged: 'Last changed on',
  talkAboutCare: 'Need to talk about your care?',
  sharedWithNobody: 'Nobody else can see it now.',
  // The page where the person chooses who can see their plan.
  sharingListHeading: 'People you share your plan with',
  sharingNobody: 'Only you and your care team can see your plan now.',
  canContribute: 'Can see your plan, add notes and tick off jobs.',
  canLook: 'Can see your plan.',
  shareHeading: 'Share your plan with someone',
  shareHelp:
    'For example, someone who cares for you. Nothing is shared until they sign in to Pathweave with this email address and say yes. Let them know you have asked.',
  invitedHeading: 'Waiting for them to say yes',
  invitedHelp: 'These people cannot see your plan yet. You can take back an invitation at any time.',
  declinedHeading: 'People who said no',
} as const;

export type PatientCopyKey = keyof typeof PATIENT_COPY;

/** How a plan was read, as the person sees it under "who has looked at my plan". */
export const AUDIT_VIA_WORDS: Readonly<Record<string, string>> = {
  page: 'Looked at the plan',
  editor: 'Looked at the plan',
  print: 'Opened the printable plan',
  pdf: 'Downloaded the plan as a PDF',
  fhir: 'Sent a copy of the plan to another system',
  api: 'Looked at the plan',
  sharing: 'Looked at who can see the plan',
  list: 'Saw the plan in the care team’s list',
  'my-list': 'Saw the plan’s name in their list of plans',
};

/** What was changed, in the same list. */
export const AUDIT_OP_WORDS: Readonly<Record<string, string>> = {
  details: 'Changed what matters, the title or the review date',
  people: 'Changed who leads your care, or who to call in a crisis',
  medication: 'Changed the medication summary',
  'goal.save': 'Changed a goal',
  'goal.delete': 'Removed a goal',
  'action.save': 'Changed an action',
  'action.delete': 'Removed an action',
  'member.save': 'Changed the care team',
  'member.delete': 'Removed someone from the care team',
  'escalation.save': 'Changed the “if things get worse” plan',
  'medicine.save': 'Changed a medicine',
  'medicine.delete': 'Removed a medicine',
  'step.set': 'Changed which step you are on',
  'pathway.add': 'Added a pathway to the plan',
  'pathway.remove': 'Removed a pathway from the plan',
  merge: 'Joined steps that were the same',
  unmerge: 'Undid joining steps',
  'note.add': 'Added a note',
  'note.delete': 'Deleted a note',
  'action.done': 'Ticked off or un-ticked an action',
  grant: 'Shared the plan with someone',
  revoke: 'Stopped sharing the plan with someone',
  invite: 'Asked someone to see the plan',
  'cancel-invite': 'Took back an invitation to see the plan',
  'accept-invite': 'Said yes to seeing the plan',
  agree: 'Agreed the plan',
  archive: 'Archived the plan: it is no longer in use',
  restore: 'Restored the plan: it is in use again',
};


export type PlanCopy = Record<PatientCopyKey, string>;

/**
 * The same words for a carer reading the plan of the person they care for: "you" is the reader, so
 * every sentence about the person names them instead ("Arthur’s goals", "the step Arthur is on now").
 * `name` is the person's first name.
 */
export function carerCopy(name: string): PlanCopy {
  const their = possessive(name);
  return {
    ...PATIENT_COPY,
    youAreHereHelp: `Each part of ${their} care has steps. This shows the step ${name} is on now.`,
    youAreHereHeading: `Where ${name} is now`,
    youAreHere: `${name} is here`,
    howItHelps: `How it helps ${name}`,
    coordinatorTag: `${their} care coordinator`,
    nothingNext: `There is no next step on this part of ${their} care right now.`,
    nextChoiceHelp: `Some steps are choices. ${name} will have one of them, not all. The care team will tell ${name} which one is right.`,
    urgentHelp: `Use NHS 111 if ${name} needs help urgently and it is not an emergency. Go to 111.nhs.uk or call 111.`,
    urgentMentalHealth: `For urgent help with ${their} mental health, call 111 and choose the mental health option.`,
    stepNotSet: `The care team has not said which step ${name} is on yet.`,
    stepBeingUpdated: `The care team is updating this part of ${their} plan.`,
    unreadable: `This part of ${their} plan cannot be shown right now. The care team has been told.`,
    coordinatorHelp: `This is the one person to contact first. They know ${name} and this plan.`,
    whatMattersHeading: `What matters to ${name}`,
    goalsHeading: `${their} goals`,
    actionsHelp: 'These are the jobs to do. Tick off a job when it is done.',
    teamHeading: `${their} care team`,
    teamHelp: `These are the people who help ${name}. You can call or email them.`,
    webHeading: `${their} web of care`,
    escalationHelp: `Find the box that sounds most like how ${name} is today. Then do what it says.`,
    medicinesHeading: `${their} medicines`,
    notesHeading: 'Notes',
    notesHelp: `Write down things you want to ask or tell the care team. ${name} and the care team can read them.`,
    notesHelpViewOnly: `These are notes about ${their} care. ${name} and the care team can read them.`,
    printHelp: 'You can print this plan or save it as a PDF. It has all the same things as this page.',
    noCoordinator: `The care team has not named a care coordinator yet. Ask ${their} GP surgery who it will be.`,
    notWrittenYet: 'The care team has not written this part yet.',
    noWhatMatters: `Nothing written yet. ${name} can tell the care team what matters to them.`,
    noReviewDate: 'The care team has not set a date yet.',
    reviewAsk: 'Ask the care team about it.',
    talkAboutCare: `Need to talk about ${their} care?`,
  };
}

/**
 * The words of the plan for its reader: the person (and their care team, who see what the person sees), or a carer.
 * `canUpdate` is false for a reader who may look but not tick off jobs or add notes: they are not told to.
 */
export function planCopy(
  audience: 'patient' | 'carer' | 'clinician',
  personName: string,
  options: { canUpdate?: boolean } = {},
): PlanCopy {
  const copy = audience === 'carer' ? carerCopy(firstName(personName)) : PATIENT_COPY;
  if (options.canUpdate !== false) return copy;
  return { ...copy, actionsHelp: copy.actionsHelpViewOnly, notesHelp: copy.notesHelpViewOnly };
}

/** When the plan will be looked at again, or, once that date has gone, that it was due then. */
export function reviewSentence(copy: PlanCopy, review: { date: string; passed: boolean }): string {
  return review.passed ? `${copy.reviewWasDue} ${review.date}. ${copy.reviewAsk}` : `${copy.reviewOn} ${review.date}.`;
}

/** The standard NHS lines for urgent help, for when the plan does not say who to call. */
export function urgentHelpLines(copy: PlanCopy): string[] {
  return [copy.emergency, copy.urgentHelp, copy.urgentMentalHealth];
}

/**
 * Whether the person has agreed their plan, in one sentence for whoever reads it: the person ("You
 * agreed this plan…"), their carer (by first name, as the rest of the carer's copy) or the care team
 * (by full name). A change by the care team since shows as "It has changed since." An archived plan
 * is not waiting for anything: no "yet".
 */
export function agreementSentence(
  audience: 'patient' | 'carer' | 'clinician',
  patientName: string,
  agreement: { agreedAt: string | null; stillAsAgreed: boolean },
  options: { archived?: boolean } = {},
): string {
  const who = audience === 'patient' ? 'You' : audience === 'carer' ? firstName(patientName) : patientName;
  if (!agreement.agreedAt)
    return `${who} ${audience === 'patient' ? 'have' : 'has'} not agreed this plan${options.archived ? '' : ' yet'}.`;
  const when = formatDate(dayInLondon(agreement.agreedAt), { weekday: false });
  return `${who} agreed this plan on ${when}.${agreement.stillAsAgreed ? '' : ' It has changed since.'}`;
}

export const AGREEMENT_COPY = {
  heading: 'Do you agree with this plan?',
  help: 'Your plan should say what matters to you, and what you and your care team will do. If it does, choose “I agree with this plan”.',
  somethingWrong: 'If something is wrong or missing, do not agree yet: talk to your care team first.',
  changedSince: 'Your care team has changed the plan since you agreed it. Read it again. If you still agree, say so.',
  agree: 'I agree with this plan',
  agreeAgain: 'I agree with this plan as it is now',
} as const;
