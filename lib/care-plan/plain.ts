// Plain-language helpers for the person's and their carer's view of a plan.
//
// The issue asks for English "that a 9-year-old could read" (issue 6, §4). The pathway's own labels
// (lib/pathway/labels.ts) are written for clinicians ("Allied health professional"); these are the
// words a person uses ("a physio or other therapist", "at your GP surgery"). No clinical facts live
// here: only how to say who, where and when.
import type { Role, Sector, Setting } from '@/lib/pathway/schema';
import type { ActionStatus, EscalationLevel, GoalKind, GoalSetBy, GoalStatus } from './types';

/** Who someone is, as the person would say it. */
export const ROLE_FOR_PATIENTS: Readonly<Record<Role, string>> = {
  gp: 'GP (family doctor)',
  practice_nurse: 'Nurse at the GP surgery',
  community_nurse: 'Community nurse',
  specialist_nurse: 'Specialist nurse',
  consultant: 'Hospital doctor',
  community_consultant: 'Specialist doctor at a clinic near you',
  gpwsi: 'GP with extra training',
  pharmacist: 'Pharmacist (chemist)',
  allied_health: 'Therapist (for example a physio)',
  social_worker: 'Social worker',
  care_coordinator: 'Care coordinator',
  voluntary_worker: 'Helper from a local group',
  manager: 'Manager',
  commissioner: 'Person who plans local services',
  admin_staff: 'Office staff',
  patient: 'You',
  carer: 'Carer',
};

/** Where a step happens, as part of a sentence: "It happens at your GP surgery." */
export const SETTING_FOR_PATIENTS: Readonly<Record<Setting, string>> = {
  home: 'at home',
  gp_practice: 'at your GP surgery',
  community: 'at a local clinic',
  pharmacy: 'at a chemist (pharmacy)',
  hospital_outpatient: 'at a hospital clinic',
  hospital_inpatient: 'on a hospital ward',
  emergency: 'at A&E or urgent care',
  mental_health_service: 'at a mental health service',
  social_care_service: 'with social care',
  voluntary_service: 'at a local group or charity',
  remote: 'by phone, video or online',
};

/** The groups of the web of care, in the person's words. */
export const SECTOR_FOR_PATIENTS: Readonly<Record<Sector, string>> = {
  self_care: 'You and your family',
  primary_care: 'Your GP surgery and chemist',
  community_health: 'Local health team',
  secondary_care: 'Hospital',
  mental_health: 'Mental health team',
  social_care: 'Social care',
  voluntary_community: 'Local groups and charities',
};

export const GOAL_KIND_FOR_PATIENTS: Readonly<Record<GoalKind, string>> = {
  health: 'Health',
  social: 'Daily life',
};

export const GOAL_SET_BY_FOR_PATIENTS: Readonly<Record<GoalSetBy, string>> = {
  person: 'You',
  carer: 'Your carer',
  care_team: 'Your care team',
  together: 'You and your care team',
};

export const GOAL_STATUS_FOR_PATIENTS: Readonly<Record<GoalStatus, string>> = {
  active: 'Working on it',
  achieved: 'Done',
  paused: 'On hold',
};

export const ACTION_STATUS_FOR_PATIENTS: Readonly<Record<ActionStatus, string>> = {
  to_do: 'To do',
  in_progress: 'Started',
  done: 'Done',
  cancelled: 'Not needed now',
};

export const ESCALATION_FOR_PATIENTS: Readonly<Record<EscalationLevel, { name: string; heading: string }>> = {
  green: { name: 'Green', heading: 'Green: I feel as usual' },
  amber: { name: 'Amber', heading: 'Amber: I feel worse than usual' },
  red: { name: 'Red', heading: 'Red: I need help now' },
};

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The years a date typed into a care plan may fall in. The database's `date` has no year 0, and a
 * year far outside this range is a slip of the keyboard, not a review or target date.
 */
export const MIN_DATE_YEAR = 1900;
export const MAX_DATE_YEAR = 2200;

/** True for a calendar date written YYYY-MM-DD, whatever its year (for showing stored dates). */
function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** True for a real calendar date written YYYY-MM-DD with a year from MIN_DATE_YEAR to MAX_DATE_YEAR. */
export function isIsoDate(value: string): boolean {
  if (!isCalendarDate(value)) return false;
  const year = Number(value.slice(0, 4));
  return year >= MIN_DATE_YEAR && year <= MAX_DATE_YEAR;
}

/** "2027-03-02" -> "Tuesday 2 March 2027" (the NHS style: no commas, no ordinals). */
export function formatDate(iso: string, options: { weekday?: boolean } = {}): string {
  const day = iso.slice(0, 10);
  if (!isCalendarDate(day)) return iso;
  const d = new Date(`${day}T00:00:00Z`);
  const text = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  return options.weekday === false ? text : `${DAYS[d.getUTCDay()]} ${text}`;
}

/**
 * A moment as the person would read it, in UK time and the NHS style for times: "23 November 2026
 * at 2:05pm", "at 9am" (no ":00"), and "midday" and "midnight" rather than 12pm and 12am.
 */
export function formatMoment(isoMoment: string): string {
  const d = new Date(isoMoment);
  if (Number.isNaN(d.getTime())) return isoMoment;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    // h12 counts 12, 1, … 11 (hour12: true gives "0:30 pm" in en-GB).
    hourCycle: 'h12',
  }).formatToParts(d);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const [hour, minute] = [get('hour'), get('minute')];
  const period = get('dayPeriod').toLowerCase().replace(/[\s.]/g, '');
  const time =
    hour === '12' && minute === '00' ? (period === 'am' ? 'midnight' : 'midday') : `${hour}${minute === '00' ? '' : `:${minute}`}${period}`;
  return `${get('day')} ${get('month')} ${get('year')} at ${time}`;
}

/** The calendar day (YYYY-MM-DD) of a moment in UK time: "2026-11-20T23:30:00Z" in summer is the 21st. */
export function dayInLondon(isoMoment: string): string {
  const d = new Date(isoMoment);
  if (Number.isNaN(d.getTime())) return isoMoment.slice(0, 10);
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(d);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  const a = Date.parse(`${from.slice(0, 10)}T00:00:00Z`);
  const b = Date.parse(`${to.slice(0, 10)}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}

/** How long a wait usually is, in words: 0 -> "soon", 14 -> "in about 2 weeks", 365 -> "in about a year". */
export function waitInWords(days: number | undefined): string | null {
  if (days === undefined || !Number.isFinite(days) || days < 0) return null;
  if (days === 0) return 'soon';
  if (days === 1) return 'in about a day';
  if (days < 7) return `in about ${Math.round(days)} days`;
  if (days < 11) return 'in about a week';
  if (days < 60) return `in about ${Math.round(days / 7)} weeks`;
  if (days < 330) return `in about ${Math.round(days / 30.4)} months`;
  if (days < 550) return 'in about a year';
  return `in about ${Math.round(days / 365)} years`;
}

/** When an action is due, relative to today: "Due today", "3 days late", "Due in 5 days". */
export function dueInWords(dueDate: string | null, today: string): string | null {
  if (!dueDate) return null;
  const days = daysBetween(today, dueDate);
  if (days === 0) return 'Due today';
  if (days === 1) return 'Due tomorrow';
  if (days === -1) return '1 day late';
  if (days < 0) return `${-days} days late`;
  return `Due by ${formatDate(dueDate)}`;
}

/** A phone number as a tel: link target, keeping only what dials (digits and a leading +). */
export function telHref(phone: string): string | null {
  const trimmed = phone.trim();
  if (!trimmed) return null;
  const plus = trimmed.startsWith('+') ? '+' : '';
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length < 3) return null;
  return `tel:${plus}${digits}`;
}

/** A mailto: link target, or null when the address is not a plausible email. */
export function mailtoHref(email: string): string | null {
  const trimmed = email.trim();
  if (!/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(trimmed)) return null;
  return `mailto:${trimmed}`;
}

/**
 * A label that follows "When:", as part of a sentence: "Course completed" -> "course completed".
 * Abbreviations and names keep their capitals: "GP referral", "COPD review", "Arthur's choice".
 */
export function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) && !/^[A-Z][a-z]+['’]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** "Arthur Pennock" -> "Arthur" */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

/** "Arthur Pennock" -> "Arthur Pennock’s" ("James" -> "James’") */
export function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}’` : `${name}’s`;
}

// ---------------------------------------------------------------------------------------------
// Reading level. Flesch–Kincaid grade, a standard readability formula; UK reading age is the US
// grade plus 5. A 9-year-old reads at about grade 4. Used by the tests to keep the fixed text of
// the person's view simple, and by the clinician view to warn when text typed for the person is
// hard to read.
// ---------------------------------------------------------------------------------------------

/** Syllables in one English word, by the usual vowel-group estimate. */
export function syllables(word: string): number {
  let w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (w.length === 0) return 0;
  if (w.length <= 3) return 1;
  w = w.replace(/(?:[^laeiouy]es|ed|[^laeiouy]e)$/, '').replace(/^y/, '');
  const groups = w.match(/[aeiouy]{1,2}/g);
  return Math.max(1, groups ? groups.length : 1);
}

export interface Readability {
  words: number;
  sentences: number;
  syllables: number;
  /** Flesch–Kincaid grade level. */
  grade: number;
  /** UK reading age in years (grade + 5). */
  readingAge: number;
}

export function readability(text: string): Readability {
  const words = text.match(/[A-Za-z][A-Za-z'’-]*/g) ?? [];
  const sentenceCount = Math.max(1, (text.match(/[.!?]+(\s|$)/g) ?? []).length || 1);
  const syllableCount = words.reduce((n, w) => n + syllables(w), 0);
  const wordCount = Math.max(1, words.length);
  const grade = 0.39 * (wordCount / sentenceCount) + 11.8 * (syllableCount / wordCount) - 15.59;
  const rounded = Math.round(grade * 10) / 10;
  return {
    words: words.length,
    sentences: sentenceCount,
    syllables: syllableCount,
    grade: rounded,
    readingAge: Math.round((rounded + 5) * 10) / 10,
  };
}
