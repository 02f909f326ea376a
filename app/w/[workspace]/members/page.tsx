import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ACCESS_ROLES } from '@/lib/auth/can';
import { requireWorkspace } from '@/lib/server/guard';
import { listWorkspaceMembers } from '@/lib/server/workspace-members';
import { ROLE_DESCRIPTIONS, ROLE_WORDS } from '@/lib/workspace/roles';
import { MembersManager } from '@/components/workspace/MembersManager';
import { memberAction } from './actions';

export const metadata: Metadata = { title: 'Members' };
export const dynamic = 'force-dynamic';

/** A workspace's members, for its facilitators only: anyone else gets "page not found". */
export default async function MembersPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { actor, workspace } = await requireWorkspace((await params).workspace, 'workspace:manage');
  const members = await listWorkspaceMembers(actor, workspace.id);
  if (!members) notFound();
  return (
    <>
      <h1 className="text-3xl font-bold mb-2">Members</h1>
      <p className="mb-2 text-nhs-grey-1">
        The people in {workspace.name} and their roles. As a facilitator you can change someone’s role or remove them
        from the workspace.
      </p>
      <p className="mb-6 text-nhs-grey-1">
        Changes take effect straight away, also for anyone who has a pathway open in a live workshop. A workspace must
        always have at least one facilitator.
      </p>
      <MembersManager
        action={memberAction}
        workspaceSlug={workspace.slug}
        workspaceName={workspace.name}
        members={members.map((m) => ({ ...m, isYou: m.userId === actor.userId }))}
      />
      <section aria-labelledby="roles-heading" className="max-w-3xl">
        <h2 id="roles-heading" className="text-xl font-bold mb-2">
          What each role can do
        </h2>
        <dl className="space-y-3">
          {ACCESS_ROLES.map((role) => (
            <div key={role}>
              <dt className="font-bold">{ROLE_WORDS[role]}</dt>
              <dd>{ROLE_DESCRIPTIONS[role]}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}
