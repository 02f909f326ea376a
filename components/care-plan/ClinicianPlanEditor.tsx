// The care team's view of a plan: completeness first, then every part of the plan with a form to
// change it. Each form posts one edit to editCarePlanAction (one command API, like the pathway
// editor's). Text written for the person gets a reading-level warning when it is hard to read.
import Link from 'next/link';
import type { ReactNode } from 'react';
import { editCarePlanAction } from '@/app/w/[workspace]/care-plans/actions';
import { checkCompleteness } from '@/lib/care-plan/completeness';
import { ACCOUNT_USES_EMAIL_LABEL } from '@/lib/care-plan/input';
import { findDuplicates } from '@/lib/care-plan/duplicates';
import { positionOnPathway, stepsInJourneyOrder } from '@/lib/care-plan/journey';
import {
  ACTION_STATUS_FOR_PATIENTS,
  GOAL_STATUS_FOR_PATIENTS,
  dayInLondon,
  formatDate,
  readability,
  waitInWords,
} from '@/lib/care-plan/plain';
import {
  ACTION_STATUSES,
  ESCALATION_LEVELS,
  GOAL_SET_BY,
  GOAL_STATUSES,
  escalationFor,
  type CarePlanView,
} from '@/lib/care-plan/types';
import { KIND_LABELS, ROLE_LABELS, SECTOR_LABELS, SETTING_LABELS } from '@/lib/pathway/labels';
import { ROLES, SECTORS } from '@/lib/pathway/schema';
import { CareTeamWeb } from './CareTeamWeb';
import { CompletenessPanel } from './CompletenessPanel';
import { DuplicatesPanel } from './DuplicatesPanel';
import { RemovalNotice, RemoveForm } from './RemovalNotice';
import { ActionForm, CheckboxInsteadOf, SelectField, TextArea, TextField } from './forms';

const CARD = 'mb-6 bg-white border border-nhs-grey-4 p-4';
const ITEM = 'border-t border-nhs-grey-4 py-3';

const roleOptions = ROLES.filter((r) => r !== 'patient').map((r) => ({ value: r, label: ROLE_LABELS[r] }));
const sectorOptions = SECTORS.map((s) => ({ value: s, label: SECTOR_LABELS[s] }));
const goalKindOptions = [
  { value: 'health', label: 'Health goal' },
  { value: 'social', label: 'Social goal (daily life, family, work, activities)' },
];
const SET_BY_LABEL = {
  person: 'The person',
  carer: 'Their carer',
  care_team: 'The care team',
  together: 'The person and the care team together',
} as const;
const setByOptions = GOAL_SET_BY.map((v) => ({ value: v, label: SET_BY_LABEL[v] }));
const goalStatusOptions = GOAL_STATUSES.map((v) => ({ value: v, label: GOAL_STATUS_FOR_PATIENTS[v] }));
const actionStatusOptions = ACTION_STATUSES.map((v) => ({ value: v, label: ACTION_STATUS_FOR_PATIENTS[v] }));
const LEVEL_NAMES = {
  green: 'Green: feeling as usual',
  amber: 'Amber: feeling worse than usual',
  red: 'Red: needs help now (the crisis plan)',
} as const;

function HardToRead({ text }: { text: string }) {
  if (!text.trim()) return null;
  const r = readability(text);
  if (r.words < 8 || r.readingAge <= 11) return null;
  return (
    <p className="text-sm font-bold text-[#6b4a00]">
      This may be hard for the person to read (reading age about {Math.round(r.readingAge)}). Try shorter sentences and
      everyday words.
    </p>
  );
}

export function ClinicianPlanEditor(props: {
  plan: CarePlanView;
  workspaceSlug: string;
  today: string;
  canViewAudit: boolean;
  /** The signed-in clinician: their own place in the team cannot be unlinked or handed on. */
  viewerId: string;
}) {
  const { plan } = props;
  const completeness = checkCompleteness(plan, props.today);
  const duplicates = findDuplicates(
    plan.pathways.map((p) => ({ id: p.pathwayId, title: p.title, document: p.document })),
    plan.merges,
  );
  const stepTitle = (pathwayId: string, stepId: string) =>
    plan.pathways.find((p) => p.pathwayId === pathwayId)?.document?.steps.find((s) => s.id === stepId)?.title ?? stepId;
  const pathwayTitle = (pathwayId: string) => plan.pathways.find((p) => p.pathwayId === pathwayId)?.title ?? pathwayId;
  const hidden = (op: string, extra: Record<string, string> = {}) => ({ planId: plan.id, op, ...extra });
  // What each of the plan's own forms was drawn from: a save over someone else's change is refused.
  const revisions = plan.formRevisions;
  const memberOptions = [
    { value: '', label: 'Choose someone' },
    ...plan.members.map((m) => ({ value: m.id, label: `${m.name} (${m.jobTitle || ROLE_LABELS[m.role]})` })),
  ];
  const ownerOptions = [
    { value: 'person', label: `${plan.patient.name} (the person)` },
    { value: 'carer', label: 'Their carer' },
    { value: 'team_member', label: 'Someone in the care team' },
  ];

  return (
    <>
      <CompletenessPanel completeness={completeness} />

      {/* Where the person is on each pathway */}
      <section id="where" aria-labelledby="where-heading" className={CARD}>
        <h2 id="where-heading" tabIndex={-1} className="mb-2 text-2xl font-bold">
          Where {plan.patient.name} is on each pathway
        </h2>
        <RemovalNotice headingId="where-heading">
          {plan.pathways.map((link) => {
            const pos = positionOnPathway(link, plan.merges);
            const steps = link.document ? stepsInJourneyOrder(link.document) : [];
            return (
              <div key={link.pathwayId} className={ITEM}>
                <h3 className="text-xl font-bold">
                  <Link href={`/w/${props.workspaceSlug}/pathways/${link.pathwayId}`}>{link.title}</Link>
                </h3>
                {pos.current ? (
                  <p>
                    <span className="mr-2 rounded bg-nhs-blue px-2 py-0.5 text-sm font-bold text-white">
                      Current step
                    </span>
                    <strong>{pos.current.title}</strong> ({KIND_LABELS[pos.current.kind]},{' '}
                    {SETTING_LABELS[pos.current.setting].toLowerCase()})
                    {link.currentStepSince
                      ? `, since ${formatDate(dayInLondon(link.currentStepSince), { weekday: false })}`
                      : ''}
                    .
                  </p>
                ) : pos.missingStepId ? (
                  <p className="font-bold text-nhs-red">
                    The step recorded (“{pos.missingStepId}”) is no longer in this pathway. Choose the current step.
                  </p>
                ) : (
                  <p>No current step recorded.</p>
                )}
                {pos.next.length > 0 && (
                  <>
                    <p className="mt-1 font-bold">What can happen next</p>
                    <ul className="list-disc pl-5">
                      {pos.next.map((n) => (
                        <li key={n.step.stepId}>
                          {n.step.title}
                          {n.when ? ` – ${n.when}` : ''}
                          {n.targetDays !== null ? ` (usually ${waitInWords(n.targetDays)})` : ''}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
                <div className="mt-2 flex flex-wrap items-end gap-4">
                  <ActionForm
                    action={editCarePlanAction}
                    label={`Current step on ${link.title}`}
                    submitLabel="Save current step"
                    hidden={hidden('step.set', { pathwayId: link.pathwayId, revision: link.revision ?? '' })}
                    className="flex flex-wrap items-end gap-3"
                  >
                    <SelectField
                      name="stepId"
                      label="Current step"
                      defaultValue={link.currentStepId ?? ''}
                      options={[
                        { value: '', label: 'Not known yet' },
                        ...steps.map((s) => ({ value: s.id, label: s.title })),
                      ]}
                    />
                  </ActionForm>
                  {plan.pathways.length > 1 && (
                    <RemoveForm
                      action={editCarePlanAction}
                      label={`Remove ${link.title} from the plan`}
                      submitLabel="Remove this pathway from the plan"
                      hidden={hidden('pathway.remove', {
                        pathwayId: link.pathwayId,
                        revision: link.removalRevision ?? '',
                      })}
                      what={`the pathway “${link.title}”`}
                    />
                  )}
                </div>
              </div>
            );
          })}
        </RemovalNotice>
      </section>

      <DuplicatesPanel
        planId={plan.id}
        groups={duplicates}
        merges={plan.merges}
        stepTitle={stepTitle}
        pathwayTitle={pathwayTitle}
      />

      {/* Title, what matters, review date */}
      <section id="what-matters" aria-labelledby="details-heading" className={CARD}>
        <h2 id="details-heading" className="mb-2 text-2xl font-bold">
          What matters to {plan.patient.name}
        </h2>
        <ActionForm
          action={editCarePlanAction}
          label="What matters and review date"
          submitLabel="Save"
          hidden={hidden('details', { revision: revisions?.details ?? '' })}
        >
          <TextField name="title" label="Title of the plan" defaultValue={plan.title} required />
          <TextArea
            name="whatMattersToMe"
            label="What matters to me"
            hint="In the person’s own words, as they said it."
            defaultValue={plan.whatMattersToMe}
            rows={4}
          />
          <HardToRead text={plan.whatMattersToMe} />
          <div id="review">
            <TextField
              name="reviewDate"
              type="date"
              label="Review date"
              hint="When the plan will be looked at again with the person."
              defaultValue={plan.reviewDate ?? ''}
            />
          </div>
        </ActionForm>
      </section>

      {/* Coordinator and crisis contact */}
      <section id="people" aria-labelledby="people-heading" className={CARD}>
        <h2 id="people-heading" className="mb-2 text-2xl font-bold">
          Care coordinator and crisis contact
        </h2>
        <p className="mb-3">One coordinator for the whole plan, not one per condition.</p>
        <ActionForm
          action={editCarePlanAction}
          label="Care coordinator and crisis contact"
          submitLabel="Save"
          hidden={hidden('people', { revision: revisions?.people ?? '' })}
        >
          <SelectField
            name="coordinatorId"
            label="Care coordinator"
            hint="Add them to the care team first if they are not listed."
            defaultValue={plan.coordinatorId ?? ''}
            options={[
              { value: '', label: 'Nobody named yet' },
              ...plan.members
                .filter((m) => m.role !== 'carer')
                .map((m) => ({ value: m.id, label: `${m.name} (${m.jobTitle || ROLE_LABELS[m.role]})` })),
            ]}
          />
          <TextField
            name="crisisContactName"
            label="Crisis contact"
            hint="For example NHS 111, or a named team."
            defaultValue={plan.crisisContact.name}
          />
          <TextField
            name="crisisContactPhone"
            type="tel"
            label="Crisis contact phone number"
            defaultValue={plan.crisisContact.phone}
          />
          <TextField
            name="crisisContactDetail"
            label="When to use the crisis contact"
            defaultValue={plan.crisisContact.detail}
          />
        </ActionForm>
      </section>

      {/* Goals */}
      <section id="goals" aria-labelledby="goals-heading" className={CARD}>
        <h2 id="goals-heading" tabIndex={-1} className="mb-2 text-2xl font-bold">
          Goals
        </h2>
        <RemovalNotice headingId="goals-heading">
          {plan.goals.length === 0 && <p>No goals yet.</p>}
          <ul>
            {plan.goals.map((g) => (
              <li key={g.id} className={ITEM}>
                <p className="font-bold">{g.description}</p>
                <p className="text-sm">
                  {g.kind === 'health' ? 'Health' : 'Social'} goal · set by {SET_BY_LABEL[g.setBy].toLowerCase()}
                  {g.targetDate
                    ? ` · target ${formatDate(g.targetDate, { weekday: false })}`
                    : ' · no target date'} · {GOAL_STATUS_FOR_PATIENTS[g.status]}
                </p>
                <ChangeOrRemove
                  what={`the goal ${g.description}`}
                  removed={`the goal “${g.description}”`}
                  changeLabel={`Change goal ${g.description}`}
                  saveLabel="Save goal"
                  removeLabel={`Remove goal ${g.description}`}
                  removeSubmitLabel="Remove this goal"
                  save={hidden('goal.save', { id: g.id, revision: g.revision ?? '' })}
                  remove={hidden('goal.delete', { id: g.id, revision: g.revision ?? '' })}
                >
                  <GoalFields defaults={g} />
                </ChangeOrRemove>
              </li>
            ))}
          </ul>
          <AddItem
            title="Add a goal"
            submitLabel="Add goal"
            hidden={hidden('goal.save')}
            open={plan.goals.length === 0}
          >
            <GoalFields />
          </AddItem>
        </RemovalNotice>
      </section>

      {/* Actions */}
      <section id="actions" aria-labelledby="actions-heading" className={CARD}>
        <h2 id="actions-heading" tabIndex={-1} className="mb-2 text-2xl font-bold">
          Who does what
        </h2>
        <RemovalNotice headingId="actions-heading">
          {plan.actions.length === 0 && <p>No actions yet.</p>}
          <ul>
            {plan.actions.map((a) => (
              <li key={a.id} className={ITEM}>
                <p className={`font-bold ${a.status === 'done' ? 'line-through' : ''}`}>{a.description}</p>
                <p className="text-sm">
                  {a.ownerKind === 'person'
                    ? plan.patient.name
                    : a.ownerKind === 'carer'
                      ? 'Their carer'
                      : (a.ownerName ?? 'Nobody named')}{' '}
                  · {a.dueDate ? `by ${formatDate(a.dueDate, { weekday: false })}` : 'no date'} ·{' '}
                  {ACTION_STATUS_FOR_PATIENTS[a.status]}
                </p>
                <ChangeOrRemove
                  what={`the action ${a.description}`}
                  removed={`the action “${a.description}”`}
                  changeLabel={`Change action ${a.description}`}
                  saveLabel="Save action"
                  removeLabel={`Remove action ${a.description}`}
                  removeSubmitLabel="Remove this action"
                  save={hidden('action.save', { id: a.id, revision: a.revision ?? '' })}
                  remove={hidden('action.delete', { id: a.id, revision: a.revision ?? '' })}
                >
                  <ActionFields defaults={a} ownerOptions={ownerOptions} memberOptions={memberOptions} />
                </ChangeOrRemove>
              </li>
            ))}
          </ul>
          <AddItem
            title="Add an action"
            submitLabel="Add action"
            hidden={hidden('action.save')}
            open={plan.actions.length === 0}
          >
            <ActionFields ownerOptions={ownerOptions} memberOptions={memberOptions} />
          </AddItem>
        </RemovalNotice>
      </section>

      {/* Care team */}
      <section id="care-team" aria-labelledby="team-heading" className={CARD}>
        <h2 id="team-heading" tabIndex={-1} className="mb-2 text-2xl font-bold">
          Care team
        </h2>
        <RemovalNotice headingId="team-heading">
          <p>The person’s web of care, across health, social care and the voluntary sector.</p>
          <CareTeamWeb members={plan.members} personName={plan.patient.name} idPrefix="editor" />
          <ul>
            {plan.members.map((m) => (
              <li key={m.id} className={ITEM}>
                <p className="font-bold">
                  {m.name}
                  {m.isCoordinator && (
                    <span className="ml-2 rounded bg-nhs-blue px-2 py-0.5 text-sm text-white">Care coordinator</span>
                  )}
                </p>
                <p className="text-sm">
                  {m.jobTitle || ROLE_LABELS[m.role]}
                  {m.organisation ? `, ${m.organisation}` : ''} · {SECTOR_LABELS[m.sector]} ·{' '}
                  {[m.phone, m.email].filter(Boolean).join(' · ') || 'no contact details'}
                  {m.userId ? ' · can open this plan in Pathweave' : ''}
                </p>
                <ChangeOrRemove
                  what={m.name}
                  removed={`${m.name} from the care team`}
                  changeLabel={`Change ${m.name}`}
                  saveLabel="Save"
                  removeLabel={`Remove ${m.name}`}
                  removeSubmitLabel={`Remove ${m.name} from the team`}
                  save={hidden('member.save', { id: m.id, revision: m.revision ?? '' })}
                  remove={hidden('member.delete', { id: m.id, revision: m.revision ?? '' })}
                >
                  <MemberFields defaults={m} />
                  <AccountFields accountEmail={m.accountEmail ?? null} own={m.userId === props.viewerId} />
                </ChangeOrRemove>
              </li>
            ))}
          </ul>
          <AddItem title="Add someone to the care team" submitLabel="Add to the team" hidden={hidden('member.save')}>
            <MemberFields />
            <AccountFields accountEmail={null} />
          </AddItem>
        </RemovalNotice>
      </section>

      {/* Escalation */}
      <section id="escalation" aria-labelledby="escalation-heading" className={CARD}>
        <h2 id="escalation-heading" className="mb-2 text-2xl font-bold">
          If things get worse: red, amber, green
        </h2>
        <p className="mb-3">Write it for the person, in short sentences. The red part is the crisis plan.</p>
        {ESCALATION_LEVELS.map((level) => {
          const e = escalationFor(plan, level);
          return (
            <div key={level} className={ITEM}>
              <h3 className="text-lg font-bold">{LEVEL_NAMES[level]}</h3>
              <ActionForm
                action={editCarePlanAction}
                label={LEVEL_NAMES[level]}
                submitLabel="Save"
                hidden={hidden('escalation.save', { level, revision: revisions?.escalation[level] ?? '' })}
              >
                <TextArea name="signs" label="Signs to look out for" defaultValue={e?.signs ?? ''} rows={2} />
                <HardToRead text={e?.signs ?? ''} />
                <TextArea name="whatToDo" label="What to do" defaultValue={e?.whatToDo ?? ''} rows={2} />
                <HardToRead text={e?.whatToDo ?? ''} />
              </ActionForm>
            </div>
          );
        })}
      </section>

      {/* Medicines */}
      <section id="medicines" aria-labelledby="medicines-heading" className={CARD}>
        <h2 id="medicines-heading" tabIndex={-1} className="mb-2 text-2xl font-bold">
          Medication summary
        </h2>
        <RemovalNotice headingId="medicines-heading">
          <ActionForm
            action={editCarePlanAction}
            label="Medication summary"
            submitLabel="Save summary"
            hidden={hidden('medication', { revision: revisions?.medication ?? '' })}
          >
            <TextArea
              name="medicationSummary"
              label="Summary"
              hint="Write “No regular medicines” if that is so."
              defaultValue={plan.medicationSummary}
              rows={3}
            />
          </ActionForm>
          <ul className="mt-3">
            {plan.medicines.map((m) => (
              <li key={m.id} className={ITEM}>
                <p className="font-bold">{m.name}</p>
                <p className="text-sm">
                  {[m.purpose && `For: ${m.purpose}`, m.howToTake && `How: ${m.howToTake}`].filter(Boolean).join(' · ')}
                </p>
                <ChangeOrRemove
                  what={m.name}
                  removed={`the medicine “${m.name}”`}
                  changeLabel={`Change ${m.name}`}
                  saveLabel="Save medicine"
                  removeLabel={`Remove ${m.name}`}
                  removeSubmitLabel="Remove this medicine"
                  save={hidden('medicine.save', { id: m.id, revision: m.revision ?? '' })}
                  remove={hidden('medicine.delete', { id: m.id, revision: m.revision ?? '' })}
                >
                  <MedicineFields defaults={m} />
                </ChangeOrRemove>
              </li>
            ))}
          </ul>
          <AddItem title="Add a medicine" submitLabel="Add medicine" hidden={hidden('medicine.save')}>
            <MedicineFields />
          </AddItem>
        </RemovalNotice>
      </section>

      {/* Sharing and notes: the person's side, read-only here */}
      <section id="person-side" aria-labelledby="person-side-heading" className={CARD}>
        <h2 id="person-side-heading" className="mb-2 text-2xl font-bold">
          Shared by the person, and their notes
        </h2>
        <p className="mb-2">
          {plan.carers.length === 0
            ? `${plan.patient.name} has not shared the plan with anyone outside the care team.`
            : `${plan.patient.name} has shared the plan with: ${plan.carers.map((c) => `${c.name}${c.canContribute ? ' (can add notes and tick off jobs)' : ''}`).join(', ')}.`}{' '}
          Only the person can change this.
        </p>
        <h3 className="mt-3 text-lg font-bold">Notes from the person and their carer</h3>
        {plan.notes.length === 0 ? (
          <p>No notes yet.</p>
        ) : (
          <ul>
            {plan.notes.map((n) => (
              <li key={n.id} className={ITEM}>
                <p className="whitespace-pre-line">{n.body}</p>
                <p className="text-sm text-nhs-grey-1">
                  {n.authorName}, {formatDate(dayInLondon(n.createdAt))}
                </p>
              </li>
            ))}
          </ul>
        )}
        {props.canViewAudit && (
          <p className="mt-3">
            <Link href={`/w/${props.workspaceSlug}/care-plans/${plan.id}/audit`} prefetch={false}>
              Who has opened or changed this plan
            </Link>
          </p>
        )}
      </section>
    </>
  );
}

function GoalFields({ defaults }: { defaults?: CarePlanView['goals'][number] }) {
  return (
    <>
      <SelectField
        name="kind"
        label="Kind of goal"
        defaultValue={defaults?.kind ?? 'health'}
        options={goalKindOptions}
      />
      <TextArea
        name="description"
        label="Goal"
        hint="In the person’s words where you can."
        defaultValue={defaults?.description ?? ''}
        rows={2}
        required
      />
      <SelectField
        name="setBy"
        label="Who set the goal"
        defaultValue={defaults?.setBy ?? 'person'}
        options={setByOptions}
      />
      <TextField name="targetDate" type="date" label="Target date" defaultValue={defaults?.targetDate ?? ''} />
      <SelectField
        name="status"
        label="Goal status"
        defaultValue={defaults?.status ?? 'active'}
        options={goalStatusOptions}
      />
    </>
  );
}

function ActionFields(props: {
  defaults?: CarePlanView['actions'][number];
  ownerOptions: { value: string; label: string }[];
  memberOptions: { value: string; label: string }[];
}) {
  const d = props.defaults;
  return (
    <>
      <TextArea name="description" label="What needs doing" defaultValue={d?.description ?? ''} rows={2} required />
      <SelectField
        name="ownerKind"
        label="Who does it"
        defaultValue={d?.ownerKind ?? 'team_member'}
        options={props.ownerOptions}
      />
      <SelectField
        name="memberId"
        label="Team member"
        hint="Only when someone in the care team does it."
        defaultValue={d?.memberId ?? ''}
        options={props.memberOptions}
      />
      <TextField name="dueDate" type="date" label="Date to be done by" defaultValue={d?.dueDate ?? ''} />
      <SelectField
        name="status"
        label="Action status"
        defaultValue={d?.status ?? 'to_do'}
        options={actionStatusOptions}
      />
    </>
  );
}

function MemberFields({ defaults }: { defaults?: CarePlanView['members'][number] }) {
  return (
    <>
      <TextField name="name" label="Name" defaultValue={defaults?.name ?? ''} required />
      <SelectField name="role" label="Role" defaultValue={defaults?.role ?? 'gp'} options={roleOptions} />
      <TextField
        name="jobTitle"
        label="Job title"
        hint="As the person knows it, for example “Community respiratory nurse”."
        defaultValue={defaults?.jobTitle ?? ''}
      />
      <TextField name="organisation" label="Organisation" defaultValue={defaults?.organisation ?? ''} />
      <SelectField
        name="sector"
        label="Part of care"
        defaultValue={defaults?.sector ?? 'primary_care'}
        options={sectorOptions}
      />
      <TextField name="phone" type="tel" label="Phone number" defaultValue={defaults?.phone ?? ''} />
      <TextField name="email" type="email" label="Email address" defaultValue={defaults?.email ?? ''} />
      <TextField
        name="availability"
        label="When they can be reached"
        hint="For example “Monday to Friday, 9am to 5pm”."
        defaultValue={defaults?.availability ?? ''}
      />
    </>
  );
}

/**
 * The Pathweave account linked to a team member, which lets them open and change the plan: in the form
 * that adds someone and in each member's change form. `accountEmail` is the account linked now.
 */
function AccountFields({ accountEmail, own = false }: { accountEmail: string | null; own?: boolean }) {
  return (
    // Their account usually uses the email address just typed: a box to tick, not the address again.
    <CheckboxInsteadOf
      name="accountUsesEmail"
      label={ACCOUNT_USES_EMAIL_LABEL}
      hint="Only if they edit in this workspace. They can then open and change this plan."
      fields={['userEmail']}
    >
      <TextField
        name="userEmail"
        type="email"
        label="Pathweave account email (optional)"
        hint={
          own
            ? 'You open and change this plan with this account. Someone else in the team can unlink it.'
            : accountEmail
              ? 'They open and change this plan with this account. Clear this box to stop them opening the plan.'
              : 'If their account uses a different email address. If they edit in this workspace, they can then open and change this plan.'
        }
        defaultValue={accountEmail ?? ''}
      />
    </CheckboxInsteadOf>
  );
}

function MedicineFields({ defaults }: { defaults?: CarePlanView['medicines'][number] }) {
  return (
    <>
      <TextField name="name" label="Medicine" defaultValue={defaults?.name ?? ''} required />
      <TextField name="purpose" label="What it is for" defaultValue={defaults?.purpose ?? ''} />
      <TextField name="howToTake" label="How to take it" defaultValue={defaults?.howToTake ?? ''} />
    </>
  );
}

/**
 * An item's "Change or remove" disclosure: its fields with a save button, and a remove button. Goes
 * inside a RemovalNotice, which says what was removed once the item has gone.
 */
function ChangeOrRemove(props: {
  /** Said to screen readers after "Change or remove". */
  what: string;
  /** Named so after removing it, in "Removed …", e.g. the goal “Walk to the shop”. */
  removed: string;
  changeLabel: string;
  saveLabel: string;
  removeLabel: string;
  removeSubmitLabel: string;
  save: Record<string, string>;
  remove: Record<string, string>;
  children: ReactNode;
}) {
  return (
    <details className="mt-1">
      <summary className="cursor-pointer text-nhs-blue underline">
        Change or remove<span className="sr-only"> {props.what}</span>
      </summary>
      <div className="mt-2 space-y-3">
        <ActionForm
          action={editCarePlanAction}
          label={props.changeLabel}
          submitLabel={props.saveLabel}
          hidden={props.save}
        >
          {props.children}
        </ActionForm>
        <RemoveForm
          action={editCarePlanAction}
          label={props.removeLabel}
          submitLabel={props.removeSubmitLabel}
          hidden={props.remove}
          what={props.removed}
        />
      </div>
    </details>
  );
}

/** "Add a …" at the end of a list: a disclosure holding the form for a new item. */
function AddItem(props: {
  title: string;
  submitLabel: string;
  hidden: Record<string, string>;
  open?: boolean;
  children: ReactNode;
}) {
  return (
    <details className={ITEM} open={props.open}>
      <summary className="cursor-pointer font-bold text-nhs-blue underline">{props.title}</summary>
      <div className="mt-2">
        <ActionForm
          action={editCarePlanAction}
          label={props.title}
          submitLabel={props.submitLabel}
          hidden={props.hidden}
        >
          {props.children}
        </ActionForm>
      </div>
    </details>
  );
}
