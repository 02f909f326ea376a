// Archiving a care plan, on the care team's page: the "Archive this plan" disclosure with its
// confirmation box (the server refuses without it), and, once archived, the banner that says so,
// with the date, what that means, and the button to restore it. The person's side is
// ArchivedPlanNotice (PersonPlanPage).
import { archiveCarePlanAction, restoreCarePlanAction } from '@/app/w/[workspace]/care-plans/actions';
import { ARCHIVE_CONFIRM_VALUE, ARCHIVE_COPY, archivedNotice, archivedOn } from '@/lib/care-plan/archive';
import type { CareTeamMemberView } from '@/lib/care-plan/types';
import { ActionForm, CheckboxField } from './forms';

export function ArchivePlanSection({ planId, patientName }: { planId: string; patientName: string }) {
  return (
    <section id="archive" aria-labelledby="archive-heading" className="mb-6 border border-nhs-grey-4 bg-white p-4">
      <h2 id="archive-heading" className="mb-2 text-2xl font-bold">
        Archive this plan
      </h2>
      <p className="mb-3">{ARCHIVE_COPY.archiveHelp}</p>
      <details>
        <summary className="cursor-pointer font-bold text-nhs-blue underline">
          Archive the care plan for {patientName}
        </summary>
        <div className="mt-3">
          <ActionForm
            action={archiveCarePlanAction}
            label="Archive this plan"
            submitLabel="Archive this plan"
            hidden={{ planId }}
            secondary
          >
            <CheckboxField name="confirm" value={ARCHIVE_CONFIRM_VALUE} label={ARCHIVE_COPY.confirmLabel} />
          </ActionForm>
        </div>
      </details>
    </section>
  );
}

/** The care team's banner on an archived plan, with the way to restore it. */
export function ArchivedPlanBanner({ planId, archivedAt }: { planId: string; archivedAt: string | null }) {
  const when = archivedOn(archivedAt);
  return (
    <section
      aria-labelledby="archived-heading"
      data-testid="archived-banner"
      className="mb-6 border-l-8 border-nhs-warm-yellow bg-white p-4"
    >
      <h2 id="archived-heading" className="mb-2 text-2xl font-bold">
        {ARCHIVE_COPY.clinicianHeading}
      </h2>
      <p className="font-bold">{when ? `Archived on ${when}.` : 'The date it was archived is not recorded.'}</p>
      <p className="mb-3">{ARCHIVE_COPY.clinicianReadOnly}</p>
      <p className="mb-3">{ARCHIVE_COPY.clinicianRestoreHelp}</p>
      <ActionForm
        action={restoreCarePlanAction}
        label="Restore this plan"
        submitLabel="Restore this plan"
        hidden={{ planId }}
      >
        {null}
      </ActionForm>
    </section>
  );
}

/** The notice at the top of an archived plan for the person or their carer. */
export function ArchivedPlanNotice(props: {
  audience: 'patient' | 'carer';
  patientName: string;
  archivedAt: string | null;
  coordinator: CareTeamMemberView | null;
}) {
  const notice = archivedNotice(props);
  return (
    <section
      aria-labelledby="archived-heading"
      data-testid="archived-notice"
      className="mb-6 border-l-8 border-nhs-warm-yellow bg-white p-4"
    >
      <h2 id="archived-heading" className="mb-2 text-2xl font-bold">
        {notice.heading}
      </h2>
      {notice.lines.map((line) => (
        <p key={line} className="mb-1 text-lg">
          {line}
        </p>
      ))}
    </section>
  );
}
