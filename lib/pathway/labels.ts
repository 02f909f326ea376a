// Plain-English labels for every vocabulary value, for clinicians, patients and carers.
// The editor's inspector, the scorecard and the scoring engine's sentences all use these,
// so a value is never shown to a person as `online_form` or `community_health`.
import type {
  Adaptation,
  Channel,
  Hours,
  InformationKind,
  OutcomeMeasureType,
  Role,
  Sector,
  Setting,
  StepFlag,
  StepKind,
} from './schema';

export const KIND_LABELS: Readonly<Record<StepKind, string>> = {
  entry: 'Entry',
  assessment: 'Assessment',
  decision: 'Decision',
  intervention: 'Treatment or intervention',
  referral: 'Referral',
  review: 'Review',
  self_management: 'Self-management',
  support: 'Support',
  admin: 'Administrative step',
  discharge: 'Discharge',
  outcome: 'Outcome',
  exit: 'Exit',
};

export const KIND_DESCRIPTIONS: Readonly<Record<StepKind, string>> = {
  entry: 'Where the person comes into the pathway',
  assessment: 'The person is assessed, examined or tested',
  decision: 'A choice is made about what happens next',
  intervention: 'The person receives treatment, care or another intervention',
  referral: 'The person is referred on to another service',
  review: 'Care is looked at again, for example a follow-up or annual review',
  self_management: 'The person manages their own condition, day to day',
  support: 'Social, practical or voluntary-sector help',
  admin:
    'A step with no clinical or care contact, such as a triage panel, an authorisation, a form or a waiting-list check',
  discharge: 'The person is discharged from a service',
  outcome: 'A result the pathway aims for or records',
  exit: 'Where the person leaves the pathway',
};

export const SECTOR_LABELS: Readonly<Record<Sector, string>> = {
  self_care: 'Self-care',
  primary_care: 'Primary care',
  community_health: 'Community health services',
  secondary_care: 'Hospital (secondary) care',
  mental_health: 'Mental health services',
  social_care: 'Social care',
  voluntary_community: 'Voluntary and community sector',
};

export const SETTING_LABELS: Readonly<Record<Setting, string>> = {
  home: 'At home',
  gp_practice: 'GP practice',
  community: 'Community clinic or health centre',
  pharmacy: 'Community pharmacy',
  hospital_outpatient: 'Hospital outpatients',
  hospital_inpatient: 'Hospital ward (inpatient)',
  emergency: 'Emergency department or urgent care',
  mental_health_service: 'Mental health service',
  social_care_service: 'Social care service',
  voluntary_service: 'Voluntary or community organisation',
  remote: 'Remote (phone, video or online)',
};

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  gp: 'GP',
  practice_nurse: 'Practice nurse',
  community_nurse: 'Community nurse',
  specialist_nurse: 'Specialist nurse',
  consultant: 'Hospital consultant',
  community_consultant: 'Consultant running a community clinic',
  gpwsi: 'GP with an extended role',
  pharmacist: 'Pharmacist',
  allied_health: 'Allied health professional (e.g. physiotherapist)',
  social_worker: 'Social worker',
  care_coordinator: 'Care coordinator',
  voluntary_worker: 'Voluntary sector worker',
  manager: 'Manager',
  commissioner: 'Commissioner',
  admin_staff: 'Administrative staff',
  patient: 'The person (patient)',
  carer: 'Carer',
};

export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = {
  face_to_face: 'Face to face',
  home_visit: 'Home visit',
  phone: 'Phone call',
  video: 'Video call',
  online_form: 'Online form',
  app: 'App',
};

export const CHANNEL_DESCRIPTIONS: Readonly<Record<Channel, string>> = {
  face_to_face: 'The person comes in and is seen in person',
  home_visit: 'Someone visits the person at home',
  phone: 'The person talks to someone on the phone',
  video: 'The person joins a video call (needs a device and internet)',
  online_form: 'The person fills in a form online, such as an e-consultation (needs a device, internet and reading)',
  app: 'The person uses a phone or tablet app (needs a smartphone or tablet)',
};

export const ADAPTATION_LABELS: Readonly<Record<Adaptation, string>> = {
  interpreter: 'Interpreter',
  bsl: 'British Sign Language',
  easy_read: 'Easy read information',
  large_print: 'Large print',
  carer_proxy: 'A carer can act on the person’s behalf',
  step_free: 'Step-free access',
};

export const INFORMATION_LABELS: Readonly<Record<InformationKind, string>> = {
  shared_record: 'Shared record',
  structured_summary: 'Structured summary',
  letter: 'Letter',
  phone: 'Phone call',
  none: 'No information passed on',
};

export const INFORMATION_DESCRIPTIONS: Readonly<Record<InformationKind, string>> = {
  shared_record: 'Both teams see the same record',
  structured_summary: 'A summary in an agreed format is sent on',
  letter: 'A letter is sent',
  phone: 'The teams speak by phone',
  none: 'Nothing is passed on: the person has to tell their story again',
};

export const HOURS_LABELS: Readonly<Record<Hours, string>> = {
  in_hours: 'In hours',
  out_of_hours: 'Out of hours',
  always: 'Always open (24/7)',
};

export const OUTCOME_MEASURE_TYPE_LABELS: Readonly<Record<OutcomeMeasureType, string>> = {
  PROM: 'Outcome the person reports (PROM)',
  PREM: 'Experience the person reports (PREM)',
  clinical: 'Clinical measure',
  process: 'Process measure',
};

export const FLAG_LABELS: Readonly<Record<StepFlag, string>> = {
  whatMattersToMe: 'Asks what matters to the person',
  sharedDecision: 'Decision shared with the person',
  carerInvolved: 'Carer involved',
  carerSupport: 'Carer’s own needs supported',
  holisticReview: 'Whole-person or medication review',
  selfManagementSupport: 'Self-management support',
  recordsAccess: 'Person can see their record or plan',
  carePlanAgreed: 'Care plan agreed with the person',
  careCoordinatorNamed: 'Named care coordinator given',
};

export const FLAG_DESCRIPTIONS: Readonly<Record<StepFlag, string>> = {
  whatMattersToMe: 'The person’s own goals are asked about and written down here',
  sharedDecision: 'Options are decided together with the person',
  carerInvolved: 'A carer takes part in this step, where the person wishes',
  carerSupport: 'A carer’s own needs are assessed or supported here',
  holisticReview: 'A whole-person, multi-morbidity or medication review happens here',
  selfManagementSupport: 'The person is helped to manage their own condition',
  recordsAccess: 'The person can see their record or care plan here',
  carePlanAgreed: 'A care plan is prepared or updated jointly with the person here',
  careCoordinatorNamed: 'The person is given a named care coordinator here',
};

/** All label tables by vocabulary, for generic editor controls. */
export const LABELS = {
  kind: KIND_LABELS,
  sector: SECTOR_LABELS,
  setting: SETTING_LABELS,
  role: ROLE_LABELS,
  channel: CHANNEL_LABELS,
  adaptation: ADAPTATION_LABELS,
  information: INFORMATION_LABELS,
  hours: HOURS_LABELS,
  outcomeMeasureType: OUTCOME_MEASURE_TYPE_LABELS,
  flag: FLAG_LABELS,
} as const;

export type Vocabulary = keyof typeof LABELS;

/** The label for a value, or the value itself if it is not in the vocabulary. */
export function labelOf(vocabulary: Vocabulary, value: string): string {
  const table = LABELS[vocabulary] as Readonly<Record<string, string>>;
  return Object.prototype.hasOwnProperty.call(table, value) ? (table[value] as string) : value;
}

/** "A, B and C" */
export function listInWords(items: readonly string[]): string {
  if (items.length === 0) return '';
  if (items.length === 1) return items[0] as string;
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A role as it reads inside a sentence: "led by a hospital consultant". */
export const ROLE_IN_SENTENCE: Readonly<Record<Role, string>> = {
  gp: 'a GP',
  practice_nurse: 'a practice nurse',
  community_nurse: 'a community nurse',
  specialist_nurse: 'a specialist nurse',
  consultant: 'a hospital consultant',
  community_consultant: 'a consultant running a community clinic',
  gpwsi: 'a GP with an extended role',
  pharmacist: 'a pharmacist',
  allied_health: 'an allied health professional',
  social_worker: 'a social worker',
  care_coordinator: 'a care coordinator',
  voluntary_worker: 'a voluntary sector worker',
  manager: 'a manager',
  commissioner: 'a commissioner',
  admin_staff: 'administrative staff',
  patient: 'the person themselves',
  carer: 'a carer',
};
