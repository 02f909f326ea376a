// National Voices principles: for each principle, small hand-made pathways that are met, partly
// met (where the principle has a partly state) and not met, asserting the exact finding targets.
// Fixtures start from good() (tests/fixtures/pathways/build.ts), which meets every principle.
import { describe, expect, it } from 'vitest';
import { build, good, goodCollab, link, step, TODAY, variant } from '../../tests/fixtures/pathways/build';
import type { Pathway } from '../pathway/schema';
import { scorePathway } from './score';
import type { CollaborationRecord, CriterionId, CriterionResult } from './types';

/** null = leave it out (no collaboration record / no today). */
function crit(
  p: Pathway,
  id: CriterionId,
  collab: CollaborationRecord | null = goodCollab,
  today: string | null = TODAY,
) {
  const c = scorePathway(p, collab ?? undefined, { today: today ?? undefined })
    .frameworks.flatMap((f) => f.criteria)
    .find((x) => x.id === id);
  if (!c) throw new Error(`no ${id}`);
  return c;
}
const targets = (c: CriterionResult) => c.findings.map((f) => f.target);

describe('nv-1 person-centred', () => {
  it('is met by the good pathway', () => {
    const c = crit(good(), 'nv-1');
    expect(c.status).toBe('met');
    expect(targets(c)).toEqual([]);
  });

  it('accepts "what matters" asked two transitions after entry, not three', () => {
    const noEntryAsk = { entry: { flags: { whatMattersToMe: false } } };
    // entry -> decide -> clinic: two transitions
    const near = crit(variant({ ...noEntryAsk, clinic: { flags: { whatMattersToMe: true } } }), 'nv-1');
    expect(near.status).toBe('met');
    expect(targets(near)).toEqual([]);
    // entry -> decide -> clinic -> group: three
    const far = crit(variant({ ...noEntryAsk, group: { flags: { whatMattersToMe: true } } }), 'nv-1');
    expect(far.status).toBe('partly');
    expect(targets(far)).toEqual(['entry']);
  });

  it('is partly met when one part is missing', () => {
    const c = crit(variant({ entry: { flags: { whatMattersToMe: false } } }), 'nv-1');
    expect(c.status).toBe('partly');
    expect(c.score).toBeCloseTo(2 / 3, 3);
    expect(targets(c)).toEqual(['entry']);
  });

  it('is not met when nothing person-centred is present', () => {
    const c = crit(
      variant({
        entry: { flags: { whatMattersToMe: false } },
        decide: { flags: { sharedDecision: false, carePlanAgreed: false } },
      }),
      'nv-1',
    );
    expect(c.status).toBe('not_met');
    expect(targets(c)).toEqual(['entry', 'decide']);
    expect(c.advice).toHaveLength(1); // no care plan anywhere
  });
});

describe('nv-1 wording', () => {
  it('words the unshared decision and the "what matters" suggestion as the rule measures them', () => {
    const c = crit(
      variant({ entry: { flags: { whatMattersToMe: false } }, decide: { flags: { sharedDecision: false } } }),
      'nv-1',
    );
    expect(targets(c)).toEqual(['entry', 'decide']);
    expect(c.findings[0]?.suggestion).toBe(
      "Ask what matters to the person, and write it down, at 'Breathlessness raised with GP' or at one of the two steps after it.",
    );
    expect(c.findings[1]?.message).toBe(
      "'Options discussed' decides about the person's treatment, but is not marked as decided with the person.",
    );
  });
});

describe('nv-2 community and voluntary sector', () => {
  const noGroup = {
    group: {
      sector: 'social_care' as const,
      setting: 'social_care_service' as const,
      leadRole: 'social_worker' as const,
    },
  };

  it('is met with a voluntary sector step', () => {
    const c = crit(good(), 'nv-2');
    expect(c.status).toBe('met');
    expect(c.evidence).toEqual(['group']);
    expect(targets(c)).toEqual([]);
  });

  it('is met by a support step led by a voluntary worker in another lane', () => {
    const c = crit(variant({ group: { sector: 'social_care', setting: 'social_care_service' } }), 'nv-2');
    expect(c.status).toBe('met');
    expect(targets(c)).toEqual([]);
  });

  it('is not met without one, with advice', () => {
    const c = crit(variant(noGroup), 'nv-2');
    expect(c.status).toBe('not_met');
    expect(c.findings).toEqual([]);
    expect(c.advice).toHaveLength(1);
  });

  it('does not count an exit in the voluntary and community lane (review item 6)', () => {
    // Nothing is done with the person at an exit, as NV 3 reasons; version 1 was met by it.
    const c = crit(
      variant(noGroup, {
        steps: [
          step('volexit', 'exit', {
            sector: 'voluntary_community',
            setting: 'voluntary_service',
            leadRole: 'voluntary_worker',
          }),
        ],
        transitions: [link('review', 'volexit')],
      }),
      'nv-2',
    );
    expect(c.status).toBe('not_met');
    expect(c.evidence).toEqual([]);
    expect(targets(c)).toEqual([]);
    expect(c.advice.map((a) => a.message)).toEqual(['No step involves the voluntary and community sector.']);
  });

  it('does not count an outcome or admin step in the voluntary lane either', () => {
    const c = crit(
      variant(noGroup, {
        steps: [
          step('volout', 'outcome', {
            sector: 'voluntary_community',
            setting: 'voluntary_service',
            leadRole: 'voluntary_worker',
          }),
          step('voladmin', 'admin', {
            sector: 'voluntary_community',
            setting: 'voluntary_service',
            leadRole: 'admin_staff',
          }),
        ],
        transitions: [link('review', 'volout'), link('volout', 'voladmin'), link('voladmin', 'exit')],
      }),
      'nv-2',
    );
    expect(c.status).toBe('not_met');
    expect(targets(c)).toEqual([]);
  });

  it('does not count a voluntary step no route reaches, and blames it', () => {
    const c = crit(
      variant(noGroup, {
        steps: [
          step('vol', 'support', {
            sector: 'voluntary_community',
            setting: 'voluntary_service',
            leadRole: 'voluntary_worker',
          }),
        ],
        transitions: [link('vol', 'review')],
      }),
      'nv-2',
    );
    expect(c.status).toBe('not_met');
    expect(targets(c)).toEqual(['vol']);
    expect(c.advice).toEqual([]); // the unreached step is blamed instead
  });
});

describe('nv-3 benefit to service users', () => {
  it('is met when every step but the exit states a benefit', () => {
    const c = crit(good(), 'nv-3');
    expect(c.status).toBe('met');
    expect(c.measure).toBe('5 of 5 steps say how they help the person');
    expect(targets(c)).toEqual([]);
  });

  it('is partly met at half or more, blank text counting as missing', () => {
    const c = crit(variant({ decide: { patientBenefit: undefined }, clinic: { patientBenefit: '   ' } }), 'nv-3');
    expect(c.status).toBe('partly');
    expect(c.score).toBe(0.6);
    expect(targets(c)).toEqual(['decide', 'clinic']);
  });

  it('is not met below half', () => {
    const c = crit(
      variant({
        decide: { patientBenefit: undefined },
        clinic: { patientBenefit: undefined },
        group: { patientBenefit: undefined },
      }),
      'nv-3',
    );
    expect(c.status).toBe('not_met');
    expect(targets(c)).toEqual(['decide', 'clinic', 'group']);
  });
});

describe('nv-4 evaluated by outcomes, especially those users report', () => {
  it('is met with user-reported measures at two steps', () => {
    const c = crit(good(), 'nv-4');
    expect(c.status).toBe('met');
    expect(c.evidence).toEqual(['entry', 'review']);
    expect(targets(c)).toEqual([]);
  });

  it('is partly met when no measure is reported by the person', () => {
    const c = crit(
      variant({
        entry: { outcomeMeasures: [{ name: 'FEV1', type: 'clinical' }] },
        review: { outcomeMeasures: [{ name: 'Reviews done', type: 'process' }] },
      }),
      'nv-4',
    );
    expect(c.status).toBe('partly');
    expect(c.score).toBeCloseTo(2 / 3, 3);
    expect(targets(c)).toEqual(['entry', 'review']);
  });

  it('is partly met when outcomes are measured at one step only (no view across the journey)', () => {
    const c = crit(variant({ review: { outcomeMeasures: [] } }), 'nv-4');
    expect(c.status).toBe('partly');
    expect(targets(c)).toEqual(['entry']);
    expect(c.findings[0]?.message).toContain('only step');
  });

  it('is not met with no measures', () => {
    const c = crit(variant({ entry: { outcomeMeasures: [] }, review: { outcomeMeasures: [] } }), 'nv-4');
    expect(c.status).toBe('not_met');
    expect(c.findings).toEqual([]);
    expect(c.advice).toHaveLength(1);
  });
});

describe('nv-5 inclusive of all communities', () => {
  it('is met by the good pathway', () => {
    const c = crit(good(), 'nv-5');
    expect(c.status).toBe('met');
    expect(targets(c)).toEqual([]);
  });

  it('is partly met when a step after entry is digital-only', () => {
    const c = crit(variant({ clinic: { channels: ['video'] } }), 'nv-5');
    expect(c.status).toBe('partly');
    expect(targets(c)).toEqual(['clinic']);
    expect(c.findings[0]?.suggestion).toBe("Add a phone or face-to-face route to 'Community clinic'.");
  });

  it('is not met when the way in is digital-only, even with adaptations', () => {
    const c = crit(variant({ entry: { channels: ['online_form', 'app'] } }), 'nv-5');
    expect(c.status).toBe('not_met');
    expect(c.score).toBe(0);
    expect(targets(c)).toEqual(['entry']);
    expect(c.findings[0]?.message).toContain('online form and app');
  });

  it('words each digital-only step by its own channels, in order, however many it lists', () => {
    // Same channels in another order, a list of ten (too long for the context's number key), and an
    // entry and a later step with the same list: each finding says exactly its step's channels.
    const c = crit(
      variant({
        entry: { channels: ['app', 'online_form'] },
        clinic: { channels: ['online_form', 'app', 'video', 'app', 'app', 'app', 'app', 'app', 'app', 'app'] },
      }),
      'nv-5',
    );
    // Steps in document order; the entry keeps its interpreter, so only the two digital-only steps.
    expect(targets(c)).toEqual(['entry', 'clinic']);
    const byTarget = Object.fromEntries(c.findings.map((f) => [f.target, f.message]));
    expect(byTarget.entry).toBe(
      "'Breathlessness raised with GP' can only be reached by app and online form, which shuts out people without a device, internet access or confidence online, right at the way in.",
    );
    expect(byTarget.clinic).toContain(
      'can only be reached by online form, app, video call, app, app, app, app, app, app and app,',
    );
    expect(byTarget.clinic).not.toContain('right at the way in');
  });

  it('does not treat a step with no channels (such as an exit) as digital-only', () => {
    expect(crit(good(), 'nv-5').findings).toEqual([]);
  });

  it('flags an entry with no adaptations', () => {
    const c = crit(variant({ entry: { adaptations: [] } }), 'nv-5');
    expect(c.status).toBe('partly');
    expect(targets(c)).toEqual(['entry']);
    expect(c.findings[0]?.message).toBe(
      "'Breathlessness raised with GP' is where people come in, but it offers no adaptations such as an interpreter, British Sign Language, easy read or step-free access.",
    );
  });

  it('checks the first contact with a professional after a self-care entry, not the entry itself (review item 7)', () => {
    const selfCare = step('self', 'entry', {
      title: 'Notices symptoms at home',
      sector: 'self_care',
      setting: 'home',
      leadRole: 'patient',
      channels: ['face_to_face'],
    });
    // The GP entry offers an interpreter; the self-care entry leads to it, so both are covered.
    const ok = crit(variant({}, { steps: [selfCare], transitions: [link('self', 'entry')] }), 'nv-5');
    expect(ok.status).toBe('met');
    expect(targets(ok)).toEqual([]);
    expect(ok.measure).toContain('adaptations offered at the first professional contact after 2 of 2 entry steps');
    // Through a self-care step to a GP assessment with no adaptations: the assessment is blamed.
    const gpa = step('gpa', 'assessment', { title: 'GP assessment', channels: ['face_to_face'] });
    const diary = step('diary', 'self_management', { sector: 'self_care', setting: 'home', leadRole: 'patient' });
    const c = crit(
      variant(
        {},
        {
          steps: [selfCare, diary, gpa],
          transitions: [link('self', 'diary'), link('diary', 'gpa'), link('gpa', 'decide')],
        },
      ),
      'nv-5',
    );
    expect(c.status).toBe('partly');
    expect(targets(c)).toEqual(['gpa']);
    expect(c.findings[0]?.message).toBe(
      "'GP assessment' is where people coming in at 'Notices symptoms at home' first meet a professional, but it offers no adaptations such as an interpreter, British Sign Language, easy read or step-free access.",
    );
    expect(c.score).toBeCloseTo((1 + 0.5) / 2, 3);
  });

  it('flags emergency care when nothing is open out of hours; unknown hours do not count as open', () => {
    const ae = step('ae', 'intervention', {
      sector: 'secondary_care',
      setting: 'emergency',
      leadRole: 'consultant',
      channels: ['face_to_face'],
    });
    const closed = crit(variant({}, { steps: [ae], transitions: [link('entry', 'ae'), link('ae', 'review')] }), 'nv-5');
    expect(closed.status).toBe('partly');
    expect(targets(closed)).toEqual(['ae']);
    const open = crit(
      variant({}, { steps: [{ ...ae, hours: 'always' }], transitions: [link('entry', 'ae'), link('ae', 'review')] }),
      'nv-5',
    );
    expect(open.status).toBe('met');
    expect(open.evidence).toContain('ae');
    expect(targets(open)).toEqual([]);
  });
});

describe('nv-6 designed with users and carers (collaboration record)', () => {
  it('needs judgement without a record: it never guesses', () => {
    const c = crit(good(), 'nv-6', null);
    expect(c.status).toBe('needs_judgement');
    expect(c.score).toBeNull();
    expect(targets(c)).toEqual([]); // judged on the record, never a step
    expect(c.advice).toHaveLength(1);
  });

  it('also needs judgement when the record has no participants', () => {
    const c = crit(good(), 'nv-6', { versionCount: 3 });
    expect(c.status).toBe('needs_judgement');
    expect(targets(c)).toEqual([]);
  });

  it('is met when both patients and carers contributed', () => {
    const c = crit(good(), 'nv-6');
    expect(c.status).toBe('met');
    expect(targets(c)).toEqual([]);
    expect(c.advice).toEqual([]);
  });

  it('is partly met when only patients contributed', () => {
    const c = crit(good(), 'nv-6', { participants: [{ role: 'patient', contributions: 5 }] });
    expect(c.status).toBe('partly');
    expect(c.score).toBe(0.5);
    expect(targets(c)).toEqual([]);
    expect(c.advice.map((a) => a.message)).toEqual(['No one taking part as a carer has contributed to the design.']);
  });

  it('is not met when neither did; joining without contributing does not count', () => {
    const c = crit(good(), 'nv-6', {
      participants: [
        { role: 'patient', contributions: 0 },
        { role: 'gp', contributions: 9 },
      ],
    });
    expect(c.status).toBe('not_met');
    expect(targets(c)).toEqual([]);
    expect(c.advice).toHaveLength(2); // one for patients, one for carers
  });

  it('adds up contributions of several people with the same role', () => {
    const c = crit(good(), 'nv-6', {
      participants: [
        { role: 'carer', contributions: 0 },
        { role: 'carer', contributions: 1 },
        { role: 'patient', contributions: 1 },
      ],
    });
    expect(c.status).toBe('met');
    expect(targets(c)).toEqual([]);
  });
});

describe('nv-7 a new deal for people with long-term conditions', () => {
  it('is met with all four elements', () => {
    const c = crit(good(), 'nv-7');
    expect(c.status).toBe('met');
    expect(targets(c)).toEqual([]);
    expect(c.advice).toEqual([]);
  });

  it('is partly met with some, naming what is missing', () => {
    const c = crit(variant({ decide: { flags: { careCoordinatorNamed: false, recordsAccess: false } } }), 'nv-7');
    expect(c.status).toBe('partly');
    expect(c.score).toBe(0.5);
    expect(c.advice[0]?.message).toContain('a named care coordinator and access to their own record or plan');
    // The missing elements are nowhere in the pathway, so there is no step to blame: advice only.
    expect(targets(c)).toEqual([]);
  });

  it('is not met with none', () => {
    const c = crit(
      variant({
        decide: { flags: { careCoordinatorNamed: false, recordsAccess: false, carePlanAgreed: false } },
        clinic: { flags: { selfManagementSupport: false } },
      }),
      'nv-7',
    );
    expect(c.status).toBe('not_met');
    expect(targets(c)).toEqual([]); // no step has any element, reached or not: advice only
    expect(c.advice).toHaveLength(1);
  });

  it('does not count an element at a step no route reaches, and blames that step', () => {
    const c = crit(
      variant(
        { decide: { flags: { careCoordinatorNamed: false } } },
        {
          steps: [step('orphan', 'review', { flags: { careCoordinatorNamed: true } })],
          transitions: [link('orphan', 'exit')],
        },
      ),
      'nv-7',
    );
    expect(c.status).toBe('partly');
    expect(targets(c)).toEqual(['orphan']);
  });
});

describe('nv-8 responds to carers', () => {
  it('is met with the carer in a decision and carer support', () => {
    const c = crit(good(), 'nv-8');
    expect(c.status).toBe('met');
    expect(targets(c)).toEqual([]);
  });

  it('counts a carer in the roles as involved', () => {
    const c = crit(variant({ decide: { flags: { carerInvolved: false }, roles: ['carer'] } }), 'nv-8');
    expect(c.status).toBe('met');
    expect(targets(c)).toEqual([]);
  });

  it('is partly met when the carer is involved only where no decisions are made', () => {
    const c = crit(
      variant({ decide: { flags: { carerInvolved: false } }, clinic: { flags: { carerInvolved: true } } }),
      'nv-8',
    );
    expect(c.status).toBe('partly');
    expect(c.score).toBe(0.75);
    expect(targets(c)).toEqual(['decide']);
  });

  it('is not met when carers are neither involved nor supported', () => {
    const c = crit(
      variant({ decide: { flags: { carerInvolved: false } }, clinic: { flags: { carerSupport: false } } }),
      'nv-8',
    );
    expect(c.status).toBe('not_met');
    expect(targets(c)).toEqual(['decide']);
    // Not every person has a carer.
    expect(c.findings[0]?.message).toBe(
      "A carer, if the person has one, is not involved at 'Options discussed', where decisions about the person's care are made.",
    );
  });
});

describe('nv-9 driven by commissioners', () => {
  it('is met with a commissioner sponsor who took part', () => {
    const c = crit(good(), 'nv-9');
    expect(c.status).toBe('met');
    expect(targets(c)).toEqual([]);
    expect(c.advice).toEqual([]);
  });

  it('needs judgement when the sponsor is a commissioner but there is no record', () => {
    const c = crit(good(), 'nv-9', null);
    expect(c.status).toBe('needs_judgement');
    expect(targets(c)).toEqual([]);
    expect(c.advice).toHaveLength(1);
  });

  it('is partly met when no commissioner contributed', () => {
    const c = crit(good(), 'nv-9', { participants: [{ role: 'patient', contributions: 2 }] });
    expect(c.status).toBe('partly');
    expect(targets(c)).toEqual([]); // about the design team, not a step: advice only
    expect(c.advice[0]?.message).toMatch(/^No commissioner has contributed/);
  });

  it('is not met without a commissioner sponsor, whatever the record says', () => {
    const p = variant({}, { over: { metadata: { ...good().metadata, sponsor: { name: 'Dr Shah', role: 'gp' } } } });
    const gp = crit(p, 'nv-9');
    expect(gp.status).toBe('not_met');
    expect(targets(gp)).toEqual([]);
    expect(gp.advice[0]?.message).toMatch(/^The sponsor, Dr Shah, is named as /);
    const gpNoRecord = crit(p, 'nv-9', null);
    expect(gpNoRecord.status).toBe('not_met');
    expect(targets(gpNoRecord)).toEqual([]);
    const none = variant({}, { over: { metadata: { ...good().metadata, sponsor: undefined } } });
    const noSponsor = crit(none, 'nv-9');
    expect(noSponsor.measure).toBe('No sponsor named');
    expect(noSponsor.status).toBe('not_met');
    expect(targets(noSponsor)).toEqual([]);
    expect(noSponsor.advice[0]?.message).toBe('The pathway names no sponsor.');
  });
});

describe('nv-10 incentives and nv-11 social value', () => {
  it('are met when recorded', () => {
    for (const id of ['nv-10', 'nv-11'] as const) {
      const c = crit(good(), id);
      expect(c.status).toBe('met');
      expect(targets(c)).toEqual([]);
    }
  });

  it('are not met when empty or blank', () => {
    const p = variant({}, { over: { metadata: { ...good().metadata, incentives: [], socialValue: [] } } });
    // Pathway-level records with no step to blame: advice only.
    for (const id of ['nv-10', 'nv-11'] as const) {
      const c = crit(p, id);
      expect(c.status).toBe('not_met');
      expect(targets(c)).toEqual([]);
      expect(c.advice).toHaveLength(1);
    }
  });
});

describe('nv-12 lasts over time and can experiment', () => {
  const withMeta = (m: Record<string, unknown>) => variant({}, { over: { metadata: { ...good().metadata, ...m } } });

  it('is met with a future review date, an evaluation plan and two versions', () => {
    const c = crit(good(), 'nv-12');
    expect(c.status).toBe('met');
    expect(targets(c)).toEqual([]);
    expect(c.advice).toEqual([]);
  });

  it('is partly met with only one saved version', () => {
    const c = crit(good(), 'nv-12', { ...goodCollab, versionCount: 1 });
    expect(c.status).toBe('partly');
    expect(targets(c)).toEqual([]); // about the pathway as a whole: advice only
    expect(c.advice[0]?.message).toMatch(/^Only one version of the pathway has been saved/);
  });

  it('needs judgement when the number of versions is not known', () => {
    const c = crit(good(), 'nv-12', { participants: goodCollab.participants });
    expect(c.status).toBe('needs_judgement');
    expect(targets(c)).toEqual([]);
    // Advice about saved versions, not about who took part (review item 5).
    expect(c.advice.map((a) => a.message)).toEqual([
      'It is not known how many versions of this pathway have been saved, so it cannot tell whether it has been revisited.',
    ]);
  });

  it('needs judgement without today’s date: the engine never reads the clock', () => {
    const c = crit(good(), 'nv-12', goodCollab, null);
    expect(c.status).toBe('needs_judgement');
    expect(c.measure).toContain("today's date not given");
    expect(targets(c)).toEqual([]);
    // Version 1 gave no advice here; the review asked that a needs-judgement result always say
    // what is missing (review item 5).
    expect(c.advice.map((a) => a.message)).toEqual([
      "Today's date was not given, so it cannot tell whether the review date, 2030-06-30, has passed.",
    ]);
  });

  it('gives advice about both when the versions and today are unknown', () => {
    const c = crit(good(), 'nv-12', null, null);
    expect(c.status).toBe('needs_judgement');
    expect(targets(c)).toEqual([]);
    expect(c.advice.map((a) => a.message)).toEqual([
      'It is not known how many versions of this pathway have been saved, so it cannot tell whether it has been revisited.',
      "Today's date was not given, so it cannot tell whether the review date, 2030-06-30, has passed.",
    ]);
    expect(c.advice.some((a) => /who took part/.test(a.message))).toBe(false);
  });

  it('is not met when the review date has passed, even with many versions', () => {
    // Today is the review date itself, which counts as passed.
    const c = crit(good(), 'nv-12', { ...goodCollab, versionCount: 9 }, '2030-06-30');
    expect(c.status).toBe('not_met');
    expect(targets(c)).toEqual([]);
    expect(c.advice[0]?.message).toMatch(/^The review date, 2030-06-30, has passed/);
  });

  it('is not met without an evaluation plan or review date, even without today or a record', () => {
    const noPlan = crit(withMeta({ evaluationPlan: undefined }), 'nv-12', null, null);
    expect(noPlan.status).toBe('not_met');
    expect(targets(noPlan)).toEqual([]);
    expect(noPlan.advice.map((a) => a.message)).toEqual(['The pathway has no evaluation plan.']);
    const noDate = crit(withMeta({ reviewDate: undefined }), 'nv-12');
    expect(noDate.status).toBe('not_met');
    expect(targets(noDate)).toEqual([]);
    expect(noDate.advice.map((a) => a.message)).toEqual(['The pathway has no review date.']);
  });

  it('treats an impossible "today" as unknown rather than guessing', () => {
    const c = crit(good(), 'nv-12', goodCollab, '2026-02-30');
    expect(c.status).toBe('needs_judgement');
    expect(targets(c)).toEqual([]);
  });
});

describe('unreached steps and multiple entries', () => {
  it('checks "what matters" near every entry', () => {
    const p = build(
      [
        step('e1', 'entry', { flags: { whatMattersToMe: true } }),
        step('e2', 'entry', { title: 'Walk-in' }),
        step('x', 'exit'),
      ],
      [link('e1', 'x'), link('e2', 'x')],
    );
    const c = crit(p, 'nv-1');
    expect(targets(c)).toEqual(['e2']);
    expect(c.evidence).toContain('e1');
  });
});
