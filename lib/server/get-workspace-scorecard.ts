import { can, type Actor } from '@/lib/auth/can';
import { getPrisma } from '@/lib/db/client';
import { buildWorkspaceScorecard, paginate, trendsByPathway, type TrendPoint, type WorkspaceScorecard } from '@/lib/scorecard/model';
import type {
  ConsensusRow,
  CriterionScoreRow,
  FrameworkFigures,
  HistoryRow,
  PathwaySourceRow,
  PathwayStatus,
  RatingValue,
  ScorecardFilters,
} from '@/lib/scorecard/types';
import type { Status } from '@/lib/scoring/types';
import { getWorkspaceForActor } from './workspaces';

export const SCORECARD_PAGE_SIZE = 25;

export interface WorkspaceScorecardView {
  workspace: { id: string; slug: string; name: string };
  /** Every condition named by a pathway of the workspace, for the filter. */
  conditions: string[];
  scorecard: WorkspaceScorecard;
  page: ReturnType<typeof paginate<WorkspaceScorecard['pathways'][number]>>;
  /** Scores over saved versions, for the pathways on this page: pathway → framework → points. */
  trends: Map<string, Map<string, TrendPoint[]>>;
}

interface PathwayQueryRow {
  id: string;
  title: string;
  conditions: string[];
  status: PathwayStatus;
  versionId: string | null;
  number: number | null;
  savedAt: Date | null;
  scoredAt: string | null;
  steps: number | null;
  contacts: number | null;
  organisations: number | null;
  sectors: string[] | null;
  faultLineCrossings: number | null;
  crossingsWithoutInformation: number | null;
  repeatedAssessments: number | null;
  expectedDays: number | null;
  expectedContacts: number | null;
}

/**
 * The scorecard of a workspace: every pathway (as filtered) with its latest saved version's stored
 * results, the room's consensus ratings beside them, and trends for one page of pathways.
 * Null when the workspace does not exist or the actor may not see its scorecard (the same answer).
 *
 * Everything is read from the Version*Score rows that a trigger writes from each version's stored
 * scores when it is saved: nothing is re-scored, and no version's JSON is read here.
 * With `page: 'all'` (exports) every pathway is on the one page and no trends are read.
 */
export async function getWorkspaceScorecard(options: {
  actor: Actor;
  workspaceSlug: string;
  filters: ScorecardFilters;
  page?: 'all' | number;
  pageSize?: number;
}): Promise<WorkspaceScorecardView | null> {
  const { actor, filters } = options;
  const workspace = await getWorkspaceForActor(actor, options.workspaceSlug);
  if (!workspace || !can(actor, 'workspace:viewScorecard', { type: 'workspace', workspaceId: workspace.id })) return null;
  const prisma = getPrisma();

  // The membership test sits inside the query as well as in can(): a query that cannot return
  // another workspace's pathways, whatever it is given.
  const [pathwayRows, conditionRows] = await Promise.all([
    prisma.$queryRaw<PathwayQueryRow[]>`
      SELECT p."id", p."title", p."conditions", p."status"::text AS "status",
             v."id" AS "versionId", v."number", v."createdAt" AS "savedAt",
             s."scoredAt", s."steps", s."contacts", s."organisations", s."sectors", s."faultLineCrossings",
             s."crossingsWithoutInformation", s."repeatedAssessments", s."expectedDays", s."expectedContacts"
      FROM "Pathway" p
      LEFT JOIN LATERAL (
        SELECT pv."id", pv."number", pv."createdAt" FROM "PathwayVersion" pv
        WHERE pv."pathwayId" = p."id" ORDER BY pv."number" DESC LIMIT 1
      ) v ON true
      LEFT JOIN "VersionScoreSummary" s ON s."versionId" = v."id"
      WHERE p."workspaceId" = ${workspace.id}
        AND EXISTS (SELECT 1 FROM "Membership" m WHERE m."workspaceId" = p."workspaceId" AND m."userId" = ${actor.userId})
        AND (${filters.status}::text IS NULL OR p."status"::text = ${filters.status}::text)
        AND (${filters.condition}::text IS NULL
             OR EXISTS (SELECT 1 FROM unnest(p."conditions") c WHERE lower(c) = lower(${filters.condition}::text)))
        AND (${filters.sector}::text IS NULL OR ${filters.sector}::text = ANY(s."sectors"))`,
    prisma.$queryRaw<{ condition: string }[]>`
      SELECT DISTINCT unnest(p."conditions") AS "condition" FROM "Pathway" p
      WHERE p."workspaceId" = ${workspace.id}
        AND EXISTS (SELECT 1 FROM "Membership" m WHERE m."workspaceId" = p."workspaceId" AND m."userId" = ${actor.userId})
      ORDER BY 1`,
  ]);

  const versionIds = pathwayRows.flatMap((r) => (r.versionId ? [r.versionId] : []));
  const [frameworkRows, criterionRows, consensusRows] = versionIds.length
    ? await Promise.all([
        prisma.$queryRaw<(FrameworkFigures & { versionId: string })[]>`
          SELECT "versionId", "frameworkId", "frameworkVersion", "score", "percent", "scored", "notMet", "needsJudgement"
          FROM "VersionFrameworkScore" WHERE "versionId" = ANY(${versionIds}::text[])`,
        prisma.$queryRaw<(Omit<CriterionScoreRow, 'status'> & { status: Status })[]>`
          SELECT "versionId", "criterionId", "frameworkId", "position", "status"::text AS "status", "score", "findings", "advice", "rule"
          FROM "VersionCriterionScore" WHERE "versionId" = ANY(${versionIds}::text[])`,
        // The room's latest consensus per criterion. Individual ratings are not shown: they may
        // not have been revealed to the room yet (issue 5).
        prisma.$queryRaw<{ versionId: string; criterionId: string; value: RatingValue; reason: string }[]>`
          SELECT DISTINCT ON ("versionId", "criterionId") "versionId", "criterionId", "value"::text AS "value", "reason"
          FROM "CriterionRating"
          WHERE "kind" = 'consensus' AND "versionId" = ANY(${versionIds}::text[])
          ORDER BY "versionId", "criterionId", "updatedAt" DESC`,
      ])
    : [[], [], []];

  const pathways: PathwaySourceRow[] = pathwayRows.map((r) => ({
    id: r.id,
    title: r.title,
    conditions: r.conditions,
    status: r.status,
    version:
      r.versionId && r.number !== null && r.savedAt
        ? { id: r.versionId, number: r.number, savedAt: r.savedAt.toISOString(), scoredAt: r.scoredAt }
        : null,
    journey:
      r.steps !== null
        ? {
            steps: r.steps,
            contacts: r.contacts ?? 0,
            organisations: r.organisations ?? 0,
            sectors: r.sectors ?? [],
            faultLineCrossings: r.faultLineCrossings ?? 0,
            crossingsWithoutInformation: r.crossingsWithoutInformation ?? 0,
            repeatedAssessments: r.repeatedAssessments ?? 0,
            expectedDays: r.expectedDays,
            expectedContacts: r.expectedContacts,
          }
        : null,
  }));
  const consensus: ConsensusRow[] = consensusRows;
  const scorecard = buildWorkspaceScorecard({ pathways, frameworks: frameworkRows, criteria: criterionRows, consensus });

  const all = options.page === 'all';
  const size = all ? Math.max(1, scorecard.pathways.length) : (options.pageSize ?? SCORECARD_PAGE_SIZE);
  const page = paginate(scorecard.pathways, typeof options.page === 'number' ? options.page : all ? 1 : filters.page, size);

  let trends = new Map<string, Map<string, TrendPoint[]>>();
  const pageIds = page.items.filter((p) => p.version).map((p) => p.id);
  if (!all && pageIds.length) {
    const history = await prisma.$queryRaw<(Omit<HistoryRow, 'savedAt'> & { savedAt: Date })[]>`
      SELECT s."pathwayId", s."number", s."savedAt", f."frameworkId", f."percent"
      FROM "VersionScoreSummary" s JOIN "VersionFrameworkScore" f ON f."versionId" = s."versionId"
      WHERE s."pathwayId" = ANY(${pageIds}::text[])`;
    trends = trendsByPathway(history.map((h) => ({ ...h, savedAt: h.savedAt.toISOString() })));
  }

  return {
    workspace: { id: workspace.id, slug: workspace.slug, name: workspace.name },
    conditions: conditionRows.map((r) => r.condition),
    scorecard,
    page,
    trends,
  };
}
