import { can, type Actor } from '@/lib/auth/can';
import { getPrisma } from '@/lib/db/client';
import type { Pathway } from '@/lib/pathway/schema';
import { parsePathway } from '@/lib/pathway/validate';
import { getCollaborationRecord } from '@/lib/collab/store';
import type { Participant } from '@/lib/scoring/types';
import { fieldErrorsFrom, type FieldError } from './results';
import { participantsForScoring } from './scores';
import { inActorsWorkspaces } from './scope';

export interface EditingPermissions {
  /** Change the working copy (editor or facilitator). */
  canEdit: boolean;
  /** Comment on steps and transitions (commenter and up). */
  canComment: boolean;
  /** Save an immutable version (editor or facilitator). */
  canVersion: boolean;
}

export interface VersionSummary {
  id: string;
  number: number;
  note: string;
  createdAt: string;
  authorName: string | null;
  /** Stored framework scores, as whole percentages, e.g. { "rcgp-five-tests": 60 }. */
  percents: Record<string, number | null>;
}

export interface PathwayForEditing {
  id: string;
  workspace: { id: string; slug: string; name: string };
  title: string;
  status: 'draft' | 'in_review' | 'published' | 'retired';
  isTemplate: boolean;
  /** The working copy. Null only when the stored document is not valid (see documentErrors). */
  document: Pathway | null;
  documentErrors: FieldError[];
  /** Name this revision when saving (save-pathway-draft.ts's compare-and-set). */
  revision: number;
  updatedAt: string;
  /** Where a localised copy came from; null for an original. Title only when the actor may see it. */
  /** Where a copy came from; its ids and title only when the actor may see that pathway. */
  source: { pathwayId: string | null; versionId: string | null; title: string | null } | null;
  permissions: EditingPermissions;
  /** Newest first. */
  versions: VersionSummary[];
  /** Who has taken part so far, by role (the collaboration record for NV 6 and NV 9); absent when no one has. */
  participants?: readonly Participant[];
  /**
   * Step and transition ids used before and not in the working copy: in a saved version, or
   * pinned by a comment or a dot vote. The editor never gives them to a new step or transition,
   * so a new step does not inherit a removed one's comments, votes or place in comparisons.
   */
  retiredIds: string[];
}

/** Ids the pathway has used before (see PathwayForEditing.retiredIds), the working copy's included. */
export async function usedIds(pathwayId: string): Promise<string[]> {
  const rows = await getPrisma().$queryRaw<{ id: string }[]>`
    SELECT DISTINCT id FROM (
      SELECT jsonb_array_elements(CASE WHEN jsonb_typeof(v.document->'steps') = 'array' THEN v.document->'steps' ELSE '[]'::jsonb END)->>'id' AS id
        FROM "PathwayVersion" v WHERE v."pathwayId" = ${pathwayId}
      UNION ALL
      SELECT jsonb_array_elements(CASE WHEN jsonb_typeof(v.document->'transitions') = 'array' THEN v.document->'transitions' ELSE '[]'::jsonb END)->>'id'
        FROM "PathwayVersion" v WHERE v."pathwayId" = ${pathwayId}
      UNION ALL
      SELECT c."targetId" FROM "Comment" c WHERE c."pathwayId" = ${pathwayId}
      UNION ALL
      SELECT w."stepId" FROM "WorkshopVote" w WHERE w."pathwayId" = ${pathwayId}
    ) used
    WHERE id IS NOT NULL`;
  return rows.map((r) => r.id);
}

/** The percentage per framework from a stored score (lib/server/scores.ts's shape). */
export function storedPercents(scores: unknown): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  const frameworks = (scores as { frameworks?: unknown } | null)?.frameworks;
  if (!Array.isArray(frameworks)) return out;
  for (const f of frameworks) {
    const { id, percent } = (f ?? {}) as { id?: unknown; percent?: unknown };
    if (typeof id === 'string') out[id] = typeof percent === 'number' ? percent : null;
  }
  return out;
}

/**
 * The pathway as the editor opens it: the working document, its revision, the actor's
 * permissions and the version history. Null when the pathway does not exist or the actor may not
 * view it; the two are indistinguishable.
 */
export async function getPathwayForEditing(options: { actor: Actor; pathwayId: string }): Promise<PathwayForEditing | null> {
  const { actor, pathwayId } = options;
  const prisma = getPrisma();
  const row = await prisma.pathway.findFirst({
    where: { id: pathwayId, ...inActorsWorkspaces(actor) },
    include: {
      workspace: { select: { id: true, slug: true, name: true } },
      versions: {
        orderBy: { number: 'desc' },
        select: { id: true, number: true, note: true, createdAt: true, scores: true, author: { select: { name: true } } },
      },
    },
  });
  if (!row) return null;
  const resource = { workspaceId: row.workspaceId, pathwayId: row.id };
  if (!can(actor, 'pathway:view', { type: 'pathway', ...resource })) return null;

  let source: PathwayForEditing['source'] = null;
  if (row.sourcePathwayId) {
    const origin = await prisma.pathway.findFirst({
      where: { id: row.sourcePathwayId, ...inActorsWorkspaces(actor) },
      select: { title: true, workspaceId: true },
    });
    const visible = origin && can(actor, 'pathway:view', { type: 'pathway', workspaceId: origin.workspaceId });
    // A copy of a pathway the actor cannot see says only that: not its title, nor its ids.
    source = visible
      ? { pathwayId: row.sourcePathwayId, versionId: row.sourceVersionId, title: origin.title }
      : { pathwayId: null, versionId: null, title: null };
  }

  const parsed = parsePathway(row.document);
  const [record, used] = await Promise.all([getCollaborationRecord(row.id), usedIds(row.id)]);
  const participants = participantsForScoring(record);
  const current = new Set(parsed.ok ? [...parsed.pathway.steps.map((s) => s.id), ...parsed.pathway.transitions.map((t) => t.id)] : []);
  return {
    id: row.id,
    workspace: row.workspace,
    title: row.title,
    status: row.status,
    isTemplate: row.isTemplate,
    document: parsed.ok ? parsed.pathway : null,
    documentErrors: parsed.ok ? [] : fieldErrorsFrom(parsed.errors),
    revision: row.revision,
    updatedAt: row.updatedAt.toISOString(),
    source,
    permissions: {
      canEdit: can(actor, 'pathway:edit', { type: 'pathway', ...resource }),
      canComment: can(actor, 'comment:create', { type: 'comment', ...resource }),
      canVersion: can(actor, 'version:create', { type: 'version', ...resource }),
    },
    versions: row.versions.map((v) => ({
      id: v.id,
      number: v.number,
      note: v.note,
      createdAt: v.createdAt.toISOString(),
      authorName: v.author?.name ?? null,
      percents: storedPercents(v.scores),
    })),
    ...(participants ? { participants } : {}),
    retiredIds: used.filter((id) => !current.has(id)).sort(),
  };
}
