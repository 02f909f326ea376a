// The demo pathways (prisma/demo/pathways) scored end to end. Each expectation says which part of
// the demo causes it, so a change to a demo or to a rule shows up here with its reason.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePathwayJson } from '../../lib/pathway/validate';
import type { Pathway } from '../../lib/pathway/schema';
import { scorePathway, type ScoreResult } from '../../lib/scoring/score';
import type { CollaborationRecord, CriterionId, CriterionResult } from '../../lib/scoring/types';

const dir = fileURLToPath(new URL('../../prisma/demo/pathways/', import.meta.url));
// A fixed "today" inside the demo timeline (the last COPD version is dated 2026-10-05).
const TODAY = '2026-11-15';

function load(file: string): Pathway {
  const r = parsePathwayJson(readFileSync(`${dir}${file}`, 'utf8'));
  if (!r.ok) throw new Error(`${file} is not valid:\n${r.errors.map((e) => `${e.path}: ${e.message}`).join('\n')}`);
  return r.pathway;
}

function score(file: string, collab?: CollaborationRecord): ScoreResult {
  return scorePathway(load(file), collab, { today: TODAY });
}

function crit(result: ScoreResult, id: CriterionId): CriterionResult {
  return result.frameworks.flatMap((f) => f.criteria).find((c) => c.id === id) as CriterionResult;
}
const targets = (c: CriterionResult) => c.findings.map((f) => f.target);
const rcgp = (r: ScoreResult) => r.frameworks[0]?.score as number;

describe('demo pathways', () => {
  it('are all valid pathway documents', () => {
    const index = JSON.parse(readFileSync(`${dir}index.json`, 'utf8')) as {
      file: string;
      versions: { file: string }[];
    }[];
    const files = new Set(index.flatMap((p) => [p.file, ...p.versions.map((v) => v.file)]));
    expect(files.size).toBeGreaterThanOrEqual(5);
    for (const f of files) expect(() => load(f)).not.toThrow();
  });

  describe('COPD, first draft (copd.v1.json)', () => {
    const r = score('copd.v1.json');

    it('fails NV 5 because the only way in from the practice is an online e-consult', () => {
      const c = crit(r, 'nv-5');
      expect(c.status).toBe('not_met');
      expect(targets(c)).toContain('gp-first-contact');
    });

    it('has a bounce-back: the referral management centre sends the GP referral back without the person being seen', () => {
      const c = crit(r, 'rcgp-2');
      expect(targets(c)).toContain('referral-management-centre->diagnosis-decision');
      // and the discharge passes no information back to the practice
      expect(targets(c)).toContain('discharge-bundle->post-discharge-gp-review');
    });

    it('asks what the referral management centre adds for the person (RCGP 4)', () => {
      const c = crit(r, 'rcgp-4');
      expect(c.status).toBe('partly');
      expect(targets(c)).toEqual(['referral-management-centre']);
    });

    it('repeats spirometry in outpatients, after letters rather than a shared record (RCGP 3)', () => {
      expect(r.journey.repeatedAssessmentIds).toEqual(['resp-outpatients']);
      expect(crit(r, 'rcgp-3').status).toBe('not_met'); // also no whole-person review and an unshared decision
    });

    it('moves unfunded work onto general practice: the post-discharge review and the annual review', () => {
      expect(targets(crit(r, 'rcgp-5'))).toEqual(['post-discharge-gp-review', 'copd-annual-review']);
    });

    it('is sponsored by a GP, not a commissioner (NV 9)', () => {
      expect(crit(r, 'nv-9').status).toBe('not_met');
    });
  });

  describe('COPD after the first workshop (copd.v2.json)', () => {
    const r = score('copd.v2.json');

    it('no longer has the referral management centre: RCGP 4 is met and the bounce-back is gone', () => {
      expect(crit(r, 'rcgp-4').status).toBe('met');
      expect(crit(r, 'rcgp-2').measure).toContain('0 bounce-backs');
    });

    it('leaves the peer support group as a dead end, so it and the social care assessment before it have no route back to the GP', () => {
      expect(targets(crit(r, 'rcgp-2'))).toEqual(['social-care-assessment', 'peer-support-group']);
    });

    it('offers a phone or face-to-face way in, so NV 5 is met', () => {
      expect(crit(r, 'nv-5').status).toBe('met');
    });

    it('now has a commissioner as sponsor: NV 9 needs the record of who took part', () => {
      expect(crit(r, 'nv-9').status).toBe('needs_judgement');
    });
  });

  describe('COPD after the second workshop (copd.json)', () => {
    const r = score('copd.json');

    it('links the peer support group back, so every step outside primary care can return to the GP (RCGP 2 met)', () => {
      expect(crit(r, 'rcgp-2').status).toBe('met');
    });

    it('funds the annual review through the locally enhanced service; only the post-discharge GP review is unfunded', () => {
      expect(targets(crit(r, 'rcgp-5'))).toEqual(['post-discharge-gp-review']);
    });

    it('no longer repeats spirometry in outpatients (lung function tests instead), but the community team still repeats it after a letter', () => {
      expect(r.journey.repeatedAssessmentIds).toEqual(['community-resp-assessment']);
    });

    it('has the home oxygen assessment led by the hospital oxygen service’s specialist nurse, the one community step not led by a community-based clinician', () => {
      expect(targets(crit(r, 'rcgp-1'))).toEqual(['home-oxygen-assessment']);
    });

    it('has an evaluation plan and a review date after today, so NV 12 is met once three saved versions are known', () => {
      expect(crit(r, 'nv-12').status).toBe('needs_judgement');
      expect(crit(scorePathway(load('copd.json'), { versionCount: 3 }, { today: TODAY }), 'nv-12').status).toBe('met');
    });

    it('improves on each version: the RCGP score rises from draft to second workshop', () => {
      const v1 = rcgp(score('copd.v1.json'));
      const v2 = rcgp(score('copd.v2.json'));
      expect(v2).toBeGreaterThan(v1);
      expect(rcgp(r)).toBeGreaterThan(v2);
    });
  });

  describe('Frailty (frailty.json)', () => {
    const r = score('frailty.json');

    it('meets RCGP 1, 3, 4 and 5: community-led, whole-person reviews with a community geriatrician and GP together, no admin, funded GP work', () => {
      for (const id of ['rcgp-1', 'rcgp-3', 'rcgp-4', 'rcgp-5'] as const) expect(crit(r, id).status).toBe('met');
    });

    it('leaves befriending with no transition out, so it has no route back to the GP', () => {
      expect(targets(crit(r, 'rcgp-2'))).toEqual(['befriending']);
    });

    it('meets the new deal and carers principles: named coordinator, records access, care plan, self-management, carer’s assessment', () => {
      expect(crit(r, 'nv-7').status).toBe('met');
      expect(crit(r, 'nv-8').status).toBe('met');
    });

    it('counts the urgent community response to hospital handover that passes no information', () => {
      expect(r.journey.crossingsWithoutInformationIds).toEqual(['urgent-community-response->acute-frailty-unit']);
    });
  });

  describe('Type 2 diabetes with chronic kidney disease (t2dm-ckd.json)', () => {
    const r = score('t2dm-ckd.json');

    it('has the triage panel send the renal referral back as advice: a bounce-back', () => {
      expect(targets(crit(r, 'rcgp-2'))).toEqual(['referral-triage-panel->gp-acts-on-advice']);
    });

    it('puts the waiting-list validation straight after the triage panel: two admin steps in a row (RCGP 4 not met)', () => {
      const c = crit(r, 'rcgp-4');
      expect(c.status).toBe('not_met');
      expect(targets(c)[0]).toBe('referral-triage-panel->waiting-list-validation');
    });

    it('leaves the GP acting on the advice letter unfunded, while the combined review is funded', () => {
      const c = crit(r, 'rcgp-5');
      expect(targets(c)).toEqual(['gp-acts-on-advice']);
      expect(c.evidence).toEqual(['annual-review']);
    });

    it('covers two conditions with a combined whole-person review and GP-consultant advice and guidance, so RCGP 3 is met', () => {
      expect(load('t2dm-ckd.json').conditions).toHaveLength(2);
      expect(crit(r, 'rcgp-3').status).toBe('met');
    });

    it('has home monitoring by app or online form only (NV 5 partly)', () => {
      const c = crit(r, 'nv-5');
      expect(c.status).toBe('partly');
      expect(targets(c)).toEqual(['home-monitoring']);
    });

    it('involves no carers and no voluntary sector, and is sponsored by a consultant', () => {
      expect(crit(r, 'nv-8').status).toBe('not_met');
      expect(crit(r, 'nv-2').status).toBe('not_met');
      expect(crit(r, 'nv-9').status).toBe('not_met');
    });
  });
});
