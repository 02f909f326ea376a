// The scorecard rows one saved version's stored scores spread into: the same mapping the database
// trigger "scorecard_record_version" (migration 20261123014500_scorecard) makes in SQL. Tests use
// it to build scorecards from real engine results, and to check the trigger agrees with it.
import type { CriterionScoreRow, FrameworkFigures, JourneySummary } from './types';

interface StoredLike {
  scoredAt?: string;
  frameworks: readonly {
    id: string;
    version: string;
    score: number | null;
    percent: number | null;
    scored: number;
    notMet: number;
    needsJudgement: number;
    criteria: readonly {
      id: string;
      status: CriterionScoreRow['status'];
      score: number | null;
      findings: readonly unknown[];
      advice: readonly unknown[];
      rule: string;
    }[];
  }[];
  journey: {
    steps: number;
    contacts: number;
    sectors: readonly string[];
    distinctSectors: number;
    transitionsCrossingFaultLines: number;
    crossingsWithoutInformation: number;
    repeatedAssessments: number;
    expected: { days: number; contacts: number } | null;
  };
}

export function scoreRowsFromStored(versionId: string, scores: StoredLike) {
  const j = scores.journey;
  const journey: JourneySummary = {
    steps: j.steps,
    contacts: j.contacts,
    organisations: j.distinctSectors,
    sectors: [...j.sectors],
    faultLineCrossings: j.transitionsCrossingFaultLines,
    crossingsWithoutInformation: j.crossingsWithoutInformation,
    repeatedAssessments: j.repeatedAssessments,
    expectedDays: j.expected?.days ?? null,
    expectedContacts: j.expected?.contacts ?? null,
  };
  const frameworks: (FrameworkFigures & { versionId: string })[] = scores.frameworks.map((f) => ({
    versionId,
    frameworkId: f.id,
    frameworkVersion: f.version,
    score: f.score,
    percent: f.percent,
    scored: f.scored,
    notMet: f.notMet,
    needsJudgement: f.needsJudgement,
  }));
  const criteria: CriterionScoreRow[] = scores.frameworks.flatMap((f) =>
    f.criteria.map((c, position) => ({ versionId, criterionId: c.id, frameworkId: f.id, position, status: c.status, findings: c.findings.length })),
  );
  // The VersionCriterionScore rows, with everything the table keeps.
  const criterionRows = scores.frameworks.flatMap((f) =>
    f.criteria.map((c, position) => ({
      versionId,
      criterionId: c.id,
      frameworkId: f.id,
      position,
      status: c.status,
      score: c.score,
      findings: c.findings.length,
      advice: c.advice.length,
      rule: c.rule,
    })),
  );
  // VersionScoreSummary's compact columns.
  const summaryFrameworks = frameworks.map(({ versionId: _v, ...f }) => f);
  const summaryCriteria = criteria.map((c) => [c.frameworkId, c.criterionId, c.status, c.findings] as [string, string, string, number]);
  return { scoredAt: scores.scoredAt ?? '', journey, frameworks, criteria, criterionRows, summaryFrameworks, summaryCriteria };
}

const STATUSES = new Set(['met', 'partly', 'not_met', 'needs_judgement']);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * Reads VersionScoreSummary's compact "frameworks" and "criteria" columns back into rows.
 * Anything malformed is left out rather than guessed.
 */
export function readSummaryColumns(versionId: string, frameworksJson: unknown, criteriaJson: unknown) {
  const frameworks: (FrameworkFigures & { versionId: string })[] = [];
  for (const f of Array.isArray(frameworksJson) ? frameworksJson : []) {
    const r = f as Record<string, unknown> | null;
    if (!r || typeof r.frameworkId !== 'string') continue;
    frameworks.push({
      versionId,
      frameworkId: r.frameworkId,
      frameworkVersion: typeof r.frameworkVersion === 'string' ? r.frameworkVersion : '',
      score: num(r.score),
      percent: num(r.percent),
      scored: num(r.scored) ?? 0,
      notMet: num(r.notMet) ?? 0,
      needsJudgement: num(r.needsJudgement) ?? 0,
    });
  }
  const criteria: CriterionScoreRow[] = [];
  const positions = new Map<string, number>();
  for (const c of Array.isArray(criteriaJson) ? criteriaJson : []) {
    if (!Array.isArray(c)) continue;
    const [frameworkId, criterionId, status, findings] = c as unknown[];
    if (typeof frameworkId !== 'string' || typeof criterionId !== 'string' || typeof status !== 'string' || !STATUSES.has(status)) continue;
    const position = positions.get(frameworkId) ?? 0;
    positions.set(frameworkId, position + 1);
    criteria.push({ versionId, criterionId, frameworkId, position, status: status as CriterionScoreRow['status'], findings: num(findings) ?? 0 });
  }
  return { frameworks, criteria };
}
