import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireWorkspaceForCarePlan } from '@/lib/server/guard';
import { getCarePlan } from '@/lib/server/get-care-plan';
import { todayIso } from '@/lib/server/results';
import { agreementSentence } from '@/lib/care-plan/copy';
import { presentPlan } from '@/lib/care-plan/present';
import { ArchivedPlanBanner, ArchivePlanSection } from '@/components/care-plan/ArchivePlan';
import { ClinicianPlanEditor } from '@/components/care-plan/ClinicianPlanEditor';
import { PlanView } from '@/components/care-plan/PlanView';

export const metadata: Metadata = { title: 'Care plan' };
export const dynamic = 'force-dynamic';

/**
 * The care team's view of one plan. Outside the care team, or outside the workspace: "not found".
 * An archived plan is shown read-only (no forms; the use cases refuse changes too), with the way to
 * restore it.
 */
export default async function ClinicianCarePlanPage({
  params,
}: {
  params: Promise<{ workspace: string; planId: string }>;
}) {
  const { workspace: slug, planId } = await params;
  const { actor, workspace } = await requireWorkspaceForCarePlan(slug, planId, 'carePlan:view');
  const read = await getCarePlan({ actor, planId, via: 'editor', workspaceId: workspace.id, requireEdit: true });
  if (!read || !read.access.canEdit) notFound();
  const { plan } = read;
  const archived = plan.status === 'archived';
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/w/${workspace.slug}/care-plans`}>Care plans</Link> <span aria-hidden="true">›</span>
      </p>
      <h1 className="mb-1 text-3xl font-bold">
        Care plan for {plan.patient.name}
        {archived ? (
          <>
            {' '}
            <span className="align-middle text-xl font-bold text-nhs-grey-1">(archived)</span>
          </>
        ) : null}
      </h1>
      <p className="mb-2 text-nhs-grey-1">
        {plan.title} · made from {plan.pathways.map((p) => p.title).join('; ')}
      </p>
      {plan.agreement ? (
        <p className="mb-2" data-testid="plan-agreement">
          {agreementSentence('clinician', plan.patient.name, plan.agreement, { archived })}
          {(plan.agreement.agreedAt && plan.agreement.stillAsAgreed) || archived
            ? ''
            : ` Only ${plan.patient.name} can say they agree, on their own page: go through it with them.`}
        </p>
      ) : null}
      <ul className="mb-6 flex flex-wrap gap-x-5 gap-y-1">
        <li>
          <Link href={`/my-plan/${plan.id}`} prefetch={false}>
            See what {plan.patient.name} sees
          </Link>
        </li>
        <li>
          <Link href={`/my-plan/${plan.id}/print`} prefetch={false}>
            Printable plan
          </Link>
        </li>
        <li>
          <a href={`/api/care-plans/${plan.id}/pdf`}>PDF</a>
        </li>
        <li>
          <a href={`/api/care-plans/${plan.id}/fhir`}>FHIR export (CarePlan, Goal, CareTeam)</a>
        </li>
      </ul>
      {archived ? (
        <>
          <ArchivedPlanBanner planId={plan.id} archivedAt={plan.archivedAt} />
          {read.access.canViewAudit && (
            <p className="mb-6">
              <Link href={`/w/${workspace.slug}/care-plans/${plan.id}/audit`} prefetch={false}>
                Who has opened or changed this plan
              </Link>
            </p>
          )}
          <PlanView
            planId={plan.id}
            plan={presentPlan(plan, todayIso(), 'clinician')}
            members={plan.members}
            mode="screen"
            audience="clinician"
            access={{ ...read.access, canEdit: false, canPatientUpdate: false }}
            viewerId={actor.userId}
          />
        </>
      ) : (
        <>
          <ClinicianPlanEditor
            plan={plan}
            workspaceSlug={workspace.slug}
            today={todayIso()}
            canViewAudit={read.access.canViewAudit}
            viewerId={actor.userId}
          />
          <ArchivePlanSection planId={plan.id} patientName={plan.patient.name} />
        </>
      )}
    </>
  );
}
