// Small integer codes and bit masks for the vocabularies, so the engine can keep per-step facts
// in typed arrays (see PathwayContext). Rules then scan compact arrays rather than walking
// thousands of step objects again and again, which keeps large pathways fast.
import {
  CHANNELS,
  COMMUNITY_BASED_CLINICIANS,
  COMMUNITY_SETTINGS,
  GENERALIST_ROLES,
  INFORMATION_KINDS,
  NHS_SECTORS,
  ROLES,
  SECTORS,
  SETTINGS,
  SPECIALIST_ROLES,
  STEP_FLAGS,
  STEP_KINDS,
  CLINICAL_WORK_KINDS,
  DIGITAL_CHANNELS,
  type Channel,
  type InformationKind,
  type Role,
  type Sector,
  type Setting,
  type StepFlag,
  type StepKind,
} from '../pathway/schema';

function codes<T extends string>(values: readonly T[]): Readonly<Record<T, number>> {
  return Object.fromEntries(values.map((v, i) => [v, i])) as Record<T, number>;
}

export const KIND: Readonly<Record<StepKind, number>> = codes(STEP_KINDS);
export const SECTOR: Readonly<Record<Sector, number>> = codes(SECTORS);
export const SETTING: Readonly<Record<Setting, number>> = codes(SETTINGS);
export const ROLE: Readonly<Record<Role, number>> = codes(ROLES);
export const INFORMATION: Readonly<Record<InformationKind, number>> = codes(INFORMATION_KINDS);

/** One bit per flag (9 flags). */
export const FLAG: Readonly<Record<StepFlag, number>> = Object.fromEntries(
  STEP_FLAGS.map((f, i) => [f, 1 << i]),
) as Record<StepFlag, number>;

/** One bit per role (17 roles, so a 32-bit mask holds them all). */
export function roleBit(role: Role): number {
  return 1 << ROLE[role];
}

function roleMaskOf(roles: Iterable<Role>): number {
  let m = 0;
  for (const r of roles) m |= roleBit(r);
  return m;
}

export const GENERALIST_MASK = roleMaskOf(GENERALIST_ROLES);
export const SPECIALIST_MASK = roleMaskOf(SPECIALIST_ROLES);
export const COMMUNITY_CLINICIAN_MASK = roleMaskOf(COMMUNITY_BASED_CLINICIANS);

function flagsOf<T extends string>(values: readonly T[], members: ReadonlySet<T>): Uint8Array {
  return Uint8Array.from(values, (v) => (members.has(v) ? 1 : 0));
}

/** Lookup tables by code: 1 when the value is in the set. */
export const IS_COMMUNITY_SETTING = flagsOf(SETTINGS, COMMUNITY_SETTINGS);
export const IS_NHS_SECTOR = flagsOf(SECTORS, NHS_SECTORS);
export const IS_CLINICAL_WORK = flagsOf(STEP_KINDS, CLINICAL_WORK_KINDS);

export const DIGITAL_CHANNEL_MASK = CHANNELS.reduce(
  (m, c, i) => (DIGITAL_CHANNELS.has(c as Channel) ? m | (1 << i) : m),
  0,
);

/** Hours codes: 0 unknown (absent), 1 in hours, 2 out of hours, 3 always. */
export const HOURS_CODE = { in_hours: 1, out_of_hours: 2, always: 3 } as const;
