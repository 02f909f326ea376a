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
  return { scoredAt: scores.scoredAt ?? '', journey, frameworks, criteria };
}
