import { describe, expect, it } from 'vitest';
import { demoSource } from './fixtures.test-helpers';
import { csvField, fileSlug, parseCsv, scorecardCsvRows, toCsv } from './csv';
import { buildWorkspaceScorecard } from './model';

describe('csvField', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(42)).toBe('42');
    expect(csvField(null)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('stops a spreadsheet running text typed by people as a formula', () => {
    expect(csvField('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvField('+44 1234')).toBe("'+44 1234");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });
});

describe('the scorecard as CSV', () => {
  const source = demoSource([
    { id: 'copd', title: 'COPD: breathlessness, to long-term "support"', file: 'copd.v1.json', number: 1, conditions: ['COPD'], status: 'published' },
    { id: 'frailty', title: 'Frailty', file: 'frailty.json', number: 1, conditions: ['Frailty', 'Falls'] },
  ]);
  source.consensus.push({ versionId: 'copd-v1', criterionId: 'rcgp-3', value: 'partly', reason: 'Joint clinic agreed, not yet drawn' });
  const scorecard = buildWorkspaceScorecard(source);
  const csv = toCsv(scorecardCsvRows(scorecard, { baseUrl: 'https://pathweave.example/', workspaceSlug: 'riverside' }));
  const rows = parseCsv(csv);
  const header = rows[0]!;
  const byTitle = (t: string) => rows.find((r) => r[0] === t)!;
  const col = (name: string) => header.indexOf(name);

  it('has a byte-order mark, CRLF line ends and one row per pathway after the header', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(r).toHaveLength(header.length);
  });

  it('keeps the computed result and the room’s consensus in separate columns', () => {
    const copd = byTitle('COPD: breathlessness, to long-term "support"');
    expect(copd[col('RCGP 3 Person-focused, protecting from over-medicalisation, with generalists and specialists together (computed)')]).toBe('Not met');
    expect(copd[col("RCGP 3 (room's consensus)")]).toBe('Partly met: Joint clinic agreed, not yet drawn');
    expect(copd[col("RCGP 1 (room's consensus)")]).toBe('');
  });

  it('carries the version, dates, framework versions, counts, journey figures and a link', () => {
    const copd = byTitle('COPD: breathlessness, to long-term "support"');
    const p = scorecard.pathways.find((x) => x.id === 'copd')!;
    expect(copd[col('Version')]).toBe('1');
    expect(copd[col('Status')]).toBe('Published');
    expect(copd[col('Version saved')]).toBe('2026-10-05');
    expect(copd[col('RCGP five tests: framework version')]).toBe('1.2.0');
    expect(copd[col('RCGP five tests: score (%)')]).toBe(String(p.frameworks[0]!.percent));
    expect(copd[col('Criteria not met (computed)')]).toBe(String(p.notMet));
    expect(copd[col('Contacts with a professional')]).toBe(String(p.journey!.contacts));
    expect(copd.at(-1)).toBe('https://pathweave.example/w/riverside/scorecards/copd');
    expect(byTitle('Frailty')[col('Conditions')]).toBe('Frailty; Falls');
  });

  it('lists the pathways failing first, as the page does', () => {
    expect(rows.slice(1).map((r) => r[0])).toEqual(scorecard.pathways.map((p) => p.title));
  });

  it('makes safe file names', () => {
    expect(fileSlug('Riverside GP Cluster')).toBe('riverside-gp-cluster');
    expect(fileSlug('***')).toBe('scorecard');
  });
});

describe('the summary row’s compact columns', () => {
  it('read back to the same frameworks and criteria the stored scores give, skipping anything malformed', async () => {
    const { storedScores } = await import('./fixtures.test-helpers');
    const { scoreRowsFromStored, readSummaryColumns } = await import('./rows');
    const rows = scoreRowsFromStored('v1', storedScores('copd.v1.json', 1, '2026-03-10'));
    const back = readSummaryColumns('v1', JSON.parse(JSON.stringify(rows.summaryFrameworks)), JSON.parse(JSON.stringify(rows.summaryCriteria)));
    expect(back.frameworks).toEqual(rows.frameworks);
    expect(back.criteria).toEqual(rows.criteria);
    const broken = readSummaryColumns('v1', [{ frameworkVersion: '1' }, null], [['rcgp-five-tests', 'rcgp-1', 'great', 1], 'x', ['rcgp-five-tests', 'rcgp-2', 'met']]);
    expect(broken.frameworks).toEqual([]);
    expect(broken.criteria).toEqual([{ versionId: 'v1', criterionId: 'rcgp-2', frameworkId: 'rcgp-five-tests', position: 0, status: 'met', findings: 0 }]);
  });
});
