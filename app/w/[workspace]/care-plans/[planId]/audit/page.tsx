import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireWorkspaceForCarePlan } from '@/lib/server/guard';
import { getCarePlanAudit } from '@/lib/server/get-care-plan-audit';
import { AuditList } from '@/components/care-plan/AuditList';

export const metadata: Metadata = { title: 'Care plan access record' };
export const dynamic = 'force-dynamic';

/** Every read and change of the plan, and every refused attempt, for the care team. */
export default async function CarePlanAuditPage({
  params,
}: {
  params: Promise<{ workspace: string; planId: string }>;
}) {
  const { workspace: slug, planId } = await params;
  const { actor, workspace } = await requireWorkspaceForCarePlan(slug, planId, 'carePlan:viewAudit');
  const audit = await getCarePlanAudit({ actor, planId, workspaceId: workspace.id, clinicianOnly: true });
  if (!audit || audit.relation !== 'clinician') notFound();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/w/${workspace.slug}/care-plans`}>Care plans</Link> <span aria-hidden="true">›</span>{' '}
        <Link href={`/w/${workspace.slug}/care-plans/${planId}`} prefetch={false}>
          The plan
        </Link>{' '}
        <span aria-hidden="true">›</span>
      </p>
      <h1 className="mb-2 text-3xl font-bold">Who has opened or changed this plan</h1>
      <p className="mb-4">
        From the audit trail, newest first. Refused attempts are shown too. The person sees the same record of who
        looked.
      </p>
      <div className="overflow-x-auto">
        <AuditList entries={audit.entries} emptyText="Nothing recorded yet." />
      </div>
    </>
  );
}
