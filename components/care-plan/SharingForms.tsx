// The person's sharing controls: share with someone by email (and say whether they may add to the
// plan), stop sharing at once, or share again with someone who used to see it. While the plan is
// archived there is no form to ask someone new, and the page says why (the server refuses it too);
// everything else still works.
import { cancelInvitationAction, grantAccessAction, revokeAccessAction } from '@/app/my-plan/actions';
import { ARCHIVE_COPY } from '@/lib/care-plan/archive';
import { PATIENT_COPY } from '@/lib/care-plan/copy';
import { formatMoment } from '@/lib/care-plan/plain';
import type { CarePlanSharing } from '@/lib/server/get-care-plan-sharing';
import { ActionForm, ButtonForm, CheckboxField, TextField } from './forms';

export function SharingForms({ sharing }: { sharing: CarePlanSharing }) {
  const archived = sharing.status === 'archived';
  return (
    <>
      <h2 className="mb-2 text-2xl font-bold">{PATIENT_COPY.sharingListHeading}</h2>
      {sharing.live.length === 0 ? (
        <p className="mb-4">{PATIENT_COPY.sharingNobody}</p>
      ) : (
        <ul className="mb-4 space-y-3">
          {sharing.live.map((g) => (
            <li key={g.grantId} className="bg-white border border-nhs-grey-4 p-4">
              <p className="text-lg font-bold">{g.name}</p>
              <p>{g.canContribute ? PATIENT_COPY.canContribute : PATIENT_COPY.canLook}</p>
              <p className="text-sm text-nhs-grey-1">Since {formatMoment(g.grantedAt)}</p>
              <ButtonForm
                action={revokeAccessAction}
                hidden={{ planId: sharing.planId, grantId: g.grantId, carerId: g.carerId }}
                buttonClassName="rounded bg-nhs-red px-4 py-2 font-bold text-white hover:bg-[#aa2016]"
              >
                Stop sharing with {g.name}
              </ButtonForm>
            </li>
          ))}
        </ul>
      )}

      {sharing.invited.length > 0 && (
        <section aria-labelledby="invited-heading" className="mb-4">
          <h2 id="invited-heading" className="mb-2 text-2xl font-bold">
            {PATIENT_COPY.invitedHeading}
          </h2>
          <p className="mb-3">{archived ? ARCHIVE_COPY.invitedWhileArchived : PATIENT_COPY.invitedHelp}</p>
          <ul className="space-y-3">
            {sharing.invited.map((i) => (
              <li key={i.invitationId} className="bg-white border border-nhs-grey-4 p-4">
                <p className="text-lg font-bold wrap-anywhere">{i.email}</p>
                <p>
                  {i.canContribute
                    ? 'If they say yes, they can see your plan, add notes and tick off jobs.'
                    : 'If they say yes, they can see your plan.'}
                </p>
                <p className="text-sm text-nhs-grey-1">Asked {formatMoment(i.invitedAt)}</p>
                <ButtonForm
                  action={cancelInvitationAction}
                  hidden={{ planId: sharing.planId, invitationId: i.invitationId }}
                  buttonClassName="rounded border-2 border-nhs-blue px-4 py-2 font-bold text-nhs-blue hover:bg-nhs-grey-5"
                >
                  Take back the invitation to {i.email}
                </ButtonForm>
              </li>
            ))}
          </ul>
        </section>
      )}

      {sharing.declined.length > 0 && (
        <section aria-labelledby="declined-heading" className="mb-4">
          <h2 id="declined-heading" className="mb-2 text-2xl font-bold">
            {PATIENT_COPY.declinedHeading}
          </h2>
          <ul className="space-y-2">
            {sharing.declined.map((d) => (
              <li key={d.email} className="bg-white border border-nhs-grey-4 p-4">
                <p className="wrap-anywhere">{`${d.email} said no on ${formatMoment(d.respondedAt)}. They cannot see your plan.`}</p>
              </li>
            ))}
          </ul>
        </section>
      )}

      {sharing.past.length > 0 && (
        <>
          <h2 className="mb-2 text-2xl font-bold">People who used to see it</h2>
          <ul className="mb-4 space-y-3">
            {sharing.past.map((p) => (
              <li key={p.carerId} className="bg-white border border-nhs-grey-4 p-4">
                <p className="text-lg font-bold">{p.name}</p>
                <p className="text-sm text-nhs-grey-1">Stopped {formatMoment(p.revokedAt)}</p>
                <ActionForm
                  action={grantAccessAction}
                  label={`Share again with ${p.name}`}
                  submitLabel={`Share again with ${p.name}`}
                  hidden={{ planId: sharing.planId, carerEmail: p.email, again: 'yes' }}
                  secondary
                >
                  <CheckboxField name="canContribute" value="yes" label="They can also add notes and tick off jobs" />
                </ActionForm>
              </li>
            ))}
          </ul>
        </>
      )}

      <div className="bg-white border border-nhs-grey-4 p-4">
        <h2 className="mb-2 text-2xl font-bold">{PATIENT_COPY.shareHeading}</h2>
        {archived ? (
          <p>{ARCHIVE_COPY.inviteRefused}</p>
        ) : (
          <>
            <p className="mb-3">{PATIENT_COPY.shareHelp}</p>
            <ActionForm
              action={grantAccessAction}
              label="Share your plan with someone"
              submitLabel="Share my plan"
              hidden={{ planId: sharing.planId }}
            >
              <TextField name="carerEmail" type="email" label="Their email address" required />
              <CheckboxField name="canContribute" value="yes" label="They can also add notes and tick off jobs" />
            </ActionForm>
          </>
        )}
      </div>
    </>
  );
}
