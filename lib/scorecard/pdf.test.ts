import { describe, expect, it } from 'vitest';
import { PDFParse } from 'pdf-parse';
import { demoPathway, demoSource, storedScores } from './fixtures.test-helpers';
import { buildPathwayFindings, readStoredScores } from './findings';
import { buildWorkspaceScorecard } from './model';
import { pathwayReportPdf, pdfText, workspaceReportPdf } from './pdf';

async function readPdf(buffer: Buffer) {
  const parser = new PDFParse({ data: new Uint8Array(buffer) });
  try {
    const text = await parser.getText();
    return { pages: text.total, text: text.text.replace(/\s+/g, ' ') };
  } finally {
    await parser.destroy();
  }
}

const meta = { workspaceName: 'Riverside GP Cluster', generatedAt: new Date('2026-11-23T10:00:00Z'), generatedBy: 'Glen Mardle' };

describe('pdfText', () => {
  it('spells out symbols the standard PDF fonts cannot print and keeps the ones they can', () => {
    expect(pdfText('A → B ≥ 3 ✓')).toBe('A -> B >= 3 Yes');
    expect(pdfText('“Quoted” – café €5')).toBe('“Quoted” – café €5');
    expect(pdfText('emoji 😀')).toBe('emoji ?');
  });

  it('keeps letters beyond Latin-1 with the embedded typeface', () => {
    expect(pdfText('Łódź → Ystradgynlais ≥ 3', { embedded: true })).toBe('Łódź -> Ystradgynlais >= 3');
    expect(pdfText('Łódź')).toBe('?ód?');
  });
});

describe('the workspace board report', () => {
  it('says when, by whom, which versions and which framework versions, with the pathways failing first', async () => {
    const source = demoSource([
      { id: 'copd', title: 'COPD: breathlessness to long-term support', file: 'copd.json', number: 3, savedAt: '2026-10-05T09:00:00.000Z' },
      { id: 't2dm', title: 'Type 2 diabetes with chronic kidney disease', file: 't2dm-ckd.json', number: 1, savedAt: '2026-11-02T16:45:00.000Z' },
    ]);
    source.consensus.push({ versionId: 't2dm-v1', criterionId: 'nv-6', value: 'partly', reason: 'Carers took part' });
    const scorecard = buildWorkspaceScorecard(source);
    const { pages, text } = await readPdf(await workspaceReportPdf(scorecard, { condition: null, status: null, sector: null, failing: null, page: 1 }, meta));
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(text).toContain('Pathway scorecard: Riverside GP Cluster');
    expect(text).toContain('Produced on 23 November 2026 by Glen Mardle');
    expect(text).toContain('RCGP five tests of integrated care, version 1.2.0');
    expect(text).toContain('National Voices principles of integrated care, version 1.2.0');
    expect(text).toContain('Version 3, saved 5 October 2026');
    expect(text).toContain('Version 1, saved 2 November 2026');
    expect(text).toContain('Criteria across pathways, failing first');
    // Column headings are wide enough not to break inside a word.
    expect(text).toContain('Needs judgement');
    expect(text).not.toMatch(/jud ?- ?gement|judge ment|jud gement/);
    expect(text).toContain('Partly met: Carers took part');
    expect(text).toMatch(/Page 1 of \d/);
    const first = scorecard.pathways[0]!.title;
    const second = scorecard.pathways[1]!.title;
    expect(scorecard.pathways[0]!.notMet).toBeGreaterThanOrEqual(scorecard.pathways[1]!.notMet);
    const summary = text.slice(text.indexOf('Summary'));
    expect(summary.indexOf(first)).toBeLessThan(summary.indexOf(second));
  });

  it('names the filters it was made with', async () => {
    const scorecard = buildWorkspaceScorecard(demoSource([{ id: 'copd', title: 'COPD', file: 'copd.json', number: 3 }]));
    const { text } = await readPdf(await workspaceReportPdf(scorecard, { condition: 'COPD', status: 'published', sector: null, failing: null, page: 1 }, meta));
    expect(text).toContain('Filtered to condition "COPD", status published.');
  });
});

describe('the pathway report', () => {
  it('reports one version with its findings, the room’s ratings and the trend', async () => {
    const stored = readStoredScores(storedScores('copd.v1.json', 1, '2026-03-10'))!;
    const findings = buildPathwayFindings({
      scores: stored,
      document: demoPathway('copd.v1.json'),
      consensus: [{ versionId: 'v', criterionId: 'rcgp-5', value: 'not_met', reason: 'No funding agreed' }],
      workspaceSlug: 'riverside',
      pathwayId: 'copd',
    });
    const pdf = await pathwayReportPdf(
      {
        title: 'COPD: breathlessness to long-term support',
        conditions: ['COPD'],
        status: 'published',
        version: { number: 1, savedAt: '2026-03-10T10:15:00.000Z', note: 'First draft' },
        findings,
        trend: [
          { frameworkId: 'rcgp-five-tests', points: [{ number: 1, savedAt: '2026-03-10T10:15:00.000Z', percent: 45 }, { number: 2, savedAt: '2026-06-18T14:30:00.000Z', percent: 70 }] },
          { frameworkId: 'national-voices', points: [{ number: 1, savedAt: '2026-03-10T10:15:00.000Z', percent: 14 }, { number: 2, savedAt: '2026-06-18T14:30:00.000Z', percent: 77 }] },
        ],
      },
      meta,
    );
    const { pages, text } = await readPdf(pdf);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(text).toContain('Reports version 1, saved 10 March 2026 and scored 10 March 2026');
    expect(text).toContain('RCGP five tests of integrated care, version 1.2.0');
    expect(text).toContain('Not met: No funding agreed');
    expect(text).toContain('GP review after discharge, as requested in the discharge letter');
    expect(text).toContain('Scores across saved versions');
    expect(text).toContain('18 June 2026');
    expect(text).not.toContain('→');
  });
});
