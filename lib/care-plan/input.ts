// Input schemas for every change to a care plan: the clinician's edits, the person's own updates and
// sharing. One source of truth for the server use cases and the forms. Every message names the field
// in words a person can act on ("Target date: write the date as …"), never a stack trace.
import { z } from 'zod';
import { ROLES, SECTORS } from '@/lib/pathway/schema';
import { ACTION_OWNERS, ACTION_STATUSES, ESCALATION_LEVELS, GOAL_KINDS, GOAL_SET_BY, GOAL_STATUSES } from './types';
import { isStorableText, storableText, tooLongMessage } from '@/lib/text-limits';
import { MAX_DATE_YEAR, MIN_DATE_YEAR, isIsoDate } from './plain';
import { NHS_NUMBER_EXAMPLE, isValidNhsNumber, normaliseNhsNumber } from './nhs-number';

export interface FieldIssue {
  /** The form field, e.g. "targetDate". */
  path: string;
  message: string;
}

const id = (label: string) =>
  z
    .string({ error: `${label} is missing.` })
    .trim()
    .min(1, { error: `${label} is missing.` })
    .max(200, { error: `${label} is not valid.` })
    // An id goes into a query: one the database cannot read is refused here, not there as a 500.
    .check(storableText(label));

/**
 * The revision of what a change form was drawn from (a hidden field): the row for a change or removal
 * of a goal, action, team member or medicine (with an id), or what one of the plan's own forms shows.
 * The change is made only if nobody changed that meanwhile. The server checks it, and says so when it
 * is missing.
 */
const revision = z.string().trim().max(200).optional();

/** Text: too long names the length written and the limit; a character the database cannot store is refused. */
const text = (label: string, max: number) =>
  z
    .string({ error: `${label}: enter some text.` })
    .trim()
    .max(max, {
      error: (issue) => tooLongMessage(label, typeof issue.input === 'string' ? issue.input.length : 0, max),
    })
    .check(storableText(label));

/** Text that must be filled in. `empty` says what to enter, in the NHS style: "Enter the goal." */
const requiredText = (label: string, max: number, empty: string) => text(label, max).min(1, { error: empty });

/** A date field: empty means none. */
const optionalDate = (label: string) =>
  z
    .string({ error: `${label}: write the date as day, month and year, for example 2027-03-31.` })
    .trim()
    .refine((v) => v === '' || isIsoDate(v), {
      error: (issue) =>
        `${label}: “${String(issue.input)}” is not a date we can use. Write a real date as year-month-day, between ${MIN_DATE_YEAR} and ${MAX_DATE_YEAR}, for example 2027-03-31.`,
    })
    .transform((v) => (v === '' ? null : v));

const choice = <T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z.enum(values, { error: `${label}: choose one of ${values.join(', ')}.` });

/** What was entered, in curly quotes for a message: “01632 abc”. Long values are cut short. */
function quoted(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return `“${text.length > 40 ? `${text.slice(0, 40)}…` : text}”`;
}

/** UK phone numbers and short numbers such as 111: digits, spaces, brackets, dashes and a leading +. */
export const PHONE_PATTERN = /^\+?[0-9 ()-]{3,20}$/;
const PHONE_ALLOWED = 'Use only numbers and spaces, for example 01632 960 123 or 111.';
const phone = (label: string) =>
  z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? `${label}: use only numbers and spaces, for example 01632 960 123 or 111.`
          : `${label}: ${quoted(issue.input)} is not a phone number. ${PHONE_ALLOWED}`,
    })
    .trim()
    .max(30, { error: (issue) => `${label}: ${quoted(issue.input)} is too long for a phone number. ${PHONE_ALLOWED}` })
    // Too long is said once, above.
    .refine((v) => v === '' || v.length > 30 || (PHONE_PATTERN.test(v) && v.replace(/\D/g, '').length >= 3), {
      error: (issue) => `${label}: ${quoted(issue.input)} is not a phone number. ${PHONE_ALLOWED}`,
    });

const EMAIL_PATTERN = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;
const tooLongEmail = (label: string) => (issue: { input?: unknown }) =>
  tooLongMessage(label, typeof issue.input === 'string' ? issue.input.length : 0, 200);

const email = (label: string) =>
  z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? `${label}: enter an email address like name@example.nhs.uk.`
          : `${label}: ${quoted(issue.input)} is not an email address. Enter one like name@example.nhs.uk.`,
    })
    .trim()
    .max(200, { error: tooLongEmail(label) })
    .check(storableText(label))
    .refine((v) => v === '' || !isStorableText(v) || EMAIL_PATTERN.test(v), {
      error: (issue) => `${label}: ${quoted(issue.input)} is not an email address. Enter one like name@example.nhs.uk.`,
    });

/** Lower-cased once it passes, so it matches the address an account was made with. */
const requiredEmail = (label: string) =>
  z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? `${label}: enter an email address.`
          : `${label}: ${quoted(issue.input)} is not an email address. Enter one like name@example.com.`,
    })
    .trim()
    .min(1, { error: `${label}: enter an email address.` })
    .max(200, { error: tooLongEmail(label) })
    .check(storableText(label))
    // Checked before lower-casing, so the message quotes the address as it was typed.
    .refine((v) => v === '' || !isStorableText(v) || EMAIL_PATTERN.test(v), {
      error: (issue) => `${label}: ${quoted(issue.input)} is not an email address. Enter one like name@example.com.`,
    })
    .toLowerCase();

const NHS_NUMBER_ALLOWED = `It is 10 digits, like ${NHS_NUMBER_EXAMPLE}.`;
/** An NHS number: spaces and hyphens allowed as typed; the 10 digits once it passes (the check digit checked). */
const requiredNhsNumber = (label: string) =>
  z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? `${label}: enter their NHS number. ${NHS_NUMBER_ALLOWED}`
          : `${label}: ${quoted(issue.input)} is not a valid NHS number. ${NHS_NUMBER_ALLOWED}`,
    })
    .trim()
    .min(1, { error: `${label}: enter their NHS number. ${NHS_NUMBER_ALLOWED}` })
    // Checked before the spaces go, so the message quotes the number as it was typed.
    .refine((v) => v === '' || isValidNhsNumber(v), {
      error: (issue) => `${label}: ${quoted(issue.input)} is not a valid NHS number. ${NHS_NUMBER_ALLOWED}`,
    })
    .transform(normaliseNhsNumber);

/**
 * A checkbox: a form sends "on" when it is ticked and nothing when it is not; JSON may send true or
 * false. Ticked or not, as a boolean.
 */
const tickbox = (label: string) =>
  z
    .union([z.literal('on'), z.boolean()], {
      error: (issue) =>
        `${label}: ${quoted(issue.input)} is not allowed. Tick the box or leave it empty (in JSON, true or false).`,
    })
    .optional()
    .transform((v) => v === 'on' || v === true);

/** The label of the care team form's box that links the account of the contact email address. */
export const ACCOUNT_USES_EMAIL_LABEL = 'Their Pathweave account uses the email address above';

export const StepRefSchema = z.object({ pathwayId: id('Pathway'), stepId: id('Step') });

// ---------------------------------------------------------------------------------------------
// Creating a plan
// ---------------------------------------------------------------------------------------------

export const CreateCarePlanInput = z.object({
  // Both identify the person: a plan is made only when one patient account has the two together.
  patientNhsNumber: requiredNhsNumber('Patient’s NHS number'),
  patientEmail: requiredEmail('Patient’s email address'),
  pathwayIds: z
    .array(id('Pathway'), { error: 'Pathways: choose at least one pathway.' })
    .min(1, { error: 'Pathways: choose at least one pathway.' })
    .max(10, { error: 'Pathways: choose at most 10 pathways.' }),
  title: text('Title', 200).optional(),
});
export type CreateCarePlanInput = z.input<typeof CreateCarePlanInput>;

// ---------------------------------------------------------------------------------------------
// The clinician's edits: one command list, like the pathway editor's commands
// ---------------------------------------------------------------------------------------------

export const CarePlanEditSchema = z.discriminatedUnion(
  'op',
  [
    z.object({
      op: z.literal('details'),
      revision,
      title: requiredText('Title', 200, 'Enter a title for the plan.'),
      whatMattersToMe: text('What matters to me', 4000),
      reviewDate: optionalDate('Review date'),
    }),
    z.object({
      op: z.literal('people'),
      revision,
      coordinatorId: z
        .string()
        .trim()
        .max(200)
        .transform((v) => (v === '' ? null : v)),
      crisisContactName: text('Crisis contact', 200),
      crisisContactPhone: phone('Crisis contact phone number'),
      crisisContactDetail: text('When to use the crisis contact', 500),
    }),
    z.object({
      op: z.literal('medication'),
      revision,
      medicationSummary: text('Medication summary', 4000),
    }),
    z.object({
      op: z.literal('goal.save'),
      id: z.string().trim().max(200).optional(),
      revision,
      kind: choice(GOAL_KINDS, 'Kind of goal'),
      description: requiredText('Goal', 1000, 'Enter the goal.'),
      setBy: choice(GOAL_SET_BY, 'Who set the goal'),
      targetDate: optionalDate('Target date'),
      status: choice(GOAL_STATUSES, 'Goal status').default('active'),
    }),
    z.object({ op: z.literal('goal.delete'), id: id('Goal'), revision }),
    z
      .object({
        op: z.literal('action.save'),
        id: z.string().trim().max(200).optional(),
        revision,
        description: requiredText('What needs doing', 1000, 'Enter what needs doing.'),
        ownerKind: choice(ACTION_OWNERS, 'Who does it'),
        memberId: z
          .string()
          .trim()
          .max(200)
          .optional()
          .transform((v) => (v ? v : null)),
        dueDate: optionalDate('Date to be done by'),
        status: choice(ACTION_STATUSES, 'Action status').default('to_do'),
      })
      .superRefine((v, ctx) => {
        if (v.ownerKind === 'team_member' && !v.memberId) {
          ctx.addIssue({
            code: 'custom',
            path: ['memberId'],
            message: 'Team member: choose who in the care team does it.',
          });
        }
      }),
    z.object({ op: z.literal('action.delete'), id: id('Action'), revision }),
    z
      .object({
        op: z.literal('member.save'),
        id: z.string().trim().max(200).optional(),
        revision,
        name: requiredText('Name', 200, 'Enter the team member’s name.'),
        role: choice(ROLES, 'Role'),
        jobTitle: text('Job title', 200),
        organisation: text('Organisation', 200),
        sector: choice(SECTORS, 'Part of care'),
        phone: phone('Phone number'),
        email: email('Email address'),
        availability: text('When they can be reached', 300),
        /** A Pathweave account to link, so the member can open the plan (they must be an editor of the workspace). */
        userEmail: email('Pathweave account email').optional(),
        /**
         * Their Pathweave account uses the contact email address (`email`): link that one, rather than
         * have it typed again in `userEmail` (WCAG 2.2 SC 3.3.7, Redundant Entry).
         */
        accountUsesEmail: tickbox(ACCOUNT_USES_EMAIL_LABEL),
      })
      .superRefine((v, ctx) => {
        if (!v.accountUsesEmail) return;
        if (v.email === '') {
          ctx.addIssue({
            code: 'custom',
            path: ['email'],
            message: `Email address: enter the email address their Pathweave account uses, or untick “${ACCOUNT_USES_EMAIL_LABEL}”.`,
          });
        } else if (v.userEmail && v.userEmail.toLowerCase() !== v.email.toLowerCase()) {
          // Two different addresses: linking an account lets that person open the plan, so which one is
          // not guessed. (The form hides and disables the second box while this one is ticked; only a
          // form sent before its JavaScript loaded can send both.)
          ctx.addIssue({
            code: 'custom',
            path: ['accountUsesEmail'],
            message: `${ACCOUNT_USES_EMAIL_LABEL}: this is ticked, but a different account email, ${quoted(v.userEmail)}, is typed too. Untick this to link ${quoted(v.userEmail)}, or clear the Pathweave account email to link ${quoted(v.email)}.`,
          });
        }
      }),
    z.object({ op: z.literal('member.delete'), id: id('Team member'), revision }),
    z.object({
      op: z.literal('escalation.save'),
      revision,
      level: choice(ESCALATION_LEVELS, 'Part of the plan'),
      signs: text('Signs to look out for', 2000),
      whatToDo: text('What to do', 2000),
    }),
    z.object({
      op: z.literal('medicine.save'),
      id: z.string().trim().max(200).optional(),
      revision,
      name: requiredText('Medicine', 200, 'Enter the name of the medicine.'),
      howToTake: text('How to take it', 500),
      purpose: text('What it is for', 500),
    }),
    z.object({ op: z.literal('medicine.delete'), id: id('Medicine'), revision }),
    z.object({
      op: z.literal('step.set'),
      revision,
      pathwayId: id('Pathway'),
      stepId: z
        .string()
        .trim()
        .max(200)
        .transform((v) => (v === '' ? null : v)),
    }),
    z.object({ op: z.literal('pathway.add'), pathwayId: id('Pathway') }),
    z.object({ op: z.literal('pathway.remove'), pathwayId: id('Pathway'), revision }),
  ],
  { error: 'This change is not one Pathweave knows how to make.' },
);
export type CarePlanEdit = z.output<typeof CarePlanEditSchema>;
export type CarePlanEditInput = z.input<typeof CarePlanEditSchema>;
export type CarePlanEditOp = CarePlanEdit['op'];

export const MergeStepsInput = z.object({
  title: requiredText('Name of the merged step', 200, 'Enter a name for the merged step.'),
  steps: z
    .array(StepRefSchema, { error: 'Steps: choose at least two steps to merge.' })
    .min(2, { error: 'Steps: choose at least two steps to merge.' })
    .max(10, { error: 'Steps: merge at most 10 steps at once.' }),
});

// ---------------------------------------------------------------------------------------------
// The person's (and a contributing carer's) own updates, and sharing
// ---------------------------------------------------------------------------------------------

/** The longest note the person (or a carer) can add, in characters. */
export const NOTE_BODY_MAX_LENGTH = 2000;
// The NHS style for an empty box the person must fill: "Enter your note".
export const NoteInput = z.object({ body: requiredText('Your note', NOTE_BODY_MAX_LENGTH, 'Enter your note.') });
// The JSON API takes `true` or `false`; the page's button always sends one of them.
export const ActionDoneInput = z.object({
  actionId: id('Action'),
  done: z.boolean({
    error: (issue) =>
      issue.input === undefined
        ? 'Done: say whether the job is done, with true or false.'
        : `Done: ${quoted(issue.input)} is not allowed. Use true or false, without quotation marks.`,
  }),
});
export const GrantInput = z.object({
  carerEmail: requiredEmail('Their email address'),
  canContribute: z.boolean().default(false),
});
export const RevokeInput = z.object({ grantId: id('Access') });

/** zod issues as form field issues: the first segment of the path is the field. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({
    path: i.path.length ? i.path.map(String).join('.') : '',
    message: i.message,
  }));
}

/** Form data (strings) into the object the edit schema reads. Checkboxes arrive as "on". */
export function formToObject(form: FormData | Iterable<[string, FormDataEntryValue]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of form as Iterable<[string, FormDataEntryValue]>) {
    if (typeof value !== 'string') continue;
    if (key.startsWith('$ACTION')) continue;
    if (key in out) {
      const prev = out[key];
      out[key] = Array.isArray(prev) ? [...prev, value] : [prev, value];
    } else out[key] = value;
  }
  return out;
}

/** The person agrees their plan as it was shown to them (the page's agreement revision). */
export const AgreeInput = z.object({
  revision: z
    .string({ error: 'Plan: the page did not say which plan you read. Reload the page, then try again.' })
    .trim()
    .min(1, { error: 'Plan: the page did not say which plan you read. Reload the page, then try again.' })
    .max(200, { error: 'Plan: the page did not say which plan you read. Reload the page, then try again.' }),
});
