import { describe, expect, it } from 'vitest';
import { PDFParse } from 'pdf-parse';
import { PATIENT_COPY } from './copy';
import { pdfSafe, renderCarePlanPdf } from './pdf';
import { presentPlan } from './present';
import { samplePlan } from './test-fixtures';

const TODAY = '2026-11-23';

async function pdfText(bytes: Buffer): Promise<{ text: string; pages: number; info: Record<string, unknown> }> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    const text = await parser.getText();
    const info = await parser.getInfo();
    return {
      text: text.text.replace(/\s+/g, ' '),
      pages: text.total,
      info: (info.info ?? {}) as Record<string, unknown>,
    };
  } finally {
    await parser.destroy();
  }
}

describe('the PDF plan', () => {
  it('has every section of the screen and print view, with contact numbers written out', async () => {
    const bytes = await renderCarePlanPdf(presentPlan(samplePlan(), TODAY), { today: TODAY });
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, info } = await pdfText(bytes);
    for (const heading of [
      PATIENT_COPY.contactHeading,
      PATIENT_COPY.youAreHereHeading,
      PATIENT_COPY.nextHeading,
      PATIENT_COPY.whatMattersHeading,
      PATIENT_COPY.escalationHeading,
      PATIENT_COPY.goalsHeading,
      PATIENT_COPY.actionsHeading,
      PATIENT_COPY.medicinesHeading,
      PATIENT_COPY.teamHeading,
      PATIENT_COPY.reviewHeading,
      PATIENT_COPY.notesHeading,
    ]) {
      expect(text, heading).toContain(heading);
    }
    expect(text).toContain('Care plan for Arthur Pennock');
    expect(text).toContain('You are here: Pulmonary rehabilitation programme');
    expect(text).toContain('01632 960002'); // the coordinator's number, readable on paper
    expect(text).toContain('Red: I need help now');
    expect(text).toContain('Walk to the allotment');
    expect(text).toContain('Ask about the bus pass.');
    expect(text).toContain('Monday 1 March 2027');
    expect(text).toMatch(/page 1 of \d/);
    expect(info.Title).toBe('Care plan for Arthur Pennock');
  });

  it('is a tagged PDF in British English, so screen readers can read it', async () => {
    const bytes = await renderCarePlanPdf(presentPlan(samplePlan(), TODAY), { today: TODAY });
    const raw = bytes.toString('latin1');
    expect(raw).toMatch(/\/MarkInfo \d+ 0 R/);
    expect(raw).toContain('/Marked true');
    expect(raw).toContain('/Type /StructTreeRoot');
    expect(raw).toContain('/DisplayDocTitle true');
    expect(raw).toMatch(/\/Lang \(en-GB\)/);
    expect(raw).toMatch(/\/S \/H1/);
    expect(raw).toMatch(/\/S \/H2/);
    expect(raw).toMatch(/\/S \/L\n/);
    expect(raw).toMatch(/\/S \/LI\n/);
  });

  it('makes a large-print version with bigger type, so it runs to more pages', async () => {
    const normal = await pdfText(await renderCarePlanPdf(presentPlan(samplePlan(), TODAY), { today: TODAY }));
    const large = await pdfText(
      await renderCarePlanPdf(presentPlan(samplePlan(), TODAY), { today: TODAY, large: true }),
    );
    expect(large.pages).toBeGreaterThan(normal.pages);
    expect(large.text).toContain('Pulmonary rehabilitation programme');
  });

  it('says what is not written yet instead of leaving gaps', async () => {
    const empty = samplePlan({
      coordinatorId: null,
      escalation: [],
      goals: [],
      actions: [],
      medicines: [],
      medicationSummary: '',
      reviewDate: null,
      whatMattersToMe: '',
    });
    const { text } = await pdfText(
      await renderCarePlanPdf(presentPlan(empty, TODAY), { today: TODAY, audience: 'carer' }),
    );
    expect(text).toContain('Arthur Pennock’s care plan');
    // Written to the carer about Arthur, not as if the carer were Arthur.
    expect(text).toContain('The care team has not named a care coordinator yet. Ask Arthur’s GP surgery who it will be.');
    expect(text).toContain('Nothing written yet. Arthur can tell the care team what matters to them.');
    expect(text).toContain('What matters to Arthur');
    expect(text).not.toContain('Your team has not');
    expect(text).toContain('No jobs yet.');
  });

  it('keeps every letter of a name or note in Welsh, Polish or Greek, in an embedded typeface', async () => {
    const base = samplePlan();
    const plan = samplePlan({
      patient: { ...base.patient, name: 'Siân Ŵyn Łukasiewicz' },
      whatMattersToMe: 'Dziękuję: getting to my grandson’s wedding in Αθήνα',
    });
    const bytes = await renderCarePlanPdf(presentPlan(plan, TODAY), { today: TODAY });
    const { text, info } = await pdfText(bytes);
    expect(text).toContain('Care plan for Siân Ŵyn Łukasiewicz');
    expect(text).toContain('Dziękuję: getting to my grandson’s wedding in Αθήνα');
    expect(info.Title).toBe('Care plan for Siân Ŵyn Łukasiewicz');
    // The typeface is embedded (PDF/UA asks for it), not one of the standard fonts.
    expect(bytes.toString('latin1')).toContain('/FontFile2');
  });

  it('spells out symbols, and drops what no typeface here can print', () => {
    // With the embedded typeface: everything in the Basic Multilingual Plane, bar emoji.
    expect(pdfSafe('Done ✓ → next “quoted” – Siân Łucja €5', { embedded: true })).toBe('Done done -> next “quoted” – Siân Łucja €5');
    expect(pdfSafe('emoji 😀 gone', { embedded: true })).toBe('emoji  gone');
    // With the Helvetica fallback (font files missing): Windows-1252 only.
    expect(pdfSafe('Done ✓ → next “quoted” – café €5')).toBe('Done done -> next “quoted” – café €5');
    expect(pdfSafe('Siân Łucja')).toBe('Siân ucja');
  });

  it('words the missing step for the reader: the person, or their carer', async () => {
    const base = samplePlan();
    const [copd, frailty] = base.pathways;
    const plan = samplePlan({
      pathways: [
        { ...copd!, currentStepId: 'not-in-this-version' },
        { ...frailty!, currentStepId: null },
        { ...frailty!, linkId: 'l3', pathwayId: 'p-broken', document: null },
      ],
    });
    const own = await pdfText(await renderCarePlanPdf(presentPlan(plan, TODAY), { today: TODAY }));
    expect(own.text).toContain('Your team is updating this part of your plan.');
    expect(own.text).toContain('Your team has not said which step you are on yet.');
    expect(own.text).toContain('This part of your plan cannot be shown right now. Your team has been told.');
    const carer = await pdfText(await renderCarePlanPdf(presentPlan(plan, TODAY, 'carer'), { today: TODAY, audience: 'carer' }));
    expect(carer.text).toMatch(/The care team is updating this part of \S+ plan\./);
    expect(carer.text).toMatch(/The care team has not said which step \S+ is on yet\./);
    expect(carer.text).not.toContain('Your team is updating this part of your plan.');
    expect(carer.text).not.toContain('which step you are on');
    expect(carer.text).toMatch(/This part of \S+ plan cannot be shown right now\. The care team has been told\./);
    expect(carer.text).not.toContain('This part of your plan');
  });

  it('gives the standard NHS urgent help when there is no crisis contact or “if things get worse” part', async () => {
    const plan = samplePlan({ crisisContact: { name: '', phone: '', detail: '' }, escalation: [] });
    const { text } = await pdfText(await renderCarePlanPdf(presentPlan(plan, TODAY), { today: TODAY }));
    expect(text).toContain(PATIENT_COPY.notWrittenYet);
    expect(text).toContain('Call 999 if someone is seriously ill or hurt and their life is at risk.');
    expect(text).toContain('Use NHS 111 if you need help urgently and it is not an emergency. Go to 111.nhs.uk or call 111.');
    expect(text).toContain('For urgent help with your mental health, call 111 and choose the mental health option.');
    // A complete plan has its own crisis contact and red-amber-green plan instead.
    const full = await pdfText(await renderCarePlanPdf(presentPlan(samplePlan(), TODAY), { today: TODAY }));
    expect(full.text).not.toContain('Go to 111.nhs.uk');
  });

  it('says a review date that has gone was due, and when the plan last changed', async () => {
    const { text } = await pdfText(await renderCarePlanPdf(presentPlan(samplePlan(), '2027-03-10'), { today: '2027-03-10' }));
    expect(text).toContain('This plan was due to be looked at on Monday 1 March 2027. Ask your team about it.');
    expect(text).not.toContain('We will look at this plan again');
    expect(text).toContain('Last changed on 20 November 2026.');
    const future = await pdfText(await renderCarePlanPdf(presentPlan(samplePlan(), TODAY), { today: TODAY }));
    expect(future.text).toContain('We will look at this plan again on Monday 1 March 2027.');
  });

  it('keeps the capitals of a name in who set a goal', async () => {
    const { text } = await pdfText(
      await renderCarePlanPdf(presentPlan(samplePlan(), TODAY, 'carer'), { today: TODAY, audience: 'carer' }),
    );
    expect(text).toContain('Set by: Arthur.');
    expect(text).not.toContain('Set by: arthur');
  });

  it('says a contact has no phone number or email, as the screen does', async () => {
    const base = samplePlan();
    const plan = samplePlan({
      members: [...base.members, { ...base.members[0]!, id: 'm-ot', name: 'Cal Okafor', phone: '', email: '' }],
    });
    const { text } = await pdfText(await renderCarePlanPdf(presentPlan(plan, TODAY), { today: TODAY }));
    expect(text).toContain('Cal Okafor Job: GP (family doctor), Riverside Surgery No phone number or email yet.');
  });

  it('does not tell a reader who can only look to tick off jobs online', async () => {
    const plan = presentPlan(samplePlan(), TODAY, 'carer');
    const viewOnly = await pdfText(await renderCarePlanPdf(plan, { today: TODAY, audience: 'carer', canUpdate: false }));
    expect(viewOnly.text).toContain('These are the jobs to do, and who does each one.');
    expect(viewOnly.text).not.toContain('Tick off');
    const contributor = await pdfText(await renderCarePlanPdf(plan, { today: TODAY, audience: 'carer' }));
    expect(contributor.text).toContain('Tick off a job when it is done.');
  });

  it('names the pathway of each next step, and says where it happens in a full sentence', async () => {
    const { text } = await pdfText(await renderCarePlanPdf(presentPlan(samplePlan(), TODAY), { today: TODAY }));
    expect(text).toContain(
      'COPD: breathlessness to long-term support: Local lung health peer support group. When: keep going after the course. This usually happens in about 2 weeks, at a local group or charity.',
    );
    expect(text).not.toContain('Your team will tell you which one');
  });
});
