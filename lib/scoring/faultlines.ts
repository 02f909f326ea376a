// The structural fault lines where care fragments, from the RCGP policy paper "Integration of
// health and social care" (seed 004, §4.4, the diagram of "structural fault lines ... viewed from
// the perspective of the GP"). A transition crosses a fault line when its two steps are on
// different sides of it. A step that is on neither side of a line (for example a voluntary-sector
// step for the NHS / social care line) does not cross it, and an unknown side (a step with no
// `hours`) never counts as a crossing: the engine does not guess.
import { COMMUNITY_SETTINGS, HOSPITAL_SETTINGS, NHS_SECTORS, SECTORS, SETTINGS, type Step } from '../pathway/schema';
import { HOURS_CODE, SECTOR } from './codes';
import { isGeneralPractice } from './context';

export const FAULT_LINES = [
  'community_hospital',
  'general_practice_primary_community',
  'nhs_social_care',
  'mental_physical',
  'in_out_of_hours',
] as const;

export type FaultLine = (typeof FAULT_LINES)[number];

export const FAULT_LINE_LABELS: Readonly<Record<FaultLine, string>> = {
  community_hospital: 'Community and hospital',
  general_practice_primary_community: 'General practice, other primary care and community health services',
  nhs_social_care: 'NHS and social care',
  mental_physical: 'Mental and physical health',
  in_out_of_hours: 'In hours and out of hours',
};

export const FAULT_LINE_DEFINITIONS: Readonly<Record<FaultLine, string>> = {
  // 004 §4.4: "care in the community (for example at home, at the GP surgery, in a local pharmacy
  // or community health centre) and in a hospital based setting".
  community_hospital:
    'One step is in a community setting (home, GP practice, community clinic, pharmacy, voluntary organisation or remote) and the other in a hospital setting (outpatients, ward or emergency department). Mental health and social care services are on neither side.',
  // 004 §4.4: "general practice, other parts of primary care such as pharmacy, and critically -
  // the provision of community health services".
  general_practice_primary_community:
    'The steps are in two different ones of: general practice (a primary-care step at the practice, or led by the GP or practice nurse outside a pharmacy), other primary care (for example a community pharmacy), and community health services.',
  // 004 §4.4: "the organisational and funding divisions between the NHS and social care".
  nhs_social_care:
    'One step is in an NHS sector (primary care, community health, hospital or mental health) and the other in social care. Self-care and voluntary-sector steps are on neither side.',
  // 004 §4.4: "especially within the acute sector, the separation between mental health and other
  // health services".
  mental_physical:
    'One step is in mental health services (sector or setting) and the other in another NHS health service (primary care, community health or hospital).',
  // 004 §4.4: "the boundary between in-hours and out-of-hours urgent and emergency care".
  in_out_of_hours:
    'One step is in hours and the other out of hours. Always-open steps and steps whose hours are not given cross neither way.',
};

/** 0 none, 1 general practice, 2 other primary care, 3 community health services. */
function tier(step: Step): number {
  if (step.sector === 'community_health') return 3;
  if (step.sector === 'primary_care') return isGeneralPractice(step) ? 1 : 2;
  return 0;
}

/** -1 community, 1 hospital, 0 neither. */
function place(step: Step): number {
  if (COMMUNITY_SETTINGS.has(step.setting)) return -1;
  if (HOSPITAL_SETTINGS.has(step.setting)) return 1;
  return 0;
}

function isMental(step: Step): boolean {
  return step.sector === 'mental_health' || step.setting === 'mental_health_service';
}

/** -1 NHS, 1 social care, 0 neither. */
function nhsSide(step: Step): number {
  if (step.sector === 'social_care') return 1;
  if (NHS_SECTORS.has(step.sector)) return -1;
  return 0;
}

/** -1 mental health, 1 physical health (NHS), 0 neither. */
function mindSide(step: Step): number {
  if (isMental(step)) return -1;
  if (NHS_SECTORS.has(step.sector)) return 1;
  return 0;
}

/** Fault lines crossed between two steps, as a bit mask over FAULT_LINES. */
export function faultLineMask(a: Step, b: Step): number {
  let mask = 0;
  const pa = place(a);
  const pb = place(b);
  if (pa !== 0 && pb !== 0 && pa !== pb) mask |= 1;
  const ta = tier(a);
  const tb = tier(b);
  if (ta !== 0 && tb !== 0 && ta !== tb) mask |= 2;
  const na = nhsSide(a);
  const nb = nhsSide(b);
  if (na !== 0 && nb !== 0 && na !== nb) mask |= 4;
  const ma = mindSide(a);
  const mb = mindSide(b);
  if (ma !== 0 && mb !== 0 && ma !== mb) mask |= 8;
  if (a.hours && b.hours && a.hours !== 'always' && b.hours !== 'always' && a.hours !== b.hours) mask |= 16;
  return mask;
}

// One shared, frozen list per mask (32 of them), so describing thousands of crossings allocates nothing.
const LINES_BY_MASK: readonly (readonly FaultLine[])[] = Array.from({ length: 1 << FAULT_LINES.length }, (_, mask) =>
  Object.freeze(FAULT_LINES.filter((_, i) => mask & (1 << i))),
);

/** The fault lines in a mask. The returned list is shared and frozen: copy it before changing it. */
export function faultLinesFromMask(mask: number): readonly FaultLine[] {
  return LINES_BY_MASK[mask & ((1 << FAULT_LINES.length) - 1)] as readonly FaultLine[];
}

/**
 * Each step's side of every fault line, packed into one number (3 bits per line), so a
 * transition's crossings are found by comparing two numbers rather than re-reading both steps.
 */
export function faultLineSides(step: Step): number {
  const hours = step.hours === 'in_hours' ? 1 : step.hours === 'out_of_hours' ? 2 : 0;
  const p = place(step);
  const n = nhsSide(step);
  const m = mindSide(step);
  return (
    (p === 0 ? 0 : p < 0 ? 1 : 2) |
    (tier(step) << 3) |
    ((n === 0 ? 0 : n < 0 ? 1 : 2) << 6) |
    ((m === 0 ? 0 : m < 0 ? 1 : 2) << 9) |
    (hours << 12)
  );
}

// The sides that depend only on sector and setting (place, NHS / social care, mental / physical),
// by sector code * SETTINGS.length + setting code, worked out once by faultLineSides itself.
const TIER_AND_HOURS = (7 << 3) | (7 << 12);
const SIDES_BY_SECTOR_SETTING = Int32Array.from({ length: SECTORS.length * SETTINGS.length }, (_, k) => {
  const sector = SECTORS[Math.floor(k / SETTINGS.length)] as Step['sector'];
  const setting = SETTINGS[k % SETTINGS.length] as Step['setting'];
  return faultLineSides({ sector, setting } as Step) & ~TIER_AND_HOURS;
});

/**
 * faultLineSides from a step's codes (see ./codes and PathwayContext): its sector and setting
 * codes, whether it is general practice (isGeneralPractice) and its hours code. The same number as
 * faultLineSides(step), without going back to the step object. The codes must be known ones.
 */
export function faultLineSidesFromCodes(
  sector: number,
  setting: number,
  generalPractice: boolean,
  hours: number,
): number {
  const tier = sector === SECTOR.community_health ? 3 : sector === SECTOR.primary_care ? (generalPractice ? 1 : 2) : 0;
  const side = hours === HOURS_CODE.in_hours ? 1 : hours === HOURS_CODE.out_of_hours ? 2 : 0;
  return (SIDES_BY_SECTOR_SETTING[sector * SETTINGS.length + setting] as number) | (tier << 3) | (side << 12);
}

/** Fault lines crossed between two steps given their packed sides (see faultLineSides). */
export function faultLineMaskFromSides(a: number, b: number): number {
  let mask = 0;
  for (let line = 0; line < FAULT_LINES.length; line++) {
    const sa = (a >>> (3 * line)) & 7;
    const sb = (b >>> (3 * line)) & 7;
    if (sa !== 0 && sb !== 0 && sa !== sb) mask |= 1 << line;
  }
  return mask;
}

/** Fault lines crossed when the person moves from step a to step b. */
export function faultLinesCrossed(a: Step, b: Step): FaultLine[] {
  return [...faultLinesFromMask(faultLineMask(a, b))];
}
