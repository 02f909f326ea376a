import { can, type Actor } from '@/lib/auth/can';
import { getPrisma } from '@/lib/db/client';
import { parsePathway } from '@/lib/pathway/validate';
import { describeVersionChanges, type VersionChanges } from '@/lib/scorecard/changes';
import { describeMissingVersion } from '@/lib/scorecard/format';
import { buildPathwayFindings, readStoredScores, type PathwayFindings } from '@/lib/scorecard/findings';
import type { TrendPoint } from '@/lib/scorecard/model';
import type { ConsensusRow, PathwayStatus, RatingValue } from '@/lib/scorecard/types';
import { FRAMEWORKS } from '@/lib/scoring/frameworks';
import { scoreForStorage } from './scores';
import { todayIso } from './results';

/** Which result to show: a saved version by number, the latest saved one, or the working copy scored now. */
export type VersionChoice = { kind: 'latest' } | { kind: 'number'; number: number } | { kind: 'working' };

export function parseVersionChoice(value: string | readonly string[] | undefined | null): VersionChoice {
  const v = typeof value === 'string' ? value : value?.[0];
  if (v === 'working') return { kind: 'working' };
  const n = Number.parseInt(v ?? '', 10);
  return Number.isFinite(n) && n >= 1 && String(n) === v ? { kind: 'number', number: n } : { kind: 'latest' };
}

export interface VersionListItem {
  id: string;
  number: number;
  savedAt: string;
  note: string;
  author: string | null;
}

export interface PathwayScorecardView {
  workspace: { id: string; slug: string; name: string };
  pathway: { id: string; title: string; conditions: string[]; status: PathwayStatus };
  versions: VersionListItem[];
  /** What is shown: a saved version, or the working copy scored for this request. */
  shown: { kind: 'version'; version: VersionListItem } | { kind: 'working' } | { kind: 'none' };
  /** Null when nothing could be shown (no version, unreadable stored scores, invalid working copy). */
  findings: PathwayFindings | null;
  problem: string | null;
  /** The version number a link asked for that this pathway does not have, or null. */
  missingVersion: number | null;
  trend: { frameworkId: string; points: TrendPoint[] }[];
  /** For a saved version with one before it: what changed since that one. Null otherwise. */
  changes: VersionChanges | null;
}

/**
 * One pathway's scorecard: a saved version's stored result (or the working copy scored now),
 * the room's consensus ratings for that version, and scores over every saved version.
 * Null when the pathway is not in that workspace, or the actor may not see its scorecard.
 */
export async function getPathwayScorecard(options: {
  actor: Actor;
  workspaceSlug: string;
  pathwayId: string;
  choice: VersionChoice;
  now?: Date;
}): Promise<PathwayScorecardView | null> {
  const { actor, workspaceSlug, pathwayId, choice } = options;
  const prisma = getPrisma();
  const pathway = await prisma.pathway.findFirst({
    where: { id: pathwayId, workspace: { slug: workspaceSlug, memberships: { some: { userId: actor.userId } } } },
    select: {
      id: true,
      title: true,
      conditions: true,
      status: true,
      document: true,
      workspace: { select: { id: true, slug: true, name: true } },
    },
  });
  if (!pathway || !can(actor, 'workspace:viewScorecard', { type: 'workspace', workspaceId: pathway.workspace.id })) return null;

  const [versionRows, history] = await Promise.all([
    prisma.pathwayVersion.findMany({
      where: { pathwayId },
      orderBy: { number: 'asc' },
      select: { id: true, number: true, createdAt: true, note: true, author: { select: { name: true } } },
    }),
    prisma.$queryRaw<{ number: number; savedAt: Date; frameworkId: string; frameworkVersion: string; percent: number | null }[]>`
      SELECT s."number", s."savedAt", f."frameworkId", f."frameworkVersion", f."percent"
      FROM "VersionScoreSummary" s JOIN "VersionFrameworkScore" f ON f."versionId" = s."versionId"
      WHERE s."pathwayId" = ${pathwayId}
      ORDER BY s."number"`,
  ]);
  const versions: VersionListItem[] = versionRows.map((v) => ({
    id: v.id,
    number: v.number,
    savedAt: v.createdAt.toISOString(),
    note: v.note,
    author: v.author?.name ?? null,
  }));
  const trend = FRAMEWORKS.map((f) => ({
    frameworkId: f.id,
    points: history
      .filter((h) => h.frameworkId === f.id)
      // The rules each version was scored with: a change of rules is not the pathway getting worse.
      .map((h) => ({ number: h.number, savedAt: h.savedAt.toISOString(), percent: h.percent, frameworkVersion: h.frameworkVersion })),
  }));

  const base = {
    workspace: pathway.workspace,
    pathway: { id: pathway.id, title: pathway.title, conditions: pathway.conditions, status: pathway.status as PathwayStatus },
    versions,
    trend,
    missingVersion: null,
    changes: null,
  };

  if (choice.kind === 'working') {
    const parsed = parsePathway(pathway.document);
    if (!parsed.ok) {
      return { ...base, shown: { kind: 'working' }, findings: null, problem: 'The working copy has problems to fix in the editor before it can be scored.' };
    }
    // One pathway, scored for this request only: the same engine and facts as a saved version.
    const scores = scoreForStorage(parsed.pathway, { versionCount: versions.length, today: todayIso(options.now) });
    const stored = readStoredScores(JSON.parse(JSON.stringify(scores)));
    return {
      ...base,
      shown: { kind: 'working' },
      findings: stored ? buildPathwayFindings({ scores: stored, document: parsed.pathway, consensus: [], workspaceSlug, pathwayId }) : null,
      problem: stored ? null : 'The working copy could not be scored.',
    };
  }

  const version = choice.kind === 'number' ? versions.find((v) => v.number === choice.number) : versions[versions.length - 1];
  if (!version) {
    return {
      ...base,
      shown: { kind: 'none' },
      findings: null,
      missingVersion: choice.kind === 'number' ? choice.number : null,
      problem:
        choice.kind === 'number'
          ? describeMissingVersion(
              choice.number,
              versions.map((v) => v.number),
            )
          : 'This pathway has no saved version yet, so it has no stored scores.',
    };
  }
  // The version saved before this one, to say what changed since.
  const previous = versions.filter((v) => v.number < version.number).pop() ?? null;
  const [row, previousRow, ratings] = await Promise.all([
    prisma.pathwayVersion.findUnique({ where: { id: version.id }, select: { document: true, scores: true } }),
    previous
      ? prisma.pathwayVersion.findUnique({ where: { id: previous.id }, select: { document: true, scores: true } })
      : Promise.resolve(null),
    prisma.$queryRaw<{ criterionId: string; value: RatingValue; reason: string }[]>`
      SELECT DISTINCT ON ("criterionId") "criterionId", "value"::text AS "value", "reason"
      FROM "CriterionRating" WHERE "kind" = 'consensus' AND "versionId" = ${version.id}
      ORDER BY "criterionId", "updatedAt" DESC`,
  ]);
  const stored = readStoredScores(row?.scores);
  const consensus: ConsensusRow[] = ratings.map((r) => ({ ...r, versionId: version.id }));
  const changes =
    previous && previousRow
      ? describeVersionChanges({
          from: { ...previous, document: previousRow.document, scores: readStoredScores(previousRow.scores) },
          to: { ...version, document: row?.document, scores: stored },
        })
      : null;
  return {
    ...base,
    changes,
    shown: { kind: 'version', version },
    findings: stored ? buildPathwayFindings({ scores: stored, document: row?.document, workingCopy: pathway.document, consensus, workspaceSlug, pathwayId }) : null,
    problem: stored ? null : 'The scores stored with this version cannot be read.',
  };
}
