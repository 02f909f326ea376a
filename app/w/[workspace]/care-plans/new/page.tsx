import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { can } from '@/lib/auth/can';
import { requireWorkspace } from '@/lib/server/guard';
import { listPathways } from '@/lib/server/pathways';
import { CreatePlanForm } from '@/components/care-plan/CreatePlanForm';

export const metadata: Metadata = { title: 'Make a care plan' };
export const dynamic = 'force-dynamic';

export default async function NewCarePlanPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { actor, workspace } = await requireWorkspace((await params).workspace, 'workspace:view');
  if (
    !can(actor, 'carePlan:create', {
      type: 'carePlan',
      workspaceId: workspace.id,
      patientId: '',
      careTeamUserIds: [],
      carerGrants: [],
    })
  )
    notFound();
  const pathways = (await listPathways(actor, workspace.id)).filter((p) => p.status !== 'retired');
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/w/${workspace.slug}/care-plans`}>Care plans</Link> <span aria-hidden="true">›</span>
      </p>
      <h1 className="mb-2 text-3xl font-bold">Make a care plan</h1>
      <p className="mb-6 max-w-2xl">
        One plan for the person, made from every pathway they are on. You join the plan’s care team; add the others,
        name one coordinator and agree the plan with the person.
      </p>
      <div className="max-w-2xl bg-white border border-nhs-grey-4 p-4">
        <CreatePlanForm workspaceSlug={workspace.slug} pathways={pathways} />
      </div>
    </>
  );
}
