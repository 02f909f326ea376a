// The pathway document, interchange format v1.
//
// This file is the one source of truth for the shape described in
// ../shared/design/pathway-format.md. Types are derived with z.infer; never restate them by hand.
// The names and values of every vocabulary below are part of the contract: saved pathways and
// exported files depend on them, so values may be added but never renamed or removed.
//
// Unknown keys are dropped on parse (the contract says fields may be added, so a newer file still
// reads here). Unknown *enum values* are an error that names the path, the bad value and the
// allowed values; they are never silently replaced by a default.
import { z } from 'zod';
import { STORABLE_TEXT_RULE, isStorableText, unstorableProblem } from '../text-limits';

export const PATHWAY_FORMAT = 'pathweave.pathway/v1' as const;

// ---------------------------------------------------------------------------------------------
// Vocabularies
// ---------------------------------------------------------------------------------------------

export const STEP_KINDS = [
  'entry',
  'assessment',
  'decision',
  'intervention',
  'referral',
  'review',
  'self_management',
  'support',
  'admin',
  'discharge',
  'outcome',
  'exit',
] as const;

/** The swimlanes. Crossing from one to another is a care boundary. */
export const SECTORS = [
  'self_care',
  'primary_care',
  'community_health',
  'secondary_care',
  'mental_health',
  'social_care',
  'voluntary_community',
] as const;

export const SETTINGS = [
  'home',
  'gp_practice',
  'community',
  'pharmacy',
  'hospital_outpatient',
  'hospital_inpatient',
  'emergency',
  'mental_health_service',
  'social_care_service',
  'voluntary_service',
  'remote',
] as const;

export const ROLES = [
  'gp',
  'practice_nurse',
  'community_nurse',
  'specialist_nurse',
  'consultant',
  'community_consultant',
  'gpwsi',
  'pharmacist',
  'allied_health',
  'social_worker',
  'care_coordinator',
  'voluntary_worker',
  'manager',
  'commissioner',
  'admin_staff',
  'patient',
  'carer',
] as const;

/** How the person reaches a step. */
export const CHANNELS = ['face_to_face', 'home_visit', 'phone', 'video', 'online_form', 'app'] as const;

export const ADAPTATIONS = ['interpreter', 'bsl', 'easy_read', 'large_print', 'carer_proxy', 'step_free'] as const;

/** How information travels along a transition. */
export const INFORMATION_KINDS = ['shared_record', 'structured_summary', 'letter', 'phone', 'none'] as const;

export const HOURS = ['in_hours', 'out_of_hours', 'always'] as const;

export const OUTCOME_MEASURE_TYPES = ['PROM', 'PREM', 'clinical', 'process'] as const;

/** The step flags, in display order. All default to false. */
export const STEP_FLAGS = [
  'whatMattersToMe',
  'sharedDecision',
  'carerInvolved',
  'carerSupport',
  'holisticReview',
  'selfManagementSupport',
  'recordsAccess',
  'carePlanAgreed',
  'careCoordinatorNamed',
] as const;

export type StepKind = (typeof STEP_KINDS)[number];
export type Sector = (typeof SECTORS)[number];
export type Setting = (typeof SETTINGS)[number];
export type Role = (typeof ROLES)[number];
export type Channel = (typeof CHANNELS)[number];
export type Adaptation = (typeof ADAPTATIONS)[number];
export type InformationKind = (typeof INFORMATION_KINDS)[number];
export type Hours = (typeof HOURS)[number];
export type OutcomeMeasureType = (typeof OUTCOME_MEASURE_TYPES)[number];
export type StepFlag = (typeof STEP_FLAGS)[number];

// ---------------------------------------------------------------------------------------------
// Derived sets (pathway-format.md "Vocabularies", frameworks.md rule sketches)
// ---------------------------------------------------------------------------------------------

/** Settings that count as "in the community" (pathway-format.md). */
export const COMMUNITY_SETTINGS: ReadonlySet<Setting> = new Set<Setting>([
  'home',
  'gp_practice',
  'community',
  'pharmacy',
  'voluntary_service',
  'remote',
]);

/** Hospital-based settings: the other side of the community/hospital fault line (004 §4.4). */
export const HOSPITAL_SETTINGS: ReadonlySet<Setting> = new Set<Setting>([
  'hospital_outpatient',
  'hospital_inpatient',
  'emergency',
]);

/** Community-based clinicians (pathway-format.md; RCGP test 1). */
export const COMMUNITY_BASED_CLINICIANS: ReadonlySet<Role> = new Set<Role>([
  'gp',
  'practice_nurse',
  'community_nurse',
  'community_consultant',
  'gpwsi',
  'pharmacist',
  'allied_health',
  'care_coordinator',
]);

/** Generalist roles (frameworks.md, RCGP test 3). */
export const GENERALIST_ROLES: ReadonlySet<Role> = new Set<Role>(['gp', 'practice_nurse']);

/** Specialist roles (frameworks.md, RCGP test 3). A GP with an extended role works as a specialist here. */
export const SPECIALIST_ROLES: ReadonlySet<Role> = new Set<Role>([
  'consultant',
  'community_consultant',
  'specialist_nurse',
  'gpwsi',
]);

/** A step is digital-only when it has at least one channel and every channel is one of these. */
export const DIGITAL_CHANNELS: ReadonlySet<Channel> = new Set<Channel>(['video', 'online_form', 'app']);

/** Kinds that are clinical work (RCGP test 1). */
export const CLINICAL_WORK_KINDS: ReadonlySet<StepKind> = new Set<StepKind>([
  'assessment',
  'decision',
  'intervention',
  'referral',
  'review',
  'discharge',
]);

/** NHS sectors: one side of the NHS / social care fault line (004 §4.4). */
export const NHS_SECTORS: ReadonlySet<Sector> = new Set<Sector>([
  'primary_care',
  'community_health',
  'secondary_care',
  'mental_health',
]);

export function isCommunitySetting(setting: Setting): boolean {
  return COMMUNITY_SETTINGS.has(setting);
}
export function isCommunityBasedClinician(role: Role): boolean {
  return COMMUNITY_BASED_CLINICIANS.has(role);
}
export function isDigitalChannel(channel: Channel): boolean {
  return DIGITAL_CHANNELS.has(channel);
}
/** True when the step has at least one channel and all of them are digital (pathway-format.md). */
export function isDigitalOnly(step: { channels: readonly Channel[] }): boolean {
  if (step.channels.length === 0) return false;
  for (const c of step.channels) if (!DIGITAL_CHANNELS.has(c)) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Error messages for enum values. validate.ts builds the richer PathwayError; these messages make
// a direct `PathwaySchema.safeParse` readable too.
// ---------------------------------------------------------------------------------------------

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** The last named (non-index) segment of a path: ["steps", 0, "roles", 1] -> "roles". */
function fieldName(path: readonly PropertyKey[] | undefined): string | undefined {
  if (!path) return undefined;
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return undefined;
}

/** A z.enum whose error names the field, the bad value and the allowed values. */
function vocab<const T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z.enum(values, {
    error: (iss) => {
      const field = fieldName(iss.path) ?? what;
      if (iss.input === undefined) return `${field} is required: choose a ${what} (${values.join(', ')})`;
      return `${field}: ${describeValue(iss.input)} is not a known ${what}. Allowed values: ${values.join(', ')}`;
    },
  });
}

export const StepKindSchema = vocab(STEP_KINDS, 'step kind');
export const SectorSchema = vocab(SECTORS, 'sector');
export const SettingSchema = vocab(SETTINGS, 'setting');
export const RoleSchema = vocab(ROLES, 'role');
export const ChannelSchema = vocab(CHANNELS, 'channel');
export const AdaptationSchema = vocab(ADAPTATIONS, 'adaptation');
export const InformationKindSchema = vocab(INFORMATION_KINDS, 'kind of information');
export const HoursSchema = vocab(HOURS, 'hours value');
export const OutcomeMeasureTypeSchema = vocab(OUTCOME_MEASURE_TYPES, 'outcome measure type');

/** A number, with -0 read as 0 (JSON cannot write -0, so keeping it would break the round trip). */
const num = () => z.number().overwrite((v) => v + 0);

/**
 * Every string of the document is stored (jsonb), so none may hold a character PostgreSQL refuses
 * (NUL, half a surrogate pair). One regex test per string: documents are parsed on every save and
 * every score. validate.ts knows these issues by `params.reason` and names the step and field.
 */
export const UNSTORABLE_REASON = 'unstorable_character';
const storable = z.refine<string>((v) => isStorableText(v), {
  error: (iss) => `${unstorableProblem(typeof iss.input === 'string' ? iss.input : '')}. ${STORABLE_TEXT_RULE}`,
  params: { reason: UNSTORABLE_REASON },
});
/** Free text that may be empty. */
const str = () => z.string().check(storable);

const text = z.string().trim().min(1, { error: 'must not be empty' }).check(storable);
const id = z
  .string()
  .check(storable)
  .min(1, { error: 'must not be empty' })
  .max(200, { error: 'must be at most 200 characters' })
  .regex(/^\S(.*\S)?$/, { error: 'must not start or end with a space' })
  // Ids are keys of the layout object, where "__proto__" would set the object's prototype
  // instead of naming a step, and the step's position would be lost.
  .refine((v) => v !== '__proto__', { error: 'must not be "__proto__", which is reserved' });

// ---------------------------------------------------------------------------------------------
// Document
// ---------------------------------------------------------------------------------------------

export const StepFlagsSchema = z.object({
  whatMattersToMe: z.boolean().default(false),
  sharedDecision: z.boolean().default(false),
  carerInvolved: z.boolean().default(false),
  carerSupport: z.boolean().default(false),
  holisticReview: z.boolean().default(false),
  selfManagementSupport: z.boolean().default(false),
  recordsAccess: z.boolean().default(false),
  carePlanAgreed: z.boolean().default(false),
  careCoordinatorNamed: z.boolean().default(false),
});

export const OutcomeMeasureSchema = z.object({
  name: text,
  type: OutcomeMeasureTypeSchema,
});

/** Work moved onto general practice by this step (RCGP test 5). */
export const GpWorkloadSchema = z.object({
  minutesPerPatient: num().min(0, { error: 'must be 0 or more' }),
  funded: z.boolean().default(false),
});

export const StepSchema = z.object({
  id,
  kind: StepKindSchema,
  title: text,
  sector: SectorSchema,
  setting: SettingSchema,
  leadRole: RoleSchema,
  roles: z.array(RoleSchema).default([]),
  channels: z.array(ChannelSchema).default([]),
  adaptations: z.array(AdaptationSchema).default([]),
  /** Absent means unknown, which is not the same as in hours. */
  hours: HoursSchema.optional(),
  /** Absent is a finding for the National Voices "benefit" principle. */
  patientBenefit: str().optional(),
  flags: StepFlagsSchema.prefault({}),
  outcomeMeasures: z.array(OutcomeMeasureSchema).default([]),
  gpWorkload: GpWorkloadSchema.optional(),
  /** Tag for an assessment; the same tag in two sectors is a possibly duplicated assessment. */
  assessment: text.optional(),
});

/** The id a transition gets when the document gives none. */
export function defaultTransitionId(from: string, to: string): string {
  return `${from}->${to}`;
}

export const TransitionSchema = z
  .object({
    id: id.optional(),
    from: id,
    to: id,
    label: str().optional(),
    information: InformationKindSchema,
    targetDays: num().min(0, { error: 'must be 0 or more' }).optional(),
    probability: num()
      .min(0, { error: 'must be between 0 and 1' })
      .max(1, { error: 'must be between 0 and 1' })
      .optional(),
  })
  .transform(({ id: given, ...rest }) => ({ id: given ?? defaultTransitionId(rest.from, rest.to), ...rest }));

export const SponsorSchema = z.object({
  name: text,
  role: RoleSchema,
});

export const MetadataSchema = z.object({
  sponsor: SponsorSchema.optional(),
  incentives: z.array(text).default([]),
  socialValue: z.array(text).default([]),
  /** ISO date (YYYY-MM-DD). */
  reviewDate: z.iso.date({ error: 'must be a date written YYYY-MM-DD' }).optional(),
  evaluationPlan: str().optional(),
});

export const LayoutPositionSchema = z.object({ x: num(), y: num() });

export const PathwaySchema = z.object({
  format: z.literal(PATHWAY_FORMAT, {
    error: (iss) =>
      iss.input === undefined
        ? `format is required and must be "${PATHWAY_FORMAT}"`
        : `format: ${describeValue(iss.input)} is not supported; expected "${PATHWAY_FORMAT}"`,
  }),
  title: text,
  summary: str().optional(),
  conditions: z.array(text).default([]),
  population: str().optional(),
  metadata: MetadataSchema.prefault({}),
  steps: z.array(StepSchema),
  transitions: z.array(TransitionSchema),
  layout: z.record(str(), LayoutPositionSchema).optional(),
});

/** A parsed, normalised pathway: defaults filled in and every transition has an id. */
export type Pathway = z.infer<typeof PathwaySchema>;
/** What a file or a caller may give before parsing (optional fields, transition ids may be absent). */
export type PathwayInput = z.input<typeof PathwaySchema>;
export type Step = z.infer<typeof StepSchema>;
export type StepInput = z.input<typeof StepSchema>;
export type StepFlags = z.infer<typeof StepFlagsSchema>;
export type Transition = z.infer<typeof TransitionSchema>;
export type TransitionInput = z.input<typeof TransitionSchema>;
export type Metadata = z.infer<typeof MetadataSchema>;
export type Sponsor = z.infer<typeof SponsorSchema>;
export type OutcomeMeasure = z.infer<typeof OutcomeMeasureSchema>;
export type GpWorkload = z.infer<typeof GpWorkloadSchema>;
export type LayoutPosition = z.infer<typeof LayoutPositionSchema>;

/** All flags false: the default for a new step. */
export function emptyFlags(): StepFlags {
  return {
    whatMattersToMe: false,
    sharedDecision: false,
    carerInvolved: false,
    carerSupport: false,
    holisticReview: false,
    selfManagementSupport: false,
    recordsAccess: false,
    carePlanAgreed: false,
    careCoordinatorNamed: false,
  };
}

/** Allowed values for the vocabulary fields, by field name, for error messages and editor forms. */
export const ALLOWED_VALUES: Readonly<Record<string, readonly string[]>> = {
  kind: STEP_KINDS,
  sector: SECTORS,
  setting: SETTINGS,
  leadRole: ROLES,
  roles: ROLES,
  role: ROLES,
  channels: CHANNELS,
  adaptations: ADAPTATIONS,
  information: INFORMATION_KINDS,
  hours: HOURS,
  type: OUTCOME_MEASURE_TYPES,
  format: [PATHWAY_FORMAT],
};
