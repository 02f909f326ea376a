// The plan as the person and their carer read it: on a phone, on a big screen and on paper. One
// component for the screen and the print view, drawn from one presentation (lib/care-plan/present.ts),
// so the printed plan has everything the screen has: contact numbers are written out, jobs have boxes
// to tick by hand, and nothing is left behind a button (issue 6, §4: print "must never be second best").
import type { ReactNode } from 'react';
import { PATIENT_COPY, planCopy, reviewSentence, urgentHelpLines, type PlanCopy } from '@/lib/care-plan/copy';
import { formatDate, lowerFirst, mailtoHref, telHref } from '@/lib/care-plan/plain';
import type { ContactPresentation, PlanPresentation } from '@/lib/care-plan/present';
import type { CarePlanAccessView, CareTeamMemberView } from '@/lib/care-plan/types';
import { addNoteAction, deleteNoteAction, setActionDoneAction } from '@/app/my-plan/actions';
import { Notice } from '@/components/shell/Notice';
import { CareTeamWeb } from './CareTeamWeb';
import { ActionForm, ButtonForm, TextArea } from './forms';

type Mode = 'screen' | 'print';

// Long unbroken text typed into the plan (a pasted link or email) wraps inside its card instead of
// making the page scroll sideways on a narrow screen (WCAG 1.4.10 reflow).
const WRAP = 'wrap-anywhere';
const CARD = `bg-white border border-nhs-grey-4 p-4 print:border-nhs-black print:break-inside-avoid ${WRAP}`;
/**
 * A white-on-colour label. Printers leave backgrounds out, which would leave white text on white
 * paper: on paper it is black text in a black outline instead.
 */
export const BADGE_PRINT = 'print:border print:border-nhs-black print:bg-transparent print:text-nhs-black';

/** The standard NHS advice for urgent help, for a plan that does not say who to call. */
function UrgentHelp({ copy, className = '' }: { copy: PlanCopy; className?: string }) {
  return (
    <ul className={`space-y-1 ${className}`}>
      {urgentHelpLines(copy).map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

function Section(props: { id: string; title: string; help?: string; children: ReactNode; mode: Mode }) {
  return (
    <section id={props.id} aria-labelledby={`${props.id}-heading`} className="mb-8 scroll-mt-4 print:mb-5">
      <h2 id={`${props.id}-heading`} className="mb-2 text-2xl font-bold">
        {props.title}
      </h2>
      {props.help && <p className="mb-3">{props.help}</p>}
      {props.children}
    </section>
  );
}

/** Call and email buttons on screen; the number and address written out on paper. */
export function ContactLinks({
  contact,
  mode,
}: {
  contact: Pick<ContactPresentation, 'name' | 'phone' | 'email'>;
  mode: Mode;
}) {
  const tel = telHref(contact.phone);
  const mail = mailtoHref(contact.email);
  if (mode === 'print') {
    if (!contact.phone.trim() && !contact.email.trim()) return <p>{PATIENT_COPY.noContact}</p>;
    return (
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-lg">
        {contact.phone && (
          <>
            <dt className="font-bold">Phone</dt>
            <dd>{contact.phone}</dd>
          </>
        )}
        {contact.email && (
          <>
            <dt className="font-bold">Email</dt>
            <dd>{contact.email}</dd>
          </>
        )}
      </dl>
    );
  }
  if (!tel && !mail) return <p className="text-nhs-grey-1">{PATIENT_COPY.noContact}</p>;
  return (
    <div className="mt-2 flex flex-wrap gap-3">
      {tel && (
        <a
          href={tel}
          className="inline-flex min-h-12 flex-col justify-center rounded bg-nhs-green px-4 py-2 font-bold text-white no-underline hover:bg-[#00662f] hover:text-white"
        >
          <span className="inline-flex items-center gap-2">
            <PhoneIcon />
            Call {contact.name}
          </span>
          <span className="text-sm font-normal">{contact.phone}</span>
        </a>
      )}
      {mail && (
        <a
          href={mail}
          className="inline-flex min-h-12 flex-col justify-center rounded border-2 border-nhs-blue bg-white px-4 py-2 font-bold text-nhs-blue no-underline hover:bg-nhs-grey-5"
        >
          <span className="inline-flex items-center gap-2">
            <MailIcon />
            Email {contact.name}
          </span>
          <span className="text-sm font-normal break-all">{contact.email}</span>
        </a>
      )}
    </div>
  );
}

function PhoneIcon() {
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" className="h-5 w-5 fill-current">
      <path d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2c.3-.3.7-.4 1-.2 1.1.4 2.3.6 3.6.6.6 0 1 .4 1 1V20c0 .6-.4 1-1 1A17 17 0 0 1 3 4c0-.6.4-1 1-1h3.5c.6 0 1 .4 1 1 0 1.3.2 2.5.6 3.6.1.3 0 .7-.2 1l-2.3 2.2z" />
    </svg>
  );
}

function MailIcon() {
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" className="h-5 w-5 fill-current">
      <path d="M20 4H4a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2zm0 4-8 5-8-5V6l8 5 8-5v2z" />
    </svg>
  );
}

const RAG_STYLE = {
  green: { box: 'border-l-8 border-nhs-green bg-[#e6f2ea]', label: 'bg-nhs-green text-white', icon: '✓' },
  amber: {
    box: 'border-l-8 border-nhs-warm-yellow bg-[#fff4d6]',
    label: 'bg-nhs-warm-yellow text-nhs-black',
    icon: '!',
  },
  red: { box: 'border-l-8 border-nhs-red bg-[#fbe9e7]', label: 'bg-nhs-red text-white', icon: '!!' },
} as const;

export function PlanView(props: {
  planId: string;
  plan: PlanPresentation;
  members: readonly CareTeamMemberView[];
  mode: Mode;
  audience: 'patient' | 'carer' | 'clinician';
  access: CarePlanAccessView;
  /** The signed-in person: only their own notes get a delete button. */
  viewerId: string;
  /** The note just deleted: the notes say so, as the note and its button have gone. */
  deletedNote?: string;
}) {
  const { plan, mode } = props;
  const copy = planCopy(props.audience, plan.patientName, { canUpdate: props.access.canPatientUpdate });
  const interactive = mode === 'screen' && props.access.canPatientUpdate;
  return (
    <>
      {/* Where you are now */}
      <Section id="where" title={copy.youAreHereHeading} help={copy.youAreHereHelp} mode={mode}>
        <ul className="space-y-4">
          {plan.positions.map((p) => (
            <li key={p.pathwayId} className={CARD}>
              <p className="text-sm font-bold text-nhs-grey-1">{p.pathwayTitle}</p>
              {p.current ? (
                <div className="mt-2 flex gap-3">
                  <span
                    aria-hidden="true"
                    className="mt-1 inline-block h-6 w-6 shrink-0 rounded-full border-4 border-nhs-blue bg-nhs-yellow"
                  />
                  <div>
                    <p className="text-xl font-bold">
                      <span className={`mr-2 inline-block rounded bg-nhs-blue px-2 py-0.5 text-base text-white ${BADGE_PRINT}`}>
                        {copy.youAreHere}
                      </span>
                      {p.current.title}
                    </p>
                    <p>
                      This happens {p.current.where}.{p.current.since ? ` This step started on ${p.current.since}.` : ''}
                    </p>
                    {p.current.benefit && (
                      <p className="mt-1">
                        {copy.howItHelps}: {p.current.benefit}
                      </p>
                    )}
                  </div>
                </div>
              ) : (
                <p className="mt-2">{p.noteKind ? copy[p.noteKind] : p.note}</p>
              )}
            </li>
          ))}
        </ul>
      </Section>

      {/* What happens next */}
      <Section id="next" title={copy.nextHeading} help={copy.nextHelp} mode={mode}>
        {plan.next.some((n) => n.choice) && <p className="mb-3">{copy.nextChoiceHelp}</p>}
        {plan.next.length === 0 ? (
          <p>{copy.nothingNext}</p>
        ) : (
          <ol className="space-y-3">
            {plan.next.map((n, i) => (
              <li key={i} className={`${CARD} border-l-8 border-l-nhs-blue`}>
                {n.pathwayLabel && <p className="text-sm font-bold text-nhs-grey-1">{n.pathwayLabel}</p>}
                <p className="text-lg font-bold">{n.title}</p>
                {n.choice && <p className="font-bold">{copy.nextChoice}</p>}
                {n.when && <p>When: {lowerFirst(n.when)}</p>}
                <p>{n.whereAndWhen}</p>
                {n.benefit && <p className="mt-1 text-nhs-grey-1">{n.benefit}</p>}
                {n.pathwayTitles.length > 1 && (
                  <p className="mt-1 font-bold">One appointment for: {n.pathwayTitles.join(' and ')}.</p>
                )}
              </li>
            ))}
          </ol>
        )}
      </Section>

      {/* Who to contact */}
      <Section id="contact" title={copy.contactHeading} mode={mode}>
        <div className="space-y-4">
          {plan.coordinator ? (
            <div className={`${CARD} border-l-8 border-l-nhs-blue`}>
              <h3 className="text-xl font-bold">
                {plan.coordinatorLabel}: {plan.coordinator.name}
              </h3>
              <p>{[plan.coordinator.role, plan.coordinator.organisation].filter(Boolean).join(', ')}</p>
              <p className="mt-1">{copy.coordinatorHelp}</p>
              {plan.coordinator.availability && <p className="mt-1">When: {plan.coordinator.availability}</p>}
              <ContactLinks contact={plan.coordinator} mode={mode} />
            </div>
          ) : (
            <p className={CARD}>{copy.noCoordinator}</p>
          )}
          {plan.crisis ? (
            <div className={`${CARD} border-l-8 border-l-nhs-red`}>
              <h3 className="text-xl font-bold">
                {copy.crisisHeading}: {plan.crisis.name}
              </h3>
              <p>{copy.crisisHelp}</p>
              {plan.crisis.detail && <p className="mt-1">{plan.crisis.detail}</p>}
              <ContactLinks contact={{ name: plan.crisis.name, phone: plan.crisis.phone, email: '' }} mode={mode} />
            </div>
          ) : (
            <div className={`${CARD} border-l-8 border-l-nhs-red`}>
              <h3 className="text-xl font-bold">{copy.crisisHeading}</h3>
              <p>{copy.urgentHelp}</p>
              <p className="mt-1">{copy.urgentMentalHealth}</p>
            </div>
          )}
          <p className="text-lg font-bold">{copy.emergency}</p>
        </div>
      </Section>

      {/* If things get worse */}
      <Section id="worse" title={copy.escalationHeading} help={copy.escalationHelp} mode={mode}>
        {plan.escalation.length === 0 ? (
          <p>{copy.notWrittenYet}</p>
        ) : (
          <ul className="space-y-3">
            {plan.escalation.map((e) => (
              <li key={e.level} className={`p-4 print:break-inside-avoid ${WRAP} ${RAG_STYLE[e.level].box}`}>
                <h3 className="text-xl font-bold">
                  <span
                    className={`mr-2 inline-block rounded px-2 py-0.5 text-base ${RAG_STYLE[e.level].label} ${BADGE_PRINT}`}
                    aria-hidden="true"
                  >
                    {RAG_STYLE[e.level].icon}
                  </span>
                  {e.heading}
                </h3>
                <p className="mt-1">
                  <strong>Signs: </strong>
                  {e.signs}
                </p>
                <p className="mt-1">
                  <strong>What to do: </strong>
                  {e.whatToDo}
                </p>
              </li>
            ))}
          </ul>
        )}
        {plan.urgentFallback && (
          <div className={`${CARD} mt-3 border-l-8 border-l-nhs-red`}>
            <h3 className="text-xl font-bold">{copy.urgentHeading}</h3>
            <UrgentHelp copy={copy} />
          </div>
        )}
      </Section>

      {/* What matters to me */}
      <Section id="matters" title={copy.whatMattersHeading} mode={mode}>
        {plan.whatMattersToMe.trim() ? (
          <blockquote className={`${CARD} border-l-8 border-l-nhs-purple text-lg`}>
            <p className="whitespace-pre-line">“{plan.whatMattersToMe.trim()}”</p>
          </blockquote>
        ) : (
          <p>{copy.noWhatMatters}</p>
        )}
      </Section>

      {/* Goals */}
      <Section id="goals" title={copy.goalsHeading} mode={mode}>
        {plan.goals.length === 0 ? (
          <p>No goals yet.</p>
        ) : (
          <ul className="space-y-3">
            {plan.goals.map((g) => (
              <li key={g.id} className={CARD}>
                <p className="text-lg font-bold">{g.description}</p>
                <p>
                  {g.kind} goal · Set by: {g.setBy}
                  {g.target ? ` · Aim for: ${g.target}` : ''}
                </p>
                <p className={g.achieved ? 'font-bold text-nhs-green' : ''}>
                  {g.achieved && <span aria-hidden="true">✓ </span>}
                  {g.status}
                </p>
              </li>
            ))}
          </ul>
        )}
      </Section>

      {/* Who does what */}
      <Section id="actions" title={copy.actionsHeading} help={copy.actionsHelp} mode={mode}>
        {plan.actions.length === 0 ? (
          <p>{copy.noJobs}</p>
        ) : (
          <ul className="space-y-3">
            {plan.actions.map((a) => (
              <li key={a.id} className={`${CARD} flex gap-3`}>
                {mode === 'print' && (
                  <span
                    aria-hidden="true"
                    className="mt-1 inline-block h-6 w-6 shrink-0 border-2 border-nhs-black text-center leading-5 font-bold"
                  >
                    {a.done ? '✓' : ''}
                  </span>
                )}
                <div className="flex-1">
                  <p className={`text-lg font-bold ${a.done ? 'line-through decoration-2' : ''}`}>{a.description}</p>
                  <p>
                    Who: {a.who}
                    {a.due ? (
                      <>
                        {' · '}
                        <span className={a.overdue ? 'font-bold text-nhs-red' : ''}>{a.due}</span>
                      </>
                    ) : null}
                  </p>
                  <p aria-live="polite" className={a.done ? 'font-bold text-nhs-green' : ''}>
                    {a.done && <span aria-hidden="true">✓ </span>}
                    {a.status}
                  </p>
                  {interactive && a.isOwn && (
                    <ButtonForm
                      action={setActionDoneAction}
                      hidden={{ planId: props.planId, actionId: a.id, done: a.done ? 'no' : 'yes' }}
                      buttonClassName={
                        a.done
                          ? 'rounded border-2 border-nhs-blue bg-white px-4 py-2 font-bold text-nhs-blue hover:bg-nhs-grey-5'
                          : 'rounded bg-nhs-green px-4 py-2 font-bold text-white hover:bg-[#00662f]'
                      }
                    >
                      {a.done ? 'Not done yet' : 'Mark as done'}
                      <span className="sr-only">: {a.description}</span>
                    </ButtonForm>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </Section>

      {/* Medicines */}
      <Section id="medicines" title={copy.medicinesHeading} mode={mode}>
        {plan.medicationSummary.trim() && (
          <p className={`mb-3 whitespace-pre-line ${WRAP}`}>{plan.medicationSummary}</p>
        )}
        {plan.medicines.length > 0 && (
          <ul className="space-y-3">
            {plan.medicines.map((m) => (
              <li key={m.id} className={CARD}>
                <p className="text-lg font-bold">{m.name}</p>
                {m.purpose && <p>For: {m.purpose}</p>}
                {m.howToTake && <p>How: {m.howToTake}</p>}
              </li>
            ))}
          </ul>
        )}
        {!plan.medicationSummary.trim() && plan.medicines.length === 0 && (
          <p>{copy.notWrittenYet}</p>
        )}
      </Section>

      {/* Care team */}
      <Section id="team" title={copy.teamHeading} help={copy.teamHelp} mode={mode}>
        <h3 className="text-xl font-bold">{copy.webHeading}</h3>
        <CareTeamWeb
          members={props.members}
          personName={plan.patientName}
          idPrefix={`plan-${mode}`}
          readByPerson={props.audience !== 'carer'}
        />
        <ul className="space-y-3">
          {plan.team.map((m) => (
            <li key={m.id} className={CARD}>
              <h3 className="text-lg font-bold">
                {m.name}
                {m.isCoordinator && (
                  <span className={`ml-2 rounded bg-nhs-blue px-2 py-0.5 text-sm text-white ${BADGE_PRINT}`}>
                    Care coordinator
                  </span>
                )}
              </h3>
              <p>{[m.role, m.organisation].filter(Boolean).join(', ')}</p>
              {m.availability && <p>When: {m.availability}</p>}
              <ContactLinks contact={m} mode={mode} />
            </li>
          ))}
        </ul>
      </Section>

      {/* Review */}
      <Section id="review" title={copy.reviewHeading} mode={mode}>
        <p className="text-lg">
          {!plan.review ? (
            copy.noReviewDate
          ) : plan.review.passed ? (
            <strong>{reviewSentence(copy, plan.review)}</strong>
          ) : (
            <strong>{plan.review.date}</strong>
          )}
        </p>
        <p className="mt-1">
          {copy.lastChanged} {plan.lastChanged}.
        </p>
      </Section>

      {/* Notes */}
      <Section id="notes" title={copy.notesHeading} help={copy.notesHelp} mode={mode}>
        {interactive && props.deletedNote !== undefined && (
          <Notice key={props.deletedNote}>
            <p className="text-lg font-bold">Note deleted.</p>
          </Notice>
        )}
        {interactive && (
          <div className={`${CARD} mb-4`}>
            <ActionForm
              action={addNoteAction}
              label="Add a note"
              submitLabel="Save note"
              hidden={{ planId: props.planId }}
            >
              <TextArea
                name="body"
                label="Your note"
                hint="For example, a question for your next visit."
                rows={3}
                required
              />
            </ActionForm>
          </div>
        )}
        {plan.notes.length === 0 ? (
          <p>No notes yet.</p>
        ) : (
          <ul className="space-y-3">
            {plan.notes.map((n) => (
              <li key={n.id} className={CARD}>
                <p className="whitespace-pre-line">{n.body}</p>
                <p className="mt-1 text-sm text-nhs-grey-1">
                  {n.authorName}, {formatDate(n.day)}
                </p>
                {interactive && n.authorId === props.viewerId && (
                  <ButtonForm
                    action={deleteNoteAction}
                    hidden={{ planId: props.planId, noteId: n.id }}
                    buttonClassName="font-bold text-nhs-blue underline"
                    confirm={{ question: 'Are you sure you want to delete this note? You cannot get it back.', yes: 'Yes, delete this note' }}
                  >
                    Delete this note<span className="sr-only">: your note from {formatDate(n.day)}</span>
                  </ButtonForm>
                )}
              </li>
            ))}
          </ul>
        )}
        {mode === 'print' && (
          <div aria-hidden="true" className="mt-4">
            <p className="text-nhs-grey-1">Space for your own notes:</p>
            {[0, 1, 2, 3, 4].map((i) => (
              <div key={i} className="h-10 border-b border-nhs-grey-1" />
            ))}
          </div>
        )}
      </Section>
    </>
  );
}
