import { describe, expect, it } from 'vitest';
import {
  ActionDoneInput,
  CarePlanEditSchema,
  CreateCarePlanInput,
  GrantInput,
  MergeStepsInput,
  NoteInput,
  RevokeInput,
  fieldIssues,
  formToObject,
} from './input';

function issues(schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } }, value: unknown) {
  const r = schema.safeParse(value);
  if (r.success) return [];
  return fieldIssues(r.error as Parameters<typeof fieldIssues>[0]);
}

describe('care plan input', () => {
  it('names the field and says what to do, for every bad value', () => {
    const got = issues(CarePlanEditSchema, {
      op: 'action.save',
      description: '',
      ownerKind: 'robot',
      dueDate: '31/12/2027',
      status: 'to_do',
    });
    expect(got).toEqual(
      expect.arrayContaining([
        { path: 'description', message: 'Enter what needs doing.' },
        { path: 'ownerKind', message: 'Who does it: choose one of person, carer, team_member.' },
        {
          path: 'dueDate',
          message:
            'Date to be done by: “31/12/2027” is not a date we can use. Write a real date as year-month-day, between 1900 and 2200, for example 2027-03-31.',
        },
      ]),
    );
  });

  it('says what to enter when a box that must be filled in is empty or only spaces', () => {
    const empty = (value: Record<string, unknown>) => issues(CarePlanEditSchema, value).map((i) => [i.path, i.message]);
    expect(empty({ op: 'details', title: '   ', whatMattersToMe: '', reviewDate: '' })).toEqual([
      ['title', 'Enter a title for the plan.'],
    ]);
    expect(empty({ op: 'goal.save', kind: 'health', description: '', setBy: 'person', targetDate: '' })).toEqual([
      ['description', 'Enter the goal.'],
    ]);
    expect(
      empty({
        op: 'member.save',
        name: ' ',
        role: 'gp',
        jobTitle: '',
        organisation: '',
        sector: 'primary_care',
        phone: '',
        email: '',
        availability: '',
      }),
    ).toEqual([['name', 'Enter the team member’s name.']]);
    // A field left out altogether (not sent by the form) still gets a sentence, not a parser's message.
    expect(
      empty({
        op: 'member.save',
        name: 'Dr Rao',
        role: 'gp',
        jobTitle: '',
        organisation: '',
        sector: 'primary_care',
        availability: '',
      }),
    ).toEqual([
      ['phone', 'Phone number: use only numbers and spaces, for example 01632 960 123 or 111.'],
      ['email', 'Email address: enter an email address like name@example.nhs.uk.'],
    ]);
    expect(empty({ op: 'medicine.save', name: '', howToTake: '', purpose: '' })).toEqual([
      ['name', 'Enter the name of the medicine.'],
    ]);
    expect(
      issues(MergeStepsInput, {
        title: '',
        steps: [
          { pathwayId: 'p', stepId: 'a' },
          { pathwayId: 'p', stepId: 'b' },
        ],
      }),
    ).toEqual([{ path: 'title', message: 'Enter a name for the merged step.' }]);
    expect(issues(NoteInput, { body: '  ' })).toEqual([{ path: 'body', message: 'Enter your note.' }]);
  });

  it('needs a team member when a team member does the action', () => {
    expect(
      issues(CarePlanEditSchema, { op: 'action.save', description: 'Call', ownerKind: 'team_member', dueDate: '' }),
    ).toEqual([{ path: 'memberId', message: 'Team member: choose who in the care team does it.' }]);
  });

  it('accepts UK phone numbers and short numbers, and refuses words', () => {
    const people = (phone: string) => ({
      op: 'people',
      coordinatorId: '',
      crisisContactName: 'X',
      crisisContactPhone: phone,
      crisisContactDetail: '',
    });
    expect(issues(CarePlanEditSchema, people('01632 960 123'))).toEqual([]);
    expect(issues(CarePlanEditSchema, people('111'))).toEqual([]);
    expect(issues(CarePlanEditSchema, people('+44 (0)1632 960123'))).toEqual([]);
    expect(issues(CarePlanEditSchema, people('ring reception'))[0]?.path).toBe('crisisContactPhone');
  });

  it('quotes a bad phone number or email address, and says what is allowed', () => {
    const people = (crisisContactPhone: unknown) => ({
      op: 'people',
      coordinatorId: '',
      crisisContactName: 'X',
      crisisContactPhone,
      crisisContactDetail: '',
    });
    expect(issues(CarePlanEditSchema, people(' abc '))).toEqual([
      {
        path: 'crisisContactPhone',
        message:
          'Crisis contact phone number: “abc” is not a phone number. Use only numbers and spaces, for example 01632 960 123 or 111.',
      },
    ]);
    // Too long is said once, with the number quoted (a very long one cut short).
    expect(issues(CarePlanEditSchema, people('0'.repeat(45)))).toEqual([
      {
        path: 'crisisContactPhone',
        message: `Crisis contact phone number: “${'0'.repeat(40)}…” is too long for a phone number. Use only numbers and spaces, for example 01632 960 123 or 111.`,
      },
    ]);
    expect(issues(CarePlanEditSchema, people(999))[0]?.message).toBe(
      'Crisis contact phone number: “999” is not a phone number. Use only numbers and spaces, for example 01632 960 123 or 111.',
    );
    const member = {
      op: 'member.save',
      name: 'Dr Rao',
      role: 'gp',
      jobTitle: '',
      organisation: '',
      sector: 'primary_care',
      phone: '',
      availability: '',
    };
    expect(issues(CarePlanEditSchema, { ...member, email: 'rao at surgery', userEmail: 'rao@surgery' })).toEqual([
      {
        path: 'email',
        message: 'Email address: “rao at surgery” is not an email address. Enter one like name@example.nhs.uk.',
      },
      {
        path: 'userEmail',
        message: 'Pathweave account email: “rao@surgery” is not an email address. Enter one like name@example.nhs.uk.',
      },
    ]);
    expect(issues(CarePlanEditSchema, { ...member, email: `${'r'.repeat(195)}@nhs.uk` })).toEqual([
      { path: 'email', message: 'Email address: 202 characters is too long; keep it to 200 or fewer.' },
    ]);
    // A required address is quoted as typed (before it is put in lower case); an empty one is asked for.
    expect(
      issues(CreateCarePlanInput, { patientNhsNumber: '9434765919', patientEmail: ' Arthur AT Home ', pathwayIds: ['p1'] }),
    ).toEqual([
      {
        path: 'patientEmail',
        message: 'Patient’s email address: “Arthur AT Home” is not an email address. Enter one like name@example.com.',
      },
    ]);
    expect(issues(GrantInput, { carerEmail: '  ' })).toEqual([
      { path: 'carerEmail', message: 'Their email address: enter an email address.' },
    ]);
  });

  it('names the field of a bad NHS number, quotes it as typed and says what an NHS number is', () => {
    const plan = { patientEmail: 'maya@example.com', pathwayIds: ['p1'] };
    const bad = (patientNhsNumber: unknown) => issues(CreateCarePlanInput, { ...plan, patientNhsNumber });
    const allowed = 'It is 10 digits, like 943 476 5919.';
    expect(bad('123')).toEqual([
      { path: 'patientNhsNumber', message: `Patient’s NHS number: “123” is not a valid NHS number. ${allowed}` },
    ]);
    // Ten digits with the wrong check digit (943 476 5919 ends in 9), quoted with the spaces typed.
    expect(bad(' 943 476 5918 ')).toEqual([
      { path: 'patientNhsNumber', message: `Patient’s NHS number: “943 476 5918” is not a valid NHS number. ${allowed}` },
    ]);
    expect(bad(9434765919)).toEqual([
      { path: 'patientNhsNumber', message: `Patient’s NHS number: “9434765919” is not a valid NHS number. ${allowed}` },
    ]);
    expect(bad('  ')).toEqual([
      { path: 'patientNhsNumber', message: `Patient’s NHS number: enter their NHS number. ${allowed}` },
    ]);
    expect(bad(undefined)).toEqual([
      { path: 'patientNhsNumber', message: `Patient’s NHS number: enter their NHS number. ${allowed}` },
    ]);
    expect(bad('943 476 5919')).toEqual([]);
  });

  it('quotes a bad "done" and says the JSON API takes true or false', () => {
    expect(issues(ActionDoneInput, { actionId: 'a1', done: 'yes' })).toEqual([
      { path: 'done', message: 'Done: “yes” is not allowed. Use true or false, without quotation marks.' },
    ]);
    expect(issues(ActionDoneInput, { actionId: 'a1', done: 1 })).toEqual([
      { path: 'done', message: 'Done: “1” is not allowed. Use true or false, without quotation marks.' },
    ]);
    expect(issues(ActionDoneInput, { actionId: 'a1' })).toEqual([
      { path: 'done', message: 'Done: say whether the job is done, with true or false.' },
    ]);
    expect(ActionDoneInput.parse({ actionId: 'a1', done: false })).toEqual({ actionId: 'a1', done: false });
  });

  it('refuses an edit it does not know', () => {
    expect(issues(CarePlanEditSchema, { op: 'drop' })[0]?.message).toBe(
      'This change is not one Pathweave knows how to make.',
    );
  });

  it('normalises emails and NHS numbers and needs at least one pathway for a new plan', () => {
    const ok = CreateCarePlanInput.safeParse({
      patientNhsNumber: ' 943 476-5919 ',
      patientEmail: ' Patient@Pathweave.TEST ',
      pathwayIds: ['p1'],
    });
    expect(ok.success && ok.data.patientEmail).toBe('patient@pathweave.test');
    expect(ok.success && ok.data.patientNhsNumber).toBe('9434765919');
    expect(issues(CreateCarePlanInput, { patientEmail: 'x', pathwayIds: [] }).map((i) => i.path)).toEqual([
      'patientNhsNumber',
      'patientEmail',
      'pathwayIds',
    ]);
    expect(GrantInput.parse({ carerEmail: 'june@example.com' }).canContribute).toBe(false);
  });

  it('reads form data, keeping repeated fields as lists and dropping React’s own', () => {
    const form = new FormData();
    form.append('op', 'goal.save');
    form.append('steps', 'a');
    form.append('steps', 'b');
    form.append('$ACTION_ID_123', '');
    expect(formToObject(form)).toEqual({ op: 'goal.save', steps: ['a', 'b'] });
  });
});

describe('text limits in the care plan forms', () => {
  it('names the length written and the limit, and asks for the note in the NHS style', () => {
    expect(issues(NoteInput, { body: 'n'.repeat(2001) })).toEqual([
      { path: 'body', message: 'Your note: 2,001 characters is too long; keep it to 2,000 or fewer.' },
    ]);
    expect(issues(NoteInput, { body: '   ' })).toEqual([{ path: 'body', message: 'Enter your note.' }]);
    expect(issues(NoteInput, { body: `  ${'n'.repeat(2000)}  ` })).toEqual([]);
  });
});

describe('characters the database cannot store', () => {
  it('refuses an email address or an id with NUL (U+0000) once, naming the field, rather than letting it reach a query', () => {
    const grant = issues(GrantInput, { carerEmail: 'carer\u0000@example.com' });
    expect(grant).toHaveLength(1);
    expect(grant[0]!.message).toMatch(
      /^Their email address: the text has a character that cannot be stored \(U\+0000\) after “carer”\. /,
    );
    const revoke = issues(RevokeInput, { grantId: 'g1\u0000' });
    expect(revoke.map((i) => i.message)).toEqual([expect.stringMatching(/^Access: the text has a character that cannot be stored \(U\+0000\) after “g1”/)]);
    // An ordinary address and id still pass.
    expect(issues(GrantInput, { carerEmail: 'carer@example.com' })).toEqual([]);
    expect(issues(RevokeInput, { grantId: 'g1' })).toEqual([]);
  });

  it('refuses a note with NUL (U+0000), naming the field, the character and what is allowed', () => {
    expect(issues(NoteInput, { body: 'Felt dizzy\u0000 today' })).toEqual([
      {
        path: 'body',
        message:
          'Your note: the text has a character that cannot be stored (U+0000) after “Felt dizzy”. Delete it, or type the text again rather than pasting it. Text in any language, with punctuation and emoji, is fine.',
      },
    ]);
    // Only NUL: not empty (trim keeps it), so the one refusal is the character.
    expect(issues(NoteInput, { body: '\u0000' }).map((i) => i.message)).toEqual([
      expect.stringContaining('Your note: the text has a character that cannot be stored (U+0000) at the start.'),
    ]);
  });

  it('refuses half an emoji in a care plan edit, and accepts whole emoji and other scripts', () => {
    const got = issues(CarePlanEditSchema, {
      op: 'details',
      title: 'Plan \uD83D',
      whatMattersToMe: 'Gweld fy wyrion 👵🏽, والمشي',
      reviewDate: '',
    });
    expect(got).toEqual([
      {
        path: 'title',
        message: expect.stringContaining('Title: the text has a character that cannot be stored (U+D83D)'),
      },
    ]);
    expect(issues(NoteInput, { body: 'Diolch 😀 شكرا' })).toEqual([]);
  });
});
