import type { Pathway } from '@/lib/pathway/schema';
import { scorePathway } from '@/lib/scoring';
import type { CollaborationRecord } from '@/lib/scoring/types';

/**
 * The scores stored with a saved version: the engine's whole result, so a scorecard reads
 * stored results and never re-scores every version on every request. Rule ids and framework
 * versions are inside, so a stored score says which rules produced it.
 */
export function scoreForStorage(
  pathway: Pathway,
  facts: { versionCount?: number; participants?: CollaborationRecord['participants']; today: string },
) {
  const collab: CollaborationRecord = {};
  if (facts.versionCount !== undefined) collab.versionCount = facts.versionCount;
  if (facts.participants !== undefined) collab.participants = facts.participants;
  return { scoredAt: facts.today, ...scorePathway(pathway, collab, { today: facts.today }) };
}

/**
 * The people who took part, by role, for scoring NV 6 and NV 9 — or undefined when Pathweave holds
 * no record of anyone working on the pathway (an imported pathway may have been designed with
 * patients elsewhere: the engine then says "needs judgement" rather than "not met").
 */
export function participantsForScoring(record: CollaborationRecord): CollaborationRecord['participants'] {
  return record.participants && record.participants.length > 0 ? record.participants : undefined;
}
