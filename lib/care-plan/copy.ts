// The fixed words of the person's and carer's view, the print view and the PDF, kept in one place so
// a test can hold them to a 9-year-old's reading level (issue 6, §4; lib/care-plan/plain.ts).
// Words typed by the care team are checked in the clinician view instead.

export const PATIENT_COPY = {
  intro: 'This is your care plan. It is about you and what you want. Your care team made it with you.',
  carerIntro: 'This is the care plan of the person you care for. They chose to share it with you.',
  youAreHereHeading: 'Where you are now',
  youAreHereHelp: 'Each part of your care has steps. This shows the step you are on now.',
  nextHeading: 'What happens next',
  nextHelp: 'These are the next steps. Your team will tell you which one is right for you.',
  nothingNext: 'There is no next step on this part of your care right now.',
  stepNotSet: 'Your team has not said which step you are on yet.',
  contactHeading: 'Who to contact',
  coordinatorHelp: 'This is the one person to contact first. They know you and your plan.',
  crisisHelp: 'Call this number if you need help fast.',
  emergency: 'If you think your life is in danger, call 999.',
  whatMattersHeading: 'What matters to me',
  goalsHeading: 'My goals',
  actionsHeading: 'Who does what',
  actionsHelp: 'These are the jobs to do. Tick off your own jobs when you have done them.',
  teamHeading: 'My care team',
  teamHelp: 'These are the people who help you. You can call or email them.',
  webHeading: 'My web of care',
  escalationHeading: 'If things get worse',
  escalationHelp: 'Use the colours to help you know what to do.',
  medicinesHeading: 'My medicines',
  reviewHeading: 'When we look at this plan again',
  notesHeading: 'My notes',
  notesHelp: 'Write down things you want to ask or tell your team. Your team can read them, and so can anyone you share your plan with.',
  sharingHeading: 'Who can see my plan',
  sharingHelp: 'Your care team can see your plan. You choose who else can see it. You can stop it at any time.',
  lookedHeading: 'Who has looked at my plan',
  lookedHelp: 'Every time someone opens or changes your plan, we write it down. This is the list.',
  printHelp: 'You can print your plan or save it as a PDF. It has all the same things as this page.',
  noPlan: 'Your care team has not shared a care plan with you here yet.',
} as const;

export type PatientCopyKey = keyof typeof PATIENT_COPY;
