// Shapes of the scorecard (issue 7). The rows come from the database (the denormalised
// Version*Score tables, filled from each saved version's stored scores); everything here is pure.
import type { Status } from '@/lib/scoring/types';

export const PATHWAY_STATUSES = ['draft', 'in_review', 'published', 'retired'] as const;
export type PathwayStatus = (typeof PATHWAY_STATUSES)[number];

export const PATHWAY_STATUS_LABELS: Readonly<Record<PathwayStatus, string>> = {
  draft: 'Draft',
  in_review: 'In review',
  published: 'Published',
  retired: 'Retired',
};

/** A person's or the room's rating: the room never says "needs judgement", it is the judgement. */
export type RatingValue = 'met' | 'partly' | 'not_met';

/** One framework's summary numbers for one saved version. */
export interface FrameworkFigures {
  frameworkId: string;
  frameworkVersion: string;
  /** 0..1; null when every criterion needs judgement. */
  score: number | null;
  percent: number | null;
  scored: number;
  notMet: number;
  needsJudgement: number;
}

/** The journey figures kept for comparison across pathways. */
export interface JourneySummary {
  steps: number;
  contacts: number;
  /** Distinct sectors: format v1 names no organisations, so this is the nearest measure. */
  organisations: number;
  sectors: string[];
  faultLineCrossings: number;
  crossingsWithoutInformation: number;
  repeatedAssessments: number;
  /** Null when the pathway gives no target times or probabilities. */
  expectedDays: number | null;
  expectedContacts: number | null;
}

/** One computed criterion result of one saved version: what the scorecard shows of it. */
export interface CriterionScoreRow {
  versionId: string;
  criterionId: string;
  frameworkId: string;
  /** Order within its framework, as stored. */
  position: number;
  status: Status;
  /** How many findings name a step or transition. */
  findings: number;
}

/** The room's consensus rating of one criterion on one version (issue 5). */
export interface ConsensusRow {
  versionId: string;
  criterionId: string;
  value: RatingValue;
  reason: string;
}

/** One pathway of the workspace with its latest saved version, as read from the database. */
export interface PathwaySourceRow {
  id: string;
  title: string;
  conditions: string[];
  status: PathwayStatus;
  /** Null when the pathway has no saved version yet. */
  version: { id: string; number: number; savedAt: string; scoredAt: string | null } | null;
  /** Null when there is no version, or its stored scores could not be read. */
  journey: JourneySummary | null;
}

/** One framework score of one version, for trends. */
export interface HistoryRow {
  pathwayId: string;
  number: number;
  savedAt: string;
  frameworkId: string;
  percent: number | null;
}

export interface ScorecardSource {
  pathways: PathwaySourceRow[];
  frameworks: (FrameworkFigures & { versionId: string })[];
  criteria: CriterionScoreRow[];
  consensus: ConsensusRow[];
}

/** The filters of the scorecard page, carried in GET parameters so a view can be linked to. */
export interface ScorecardFilters {
  condition: string | null;
  status: PathwayStatus | null;
  sector: string | null;
  /** Only pathways whose latest version does not meet this criterion (its id, e.g. "rcgp-5"). */
  failing: string | null;
  page: number;
}
