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
});
