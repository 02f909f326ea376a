import { can, ROLES_THAT_MAY, type Actor } from '@/lib/auth/can';
import { getPrisma } from '@/lib/db/client';
import { parsePathway } from '@/lib/pathway/validate';
import { audit } from './audit';
import { fieldErrorsFrom, invalid, isUniqueViolation, notFound, todayIso, type Invalid, type NotFound } from './results';
import { CONFLICT_MESSAGE } from './save-pathway-draft';
import { getCollaborationRecord } from '@/lib/collab/store';
import { participantsForScoring, scoreForStorage } from './scores';
import { inActorsWorkspaces, stillHoldsRole } from './scope';
import { tooLongMessage } from '@/lib/text-limits';

export const NOTE_MAX_LENGTH = 2000;
export const VERSION_NOTE_LABEL = 'Version note';
const MAX_ATTEMPTS = 8;

export interface SavedVersion {
  id: string;
  number: number;
  note: string;
  createdAt: string;
  /** The revision of the working copy this version is a snapshot of. */
  revision: number;
  percents: Record<string, number | null>;
}

export type SaveVersionResult =
  | { ok: true; version: SavedVersion }
  | NotFound
  | Invalid
  | { ok: false; reason: 'conflict'; message: string; current: { revision: number } };

/**
 * Save an immutable version: a snapshot of the stored working copy, with a note, its author and
 * the scoring engine's result (stored, so the version history and comparisons never re-score).
 * Numbers count up from 1 per pathway; two people saving at once both get a version, numbered
 * one after the other (the unique (pathwayId, number) index decides, and the loser retries).
 * With `expectedRevision`, the snapshot is refused as a conflict if the working copy has moved
 * on since, so a person never versions something other than what they see.
 */
/**
 * What is wrong with a version's note, or null when it will do. Checked here and, before saving the
 * working copy that goes with a version, by the save-version action: a note refused after that save
 * would leave the editor a revision behind the copy it had just stored.
 */
export function versionNoteProblem(rawNote: string) {
  const note = rawNote.trim();
  if (note === '') {
    return invalid('A version needs a note saying what changed.', [
      { path: 'note', message: 'Write a short note saying what changed in this version.' },
    ]);
  }
  if (note.length > NOTE_MAX_LENGTH) {
    const message = tooLongMessage(VERSION_NOTE_LABEL, note.length, NOTE_MAX_LENGTH);
    return invalid(message, [{ path: 'note', message }]);
  }
  return null;
}

export async function savePathwayVersion(options: {
  actor: Actor;
  pathwayId: string;
  note: string;
  expectedRevision?: number;
  /** Injected by tests; defaults to now. */
  now?: Date;
}): Promise<SaveVersionResult> {
  const { actor, pathwayId } = options;
  const prisma = getPrisma();
  const row = await prisma.pathway.findFirst({
    where: { id: pathwayId, ...inActorsWorkspaces(actor) },
    select: { id: true, workspaceId: true, document: true, revision: true },
  });
  if (!row) return notFound();
  if (!can(actor, 'version:create', { type: 'version', workspaceId: row.workspaceId, pathwayId })) {
    await audit({ actorId: actor.userId, action: 'version:create', resourceType: 'pathway', resourceId: pathwayId, outcome: 'denied' });
    return notFound();
  }
  const note = options.note.trim();
  const problem = versionNoteProblem(note);
  if (problem) return problem;
  if (options.expectedRevision !== undefined && options.expectedRevision !== row.revision) {
    return { ok: false, reason: 'conflict', message: CONFLICT_MESSAGE, current: { revision: row.revision } };
  }
  const parsed = parsePathway(row.document);
  if (!parsed.ok) return invalid('The working copy has problems to fix before it can be versioned.', fieldErrorsFrom(parsed.errors));

  const today = todayIso(options.now);
  // Who took part (edits, comments, votes, ratings, by role) feeds NV 6 and NV 9 in the stored scores.
  const participants = participantsForScoring(await getCollaborationRecord(pathwayId));
  for (let attempt = 1; ; attempt++) {
    const last = await prisma.pathwayVersion.aggregate({ where: { pathwayId }, _max: { number: true } });
    const number = (last._max.number ?? 0) + 1;
    const scores = scoreForStorage(parsed.pathway, { versionCount: number, today, ...(participants ? { participants } : {}) });
    try {
      const created = await prisma.$transaction(async (tx) => {
        // The role is checked again as the version goes in, not only as the request began: scoring
        // takes a moment, and a version cannot be taken back.
        if (!(await stillHoldsRole(tx, row.workspaceId, actor.userId, ROLES_THAT_MAY.createVersion))) return null;
        return tx.pathwayVersion.create({
          data: {
            pathwayId,
            number,
            note,
            authorId: actor.userId,
            document: parsed.pathway as object,
            scores: JSON.parse(JSON.stringify(scores)) as object,
            ...(options.now ? { createdAt: options.now } : {}),
          },
          select: { id: true, number: true, note: true, createdAt: true },
        });
      });
      if (!created) {
        await audit({ actorId: actor.userId, action: 'version:create', resourceType: 'pathway', resourceId: pathwayId, outcome: 'denied' });
        return notFound();
      }
      await audit({
        actorId: actor.userId,
        action: 'version:create',
        resourceType: 'pathway',
        resourceId: pathwayId,
        outcome: 'allowed',
        detail: { versionId: created.id, number: created.number, revision: row.revision },
      });
      const percents: Record<string, number | null> = {};
      for (const f of scores.frameworks) percents[f.id] = f.percent;
      return {
        ok: true,
        version: { id: created.id, number: created.number, note: created.note, createdAt: created.createdAt.toISOString(), revision: row.revision, percents },
      };
    } catch (error) {
      // Someone else took this number between our read and our insert: read again and retry.
      if (isUniqueViolation(error) && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
  }
}
