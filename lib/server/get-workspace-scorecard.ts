import { can, type Actor } from '@/lib/auth/can';
import { getPrisma } from '@/lib/db/client';
import { buildWorkspaceScorecard, paginate, trendsByPathway, type TrendPoint, type WorkspaceScorecard } from '@/lib/scorecard/model';
import { readSummaryColumns } from '@/lib/scorecard/rows';
import type { ConsensusRow, HistoryRow, PathwayStatus, ScorecardFilters, ScorecardSource } from '@/lib/scorecard/types';
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
  frameworks: unknown;
  criteria: unknown;
}

/**
 * The scorecard of a workspace: every pathway (as filtered) with its latest saved version's stored
 * results, the room's consensus ratings beside them, and trends for one page of pathways.
 * Null when the workspace does not exist or the actor may not see its scorecard (the same answer).
 *
 * Everything is read from the VersionScoreSummary/VersionFrameworkScore/VersionCriterionScore rows
 * that a trigger writes from each version's stored scores when it is saved: nothing is re-scored,
 * and no version's stored JSON is read here.
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
  // another workspace's pathways, whatever it is given. One row per pathway carries everything the
  // page needs (the summary's compact framework and criterion columns), so 200 pathways are one
  // small query rather than thousands of criterion rows.
  const [pathwayRows, conditionRows] = await Promise.all([
    prisma.$queryRaw<PathwayQueryRow[]>`
      SELECT p."id", p."title", p."conditions", p."status"::text AS "status",
             v."id" AS "versionId", v."number", v."createdAt" AS "savedAt",
             s."scoredAt", s."steps", s."contacts", s."organisations", s."sectors", s."faultLineCrossings",
             s."crossingsWithoutInformation", s."repeatedAssessments", s."expectedDays", s."expectedContacts",
             s."frameworks", s."criteria"
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
        AND (${filters.sector}::text IS NULL OR ${filters.sector}::text = ANY(s."sectors"))
        AND (${filters.failing}::text IS NULL OR EXISTS (
              SELECT 1 FROM "VersionCriterionScore" c
              WHERE c."versionId" = v."id" AND c."criterionId" = ${filters.failing}::text AND c."status" = 'not_met'))`,
    prisma.$queryRaw<{ condition: string }[]>`
      SELECT DISTINCT unnest(p."conditions") AS "condition" FROM "Pathway" p
      WHERE p."workspaceId" = ${workspace.id}
        AND EXISTS (SELECT 1 FROM "Membership" m WHERE m."workspaceId" = p."workspaceId" AND m."userId" = ${actor.userId})
      ORDER BY 1`,
  ]);

  const source: ScorecardSource = { pathways: [], frameworks: [], criteria: [], consensus: [] };
  for (const r of pathwayRows) {
    const scored = r.versionId !== null && r.steps !== null;
    source.pathways.push({
      id: r.id,
      title: r.title,
      conditions: r.conditions,
      status: r.status,
      version:
        r.versionId && r.number !== null && r.savedAt
          ? { id: r.versionId, number: r.number, savedAt: r.savedAt.toISOString(), scoredAt: r.scoredAt }
          : null,
      journey: scored
        ? {
            steps: r.steps ?? 0,
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
    });
    if (scored && r.versionId) {
      const columns = readSummaryColumns(r.versionId, r.frameworks, r.criteria);
      source.frameworks.push(...columns.frameworks);
      source.criteria.push(...columns.criteria);
    }
  }

  // The order (failing first) does not depend on the room's ratings, so the page is known before
  // they are read; ratings and trends are then read in parallel.
  const all = options.page === 'all';
  const ordered = buildWorkspaceScorecard(source);
  const size = all ? Math.max(1, ordered.pathways.length) : (options.pageSize ?? SCORECARD_PAGE_SIZE);
  const pageNumber = typeof options.page === 'number' ? options.page : all ? 1 : filters.page;
  const versionIds = source.pathways.flatMap((p) => (p.version ? [p.version.id] : []));
  const pageIds = paginate(ordered.pathways, pageNumber, size).items.filter((p) => p.version).map((p) => p.id);
  const [consensusRows, history] = await Promise.all([
    versionIds.length
      ? // The room's latest consensus per criterion. Individual ratings are not shown: they may
        // not have been revealed to the room yet (issue 5).
        prisma.$queryRaw<ConsensusRow[]>`
          SELECT DISTINCT ON ("versionId", "criterionId") "versionId", "criterionId", "value"::text AS "value", "reason"
          FROM "CriterionRating"
          WHERE "kind" = 'consensus' AND "versionId" = ANY(${versionIds}::text[])
          ORDER BY "versionId", "criterionId", "updatedAt" DESC`
      : Promise.resolve([]),
    !all && pageIds.length
      ? prisma.$queryRaw<(Omit<HistoryRow, 'savedAt'> & { savedAt: Date })[]>`
          SELECT s."pathwayId", s."number", s."savedAt", f."frameworkId", f."percent"
          FROM "VersionScoreSummary" s JOIN "VersionFrameworkScore" f ON f."versionId" = s."versionId"
          WHERE s."pathwayId" = ANY(${pageIds}::text[])`
      : Promise.resolve([]),
  ]);

  const scorecard = consensusRows.length ? buildWorkspaceScorecard({ ...source, consensus: consensusRows }) : ordered;
  const page = paginate(scorecard.pathways, pageNumber, size);
  const trends = trendsByPathway(history.map((h) => ({ ...h, savedAt: h.savedAt.toISOString() })));

  return {
    workspace: { id: workspace.id, slug: workspace.slug, name: workspace.name },
    conditions: conditionRows.map((r) => r.condition),
    scorecard,
    page,
    trends,
  };
}
