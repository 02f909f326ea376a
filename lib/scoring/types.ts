// Result types of the scoring engine (frameworks.md "What a result is").
import type { Role } from '../pathway/schema';

export type Status = 'met' | 'partly' | 'not_met' | 'needs_judgement';

export type FrameworkId = 'rcgp-five-tests' | 'national-voices';

export type CriterionId =
  | 'rcgp-1'
  | 'rcgp-2'
  | 'rcgp-3'
  | 'rcgp-4'
  | 'rcgp-5'
  | 'nv-1'
  | 'nv-2'
  | 'nv-3'
  | 'nv-4'
  | 'nv-5'
  | 'nv-6'
  | 'nv-7'
  | 'nv-8'
  | 'nv-9'
  | 'nv-10'
  | 'nv-11'
  | 'nv-12';

/** A problem caused by one step or transition. */
export interface Finding {
  /** The id of the step or transition that causes it. */
  target: string;
  targetKind: 'step' | 'transition';
  /** A sentence a clinician would accept. */
  message: string;
  /** A concrete change, naming the step by its title. */
  suggestion: string;
}

/**
 * A gap that no single step or transition causes: missing metadata, something absent from the
 * whole pathway, or the collaboration record. Shown on the scorecard, not as a badge on a step.
 */
export interface Advice {
  message: string;
  suggestion: string;
}

export interface CriterionResult {
  id: CriterionId;
  title: string;
  status: Status;
  /** 0..1: met 1, partly in between, not met 0; null when it needs judgement. */
  score: number | null;
  /** The measured value behind the status, in words. */
  measure: string;
  /** Ids of the steps/transitions that satisfy the criterion. */
  evidence: string[];
  findings: Finding[];
  advice: Advice[];
  /** Rule id and version, e.g. "rcgp-1@1". */
  rule: string;
}

export interface FrameworkResult {
  id: FrameworkId;
  version: string;
  title: string;
  /** Mean score over criteria that do not need judgement, 0..1; null when all need judgement. */
  score: number | null;
  /** The same as a whole-number percentage. */
  percent: number | null;
  /** Criteria scored (not needing judgement). */
  scored: number;
  needsJudgement: number;
  notMet: number;
  criteria: CriterionResult[];
}

/** One participant (or all participants of one role) in designing the pathway. */
export interface Participant {
  role: Role;
  /** Edits, comments, votes and ratings made. Zero means they joined but did not contribute. */
  contributions: number;
}

/**
 * Facts about how the pathway was designed, which the graph cannot show (NV 6, 9 and 12).
 * Leave a field out when it is not known: the criteria that need it then return
 * `needs_judgement` instead of guessing.
 */
export interface CollaborationRecord {
  participants?: readonly Participant[];
  /** How many saved versions of the pathway exist. */
  versionCount?: number;
}

export interface ScoreOptions {
  /**
   * Today's date (YYYY-MM-DD), for NV 12's "review date in the future". The engine never reads
   * the clock, so the same input always gives the same result. Without it (or if it is not a
   * valid date) NV 12 returns needs_judgement when the rest of it passes.
   */
  today?: string;
}
