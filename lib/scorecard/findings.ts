// Drill-down: one version's stored result (or the working copy scored now), criterion by
// criterion, failing first, each finding naming its step or transition and linking to it in the
// editor. Reads the stored JSON leniently: a version saved by an older engine still shows what it can.
import { z } from 'zod';
import { FRAMEWORKS } from '@/lib/scoring/frameworks';
import type { Status } from '@/lib/scoring/types';
import { STATUS_RANK, criterionLabel } from './model';
import type { ConsensusRow, RatingValue } from './types';

const StatusSchema = z.enum(['met', 'partly', 'not_met', 'needs_judgement']);
const count = z.number().int().nonnegative().catch(0);

const StoredCriterionSchema = z.object({
  id: z.string(),
  title: z.string().catch(''),
  status: StatusSchema,
  score: z.number().nullable().catch(null),
  measure: z.string().catch(''),
  evidence: z.array(z.string()).catch([]),
  findings: z
    .array(
      z.object({
        target: z.string(),
        targetKind: z.enum(['step', 'transition']).optional().catch(undefined),
        message: z.string(),
        suggestion: z.string().catch(''),
      }),
    )
    .catch([]),
  advice: z.array(z.object({ message: z.string(), suggestion: z.string().catch('') })).catch([]),
  rule: z.string().catch(''),
});

const StoredFrameworkSchema = z.object({
  id: z.string(),
  version: z.string().catch(''),
  title: z.string().catch(''),
  score: z.number().nullable().catch(null),
  percent: z.number().nullable().catch(null),
  scored: count,
  notMet: count,
  needsJudgement: count,
  criteria: z.array(StoredCriterionSchema),
});

const StoredJourneySchema = z.object({
  steps: count,
  contacts: count,
  sectors: z.array(z.string()).catch([]),
  distinctSectors: count,
  transitionsCrossingFaultLines: count,
  crossingsWithoutInformation: count,
  crossingsWithoutInformationIds: z.array(z.string()).catch([]),
  repeatedAssessments: count,
  repeatedAssessmentIds: z.array(z.string()).catch([]),
  expected: z
    .object({ days: z.number(), contacts: z.number(), steps: z.number().catch(0), converged: z.boolean().catch(true) })
    .nullable()
    .catch(null),
});

export const StoredScoresSchema = z.object({
  scoredAt: z.string().optional().catch(undefined),
  frameworks: z.array(StoredFrameworkSchema).min(1),
  journey: StoredJourneySchema.nullable().catch(null),
});

export type StoredScores = z.infer<typeof StoredScoresSchema>;
export type StoredJourney = z.infer<typeof StoredJourneySchema>;

/** The stored scores of a version, or null when they are missing or cannot be read. */
export function readStoredScores(json: unknown): StoredScores | null {
  const parsed = StoredScoresSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** What a step or transition is called, for people: a step's title; a transition's "from → to". */
export function targetLabels(document: unknown): Map<string, { kind: 'step' | 'transition'; label: string }> {
  const out = new Map<string, { kind: 'step' | 'transition'; label: string }>();
  const doc = document as { steps?: unknown; transitions?: unknown } | null;
  const steps = Array.isArray(doc?.steps) ? (doc.steps as { id?: unknown; title?: unknown }[]) : [];
  const titles = new Map<string, string>();
  for (const s of steps) {
    if (typeof s?.id !== 'string') continue;
    const title = typeof s.title === 'string' && s.title.trim() ? s.title : s.id;
    titles.set(s.id, title);
    out.set(s.id, { kind: 'step', label: title });
  }
  const transitions = Array.isArray(doc?.transitions) ? (doc.transitions as { id?: unknown; from?: unknown; to?: unknown }[]) : [];
  for (const t of transitions) {
    if (typeof t?.from !== 'string' || typeof t.to !== 'string') continue;
    const id = typeof t.id === 'string' ? t.id : `${t.from}->${t.to}`;
    out.set(id, { kind: 'transition', label: `${titles.get(t.from) ?? t.from} → ${titles.get(t.to) ?? t.to}` });
  }
  return out;
}

/** The editor, opened with a step or transition selected (the editor honours `select`). */
export function editorHref(workspaceSlug: string, pathwayId: string, targetId?: string): string {
  const base = `/w/${encodeURIComponent(workspaceSlug)}/pathways/${encodeURIComponent(pathwayId)}/edit`;
  return targetId ? `${base}?select=${encodeURIComponent(targetId)}` : base;
}

export interface FindingDetail {
  target: string;
  targetKind: 'step' | 'transition';
  /** The step's title, or "From → To"; the id when the document no longer has it. */
  targetLabel: string;
  /** False when the version's document does not name the target (it is shown by id). */
  known: boolean;
  /** False when the working copy (what the editor opens) no longer has the target. */
  inWorkingCopy: boolean;
  message: string;
  suggestion: string;
  /** The editor with the target selected; null when the working copy no longer has it. */
  editorHref: string | null;
}

/** A step or transition the journey figures name, linked only while the working copy still has it. */
export interface JourneyTarget {
  id: string;
  label: string;
  inWorkingCopy: boolean;
  editorHref: string | null;
}

export interface CriterionDetail {
  id: string;
  label: string;
  title: string;
  status: Status;
  score: number | null;
  measure: string;
  rule: string;
  evidence: number;
  findings: FindingDetail[];
  advice: { message: string; suggestion: string }[];
  /** The room's consensus rating, side by side with the computed status. */
  consensus: { value: RatingValue; reason: string } | null;
}

export interface FrameworkDetail {
  id: string;
  title: string;
  shortTitle: string;
  version: string;
  score: number | null;
  percent: number | null;
  scored: number;
  notMet: number;
  needsJudgement: number;
  /** In framework order (for the radar chart and its table). */
  criteria: CriterionDetail[];
  /** Failing first: not met, partly met, needs judgement, met. */
  worstFirst: CriterionDetail[];
}

export interface JourneyDetail {
  steps: number;
  contacts: number;
  organisations: number;
  sectors: string[];
  faultLineCrossings: number;
  crossingsWithoutInformation: JourneyTarget[];
  repeatedAssessments: JourneyTarget[];
  expectedDays: number | null;
  expectedContacts: number | null;
}

export interface PathwayFindings {
  scoredAt: string | null;
  frameworks: FrameworkDetail[];
  journey: JourneyDetail | null;
  /** Findings across both frameworks. */
  totalFindings: number;
}

export function buildPathwayFindings(options: {
  scores: StoredScores;
  document: unknown;
  /**
   * The pathway's working copy, which the editor opens: a finding links to the editor only when
   * the working copy still has its step or transition. Left out when `document` is the working copy.
   */
  workingCopy?: unknown;
  consensus: readonly ConsensusRow[];
  workspaceSlug: string;
  pathwayId: string;
}): PathwayFindings {
  const labels = targetLabels(options.document);
  const current = options.workingCopy === undefined ? labels : targetLabels(options.workingCopy);
  const consensus = new Map(options.consensus.map((c) => [c.criterionId, c]));
  const link = (id: string) => (current.has(id) ? editorHref(options.workspaceSlug, options.pathwayId, id) : null);
  const describe = (target: string, kind?: 'step' | 'transition') => {
    const known = labels.get(target);
    return {
      targetKind: known?.kind ?? kind ?? (target.includes('->') ? 'transition' : 'step'),
      targetLabel: known?.label ?? target,
      known: known !== undefined,
      inWorkingCopy: current.has(target),
    };
  };
  const journeyTarget = (id: string, kind: 'step' | 'transition'): JourneyTarget => {
    const d = describe(id, kind);
    return { id, label: d.targetLabel, inWorkingCopy: d.inWorkingCopy, editorHref: link(id) };
  };
  const order = new Map<string, number>(FRAMEWORKS.map((f, i) => [f.id, i]));
  let totalFindings = 0;
  const frameworks = [...options.scores.frameworks]
    .sort((a, b) => (order.get(a.id) ?? 99) - (order.get(b.id) ?? 99))
    .map((f): FrameworkDetail => {
      const def = FRAMEWORKS.find((d) => d.id === f.id);
      const criteria = f.criteria.map((c): CriterionDetail => {
        const room = consensus.get(c.id);
        totalFindings += c.findings.length;
        return {
          id: c.id,
          label: criterionLabel(c.id),
          title: c.title || def?.criteria.find((d) => d.id === c.id)?.title || c.id,
          status: c.status,
          score: c.score,
          measure: c.measure,
          rule: c.rule,
          evidence: c.evidence.length,
          findings: c.findings.map((x) => ({
            target: x.target,
            ...describe(x.target, x.targetKind),
            message: x.message,
            suggestion: x.suggestion,
            editorHref: link(x.target),
          })),
          advice: c.advice,
          consensus: room ? { value: room.value, reason: room.reason } : null,
        };
      });
      const worstFirst = criteria
        .map((c, i) => ({ c, i }))
        .sort((a, b) => STATUS_RANK[a.c.status] - STATUS_RANK[b.c.status] || a.i - b.i)
        .map((x) => x.c);
      return {
        id: f.id,
        title: f.title || def?.title || f.id,
        shortTitle: def?.shortTitle ?? f.title ?? f.id,
        version: f.version,
        score: f.score,
        percent: f.percent,
        scored: f.scored,
        notMet: f.notMet,
        needsJudgement: f.needsJudgement,
        criteria,
        worstFirst,
      };
    });
  const j = options.scores.journey;
  const journey: JourneyDetail | null = j
    ? {
        steps: j.steps,
        contacts: j.contacts,
        organisations: j.distinctSectors,
        sectors: j.sectors,
        faultLineCrossings: j.transitionsCrossingFaultLines,
        crossingsWithoutInformation: j.crossingsWithoutInformationIds.map((id) => journeyTarget(id, 'transition')),
        repeatedAssessments: j.repeatedAssessmentIds.map((id) => journeyTarget(id, 'step')),
        expectedDays: j.expected?.days ?? null,
        expectedContacts: j.expected?.contacts ?? null,
      }
    : null;
  return { scoredAt: options.scores.scoredAt ?? null, frameworks, journey, totalFindings };
}
