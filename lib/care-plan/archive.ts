// Archived care plans: the words that say a plan is no longer in use, and the order plans are
// listed in. Pure, so the person's page, the care team's pages and the use cases share one wording.
// No clinical facts here: the notice says only that the plan is not in use, when it stopped, and who
// to contact (the plan's own named care coordinator, else the GP surgery, as PATIENT_COPY does).
import { dayInLondon, firstName, formatDate, possessive } from './plain';
import type { CareTeamMemberView, PlanStatus } from './types';

/** What the archive form's confirmation box sends when ticked; the server archives only with it. */
export const ARCHIVE_CONFIRM_VALUE = 'yes';

export const ARCHIVE_COPY = {
  heading: 'This plan is no longer in use',
  /** The care team's own words for the same thing. */
  clinicianHeading: 'This plan is archived',
  clinicianReadOnly:
    'It is read-only: nobody can change it, add notes or tick off actions. The person and the carers they share it with can still read it.',
  clinicianRestoreHelp: 'Restore it to make it active again. The person will see it as their current plan.',
  archiveHelp:
    'Archive the plan when the care team no longer uses it. Nobody can change an archived plan. The person and the carers they share it with can still read it, with a notice that it is no longer in use. You can restore it later.',
  confirmLabel: 'I want to archive this plan. It will become read-only.',
  confirmMissing: 'Confirm: tick the box to confirm you want to archive this plan.',
  alreadyArchived: 'This plan is already archived. Reload the page to see it as it is now.',
  notArchived: 'This plan is not archived, so there is nothing to restore. Reload the page to see it as it is now.',
  listHeading: 'Archived plans',
  listTag: 'Archived',
  /**
   * The person's sharing page and the refusal of an invitation, in the same words: nobody new is
   * asked to see an archived plan, as they could not say yes until it is restored.
   */
  inviteRefused:
    'This plan is archived, so nobody new can be invited to see it. Ask your care team to restore it first.',
  /** Above the invitations still waiting on an archived plan: they stay, and can be taken back. */
  invitedWhileArchived:
    'These people cannot see your plan. They cannot say yes while your plan is archived. You can take back an invitation at any time.',
} as const;

/** The day the plan was archived, in words ("3 March 2027"), or null when not known. */
export function archivedOn(archivedAt: string | null | undefined): string | null {
  if (!archivedAt) return null;
  const day = dayInLondon(archivedAt);
  const words = formatDate(day, { weekday: false });
  return words === day ? null : words;
}

export interface ArchivedNotice {
  heading: string;
  lines: string[];
}

/**
 * The notice at the top of an archived plan for the person ('patient') or their carer ('carer'), in
 * the NHS service manual's plain style: what has happened, what they can still do, who to contact.
 */
export function archivedNotice(options: {
  audience: 'patient' | 'carer';
  patientName: string;
  archivedAt: string | null;
  coordinator: Pick<CareTeamMemberView, 'name' | 'phone' | 'email'> | null;
}): ArchivedNotice {
  const { audience } = options;
  const name = firstName(options.patientName);
  const when = archivedOn(options.archivedAt);
  const team = audience === 'patient' ? 'Your care team' : `${possessive(name)} care team`;
  const lines = [
    `${team} stopped using this plan${when ? ` on ${when}` : ''}. It will not be changed or updated.`,
    'You can still read it, print it or save it.',
  ];
  const c = options.coordinator;
  if (c && c.name.trim()) {
    const how = [c.phone.trim() ? `call ${c.phone.trim()}` : '', c.email.trim() ? `email ${c.email.trim()}` : '']
      .filter(Boolean)
      .join(' or ');
    const about = audience === 'patient' ? 'your care' : `${possessive(name)} care`;
    const who = audience === 'patient' ? 'your care coordinator' : `${possessive(name)} care coordinator`;
    lines.push(`If you have questions about ${about}, contact ${c.name.trim()}, ${who}${how ? `: ${how}` : ''}.`);
  } else {
    lines.push(
      audience === 'patient'
        ? 'If you have questions about your care, contact your GP surgery.'
        : `If you have questions about ${possessive(name)} care, contact ${possessive(name)} GP surgery.`,
    );
  }
  return { heading: ARCHIVE_COPY.heading, lines };
}

/**
 * Why a change to an archived plan is refused, naming why and what to do: for the care team, that a
 * clinician can restore it; for the person or a carer, that the plan is no longer in use.
 */
export function archivedRefusal(relation: 'patient' | 'carer' | 'clinician', archivedAt: string | null): string {
  const when = archivedOn(archivedAt);
  const since = when ? ` on ${when}` : '';
  if (relation === 'clinician')
    return `This plan was archived${since}, so it cannot be changed. Restore it first if it should be in use again.`;
  return `This plan is no longer in use (the care team stopped using it${since}), so it cannot be changed.`;
}

/**
 * Plans in list order: every active plan first, in the order given, then the archived ones, the most
 * recently archived first (a plan archived at an unknown time goes last). Stable otherwise.
 */
export function activeFirst<T extends { status: PlanStatus; archivedAt: string | null }>(plans: readonly T[]): T[] {
  const active = plans.filter((p) => p.status !== 'archived');
  const archived = plans
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.status === 'archived')
    .sort((a, b) => (b.p.archivedAt ?? '').localeCompare(a.p.archivedAt ?? '') || a.i - b.i)
    .map(({ p }) => p);
  return [...active, ...archived];
}
