// The two published frameworks Pathweave scores against, as versioned data.
//
// The /frameworks page, the scorecard and the rules all read their texts from here; nothing
// about a criterion is hard-coded in a component. Summaries paraphrase the source texts in
// ../shared/seeds/ (they do not quote them at length). `notes` record every decision taken when
// turning a criterion into a rule, with the seed and section it comes from.
//
// Changing how a rule measures something: bump that criterion's `rule.version` (stored scores
// say which rule produced them) and the framework's `version`, and add a note.
//
// Framework versions: 1.0.0, the first rules. 1.1.0: rcgp-2, rcgp-3 and rcgp-4 (RCGP five tests)
// and nv-2 and nv-5 (National Voices) at their second versions, as each one's notes say. Scores
// stored before keep 1.0.0, so a scorecard shows when two of its figures were measured by
// different rules. 1.2.0: rcgp-1 (second version), rcgp-3 (third, in every part) and nv-1 (second)
// count only steps the person can reach, as nv-2, nv-4, nv-7 and nv-8 already did. nv-3, nv-5 and
// rcgp-4 still judge some steps whether or not the person can reach them (see their notes).
import type { CriterionId, FrameworkId } from './types';

export interface SourceReference {
  /** File in ../shared/seeds/. */
  seed: string;
  /** Where in that text. */
  section: string;
  /** Human-readable citation. */
  citation: string;
}

/** What a criterion needs besides the pathway graph. */
export type CriterionInput = 'graph' | 'metadata' | 'collaboration' | 'today';

export interface CriterionDefinition {
  id: CriterionId;
  /** Number within its framework, as in the source. */
  number: number;
  title: string;
  /** Plain-English summary of what the source asks, paraphrased. */
  summary: string;
  /** How Pathweave measures it, for clinicians and patients. */
  howMeasured: string;
  /** Statuses this criterion can return. */
  statuses: readonly ('met' | 'partly' | 'not_met' | 'needs_judgement')[];
  inputs: readonly CriterionInput[];
  source: SourceReference;
  rule: { id: string; version: number };
  /** Decisions taken from the seeds when turning the sketch into a rule. */
  notes: readonly string[];
}

export interface FrameworkDefinition {
  id: FrameworkId;
  version: string;
  title: string;
  shortTitle: string;
  publisher: string;
  description: string;
  source: SourceReference;
  /** Further texts the rules draw on. */
  supportingSources: readonly SourceReference[];
  criteria: readonly CriterionDefinition[];
}

export const SEED_FIVE_TESTS = '002_56237b9fd88d4785.txt';
export const SEED_NATIONAL_VOICES = '003_48dbd6f81aca09c3.txt';
export const SEED_RCGP_POLICY_PAPER = '004_80d6d8cd2e1c4591.txt';
export const SEED_GP_PATHWAYS = '000_d1004160187c1ab7.txt';
export const SEED_GP_COLUMN = '001_88254bb684dff038.txt';

/**
 * Short names for the seeds, as the notes cite them on /frameworks ("RCGP paper §9.11"): readers
 * see these, never the seed file names. Keyed by seed file, so a note's source can be traced.
 */
export const SOURCE_NAMES: Readonly<Record<string, string>> = {
  [SEED_FIVE_TESTS]: 'RCGP five tests',
  [SEED_NATIONAL_VOICES]: 'National Voices',
  [SEED_RCGP_POLICY_PAPER]: 'RCGP paper',
  [SEED_GP_PATHWAYS]: "RCGP chair's update",
  [SEED_GP_COLUMN]: 'GP column',
};

/** Decisions Pathweave took itself, not drawn from a source, are cited as this. */
export const OWN_DESIGN = "Pathweave's scoring design";

const RCGP_PAGE =
  'Royal College of General Practitioners, "Integration of Care" (web page), section "Five tests of integrated care"';
const RCGP_PAPER =
  'Royal College of General Practitioners (2012), "Integration of health and social care", RCGP policy paper (INT18)';
const NV_PRINCIPLES =
  'National Voices, "Principles for Integrated Care" (the 12 principles), as set out by Jules Acton and Don Redding of National Voices in "Viewpoint: The principles of integration and its impact on GP commissioners"';
const GP_PATHWAYS =
  'Professor Martin Marshall, Chair of RCGP Council, "Integration is about patient care pathways" (RCGP, 12 March 2021)';
const GP_COLUMN = 'Dr David Mummery, GP in west London, "What is integrated care anyway?" (Independents\' Day column)';

const allStatuses = ['met', 'partly', 'not_met'] as const;

export const RCGP_FIVE_TESTS: FrameworkDefinition = {
  id: 'rcgp-five-tests',
  version: '1.2.0',
  title: 'RCGP five tests of integrated care',
  shortTitle: 'RCGP five tests',
  publisher: 'Royal College of General Practitioners',
  description:
    'Five tests the Royal College of General Practitioners proposes for judging any model of integrated care: three things a model should do and two things it must not do.',
  source: { seed: SEED_FIVE_TESTS, section: 'Five tests of integrated care', citation: RCGP_PAGE },
  supportingSources: [
    { seed: SEED_RCGP_POLICY_PAPER, section: 'whole paper', citation: RCGP_PAPER },
    { seed: SEED_GP_PATHWAYS, section: 'opening essay', citation: GP_PATHWAYS },
    { seed: SEED_GP_COLUMN, section: 'whole column', citation: GP_COLUMN },
  ],
  criteria: [
    {
      id: 'rcgp-1',
      number: 1,
      title: 'Community services led by community-based clinicians',
      summary:
        'Services provided in the community should be led by clinicians who themselves work in the community and look at the whole person.',
      howMeasured:
        'We look at every clinical step the person can reach (an assessment, decision, intervention, referral, review or discharge) run by an NHS service in a community setting: at home, at the GP practice, in a community clinic, a pharmacy, a voluntary organisation, or remotely. We count how many are led by a community-based clinician: a GP, practice nurse, community nurse, consultant running a community clinic, GP with an extended role, pharmacist, allied health professional or care coordinator. All of them: met. At least half: partly met, scored by the share. Fewer than half, or no clinical work in the community at all: not met.',
      statuses: allStatuses,
      inputs: ['graph'],
      source: { seed: SEED_FIVE_TESTS, section: 'Five tests, "should" no. 1', citation: RCGP_PAGE },
      rule: { id: 'rcgp-1', version: 2 },
      notes: [
        'A step the person cannot reach from any entry does not count, as in RCGP 3 and National Voices 1, 2, 4, 7 and 8: a community clinic drawn but not yet joined to the pathway is neither credit nor fault. When the only community clinical work is out of reach, each such step says so (since the second version of this rule; the first counted every step).',
        "Only clinical work is counted (Pathweave's scoring design). Entry, exit, outcome, admin, self-management and support steps are left out.",
        'Steps in social care, the voluntary sector and self-care are left out even when they happen at home: the test is about community health services being clinically led (RCGP five tests), and those steps are judged under the National Voices principles instead.',
        'Consultants running community clinics and GPs with an extended role count as community-based clinicians: the RCGP paper describes specialist teams working in primary care through community consultants and GPs with a special interest (RCGP paper §9.11), and community clinics run by specialists as part of GP clusters (RCGP paper §9.17).',
        'A pathway with no clinical work in the community is not met rather than exempt: the RCGP paper expects much care to move earlier and into the community (RCGP paper §5.3, §9.10).',
        'The "person-centred perspective" half of the test cannot be read from who leads a step; RCGP 3 and National Voices 1 measure it.',
      ],
    },
    {
      id: 'rcgp-2',
      number: 2,
      title: 'GPs remain independent advocates for their patients',
      summary:
        'Integration should keep GPs free to speak up for their own patients, putting the person before the institution, because that is what keeps care safe.',
      howMeasured:
        'Four checks. (1) The person\'s GP takes part in at least one step the person can reach; without this the test is not met. (2) Every transition into primary care from a service in another sector passes information on (anything other than "no information passed on"); moves from the person\'s own self-care, or from a step led by the person or their carer, are not checked. (3) No bounce-back: a referral out of general practice must not come back to general practice without the person being seen by anyone on the way, such as a referral returned after triage with advice instead of an appointment. (4) From every step outside primary care, apart from exits, there is a route back to a step with the GP. The score is the share of checks that pass: all pass, met; at least half, partly; fewer, not met. Whatever the checks say, the test is not met when no exit can be reached from an entry step.',
      statuses: allStatuses,
      inputs: ['graph'],
      source: { seed: SEED_FIVE_TESTS, section: 'Five tests, "should" no. 2', citation: RCGP_PAGE },
      rule: { id: 'rcgp-2', version: 2 },
      notes: [
        'Bounce-back: a GP column describes hospital letters sent back after triage with "advice" instead of the consultation the GP asked for, and the wholesale knock-back of GP referrals (GP column). A route that leaves general practice through a referral and returns to general practice without any clinical contact is a finding on the transition that brings it back.',
        'A bounce-back must start with a referral (a referral step in general practice or on the way out). A GP asking a specialist for advice without referring is an advice-and-guidance exchange, which RCGP 3 counts as generalists and specialists working together: GPs have long spoken to a specialist on the phone for advice and acted on it (GP column).',
        'Clinical contact means the person is seen, spoken to or helped: an entry, assessment, intervention, review, support or discharge step, or a decision taken with the person. Referral, admin, outcome and exit steps, and decisions taken without the person, are not contact. Steps led by the person or their carer are not a professional contact.',
        "General practice is told apart from the rest of primary care as in the RCGP paper's fault lines (RCGP paper §4.4): a primary-care step at the practice, or one led by the GP or practice nurse anywhere but a pharmacy.",
        "The route back to the GP reflects the GP as gateway and coordinator who helps people across organisational boundaries (RCGP paper §4.2) and the RCGP's aim that people feel in control and know where they are (RCGP paper §6.1). A route counts if it reaches any step where the GP leads or takes part.",
        'Information on the way back: the RCGP paper names the lack of information sharing as one of the biggest barriers, with GPs, community nurses and out-of-hours services often holding different notes or none (RCGP paper §7.10-7.11). A transition into primary care from another sector with no information passed on is a finding.',
        'Transitions within primary care are not checked here; every fault-line crossing without information is counted in the journey figures.',
        "Moves into primary care from the person's own self-care, or from a step led by the person or their carer, are not asked to pass information: no service there holds a record to pass on, and the GP hears from the person directly (since the second version of this rule). When the person has not been in general practice before the move, the finding says the move is to the practice, not back to it.",
        "A pathway on which the person cannot get from an entry to an exit is not met, with a finding on each entry step: without a complete route the checks above have nothing to hold, and a trivial pathway (a GP entry and an unconnected exit) would otherwise pass on nothing checked (since the second version of this rule). This is Pathweave\'s scoring design; the GP\'s role as gateway and coordinator across boundaries (RCGP paper §4.2) needs a route to follow.",
      ],
    },
    {
      id: 'rcgp-3',
      number: 3,
      title: 'Person-focused, protecting from over-medicalisation, with generalists and specialists together',
      summary:
        'Care should respond to what the individual needs, protect them from being over-medicalised, and have GPs working with specialists on the care of the whole person.',
      howMeasured:
        'Four parts, each scored from 0 to 1 and averaged. (1) A whole-person or medication review happens at a step the person can reach. (2) Decisions about treatment are shared with the person: each decision step the person can reach that leads straight to a treatment, a referral or self-management is marked "decision shared with the person" (scored by the share). (3) A generalist (GP or practice nurse) and a specialist (consultant, community consultant, specialist nurse or GP with an extended role) work together, at a step the person can reach, either at the same step or through an advice-and-guidance exchange, where a GP asks a specialist, without the specialist seeing or speaking with the person, and the answer comes back to general practice with information passed on. (4) No assessment is repeated in another sector without a shared record (scored by the share of tagged assessments the person can reach that are not repeats). Parts (2) and (4) are left out of the average when there is nothing to check: no treatment decisions, or no tagged assessments. All parts in full: met. An average of at least half: partly. Lower: not met. When the pathway covers more than one condition, a missing whole-person review means not met.',
      statuses: allStatuses,
      inputs: ['graph'],
      source: { seed: SEED_FIVE_TESTS, section: 'Five tests, "should" no. 3', citation: RCGP_PAGE },
      rule: { id: 'rcgp-3', version: 3 },
      notes: [
        'Only steps the person can reach count, in every part (since the third version of this rule; before, the whole-person review already did, but treatment decisions, generalists and specialists working together and tagged assessments were counted anywhere in the drawing). A joint step that no route leads to is named as unreachable instead; an assessment the person cannot reach is not done, so nothing repeats it.',
        'Several conditions: the RCGP paper says services for people with several long-term conditions must be joined up and not organised around single-disease pathways (RCGP paper §5.2, §8.4), and that disease-specific pathways alone risk parallel services that fail people with several problems (RCGP paper §9.13). So a multi-condition pathway without a whole-person review is not met.',
        'Over-medicalisation cannot be read from the graph. The whole-person or medication review stands in for it; a workshop rating should judge the rest.',
        'Treatment decisions are decision steps with a direct transition to an intervention, a referral or self-management: the RCGP paper asks that patients share in decisions about their treatment (RCGP paper §5.4). Decisions that only route the person (to admin or review) are not counted. National Voices 1 uses the same set.',
        'Advice and guidance counts as working together: the RCGP paper lists easier access to specialist advice for GPs among features of integrated services (RCGP paper §9.12), and GPs have long spoken to a specialist on the phone for advice and acted on it (GP column). The exchange must start at a general-practice step that is not a referral, go to a step led by a specialist that is neither admin nor a referral, and return to general practice, with information passed on both ways.',
        'A specialist step where the person is seen or spoken with (an outpatient clinic, say) is not advice and guidance even when it starts and ends in general practice: it is an ordinary referral, and the GP column contrasts the two (GP column). Only a specialist step that is not a contact with the person counts as an exchange (since the second version of this rule).',
        "Parts with nothing to check are left out of the average, as National Voices 1 already does for decisions: a pathway with no treatment decisions has shared none, and one with no tagged assessments has shown none is not repeated, so neither counts as a success (since the second version of this rule). The whole-person review and generalists and specialists together are always checked, so the average is never empty: a pathway with neither is not met rather than needing judgement, because their absence is itself what the test asks about (Pathweave\'s scoring design).",
        'Joint working between GPs and specialists, especially in the community, is central to the RCGP view (RCGP paper §5.6, §7.15, §9.10-9.11).',
        'Duplicated assessment: the same assessment tag at a step in another sector, reachable from the first along a route where some transition does not carry a shared record. The RCGP paper says integrated care means patients do not have to repeat the same information (RCGP paper §3.2) and less duplication (RCGP paper §3.3, §6.2), ideally with a shared electronic record (RCGP paper §2.3). Repeats in the same sector are not counted: they may be planned monitoring.',
      ],
    },
    {
      id: 'rcgp-4',
      number: 4,
      title: 'No new bureaucratic structures',
      summary:
        'Integration must not come through a top-down reorganisation that sets up new bureaucracy and takes money away from patient care.',
      howMeasured:
        'Administrative steps (steps with no clinical or care contact, such as a triage panel, an authorisation, a form or a waiting-list check) may make up at most one in five of all steps, and no two may follow one another. Breaking either: not met, naming each administrative step (over the limit) or each pair in a row. Otherwise every administrative step the person must pass through between an entry and an exit has to say what it adds for the person (its benefit to the person). If some do not: partly met, scored from 0.5 to 1 by the share that do. All clear: met.',
      statuses: allStatuses,
      inputs: ['graph'],
      source: { seed: SEED_FIVE_TESTS, section: 'Five tests, "must not" no. 1', citation: RCGP_PAGE },
      rule: { id: 'rcgp-4', version: 2 },
      notes: [
        "The one-in-five limit and the ban on two administrative steps in a row come from Pathweave's scoring design, not from the RCGP text.",
        "The sketch made each administrative step on the main path a finding that asks what it adds for the person. A pathway answers that question by stating the step's benefit to the person; only unanswered ones remain findings, and they make the test partly met rather than met.",
        'The main path is every step the person can reach from an entry and from which an exit can be reached.',
        'The one-in-five share and the ban on two administrative steps in a row count every step in the drawing, reachable or not: administration drawn into a pathway is judged as drawn. Only the question of what each step adds is kept to the main path.',
        'Over the one-in-five limit, every administrative step is a finding, including those that say what they add: each is part of the excess, and naming them pins the explanation to the steps on the canvas (since the second version of this rule; the first gave only advice about the pathway as a whole).',
        'The RCGP paper warns that structural change is no guarantee of integrated care and can detract from it (RCGP paper §9.15); a GP column describes triage steps that send referrals back with advice (GP column). Structures outside the pathway (boards, organisations) cannot be judged from the graph and need a workshop rating.',
      ],
    },
    {
      id: 'rcgp-5',
      number: 5,
      title: 'No diversion of funding from general practice',
      summary:
        'Integration must not move NHS money away from general practice and primary care, because of their central part in person-centred care.',
      howMeasured:
        'Any step that moves work onto general practice (minutes per patient above zero) without funding for it: not met, showing the unfunded minutes per patient. All moved work funded, or no work moved: met.',
      statuses: ['met', 'not_met'],
      inputs: ['graph'],
      source: { seed: SEED_FIVE_TESTS, section: 'Five tests, "must not" no. 2', citation: RCGP_PAGE },
      rule: { id: 'rcgp-5', version: 1 },
      notes: [
        'There is no partly state: unfunded work moved onto general practice is a diversion of funding, however small.',
        "A GP column describes integration as shorthand for pushing large amounts of work back to GPs, who then carry the clinical risk (GP column); the RCGP chair asked that a new national scheme have no impact on GP workload (RCGP chair's update); the RCGP paper asks that proposals for shared records say how costs to practices will be met (RCGP paper §8.6) and notes the need for investment in general practice (RCGP paper §7.17-7.18).",
        'The engine sees only the work declared on steps. Work pushed to practices by hospital letters (the GP column mentions lists of blood tests to be done, and GPs monitoring patients who should be under specialist review) must be recorded on the step to be counted; otherwise it needs a workshop rating.',
      ],
    },
  ],
};

export const NATIONAL_VOICES: FrameworkDefinition = {
  id: 'national-voices',
  version: '1.2.0',
  title: 'National Voices principles of integrated care',
  shortTitle: 'National Voices principles',
  publisher: 'National Voices',
  description:
    'Twelve principles from National Voices, the coalition of health and social care charities, describing what joined-up care should feel like from the point of view of patients, carers and people who use services.',
  source: { seed: SEED_NATIONAL_VOICES, section: 'the 12 principles (bulleted list)', citation: NV_PRINCIPLES },
  supportingSources: [{ seed: SEED_RCGP_POLICY_PAPER, section: 'whole paper', citation: RCGP_PAPER }],
  criteria: [
    {
      id: 'nv-1',
      number: 1,
      title: 'Organised around the needs of the individual',
      summary: 'Care should be built around the person: their needs and their own goals, not the needs of services.',
      howMeasured:
        'Three parts. (1) What matters to the person is asked at each entry step or within two transitions of it (scored by the share of entry steps). (2) Decisions about treatment, at steps the person can reach, are shared with the person (scored by the share of such decisions; left out when there are none). (3) A care plan is agreed with the person at a step they can reach. All parts in full: met. Something present: partly, scored by the average. Nothing: not met.',
      statuses: allStatuses,
      inputs: ['graph'],
      source: { seed: SEED_NATIONAL_VOICES, section: 'principle 1 ("person-centred")', citation: NV_PRINCIPLES },
      rule: { id: 'nv-1', version: 2 },
      notes: [
        '"Within two transitions of entry" is Pathweave\'s scoring design: the person\'s goals should shape the pathway from the start.',
        'Treatment decisions are the same set as in RCGP 3: decision steps leading straight to an intervention, a referral or self-management (RCGP paper §5.4).',
        'The care plan part follows the RCGP paper: successful integration means patients know their care plan (RCGP paper §6.1), yet few patients report being told they have one (RCGP paper §7.1).',
        'A step the person cannot reach from any entry does not count, treatment decisions included (since the second version of this rule).',
      ],
    },
    {
      id: 'nv-2',
      number: 2,
      title: 'Includes community and voluntary sector contributions',
      summary: 'Charities and community groups should be part of joined-up care, bringing expertise and solutions.',
      howMeasured:
        'Met when the person can reach at least one step in the voluntary and community sector, or a support step led by a voluntary sector worker, where something is done with the person: exits, outcome records and administrative steps do not count. Otherwise not met.',
      statuses: ['met', 'not_met'],
      inputs: ['graph'],
      source: {
        seed: SEED_NATIONAL_VOICES,
        section: 'principle 2; "Including the voluntary sector"',
        citation: NV_PRINCIPLES,
      },
      rule: { id: 'nv-2', version: 2 },
      notes: [
        "National Voices sees the voluntary sector as a third circle overlapping health and social care, offering expertise and solutions as well as pointing out gaps (National Voices). A voluntary-sector step therefore has to be part of the person's route: one that no entry leads to does not count.",
        'Exit, outcome and administrative steps do not count, even in the voluntary and community lane: nothing is done with the person there, as National Voices 3 already reasons for exits, so they show no contribution from the sector (since the second version of this rule; the first counted a voluntary-sector exit).',
      ],
    },
    {
      id: 'nv-3',
      number: 3,
      title: 'Focused on benefit to service users',
      summary: 'Every part of the pathway should be there because it does the person some good.',
      howMeasured:
        'The share of steps (exits aside) that say what they do for the person. All: met. At least half: partly, scored by the share. Fewer: not met.',
      statuses: allStatuses,
      inputs: ['graph'],
      source: { seed: SEED_NATIONAL_VOICES, section: 'principle 3', citation: NV_PRINCIPLES },
      rule: { id: 'nv-3', version: 1 },
      notes: [
        'Exit steps are left out: nothing happens to the person there.',
        'Steps the person cannot reach are counted too: a step drawn without saying what it does for the person is a gap in the design whether or not it is joined up yet.',
        "A benefit left blank or only spaces counts as missing (Pathweave's pathway format treats a missing benefit as a finding).",
        "The RCGP paper agrees that improving care and the patient's experience is the overarching goal of integration (RCGP paper §5.2).",
      ],
    },
    {
      id: 'nv-4',
      number: 4,
      title: 'Evaluated by outcomes, especially those users report',
      summary:
        'Success should be judged by outcomes, above all those people report themselves, followed across the whole journey rather than single episodes.',
      howMeasured:
        'Three parts: outcomes are measured at some step; at least one measure is reported by the person themselves (a PROM or PREM); and measures are taken at two or more steps, so change across the journey can be seen. All three: met. Some: partly, scored by the parts present. No outcome measures: not met.',
      statuses: allStatuses,
      inputs: ['graph'],
      source: {
        seed: SEED_NATIONAL_VOICES,
        section: 'principle 4; the paragraphs on evaluation',
        citation: NV_PRINCIPLES,
      },
      rule: { id: 'nv-4', version: 1 },
      notes: [
        'National Voices says PROMs should play a key part, but that most current measures look at single episodes in one setting, and calls for measures of care journeys across services and over time (National Voices). Hence the third part: measures at two or more steps.',
        'The RCGP paper also asks for continuous evaluation and improvement (RCGP paper §5.9).',
      ],
    },
    {
      id: 'nv-5',
      number: 5,
      title: 'Fully inclusive of all communities',
      summary: 'Joined-up care should reach everyone in the area, including people who find services hardest to use.',
      howMeasured:
        'Three parts. (1) No step can be reached only digitally (only by online form, app or video), scored by the share of steps with a non-digital route. (2) Where people first meet a professional, adaptations are offered, such as an interpreter, British Sign Language, easy read, large print, a carer acting for the person, or step-free access. This is the entry step itself when a professional runs it; after an entry the person manages themselves (self-care, say), it is the first step on each route where they meet a professional (scored by the share of entry steps). (3) When any step is in an emergency setting, some step is open out of hours or always. All parts in full: met. A digital-only entry step makes it not met whatever else. Otherwise partly when something is present, not met when nothing is.',
      statuses: allStatuses,
      inputs: ['graph'],
      source: { seed: SEED_NATIONAL_VOICES, section: 'principle 5', citation: NV_PRINCIPLES },
      rule: { id: 'nv-5', version: 2 },
      notes: [
        "A digital-only front door fails the principle outright: a GP column warns that insisting on an e-consultation before seeing a GP may cause major problems for people with language, literacy or sight problems, learning difficulties, and older people (GP column), and the RCGP chair asked for other routes for people without digital access or skills (RCGP chair's update).",
        'Adaptations at entry: the RCGP paper asks that care be tailored to commonly excluded people, such as those with learning disabilities, so they can use services on an equal basis (RCGP paper §3.4-3.5); National Voices names people from minority and socially excluded groups (National Voices).',
        'A step whose hours are not given is treated as unknown, not as open out of hours.',
        'Parts (1) and (3) look at every step in the drawing, reachable or not: a digital-only or emergency step is judged as drawn.',
        'An entry step led by the person or their carer, such as noticing symptoms at home, has no one to offer an interpreter or easy read. Adaptations are checked at the first contact with a professional on each route after it instead, and each such step without adaptations is a finding (since the second version of this rule; the first asked the self-care step itself).',
      ],
    },
    {
      id: 'nv-6',
      number: 6,
      title: 'Designed together with users of services and their carers',
      summary: 'People who use services, and their carers, should help design the pathway.',
      howMeasured:
        'From the record of who took part, not from the pathway itself: contributions (edits, comments, votes and ratings) by people taking part as patients and as carers. Both: met. One of the two: partly (0.5). Neither: not met. Without a record of who took part: needs judgement.',
      statuses: ['met', 'partly', 'not_met', 'needs_judgement'],
      inputs: ['collaboration'],
      source: { seed: SEED_NATIONAL_VOICES, section: 'principle 6', citation: NV_PRINCIPLES },
      rule: { id: 'nv-6', version: 1 },
      notes: [
        'Taking part means at least one contribution; joining without contributing does not count.',
        "The RCGP paper asks for the patient and public voice at every stage of change (RCGP paper §5.7); the RCGP chair describes patients, primary care and hospital clinicians sitting down with local managers to design pathways (RCGP chair's update).",
        "Without a collaboration record the engine returns needs judgement and never guesses (Pathweave's scoring design).",
      ],
    },
    {
      id: 'nv-7',
      number: 7,
      title: 'A new deal for people with long-term conditions',
      summary:
        'People with long-term conditions should have a named care coordinator, access to their records, a care plan prepared with them, and support to manage their own condition.',
      howMeasured:
        'Four elements, each present when a step the person can reach has it: a named care coordinator is given; the person can see their record or plan; a care plan is agreed with them; self-management support is offered. All four: met. Some: partly, scored by the share. None: not met.',
      statuses: allStatuses,
      inputs: ['graph'],
      source: {
        seed: SEED_NATIONAL_VOICES,
        section: 'principle 7; "Care coordinators" and the new deal paragraph',
        citation: NV_PRINCIPLES,
      },
      rule: { id: 'nv-7', version: 1 },
      notes: [
        'The four elements are those National Voices lists for the new deal (National Voices). Its fifth, support to navigate the system, is not measured separately: the named care coordinator stands in for it.',
        'Any role can be the care coordinator: National Voices says the key contact may be a specialist nurse in hospital or the community (National Voices), and the RCGP paper says it may be a GP or, for example, an advanced nurse practitioner (RCGP paper §9.6).',
      ],
    },
    {
      id: 'nv-8',
      number: 8,
      title: 'Responds to carers as well as the people they care for',
      summary: 'Carers should be involved, including in decisions, and their own needs recognised and supported.',
      howMeasured:
        "Two parts. (1) A carer is involved at a step where decisions are made (a decision, a shared decision, or agreeing the care plan): full marks; involved only at other steps: half. (2) A carer's own needs are assessed or supported at some step. Both in full: met. Something present: partly, scored by the average. Nothing: not met.",
      statuses: allStatuses,
      inputs: ['graph'],
      source: { seed: SEED_NATIONAL_VOICES, section: 'principle 8; the paragraph on carers', citation: NV_PRINCIPLES },
      rule: { id: 'nv-8', version: 1 },
      notes: [
        'National Voices says carers are often the ones joining up care and that barriers to carer involvement in decisions must be removed (National Voices); hence full marks only for involvement where decisions are made.',
        'A carer counts as involved when the step says so or when a carer is among its roles. The RCGP paper adds that carers should be involved "where appropriate" (RCGP paper §5.4): suggestions say "where the person wishes".',
      ],
    },
    {
      id: 'nv-9',
      number: 9,
      title: 'Driven forward by commissioners',
      summary: 'Commissioners should lead and drive joined-up care.',
      howMeasured:
        'The pathway names a commissioner as its sponsor, and a commissioner took part in designing it (from the record of who took part). No commissioner as sponsor: not met. Sponsor named and a commissioner contributed: met. Sponsor named but no commissioner contributed: partly (0.5). Sponsor named but no record of who took part: needs judgement.',
      statuses: ['met', 'partly', 'not_met', 'needs_judgement'],
      inputs: ['metadata', 'collaboration'],
      source: {
        seed: SEED_NATIONAL_VOICES,
        section: 'principle 9; the paragraph on innovation',
        citation: NV_PRINCIPLES,
      },
      rule: { id: 'nv-9', version: 1 },
      notes: [
        'National Voices wants to see commissioners taking a lead, noting that most recent innovative examples were started by providers (National Voices).',
        "When the sponsor part fails the result is not met whatever the record says; only when it passes and the record is missing is it needs judgement (Pathweave's scoring design).",
      ],
    },
    {
      id: 'nv-10',
      number: 10,
      title: 'Encouraged through incentives',
      summary: 'Incentives should encourage and reward joined-up care.',
      howMeasured: 'At least one incentive recorded in the pathway details: met. None: not met.',
      statuses: ['met', 'not_met'],
      inputs: ['metadata'],
      source: { seed: SEED_NATIONAL_VOICES, section: 'principle 10', citation: NV_PRINCIPLES },
      rule: { id: 'nv-10', version: 1 },
      notes: [
        'National Voices says integration pioneers need support, incentives and room to experiment (National Voices); the RCGP paper asks for incentives to spread good practice and new community services (RCGP paper §8.2, §8.5).',
        'Whether other incentives in the system work against community care (RCGP paper §6.2) cannot be read from the pathway; a workshop rating should judge it.',
      ],
    },
    {
      id: 'nv-11',
      number: 11,
      title: 'Aims for public and social value, not just saving money',
      summary: 'The pathway should aim for value to people and the community, not only for savings.',
      howMeasured: 'At least one public or social value recorded in the pathway details: met. None: not met.',
      statuses: ['met', 'not_met'],
      inputs: ['metadata'],
      source: { seed: SEED_NATIONAL_VOICES, section: 'principle 11', citation: NV_PRINCIPLES },
      rule: { id: 'nv-11', version: 1 },
      notes: [
        'National Voices asks that integration aim for public and social value and not only savings (National Voices, principle 11); the RCGP paper likewise lists benefits to people (better outcomes, experience, fewer inequalities) before cost (RCGP paper §3.1). The pathway records the values it aims for in its details.',
        'Whether the stated values go beyond saving money needs a person to read them; record that as a workshop rating beside the computed result.',
      ],
    },
    {
      id: 'nv-12',
      number: 12,
      title: 'Lasts over time and is allowed to experiment',
      summary:
        'Joined-up care should be built to last, reviewed and improved over time, with room to try new approaches.',
      howMeasured:
        "A review date after today, an evaluation plan, and more than one saved version of the pathway (from the record of its versions). A missing review date, a missing evaluation plan, or a review date that has passed: not met. With those in place: met with more than one version, partly (0.5) with only one, and needs judgement when the number of versions or today's date is not known.",
      statuses: ['met', 'partly', 'not_met', 'needs_judgement'],
      inputs: ['metadata', 'collaboration', 'today'],
      source: {
        seed: SEED_NATIONAL_VOICES,
        section: 'principle 12; the paragraph on innovation',
        citation: NV_PRINCIPLES,
      },
      rule: { id: 'nv-12', version: 1 },
      notes: [
        'The RCGP paper calls integration an ongoing process of continuous evaluation and improvement (RCGP paper §5.9); National Voices asks for room to experiment (National Voices). More than one saved version is the sign that the pathway has been revisited.',
        "The engine never reads the clock: today's date is passed in, so a stored score can be reproduced. Without it, a pathway that otherwise passes needs judgement.",
        "When the result needs judgement, the advice says what is missing: the number of saved versions, today's date, or both. It no longer speaks of a missing record of who took part, which this principle does not use.",
      ],
    },
  ],
};

export const FRAMEWORKS: readonly FrameworkDefinition[] = [RCGP_FIVE_TESTS, NATIONAL_VOICES];

const byId = new Map<string, CriterionDefinition>();
for (const f of FRAMEWORKS) for (const c of f.criteria) byId.set(c.id, c);

export function criterionDefinition(id: CriterionId): CriterionDefinition {
  const c = byId.get(id);
  if (!c) throw new Error(`Unknown criterion ${id}`);
  return c;
}

export function frameworkDefinition(id: FrameworkId): FrameworkDefinition {
  const f = FRAMEWORKS.find((x) => x.id === id);
  if (!f) throw new Error(`Unknown framework ${id}`);
  return f;
}

/** "rcgp-1@1" */
export function ruleTag(c: CriterionDefinition): string {
  return `${c.rule.id}@${c.rule.version}`;
}
