import { notFound, redirect } from 'next/navigation';
import { getActor, type SignedInActor } from '@/lib/auth/session';
import { can, type Action } from '@/lib/auth/can';
import { getWorkspaceForActor } from './workspaces';

/**
 * For workspace pages: the signed-in actor and the workspace, or a redirect to sign in, or
 * "not found" when the workspace does not exist or the actor may not do `action` there.
 * Each page calls this itself: a layout's check does not re-run on client-side navigation.
 */
export async function requireWorkspace(slug: string, action: Action = 'workspace:view') {
  const actor: SignedInActor | null = await getActor();
  if (!actor) redirect('/signin');
  const workspace = await getWorkspaceForActor(actor, slug);
  if (!workspace || !can(actor, action, { type: 'workspace', workspaceId: workspace.id })) notFound();
  return { actor, workspace };
}
