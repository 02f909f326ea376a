import type { Metadata } from 'next';
import Link from 'next/link';
import { can } from '@/lib/auth/can';
import { ARCHIVE_COPY, archivedOn } from '@/lib/care-plan/archive';
import { formatDate } from '@/lib/care-plan/plain';
import { requireWorkspace } from '@/lib/server/guard';
import { listCarePlans, type CarePlanSummary } from '@/lib/server/list-care-plans';

export const metadata: Metadata = { title: 'Care plans' };
export const dynamic = 'force-dynamic';

export default async function CarePlansPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { actor, workspace } = await requireWorkspace((await params).workspace, 'workspace:view');
  const plans = await listCarePlans({ actor, workspaceId: workspace.id });
  const mayCreate = can(actor, 'carePlan:create', {
    type: 'carePlan',
    workspaceId: workspace.id,
    patientId: '',
    careTeamUserIds: [],
    carerGrants: [],
  });
  const active = plans.filter((p) => p.status !== 'archived');
  const archived = plans.filter((p) => p.status === 'archived');
  return (
    <>
      <h1 className="text-3xl font-bold mb-2">Care plans</h1>
      <p className="mb-4 text-nhs-grey-1">
        Shared care plans of the people whose care team you are in. Each plan combines the pathways a person is on into
        one plan, with one coordinator.
      </p>
      {mayCreate && (
        <p className="mb-6">
          <Link
            href={`/w/${workspace.slug}/care-plans/new`}
            className="inline-block rounded bg-nhs-green px-4 py-2 font-bold text-white no-underline hover:bg-[#00662f] hover:text-white"
          >
            Make a care plan
          </Link>
        </p>
      )}
      {plans.length === 0 ? (
        <p>You are not in the care team of anyone with a care plan in {workspace.name} yet.</p>
      ) : (
        <>
          {active.length === 0 ? (
            <p>None of the care plans you are in the team of is in use now. The archived ones are below.</p>
          ) : (
            <PlanCards plans={active} workspaceSlug={workspace.slug} heading="h2" />
          )}
          {archived.length > 0 && (
            <section aria-labelledby="archived-plans-heading" className="mt-8">
              <h2 id="archived-plans-heading" className="mb-2 text-2xl font-bold">
                {ARCHIVE_COPY.listHeading}
              </h2>
              <p className="mb-4 text-nhs-grey-1">
                Plans the care team no longer uses. They are read-only; open one to restore it.
              </p>
              <PlanCards plans={archived} workspaceSlug={workspace.slug} heading="h3" />
            </section>
          )}
        </>
      )}
    </>
  );
}

function PlanCards(props: { plans: readonly CarePlanSummary[]; workspaceSlug: string; heading: 'h2' | 'h3' }) {
  const { plans, workspaceSlug } = props;
  const Heading = props.heading;
  return (
    <ul className="grid gap-4 md:grid-cols-2">
      {plans.map((p) => {
        const archived = p.status === 'archived';
        const when = archivedOn(p.archivedAt);
        return (
          <li key={p.id} className="bg-white border border-nhs-grey-4 p-4">
            <Heading className="text-xl font-bold mb-1">
              <Link href={`/w/${workspaceSlug}/care-plans/${p.id}`} prefetch={false}>
                {p.patientName}
              </Link>
            </Heading>
            <p className="text-sm text-nhs-grey-1">{p.title}</p>
            <p className="text-sm">Pathways: {p.pathwayTitles.join('; ')}</p>
            {archived ? (
              <p className="mt-2 font-bold">
                {ARCHIVE_COPY.listTag}
                {when ? ` on ${when}` : ''}: read-only.
              </p>
            ) : (
              <>
                <p className="text-sm">
                  Review: {p.reviewDate ? formatDate(p.reviewDate, { weekday: false }) : 'not set'}
                </p>
                {p.missing.length === 0 ? (
                  <p className="mt-2 font-bold text-nhs-green">
                    <span aria-hidden="true">✓ </span>Complete
                  </p>
                ) : (
                  <div className="mt-2">
                    <p className="font-bold">Missing:</p>
                    <ul className="list-disc pl-5 text-sm">
                      {p.missing.map((m) => (
                        <li key={m}>{m}</li>
                      ))}
                    </ul>
                  </div>
                )}
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}
