import { describe, expect, it } from 'vitest';
import { demoPathway, storedScores } from './fixtures.test-helpers';
import { buildPathwayFindings, editorHref, readStoredScores, targetLabels } from './findings';

const scores = storedScores('copd.v1.json', 1, '2026-03-10');
const document = demoPathway('copd.v1.json');

describe('readStoredScores', () => {
  it('reads what the engine stores with a version', () => {
    const s = readStoredScores(scores);
    expect(s?.frameworks.map((f) => f.criteria.length)).toEqual([5, 12]);
    expect(s?.scoredAt).toBe('2026-03-10');
  });

  it('answers null for missing or foreign JSON, so the page can say the scores cannot be read', () => {
    expect(readStoredScores(null)).toBeNull();
    expect(readStoredScores({ frameworks: 'nope' })).toBeNull();
    expect(readStoredScores({ frameworks: [], journey: { steps: 'many' } })).toBeNull();
    expect(readStoredScores({ frameworks: [{ id: 'x', criteria: [{ id: 'c', status: 'great' }] }] })).toBeNull();
  });

  it('fills gaps in older stored results instead of refusing them', () => {
    const old = readStoredScores({ frameworks: [{ id: 'rcgp-five-tests', criteria: [{ id: 'rcgp-1', status: 'met', title: 'T' }] }] });
    expect(old?.frameworks[0]?.criteria[0]).toMatchObject({ findings: [], advice: [], measure: '', rule: '', score: null });
    expect(old?.journey).toBeNull();
  });
});

describe('targetLabels and editor links', () => {
  it('names steps by title and transitions by the steps they join', () => {
    const labels = targetLabels(document);
    expect(labels.get('post-discharge-gp-review')).toEqual({ kind: 'step', label: 'GP review after discharge, as requested in the discharge letter' });
    expect(labels.get('discharge-bundle->post-discharge-gp-review')?.kind).toBe('transition');
    expect(labels.get('discharge-bundle->post-discharge-gp-review')?.label).toMatch(/^Discharge from hospital → GP review after discharge/);
    expect(targetLabels(null).size).toBe(0);
  });

  it('links to the editor with the target selected, encoded', () => {
    expect(editorHref('riverside', 'p1', 'a->b')).toBe('/w/riverside/pathways/p1/edit?select=a-%3Eb');
    expect(editorHref('riverside', 'p1')).toBe('/w/riverside/pathways/p1/edit');
  });
});

describe('buildPathwayFindings', () => {
  const stored = readStoredScores(scores)!;
  const detail = buildPathwayFindings({
    scores: stored,
    document,
    consensus: [{ versionId: 'v1', criterionId: 'rcgp-5', value: 'partly', reason: 'Funding agreed in principle' }],
    workspaceSlug: 'riverside',
    pathwayId: 'copd',
  });
  const rcgp = detail.frameworks[0]!;

  it('lists criteria failing first, and keeps framework order for the radar', () => {
    const rank = { not_met: 0, partly: 1, needs_judgement: 2, met: 3 } as const;
    const ranks = rcgp.worstFirst.map((c) => rank[c.status]);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    expect(rcgp.worstFirst[0]?.status).toBe('not_met');
    expect(rcgp.criteria.map((c) => c.id)).toEqual(['rcgp-1', 'rcgp-2', 'rcgp-3', 'rcgp-4', 'rcgp-5']);
  });

  it('names each finding’s step or transition and links to it in the editor', () => {
    const rcgp2 = rcgp.criteria.find((c) => c.id === 'rcgp-2')!;
    const info = rcgp2.findings.find((f) => f.target === 'discharge-bundle->post-discharge-gp-review')!;
    expect(info).toMatchObject({ targetKind: 'transition', known: true });
    expect(info.editorHref).toBe('/w/riverside/pathways/copd/edit?select=discharge-bundle-%3Epost-discharge-gp-review');
    const total = stored.frameworks.reduce((n, f) => n + f.criteria.reduce((m, c) => m + c.findings.length, 0), 0);
    expect(detail.totalFindings).toBe(total);
  });

  it('shows a target the document no longer has by its id, marked unknown', () => {
    const other = buildPathwayFindings({ scores: stored, document: { steps: [], transitions: [] }, consensus: [], workspaceSlug: 's', pathwayId: 'p' });
    const f = other.frameworks[0]!.criteria.flatMap((c) => c.findings)[0]!;
    expect(f.known).toBe(false);
    expect(f.targetLabel).toBe(f.target);
  });

  it('puts the room’s consensus beside the computed status without changing it', () => {
    const rcgp5 = rcgp.criteria.find((c) => c.id === 'rcgp-5')!;
    expect(rcgp5.status).toBe('not_met');
    expect(rcgp5.consensus).toEqual({ value: 'partly', reason: 'Funding agreed in principle' });
    expect(rcgp.notMet).toBe(stored.frameworks[0]!.notMet);
  });

  it('lists the crossings without information with links, and the expected days', () => {
    const j = detail.journey!;
    expect(j.crossingsWithoutInformation.map((x) => x.id)).toEqual(stored.journey!.crossingsWithoutInformationIds);
    expect(j.crossingsWithoutInformation[0]?.editorHref).toContain('/edit?select=');
    expect(j.expectedDays).toBe(stored.journey!.expected?.days ?? null);
    expect(j.organisations).toBe(stored.journey!.distinctSectors);
  });

  it('links a finding of an old version only when the working copy still has its step; otherwise names it, unlinked', () => {
    const rcgp2 = stored.frameworks[0]!.criteria.find((c) => c.id === 'rcgp-2')!;
    const target = rcgp2.findings.find((f) => f.targetKind !== 'transition' && !f.target.includes('->'))?.target ?? rcgp2.findings[0]!.target;
    const doc = document as unknown as { steps: { id: string }[]; transitions: { id?: string; from: string; to: string }[] };
    const workingCopy = {
      steps: doc.steps.filter((s) => s.id !== target),
      transitions: doc.transitions.filter((t) => t.from !== target && t.to !== target && t.id !== target),
    };
    const old = buildPathwayFindings({ scores: stored, document, workingCopy, consensus: [], workspaceSlug: 'riverside', pathwayId: 'copd' });
    const gone = old.frameworks[0]!.criteria.flatMap((c) => c.findings).filter((f) => f.target === target);
    expect(gone.length).toBeGreaterThan(0);
    for (const f of gone) {
      expect(f).toMatchObject({ known: true, inWorkingCopy: false, editorHref: null });
      expect(f.targetLabel).not.toBe(f.target);
    }
    const kept = old.frameworks.flatMap((fw) => fw.criteria.flatMap((c) => c.findings)).filter((f) => workingCopy.steps.some((s) => s.id === f.target));
    expect(kept.length).toBeGreaterThan(0);
    for (const f of kept) expect(f.editorHref).toBe(editorHref('riverside', 'copd', f.target));
    const crossings = buildPathwayFindings({ scores: stored, document, workingCopy: { steps: [], transitions: [] }, consensus: [], workspaceSlug: 's', pathwayId: 'p' }).journey!;
    for (const x of [...crossings.crossingsWithoutInformation, ...crossings.repeatedAssessments]) expect(x).toMatchObject({ inWorkingCopy: false, editorHref: null });
  });
});
