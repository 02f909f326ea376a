'use server';
// Asked by the sign-out button (SignOutForm.tsx) only when this browser keeps edits not yet
// shared: which pathways they are, by title, and where to go back to share them.
import { getActor } from '@/lib/auth/session';
import { MAX_PATHWAYS_TO_REOPEN, pathwaysToReopen, type PathwayToReopen } from '@/lib/server/pathways-to-reopen';

export async function pathwaysToReopenAction(pathwayIds: unknown): Promise<PathwayToReopen[]> {
  if (!Array.isArray(pathwayIds)) return [];
  const ids = pathwayIds
    .filter((id): id is string => typeof id === 'string' && id.length > 0 && id.length <= 100)
    .slice(0, MAX_PATHWAYS_TO_REOPEN);
  const actor = await getActor();
  if (!actor || !ids.length) return [];
  return pathwaysToReopen(actor, ids);
}
