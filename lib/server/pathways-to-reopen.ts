// Where to go back to, for pathways with edits kept on this device that have not been shared yet
// (signing out asks first: components/shell/SignOutForm.tsx). The ids come from the browser, so
// each one is looked up scoped to the person and checked with can(): a guessed id finds nothing.
import { getPrisma } from '@/lib/db/client';
import { can, type Actor } from '@/lib/auth/can';

export interface PathwayToReopen {
  id: string;
  title: string;
  /** The pathway's live editor, where the kept edits are shared on opening. */
  href: string;
}

/** At most this many are looked up; a browser keeps a copy per pathway opened live. */
export const MAX_PATHWAYS_TO_REOPEN = 20;

/** The pathways among `pathwayIds` this person may open, in the order asked; others are left out. */
export async function pathwaysToReopen(actor: Actor, pathwayIds: readonly string[]): Promise<PathwayToReopen[]> {
  const ids = [...new Set(pathwayIds)].slice(0, MAX_PATHWAYS_TO_REOPEN);
  if (!ids.length) return [];
  const found = await getPrisma().pathway.findMany({
    where: { id: { in: ids }, workspace: { memberships: { some: { userId: actor.userId } } } },
    select: { id: true, title: true, workspaceId: true, workspace: { select: { slug: true } } },
  });
  const byId = new Map(found.map((p) => [p.id, p]));
  return ids.flatMap((id) => {
    const p = byId.get(id);
    if (!p || !can(actor, 'pathway:collaborate', { type: 'pathway', workspaceId: p.workspaceId, pathwayId: p.id })) {
      return [];
    }
    const href = `/w/${encodeURIComponent(p.workspace.slug)}/pathways/${encodeURIComponent(p.id)}/edit?live=1`;
    return [{ id: p.id, title: p.title, href }];
  });
}
