import { notFound, redirect } from 'next/navigation';
import { can } from '@/lib/auth/can';
import { getActor } from '@/lib/auth/session';
import { getWorkspaceForActor, listWorkspacesForActor } from '@/lib/server/workspaces';
import { WorkspaceNav } from '@/components/shell/WorkspaceNav';

export default async function WorkspaceLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ workspace: string }>;
}) {
  const actor = await getActor();
  if (!actor) redirect('/signin');
  const { workspace: slug } = await params;
  const workspace = await getWorkspaceForActor(actor, slug);
  // Not a member, or no such workspace: the same "not found" either way.
  if (!workspace) notFound();
  const workspaces = await listWorkspacesForActor(actor);
  return (
    <>
      <WorkspaceNav
        current={workspace}
        workspaces={workspaces}
        role={actor.memberships[workspace.id] ?? 'viewer'}
        canManageMembers={can(actor, 'workspace:manage', { type: 'workspace', workspaceId: workspace.id })}
      />
      <main id="main-content" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
