import { can, type Actor } from '@/lib/auth/can';
import { getPrisma } from '@/lib/db/client';
import { diffPathways, diffScores, type PathwayDiff, type ScoreDiff, type ScoresLike } from '@/lib/pathway/diff';
import type { Pathway } from '@/lib/pathway/schema';
import { parsePathway } from '@/lib/pathway/validate';
import { todayIso } from './results';
import { scoreForStorage } from './scores';
import { inActorsWorkspaces } from './scope';

/** Compare against the working copy instead of a saved version. */
export const WORKING_COPY = 'draft';

export interface ComparedSide {
  /** Version id, or "draft" for the working copy. */
  id: string;
  /** Version number; null for the working copy. */
  number: number | null;
  note: string | null;
  createdAt: string;
  authorName: string | null;
  document: Pathway;
}

export interface VersionComparison {
  pathwayId: string;
  from: ComparedSide;
  to: ComparedSide;
  /** From `from` to `to`: steps and transitions added, removed and changed, metadata changed. */
  changes: PathwayDiff;
  /** Per framework and criterion, from the scores stored with each version. */
  scores: ScoreDiff;
}

function isScores(value: unknown): value is ScoresLike {
  return typeof value === 'object' && value !== null && Array.isArray((value as { frameworks?: unknown }).frameworks);
}

/**
 * Compare two versions of one pathway (or a version and the working copy, id "draft"): what
 * changed in the care, and the score change for each criterion, using the scores stored with
 * each version. Null when the pathway or either version is not there or not visible to the actor.
 */
export async function compareVersions(options: {
  actor: Actor;
  pathwayId: string;
  fromVersionId: string;
  toVersionId: string;
  now?: Date;
}): Promise<VersionComparison | null> {
  const { actor, pathwayId } = options;
  const prisma = getPrisma();
  const pathway = await prisma.pathway.findFirst({
    where: { id: pathwayId, ...inActorsWorkspaces(actor) },
    select: { id: true, workspaceId: true, document: true, updatedAt: true, _count: { select: { versions: true } } },
  });
  if (!pathway || !can(actor, 'version:view', { type: 'version', workspaceId: pathway.workspaceId, pathwayId })) return null;

  const ids = [options.fromVersionId, options.toVersionId].filter((id) => id !== WORKING_COPY);
  const versions = await prisma.pathwayVersion.findMany({
    where: { id: { in: ids }, pathwayId, pathway: inActorsWorkspaces(actor) },
    select: { id: true, number: true, note: true, createdAt: true, document: true, scores: true, author: { select: { name: true } } },
  });
  const byId = new Map(versions.map((v) => [v.id, v]));

  const side = (id: string): { side: ComparedSide; scores: ScoresLike } | null => {
    if (id === WORKING_COPY) {
      const parsed = parsePathway(pathway.document);
      if (!parsed.ok) return null;
      return {
        side: { id, number: null, note: null, createdAt: pathway.updatedAt.toISOString(), authorName: null, document: parsed.pathway },
        scores: scoreForStorage(parsed.pathway, { versionCount: pathway._count.versions, today: todayIso(options.now) }),
      };
    }
    const v = byId.get(id);
    if (!v) return null;
    const parsed = parsePathway(v.document);
    if (!parsed.ok) return null;
    // Stored scores are what the room saw at the time; re-score only a version saved without them,
    // as of the UK day it was saved (as saving a version does), not the UTC one.
    const scores = isScores(v.scores)
      ? v.scores
      : scoreForStorage(parsed.pathway, { versionCount: v.number, today: todayIso(v.createdAt) });
    return {
      side: { id, number: v.number, note: v.note, createdAt: v.createdAt.toISOString(), authorName: v.author?.name ?? null, document: parsed.pathway },
      scores,
    };
  };

  const from = side(options.fromVersionId);
  const to = side(options.toVersionId);
  if (!from || !to) return null;
  return {
    pathwayId,
    from: from.side,
    to: to.side,
    changes: diffPathways(from.side.document, to.side.document),
    scores: diffScores(from.scores, to.scores),
  };
}
