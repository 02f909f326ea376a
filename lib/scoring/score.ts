// scorePathway: the whole engine in one call. Pure: no clock, no I/O, no randomness, so the same
// pathway, collaboration record and options always give the same result, in the browser or on
// the server.
import type { Pathway } from '../pathway/schema';
import { releaseArena, takeArena } from './arena';
import { PathwayContext } from './context';
import { FRAMEWORKS } from './frameworks';
import { journeyFigures, type JourneyFigures } from './journey';
import type { CollaborationFacts, Rule } from './result';
import { nv1, nv10, nv11, nv12, nv2, nv3, nv4, nv5, nv6, nv7, nv8, nv9 } from './rules/nv';
import { rcgp1, rcgp2, rcgp3, rcgp4, rcgp5 } from './rules/rcgp';
import type {
  CollaborationRecord,
  CriterionId,
  CriterionResult,
  Finding,
  FrameworkResult,
  ScoreOptions,
} from './types';

export const RULES: Readonly<Record<CriterionId, Rule>> = {
  'rcgp-1': rcgp1,
  'rcgp-2': rcgp2,
  'rcgp-3': rcgp3,
  'rcgp-4': rcgp4,
  'rcgp-5': rcgp5,
  'nv-1': nv1,
  'nv-2': nv2,
  'nv-3': nv3,
  'nv-4': nv4,
  'nv-5': nv5,
  'nv-6': nv6,
  'nv-7': nv7,
  'nv-8': nv8,
  'nv-9': nv9,
  'nv-10': nv10,
  'nv-11': nv11,
  'nv-12': nv12,
};

export interface ScoreResult {
  pathway: { title: string };
  frameworks: FrameworkResult[];
  journey: JourneyFigures;
}

/** Reduce the collaboration record to the facts the rules use. Unknown stays unknown. */
export function collaborationFacts(record: CollaborationRecord | undefined): CollaborationFacts {
  let byRole: Map<string, number> | undefined;
  if (record?.participants) {
    byRole = new Map();
    for (const p of record.participants) {
      const n = Number.isFinite(p.contributions) && p.contributions > 0 ? p.contributions : 0;
      byRole.set(p.role, (byRole.get(p.role) ?? 0) + n);
    }
  }
  const v = record?.versionCount;
  return { contributionsByRole: byRole, versionCount: typeof v === 'number' && Number.isFinite(v) ? v : undefined };
}

/** Mean over criteria that do not need judgement (frameworks.md "Summary numbers"). */
export function summarise(criteria: readonly CriterionResult[]): {
  score: number | null;
  percent: number | null;
  scored: number;
  needsJudgement: number;
  notMet: number;
} {
  let sum = 0;
  let scored = 0;
  let needsJudgement = 0;
  let notMet = 0;
  for (const c of criteria) {
    if (c.status === 'needs_judgement' || c.score === null) {
      needsJudgement++;
      continue;
    }
    scored++;
    sum += c.score;
    if (c.status === 'not_met') notMet++;
  }
  const score = scored === 0 ? null : Math.round((sum / scored) * 1000) / 1000;
  return { score, percent: score === null ? null : Math.round(score * 100), scored, needsJudgement, notMet };
}

/** Score a parsed pathway against both frameworks and compute its journey figures. */
export function scorePathway(pathway: Pathway, collab?: CollaborationRecord, options: ScoreOptions = {}): ScoreResult {
  // The context's typed arrays live in an arena reused from run to run (see ./arena). Nothing in
  // the result holds one, and the context is not used after this function returns.
  const arena = takeArena();
  try {
    const ctx = new PathwayContext(pathway, arena);
    const input = { ctx, collab: collaborationFacts(collab), today: options.today };
    const frameworks: FrameworkResult[] = FRAMEWORKS.map((f) => {
      const criteria = f.criteria.map((c) => RULES[c.id](input));
      return { id: f.id, version: f.version, title: f.title, ...summarise(criteria), criteria };
    });
    return { pathway: { title: pathway.title }, frameworks, journey: journeyFigures(ctx) };
  } finally {
    releaseArena(arena);
  }
}

/** One criterion's findings, tagged with where they came from. */
export interface TargetedFinding extends Finding {
  criterion: CriterionId;
  status: CriterionResult['status'];
  rule: string;
}

/**
 * Findings grouped by the step or transition they point at, for badges on the canvas.
 * Within a target, findings are in framework and criterion order.
 */
export function findingsByTarget(result: ScoreResult): Map<string, TargetedFinding[]> {
  const map = new Map<string, TargetedFinding[]>();
  for (const f of result.frameworks) {
    for (const c of f.criteria) {
      for (const finding of c.findings) {
        const list = map.get(finding.target);
        const item: TargetedFinding = { ...finding, criterion: c.id, status: c.status, rule: c.rule };
        if (list) list.push(item);
        else map.set(finding.target, [item]);
      }
    }
  }
  return map;
}

/** Criteria, failing first (frameworks.md: never hide a not-met behind a good average). */
export function criteriaWorstFirst(criteria: readonly CriterionResult[]): CriterionResult[] {
  const rank = { not_met: 0, partly: 1, needs_judgement: 2, met: 3 } as const;
  return [...criteria].sort((a, b) => rank[a.status] - rank[b.status]);
}

/** The JSON shape the `score` command prints (issue 3). */
export interface ScoreJson {
  pathway: { title: string };
  frameworks: {
    id: string;
    version: string;
    score: number | null;
    percent: number | null;
    needsJudgement: number;
    notMet: number;
    criteria: {
      id: string;
      title: string;
      status: string;
      score: number | null;
      measure: string;
      evidence: string[];
      findings: { target: string; message: string; suggestion: string }[];
      advice: { message: string; suggestion: string }[];
      rule: string;
    }[];
  }[];
  journey: JourneyFigures;
}

export function scoreResultToJSON(result: ScoreResult): ScoreJson {
  return {
    pathway: { title: result.pathway.title },
    frameworks: result.frameworks.map((f) => ({
      id: f.id,
      version: f.version,
      score: f.score,
      percent: f.percent,
      needsJudgement: f.needsJudgement,
      notMet: f.notMet,
      criteria: f.criteria.map((c) => ({
        id: c.id,
        title: c.title,
        status: c.status,
        score: c.score,
        measure: c.measure,
        evidence: [...c.evidence],
        findings: c.findings.map((x) => ({ target: x.target, message: x.message, suggestion: x.suggestion })),
        advice: c.advice.map((x) => ({ message: x.message, suggestion: x.suggestion })),
        rule: c.rule,
      })),
    })),
    journey: result.journey,
  };
}
