// The workspace scorecard, assembled from stored rows (never by re-scoring a version).
//
// Failing criteria come first everywhere: pathways with the most criteria not met lead the list,
// each pathway lists what it fails before what it passes, and the criteria overview starts with
// the criteria most often not met. A good average never hides a criterion that is not met
// (frameworks.md, "Summary numbers"). Computed results and the room's consensus ratings are kept
// side by side: a consensus rating never changes a computed status, count or percentage.
import { FRAMEWORKS } from '@/lib/scoring/frameworks';
import type { Status } from '@/lib/scoring/types';
import type {
  ConsensusRow,
  CriterionScoreRow,
  FrameworkFigures,
  HistoryRow,
  JourneySummary,
  PathwaySourceRow,
  PathwayStatus,
  RatingValue,
  ScorecardSource,
} from './types';

export const STATUS_RANK: Readonly<Record<Status, number>> = { not_met: 0, partly: 1, needs_judgement: 2, met: 3 };

/** A criterion as a column of the heatmap. */
export interface CriterionColumn {
  id: string;
  frameworkId: string;
  /** e.g. "RCGP 1", "NV 12". */
  label: string;
  title: string;
}

export interface FrameworkColumn {
  id: string;
  title: string;
  shortTitle: string;
  /** Framework versions the shown scores were computed with (normally one). */
  versions: string[];
}

export interface ScorecardCell {
  criterionId: string;
  status: Status;
  findings: number;
  /** The room's consensus rating, shown beside the computed status, never mixed into it. */
  consensus: { value: RatingValue; reason: string } | null;
}

export interface PathwayScorecard {
  id: string;
  title: string;
  conditions: string[];
  status: PathwayStatus;
  version: { id: string; number: number; savedAt: string; scoredAt: string | null } | null;
  /** False when there is no saved version, or its stored scores could not be read. */
  scored: boolean;
  /** In framework order; missing frameworks are left out. */
  frameworks: FrameworkFigures[];
  notMet: number;
  partly: number;
  needsJudgement: number;
  /** Keyed by criterion id. */
  cells: Record<string, ScorecardCell>;
  /** Criteria not met, then partly met, then needing judgement, in framework order within each. */
  failing: { criterionId: string; label: string; title: string; status: Status }[];
  /**
   * `differs`: the room's rating differs from a computed met, partly met or not met. `judged`: the
   * room rated a criterion that needs a human judgement, so it supplied the judgement (never a difference).
   */
  consensus: { rated: number; notMet: number; differs: number; judged: number };
  journey: JourneySummary | null;
}

export interface CriterionOverview extends CriterionColumn {
  counts: Record<Status, number>;
  /** Pathways where the room recorded a consensus rating for this criterion. */
  rated: number;
  /** Of those, where the room's rating differs from a computed met, partly met or not met. */
  differs: number;
  /** Of those, where the criterion needs judgement and the room's rating supplies it (not a difference). */
  judged: number;
}

export interface WorkspaceScorecard {
  frameworks: FrameworkColumn[];
  columns: CriterionColumn[];
  /** Every pathway that passed the filters, failing first. */
  pathways: PathwayScorecard[];
  /** Failing first. */
  criteria: CriterionOverview[];
  totals: {
    pathways: number;
    scored: number;
    withNotMet: number;
    notMet: number;
    needsJudgement: number;
  };
}

/** "RCGP 1", "NV 12"; a local criterion keeps its id. */
export function criterionLabel(criterionId: string): string {
  const m = /^(rcgp|nv)-(\d+)$/.exec(criterionId);
  if (!m) return criterionId;
  return `${m[1] === 'rcgp' ? 'RCGP' : 'NV'} ${m[2]}`;
}

const KNOWN_COLUMNS: CriterionColumn[] = FRAMEWORKS.flatMap((f) =>
  f.criteria.map((c) => ({ id: c.id, frameworkId: f.id, label: criterionLabel(c.id), title: c.title })),
);

/**
 * The heatmap's columns: the published criteria in framework order, then any criterion found in
 * the stored rows that the framework data no longer (or not yet) lists, in stored order.
 */
export function criterionColumns(rows: readonly CriterionScoreRow[]): CriterionColumn[] {
  const columns = [...KNOWN_COLUMNS];
  const known = new Set(columns.map((c) => c.id));
  const extra = rows
    .filter((r) => !known.has(r.criterionId))
    .sort((a, b) => a.frameworkId.localeCompare(b.frameworkId) || a.position - b.position);
  for (const r of extra) {
    if (known.has(r.criterionId)) continue;
    known.add(r.criterionId);
    columns.push({ id: r.criterionId, frameworkId: r.frameworkId, label: criterionLabel(r.criterionId), title: r.criterionId });
  }
  return columns;
}

function frameworkColumns(figures: readonly FrameworkFigures[], columns: readonly CriterionColumn[]): FrameworkColumn[] {
  const versions = new Map<string, Set<string>>();
  for (const c of columns) if (!versions.has(c.frameworkId)) versions.set(c.frameworkId, new Set());
  for (const f of figures) {
    const set = versions.get(f.frameworkId) ?? new Set<string>();
    set.add(f.frameworkVersion);
    versions.set(f.frameworkId, set);
  }
  const out: FrameworkColumn[] = FRAMEWORKS.map((f) => ({
    id: f.id,
    title: f.title,
    shortTitle: f.shortTitle,
    versions: [...(versions.get(f.id) ?? [])].sort(),
  }));
  for (const [id, set] of versions) {
    if (!out.some((f) => f.id === id)) out.push({ id, title: id, shortTitle: id, versions: [...set].sort() });
  }
  return out;
}

/** Pathways with the most criteria not met first; then partly met; then needing judgement; unscored last. */
export function compareFailingFirst(a: PathwayScorecard, b: PathwayScorecard): number {
  if (a.scored !== b.scored) return a.scored ? -1 : 1;
  return (
    b.notMet - a.notMet ||
    b.partly - a.partly ||
    b.needsJudgement - a.needsJudgement ||
    a.title.localeCompare(b.title, 'en-GB') ||
    a.id.localeCompare(b.id)
  );
}

export function buildWorkspaceScorecard(source: ScorecardSource): WorkspaceScorecard {
  const columns = criterionColumns(source.criteria);
  const columnIndex = new Map(columns.map((c, i) => [c.id, i]));
  const frameworkOrder = new Map<string, number>(FRAMEWORKS.map((f, i) => [f.id, i]));

  const figuresByVersion = new Map<string, FrameworkFigures[]>();
  for (const f of source.frameworks) {
    const list = figuresByVersion.get(f.versionId) ?? [];
    const { versionId: _versionId, ...figures } = f;
    list.push(figures);
    figuresByVersion.set(f.versionId, list);
  }
  const criteriaByVersion = new Map<string, CriterionScoreRow[]>();
  for (const c of source.criteria) {
    const list = criteriaByVersion.get(c.versionId) ?? [];
    list.push(c);
    criteriaByVersion.set(c.versionId, list);
  }
  const consensusByVersion = new Map<string, Map<string, ConsensusRow>>();
  for (const r of source.consensus) {
    const map = consensusByVersion.get(r.versionId) ?? new Map<string, ConsensusRow>();
    map.set(r.criterionId, r);
    consensusByVersion.set(r.versionId, map);
  }

  const pathways = source.pathways.map((p) => pathwayScorecard(p, figuresByVersion, criteriaByVersion, consensusByVersion, columnIndex, columns, frameworkOrder));
  pathways.sort(compareFailingFirst);

  const criteria: CriterionOverview[] = columns.map((c) => ({
    ...c,
    counts: { not_met: 0, partly: 0, needs_judgement: 0, met: 0 },
    rated: 0,
    differs: 0,
    judged: 0,
  }));
  for (const p of pathways) {
    for (const cell of Object.values(p.cells)) {
      const overview = criteria[columnIndex.get(cell.criterionId) ?? -1];
      if (!overview) continue;
      overview.counts[cell.status]++;
      if (cell.consensus) {
        overview.rated++;
        if (cell.status === 'needs_judgement') overview.judged++;
        else if (cell.consensus.value !== cell.status) overview.differs++;
      }
    }
  }
  criteria.sort(
    (a, b) =>
      b.counts.not_met - a.counts.not_met ||
      b.counts.partly - a.counts.partly ||
      b.counts.needs_judgement - a.counts.needs_judgement ||
      (columnIndex.get(a.id) ?? 0) - (columnIndex.get(b.id) ?? 0),
  );

  const scored = pathways.filter((p) => p.scored);
  return {
    frameworks: frameworkColumns(source.frameworks, columns),
    columns,
    pathways,
    criteria,
    totals: {
      pathways: pathways.length,
      scored: scored.length,
      withNotMet: scored.filter((p) => p.notMet > 0).length,
      notMet: scored.reduce((n, p) => n + p.notMet, 0),
      needsJudgement: scored.reduce((n, p) => n + p.needsJudgement, 0),
    },
  };
}

function pathwayScorecard(
  p: PathwaySourceRow,
  figuresByVersion: Map<string, FrameworkFigures[]>,
  criteriaByVersion: Map<string, CriterionScoreRow[]>,
  consensusByVersion: Map<string, Map<string, ConsensusRow>>,
  columnIndex: Map<string, number>,
  columns: readonly CriterionColumn[],
  frameworkOrder: Map<string, number>,
): PathwayScorecard {
  const versionId = p.version?.id;
  const rows = versionId ? (criteriaByVersion.get(versionId) ?? []) : [];
  const figures = versionId ? [...(figuresByVersion.get(versionId) ?? [])] : [];
  figures.sort((a, b) => (frameworkOrder.get(a.frameworkId) ?? 99) - (frameworkOrder.get(b.frameworkId) ?? 99));
  const consensus = versionId ? consensusByVersion.get(versionId) : undefined;

  const cells: Record<string, ScorecardCell> = {};
  let notMet = 0;
  let partly = 0;
  let needsJudgement = 0;
  let rated = 0;
  let ratedNotMet = 0;
  let differs = 0;
  let judged = 0;
  for (const r of rows) {
    const c = consensus?.get(r.criterionId);
    cells[r.criterionId] = {
      criterionId: r.criterionId,
      status: r.status,
      findings: r.findings,
      consensus: c ? { value: c.value, reason: c.reason } : null,
    };
    if (r.status === 'not_met') notMet++;
    else if (r.status === 'partly') partly++;
    else if (r.status === 'needs_judgement') needsJudgement++;
    if (c) {
      rated++;
      if (c.value === 'not_met') ratedNotMet++;
      if (r.status === 'needs_judgement') judged++;
      else if (c.value !== r.status) differs++;
    }
  }
  const failing = rows
    .filter((r) => r.status !== 'met')
    .sort(
      (a, b) =>
        STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
        (columnIndex.get(a.criterionId) ?? 0) - (columnIndex.get(b.criterionId) ?? 0),
    )
    .map((r) => {
      const col = columns[columnIndex.get(r.criterionId) ?? -1];
      return { criterionId: r.criterionId, label: criterionLabel(r.criterionId), title: col?.title ?? r.criterionId, status: r.status };
    });
  return {
    id: p.id,
    title: p.title,
    conditions: p.conditions,
    status: p.status,
    version: p.version,
    scored: p.version !== null && p.journey !== null && rows.length > 0,
    frameworks: figures,
    notMet,
    partly,
    needsJudgement,
    cells,
    failing,
    consensus: { rated, notMet: ratedNotMet, differs, judged },
    journey: p.journey,
  };
}

/** One page of the pathways. Pages count from 1; a page past the end shows the last one. */
export function paginate<T>(items: readonly T[], page: number, size: number) {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const number = Math.min(Math.max(1, Math.floor(page)), pages);
  const start = (number - 1) * size;
  return { number, pages, size, total: items.length, first: start + 1, items: items.slice(start, start + size) };
}

export interface TrendPoint {
  number: number;
  savedAt: string;
  percent: number | null;
  /** The version of the framework's rules the score was worked out with, when known. */
  frameworkVersion?: string;
}

/** Per pathway, per framework: its percentages over saved versions, oldest first. */
export function trendsByPathway(history: readonly HistoryRow[]): Map<string, Map<string, TrendPoint[]>> {
  const out = new Map<string, Map<string, TrendPoint[]>>();
  for (const h of history) {
    const byFramework = out.get(h.pathwayId) ?? new Map<string, TrendPoint[]>();
    const points = byFramework.get(h.frameworkId) ?? [];
    points.push({ number: h.number, savedAt: h.savedAt, percent: h.percent });
    byFramework.set(h.frameworkId, points);
    out.set(h.pathwayId, byFramework);
  }
  for (const byFramework of out.values()) for (const points of byFramework.values()) points.sort((a, b) => a.number - b.number);
  return out;
}

/** "RCGP five tests: 45% → 76% over 3 versions", for a trend's accessible name. */
export function describeTrend(frameworkTitle: string, points: readonly TrendPoint[]): string {
  const scored = points.filter((p) => p.percent !== null);
  if (points.length === 0) return `${frameworkTitle}: no saved versions`;
  if (scored.length === 0) return `${frameworkTitle}: not scored in ${points.length} ${points.length === 1 ? 'version' : 'versions'}`;
  const firstPoint = scored[0]!;
  const last = scored[scored.length - 1]!;
  if (points.length === 1) return `${frameworkTitle}: ${last.percent}% (one version)`;
  const change = (last.percent ?? 0) - (firstPoint.percent ?? 0);
  const direction = change > 0 ? `up ${change} points` : change < 0 ? `down ${-change} points` : 'no change';
  return `${frameworkTitle}: ${firstPoint.percent}% in version ${firstPoint.number}, ${last.percent}% in version ${last.number} (${direction})`;
}

/**
 * The engine's expected days add up the target time of every transition over the whole time on
 * the pathway, planned yearly reviews included, so it is not a wait: it is named for what it is.
 */
export const EXPECTED_DAYS_LABEL = 'Expected days between steps over the whole time on the pathway (includes planned reviews)';

export const JOURNEY_MEASURES = [
  { key: 'contacts', label: 'Contacts with a professional', short: 'Contacts' },
  { key: 'organisations', label: 'Organisations (sectors) met', short: 'Organisations' },
  { key: 'faultLineCrossings', label: 'Hand-offs between services or sectors', short: 'Hand-offs' },
  { key: 'crossingsWithoutInformation', label: 'Hand-offs with no information passed on', short: 'Hand-offs without information' },
  { key: 'expectedDays', label: EXPECTED_DAYS_LABEL, short: 'Expected days between steps' },
] as const satisfies readonly { key: keyof JourneySummary; label: string; short: string }[];

export type JourneyMeasureKey = (typeof JOURNEY_MEASURES)[number]['key'];

export function journeyValue(j: JourneySummary | null, key: JourneyMeasureKey): number | null {
  if (!j) return null;
  const v = j[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The largest value of each journey measure among the pathways, for scaling bars (at least 1). */
export function journeyMaxima(pathways: readonly { journey: JourneySummary | null }[]): Record<JourneyMeasureKey, number> {
  const max = { contacts: 1, organisations: 1, faultLineCrossings: 1, crossingsWithoutInformation: 1, expectedDays: 1 };
  for (const p of pathways) {
    for (const m of JOURNEY_MEASURES) {
      const v = journeyValue(p.journey, m.key);
      if (v !== null && v > max[m.key]) max[m.key] = v;
    }
  }
  return max;
}

/** Whole days, or one decimal place below 10; "not known" when the pathway gives no times. */
export function formatJourneyValue(key: JourneyMeasureKey, value: number | null): string {
  if (value === null) return key === 'expectedDays' ? 'Not known' : '–';
  if (key === 'expectedDays') return value < 10 ? value.toFixed(1) : String(Math.round(value));
  return String(Math.round(value * 10) / 10);
}
