// What a step or transition is called now, to store with a comment thread or a dot pinned to it,
// so a thread or a dot on a step since removed can still say which step it was after a reload.
//
// The name comes from the pathway's own current document, never from the browser: the live
// workshop document when the room's copy is the latest (every acknowledged edit is in the
// database, so a step added or renamed a moment ago is found), otherwise the working copy (a save
// made outside the room and not yet merged into it). The other copy is looked in when the first
// does not have the target. Authorize before calling.
import { deriveVersionFromLiveDoc } from '@/lib/collab/store';
import { getPrisma } from '@/lib/db/client';
import { log } from '@/lib/log';
import { parsePathway } from '@/lib/pathway/validate';
import { storableLabel, targetNames } from '@/lib/workshop/target-names';

/** The name of step or transition `targetId` in the pathway now, ready to store; null when it is not there (or untitled). */
export async function currentTargetLabel(pathwayId: string, targetId: string): Promise<string | null> {
  try {
    const prisma = getPrisma();
    const [row, snapshot] = await Promise.all([
      prisma.pathway.findUnique({ where: { id: pathwayId }, select: { document: true, revision: true } }),
      prisma.collabSnapshot.findUnique({ where: { pathwayId }, select: { workingRevision: true } }),
    ]);
    if (!row) return null;
    const fromWorkingCopy = async () => {
      const parsed = parsePathway(row.document);
      return parsed.ok ? (targetNames(parsed.pathway).get(targetId) ?? null) : null;
    };
    const fromLive = async () => {
      const live = await deriveVersionFromLiveDoc(pathwayId);
      return live ? (targetNames(live).get(targetId) ?? null) : null;
    };
    // No snapshot: the pathway has never been opened live. A working copy newer than the one the
    // live document last matched: saved outside the room, not yet merged in.
    const order = !snapshot
      ? [fromWorkingCopy]
      : row.revision > snapshot.workingRevision
        ? [fromWorkingCopy, fromLive]
        : [fromLive, fromWorkingCopy];
    for (const look of order) {
      const label = storableLabel(await look());
      if (label) return label;
    }
    return null;
  } catch (error) {
    // A name is a help, not a need: the comment or the dot is kept without one.
    log.warn({ err: error, pathwayId }, 'target label: could not read the pathway to name a comment or dot target');
    return null;
  }
}
