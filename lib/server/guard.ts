import { notFound, redirect } from 'next/navigation';
import { getActor, type SignedInActor } from '@/lib/auth/session';
import { can, type Action } from '@/lib/auth/can';
import { audit } from './audit';
import { getWorkspaceForActor } from './workspaces';

/**
 * For workspace pages: the signed-in actor and the workspace, or a redirect to sign in, or
 * "not found" when the workspace does not exist or the actor may not do `action` there.
 * Each page calls this itself: a layout's check does not re-run on client-side navigation.
 * `onRefused` runs before "not found" (a care plan page audits the refused attempt there).
 */
export async function requireWorkspace(
  slug: string,
  action: Action = 'workspace:view',
  onRefused?: (actor: SignedInActor) => Promise<void>,
) {
  const actor: SignedInActor | null = await getActor();
  if (!actor) redirect('/signin');
  const workspace = await getWorkspaceForActor(actor, slug);
  if (!workspace || !can(actor, action, { type: 'workspace', workspaceId: workspace.id })) {
    await onRefused?.(actor);
    notFound();
  }
  return { actor, workspace };
}

/**
 * requireWorkspace for a care plan's clinician pages: someone who may not even see the workspace
 * gets the same "not found", and the attempt on the plan is audited as refused, as every other way
 * into a plan is (care-plan-access.ts). `action` is what the page would have done with the plan.
 */
export function requireWorkspaceForCarePlan(slug: string, planId: string, action: 'carePlan:view' | 'carePlan:viewAudit') {
  return requireWorkspace(slug, 'workspace:view', (actor) =>
    audit({
      actorId: actor.userId,
      action,
      resourceType: 'carePlan',
      resourceId: planId.slice(0, 200),
      outcome: 'denied',
      detail: { via: 'workspace page' },
    }),
  );
}
