import { can, ROLES_THAT_MAY, type Actor } from '@/lib/auth/can';
import { getPrisma } from '@/lib/db/client';
import { refreshTargetLabels } from '@/lib/db/target-labels';
import { log } from '@/lib/log';
import { diffPathways, type PathwayDiff } from '@/lib/pathway/diff';
import type { Pathway } from '@/lib/pathway/schema';
import { parsePathway } from '@/lib/pathway/validate';
import { recordContribution } from '@/lib/collab/store';
import { audit } from './audit';
import { fieldErrorsFrom, invalid, notFound, type Invalid, type NotFound } from './results';
import { inActorsWorkspaces } from './scope';

export interface StoredDraft {
  revision: number;
  /** The stored working copy, as parsePathway gives it; null if what is stored is not valid. */
  document: Pathway | null;
  updatedAt: string;
}

export interface DraftConflict {
  ok: false;
  reason: 'conflict';
  message: string;
  /** What is stored now, saved by someone else since `baseRevision`. */
  current: StoredDraft;
  /** Who saved it: a name, "you" (another tab or window of this person's), or null when not known. */
  savedBy: string | null;
  /** From the document this save tried to store to the one stored now; null if the stored one is not valid. */
  changes: PathwayDiff | null;
  /**
   * The stored copy is the live workshop's (written back from the shared document). Saving over it
   * would be merged into the room's pathway as undoing everything the room did since: the editor
   * then offers to join the room rather than to overwrite.
   */
  liveRoom: boolean;
}

export type SaveDraftResult =
  | { ok: true; revision: number; updatedAt: string }
  | NotFound
  | Invalid
  | DraftConflict;

/**
 * The largest revision there can be: Pathway.revision is a PostgreSQL `integer`. A larger
 * `baseRevision` is refused as a field error; sent to the database it fails as "out of range",
 * which the person would see as "try again", and that never works.
 */
export const MAX_REVISION = 2_147_483_647;
export const BASE_REVISION_RULE = `must be a whole number from 0 to ${MAX_REVISION.toLocaleString('en-GB')}: the revision the editor loaded or last saved`;

export const CONFLICT_MESSAGE =
  'Someone else saved this pathway while you were editing it. Your changes have not been lost: look at what they changed, then save again.';

/**
 * The compare-and-set: one UPDATE that applies only while the stored revision is still `base`, and
 * the actor still holds a role that may edit (can()'s own list, ROLES_THAT_MAY.editPathway).
 */
async function compareAndSet(actor: Actor, pathwayId: string, base: number, doc: Pathway) {
  const rows = await getPrisma().$queryRaw<{ revision: number; updatedAt: Date }[]>`
    UPDATE "Pathway"
       SET "document" = ${JSON.stringify(doc)}::jsonb,
           "title" = ${doc.title.trim()},
           "conditions" = ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(doc.conditions)}::jsonb)),
           "revision" = "revision" + 1,
           "updatedAt" = (now() AT TIME ZONE 'UTC')
     WHERE "id" = ${pathwayId}
       AND "revision" = ${base}
       AND EXISTS (
         SELECT 1 FROM "Membership" m
          WHERE m."workspaceId" = "Pathway"."workspaceId"
            AND m."userId" = ${actor.userId}
            AND m."accessRole"::text = ANY(${[...ROLES_THAT_MAY.editPathway]}::text[]))
    RETURNING "revision", "updatedAt"`;
  return rows[0];
}

/**
 * Save the editor's working copy. It is validated (errors come back per field), and stored only
 * if nobody has saved since `baseRevision`: two people saving at once never silently overwrite
 * each other; the later one gets `conflict` with what is stored now, and keeps their own document.
 * Not allowed and not there both give `not_found`.
 */
export async function savePathwayDraft(options: {
  actor: Actor;
  pathwayId: string;
  baseRevision: number;
  document: unknown;
  /** Count this save as the actor's edit in the collaboration record (default). The live editor's
   * write-back passes false: its edits were counted, per person, from the live document's log. */
  recordEdit?: boolean;
}): Promise<SaveDraftResult> {
  const { actor, pathwayId, baseRevision } = options;
  const prisma = getPrisma();
  const row = await prisma.pathway.findFirst({
    where: { id: pathwayId, ...inActorsWorkspaces(actor) },
    select: { id: true, workspaceId: true },
  });
  if (!row) return notFound();
  if (!can(actor, 'pathway:edit', { type: 'pathway', workspaceId: row.workspaceId, pathwayId })) {
    await audit({ actorId: actor.userId, action: 'pathway:edit', resourceType: 'pathway', resourceId: pathwayId, outcome: 'denied' });
    return notFound();
  }
  if (!Number.isInteger(baseRevision) || baseRevision < 0 || baseRevision > MAX_REVISION) {
    return invalid('The save did not say which revision it started from.', [{ path: 'baseRevision', message: BASE_REVISION_RULE }]);
  }

  const parsed = parsePathway(options.document);
  if (!parsed.ok) {
    return invalid('The pathway has problems to fix before it can be saved.', fieldErrorsFrom(parsed.errors));
  }

  const saved = await compareAndSet(actor, pathwayId, baseRevision, parsed.pathway);
  if (saved) {
    // A name is a help, not a need: the save stands even if the stored names could not be updated.
    await refreshTargetLabels(prisma, pathwayId, parsed.pathway).catch((error: unknown) =>
      log.warn({ err: error, pathwayId }, 'save: could not update the names stored with comments and dots'),
    );
    await audit({
      actorId: actor.userId,
      action: 'pathway:edit',
      resourceType: 'pathway',
      resourceId: pathwayId,
      outcome: 'allowed',
      detail: { revision: saved.revision, steps: parsed.pathway.steps.length, transitions: parsed.pathway.transitions.length },
    });
    if (options.recordEdit !== false) await recordContribution(pathwayId, actor.userId, 'edit');
    return { ok: true, revision: saved.revision, updatedAt: saved.updatedAt.toISOString() };
  }

  // Nothing updated: someone saved first (or the pathway went, or the membership did).
  const current = await prisma.pathway.findFirst({
    where: { id: pathwayId, ...inActorsWorkspaces(actor) },
    select: { revision: true, document: true, updatedAt: true, workspaceId: true },
  });
  if (!current || !can(actor, 'pathway:edit', { type: 'pathway', workspaceId: current.workspaceId, pathwayId })) return notFound();
  if (current.revision === baseRevision) {
    // Not a conflict after all (e.g. the membership changed between the check and the update).
    return notFound();
  }
  const stored = parsePathway(current.document);
  // The last allowed save of this pathway in the audit trail says who it was.
  const last = await prisma.auditEvent.findFirst({
    where: { resourceType: 'pathway', resourceId: pathwayId, action: 'pathway:edit', outcome: 'allowed' },
    orderBy: { at: 'desc' },
    select: { actorId: true, actor: { select: { name: true } } },
  });
  const savedBy = !last?.actorId ? null : last.actorId === actor.userId ? 'you' : (last.actor?.name ?? null);
  const live = await prisma.collabSnapshot.findUnique({ where: { pathwayId }, select: { workingRevision: true } });
  return {
    ok: false,
    reason: 'conflict',
    message: CONFLICT_MESSAGE,
    savedBy,
    current: { revision: current.revision, document: stored.ok ? stored.pathway : null, updatedAt: current.updatedAt.toISOString() },
    changes: stored.ok ? diffPathways(parsed.pathway, stored.pathway) : null,
    liveRoom: live?.workingRevision === current.revision,
  };
}
