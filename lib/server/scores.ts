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
