import type { Metadata } from 'next';
import { Notice } from '@/components/shell/Notice';
import Link from 'next/link';
import { requireWorkspace } from '@/lib/server/guard';
import { listPathways } from '@/lib/server/pathways';
import { can } from '@/lib/auth/can';
import { roleWithArticle } from '@/lib/workspace/roles';
import { ImportPlanDefinition } from '@/components/editor/ImportPlanDefinition';
import { NewPathway } from '@/components/editor/NewPathwayForm';

export const metadata: Metadata = { title: 'Pathways' };

const STATUS_LABEL = { draft: 'Draft', in_review: 'In review', published: 'Published', retired: 'Retired' } as const;

export default async function PathwaysPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<{ notice?: string }>;
}) {
  const { actor, workspace } = await requireWorkspace((await params).workspace);
  const pathways = await listPathways(actor, workspace.id);
  // After the members page sent someone here: said from what is stored now, never from the link's text.
  const { notice } = await searchParams;
  const role = actor.memberships[workspace.id];
  const message =
    notice === 'role' && role
      ? `You are now ${roleWithArticle(role)} in ${workspace.name}.`
      : notice === 'left'
        ? `You have left the workspace. These are the pathways of ${workspace.name}.`
        : null;
  return (
    <>
      {message && (
        <Notice testId="members-notice">
          <p className="font-bold">{message}</p>
        </Notice>
      )}
      <h1 className="text-3xl font-bold mb-2">Pathways</h1>
      <p className="mb-6 text-nhs-grey-1">Care pathways designed in {workspace.name}.</p>
      {can(actor, 'pathway:create', { type: 'pathway', workspaceId: workspace.id }) && (
        <div className="mb-8">
          <NewPathway
            workspaceSlug={workspace.slug}
            templates={pathways.map((p) => ({ id: p.id, title: p.title, isTemplate: p.isTemplate, status: p.status }))}
          />
          <ImportPlanDefinition workspaceSlug={workspace.slug} />
        </div>
      )}
      {pathways.length === 0 ? (
        <p>No pathways yet.</p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          {pathways.map((p) => (
            <li key={p.id} className="bg-white border border-nhs-grey-4 p-4">
              <h2 className="text-xl font-bold mb-1">
                <Link href={`/w/${workspace.slug}/pathways/${p.id}`}>{p.title}</Link>
              </h2>
              <p className="text-sm text-nhs-grey-1">
                {p.conditions.join(', ')} · {STATUS_LABEL[p.status]} · {p._count.versions}{' '}
                {p._count.versions === 1 ? 'version' : 'versions'}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
