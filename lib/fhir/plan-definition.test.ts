import { beforeAll, describe, expect, it } from 'vitest';
import type { Duration, PlanDefinition, PlanDefinitionAction } from '@medplum/fhirtypes';
import { demoPathway } from '@/lib/care-plan/test-fixtures';
import { STEP_FLAGS, type Pathway } from '@/lib/pathway/schema';
import { EXT } from './ids';
import { computableName, pathwayToPlanDefinition, planDefinitionToPathway } from './plan-definition';
import { fhirErrors, loadFhirDefinitions } from './test-validator';

beforeAll(() => loadFhirDefinitions(), 60_000);

const DEMOS = ['copd.json', 'frailty.json', 't2dm-ckd.json'] as const;
const url = (id: string) => `https://pathweave.example.nhs.uk/api/fhir/PlanDefinition/${id}`;

describe('pathway as a FHIR R4 PlanDefinition', () => {
  for (const file of DEMOS) {
    it(`exports the ${file} demo pathway as a valid PlanDefinition, one action per step`, () => {
      const pathway = demoPathway(file);
      const pd = pathwayToPlanDefinition(pathway, {
        id: 'p1',
        url: url('p1'),
        status: 'published',
        version: '3',
        date: '2026-10-05T09:00:00.000Z',
      });
      expect(fhirErrors(pd)).toEqual([]);
      expect(pd.status).toBe('active');
      expect(pd.action?.map((a) => a.id)).toEqual(pathway.steps.map((s) => s.id));
      const relations = pd.action?.flatMap((a) => a.relatedAction ?? []) ?? [];
      expect(relations).toHaveLength(pathway.transitions.length);
      expect(pd.name).toMatch(/^[A-Z][A-Za-z0-9_]*$/);
    });

    it(`imports the ${file} PlanDefinition back as the same pathway`, () => {
      const pathway = demoPathway(file);
      const pd = JSON.parse(
        JSON.stringify(pathwayToPlanDefinition(pathway, { id: 'p1', url: url('p1'), status: 'draft' })),
      ) as PlanDefinition;
      const back = planDefinitionToPathway(pd);
      expect(back.ok ? [] : back.errors).toEqual([]);
      if (!back.ok) return;
      const { layout: _layout, ...original } = pathway;
      const { layout: _l2, ...imported } = back.pathway;
      // Transitions are listed by target step in the PlanDefinition: compare them as sets.
      expect({ ...imported, transitions: [] }).toEqual({ ...original, transitions: [] });
      const key = (t: { id: string }) => t.id;
      expect([...imported.transitions].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
        [...original.transitions].sort((a, b) => key(a).localeCompare(key(b))),
      );
    });
  }

  it('writes each wait as an offset after the step before, and the lead role as the first participant', () => {
    const pd = pathwayToPlanDefinition(demoPathway('copd.json'), { id: 'p1', url: url('p1'), status: 'in_review' });
    expect(pd.status).toBe('draft');
    const spirometry = pd.action?.find((a) => a.id === 'practice-spirometry');
    expect(spirometry?.relatedAction).toEqual([
      expect.objectContaining({
        actionId: 'gp-first-contact',
        relationship: 'after-end',
        offsetDuration: { value: 14, unit: 'days', system: 'http://unitsofmeasure.org', code: 'd' },
      }),
    ]);
    expect(spirometry?.participant?.[0]?.role?.coding?.[0]?.code).toBe('practice_nurse');
    expect(spirometry?.participant?.[0]?.type).toBe('practitioner');
    const selfCare = pd.action?.find((a) => a.id === 'self-management-plan');
    expect(selfCare?.participant?.[0]?.type).toBe('patient');
  });

  it('refuses a PlanDefinition from elsewhere that does not say each step’s sector, naming the action', () => {
    const foreign = {
      resourceType: 'PlanDefinition',
      status: 'active',
      title: 'Foreign protocol',
      action: [
        { id: 'a1', title: 'See GP' },
        { id: 'a2', title: 'Blood test', relatedAction: [{ actionId: 'a1', relationship: 'after-end' }] },
      ],
    };
    const result = planDefinitionToPathway(foreign);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]?.path).toBe('action[0]');
    expect(result.errors[0]?.message).toMatch(/action\[0\] \(a1\): missing .*step-sector/);
    expect(result.errors).toHaveLength(2);
  });

  it('reports a bad vocabulary value with the action’s path and the allowed values', () => {
    const pd = JSON.parse(
      JSON.stringify(pathwayToPlanDefinition(demoPathway('frailty.json'), { id: 'p', url: url('p'), status: 'draft' })),
    ) as PlanDefinition;
    const ext = pd.action?.[2]?.extension?.find((e) => e.url.endsWith('step-sector'));
    if (ext) ext.valueCode = 'outer_space';
    const result = planDefinitionToPathway(pd);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]?.path).toBe('action[2].sector');
    expect(result.errors[0]?.message).toMatch(/outer_space.*Allowed values: self_care/);
  });

  it('refuses things that are not PlanDefinitions', () => {
    expect(planDefinitionToPathway({ resourceType: 'Patient' })).toEqual({
      ok: false,
      errors: [{ path: 'resourceType', message: 'resourceType: this is not a PlanDefinition.' }],
    });
    expect(planDefinitionToPathway('nonsense').ok).toBe(false);
  });

  it('makes computable names FHIR accepts', () => {
    expect(computableName('COPD: breathlessness to long-term support')).toBe('COPDBreathlessnessToLongTermSupport');
    expect(computableName('2 conditions')).toBe('Pathway2Conditions');
  });
});

// ---------------------------------------------------------------------------------------------
// Import from elsewhere: waits, relationships and flags that Pathweave cannot read are refused
// ---------------------------------------------------------------------------------------------

const UCUM = 'http://unitsofmeasure.org';
type RelatedAction = NonNullable<PlanDefinitionAction['relatedAction']>[number];

/** The COPD demo exported as a PlanDefinition, as plain JSON (what another server would send), to edit. */
function copdPlanDefinition(): PlanDefinition {
  const pd = pathwayToPlanDefinition(demoPathway('copd.json'), { id: 'p1', url: url('p1'), status: 'draft' });
  return JSON.parse(JSON.stringify(pd)) as PlanDefinition;
}

/**
 * The relatedAction on step `to` that says it follows step `from`, and its PlanDefinition path. The
 * annual review follows five steps, so its later relatedActions check the index in the path.
 */
function related(pd: PlanDefinition, from: string, to: string): { r: RelatedAction; at: string } {
  const i = pd.action?.findIndex((a) => a.id === to) ?? -1;
  const j = pd.action?.[i]?.relatedAction?.findIndex((r) => r.actionId === from) ?? -1;
  const r = pd.action?.[i]?.relatedAction?.[j];
  if (!r) throw new Error(`no relatedAction from ${from} to ${to}`);
  return { r, at: `action[${i}].relatedAction[${j}]` };
}

/** The wait these tests send: resp-outpatients is the third step the annual review follows, action[14].relatedAction[2]. */
const FROM = 'resp-outpatients';
const TO = 'copd-annual-review';

/** Imports the COPD PlanDefinition with the wait from FROM to TO sent as `offsetDuration`. */
function importWithWait(offsetDuration: Duration) {
  const pd = copdPlanDefinition();
  const { r, at } = related(pd, FROM, TO);
  r.offsetDuration = offsetDuration;
  return { result: planDefinitionToPathway(pd), at };
}

/** The wait, in days, read for the transition from FROM to TO (or the errors, if it was refused). */
function waitRead(offsetDuration: Duration): unknown {
  const { result } = importWithWait(offsetDuration);
  if (!result.ok) return result.errors;
  return result.pathway.transitions.find((t) => t.from === FROM && t.to === TO)?.targetDays;
}

describe('reading a PlanDefinition’s waits, relationships and flags', () => {
  it('reads a wait in days, weeks, months or years as days, by UCUM code or by the unit’s text', () => {
    const cases: [Duration, number][] = [
      // By UCUM code (what a FHIR server sends), whatever the unit's text says.
      [{ value: 3, system: UCUM, code: 'd' }, 3],
      [{ value: 2, system: UCUM, code: 'wk', unit: 'week' }, 14],
      [{ value: 3, system: UCUM, code: 'mo' }, 90],
      [{ value: 1, system: UCUM, code: 'a', unit: 'yr' }, 365],
      [{ value: 2, unit: 'days', system: UCUM, code: 'wk' }, 14],
      // By the unit's text, when there is no code: singular and plural.
      [{ value: 1, unit: 'day' }, 1],
      [{ value: 5, unit: 'days' }, 5],
      [{ value: 1, unit: 'week' }, 7],
      [{ value: 4, unit: 'weeks' }, 28],
      [{ value: 1, unit: 'month' }, 30],
      [{ value: 6, unit: 'months' }, 180],
      [{ value: 1, unit: 'year' }, 365],
      [{ value: 2, unit: 'years' }, 730],
    ];
    for (const [offset, days] of cases) expect(waitRead(offset), JSON.stringify(offset)).toBe(days);
  });

  it('reads hours as days, whole or not: 48 hours is 2 days and 36 hours 1.5, by UCUM code or by the unit’s text', () => {
    expect(waitRead({ value: 48, unit: 'h', system: UCUM, code: 'h' })).toBe(2);
    expect(waitRead({ value: 48, unit: 'hours' })).toBe(2);
    expect(waitRead({ value: 24, unit: 'hour' })).toBe(1);
    expect(waitRead({ value: 36, system: UCUM, code: 'h' })).toBe(1.5);
    expect(waitRead({ value: 0, system: UCUM, code: 'h' })).toBe(0);
    // Fractions of other units are read as they are, too.
    expect(waitRead({ value: 1.5, system: UCUM, code: 'd' })).toBe(1.5);
    expect(waitRead({ value: 0.5, system: UCUM, code: 'wk' })).toBe(3.5);
  });

  it('reads the unit’s words in any letter case, but UCUM codes only as UCUM writes them', () => {
    expect(waitRead({ value: 2, unit: 'Days' })).toBe(2);
    expect(waitRead({ value: 2, unit: ' WEEKS ' })).toBe(14);
    const { result, at } = importWithWait({ value: 2, system: UCUM, code: 'WK' });
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual([`${at}.offsetDuration.code`]);
  });

  it('refuses a wait with a unit but no number, or with words for a number, naming the value', () => {
    const missing = importWithWait({ system: UCUM, code: 'd' } as Duration);
    expect(missing.result).toEqual({
      ok: false,
      errors: [
        {
          path: `${missing.at}.offsetDuration.value`,
          message: `${missing.at}.offsetDuration.value: the wait has no number. Give the wait as a number with its unit, such as 14 with code d (days).`,
        },
      ],
    });
    const words = importWithWait({ value: '14', system: UCUM, code: 'd' } as unknown as Duration);
    expect(words.result.ok ? [] : words.result.errors.map((e) => e.message)).toEqual([
      `${words.at}.offsetDuration.value: "14" is not a number. Give the wait as a number with its unit, such as 14 with code d (days).`,
    ]);
  });

  it('refuses a unit it does not read, such as minutes or seconds, instead of reading it as days', () => {
    const allowed =
      /Allowed units: d \(days\), wk \(weeks\), mo \(months, read as 30 days\), a \(years, read as 365 days\) or h \(hours\)\.$/;
    const minutes = importWithWait({ value: 90, unit: 'minutes', system: UCUM, code: 'min' });
    expect(minutes.result.ok).toBe(false);
    if (minutes.result.ok) return;
    expect(minutes.result.errors).toHaveLength(1);
    expect(minutes.result.errors[0]?.path).toBe(`${minutes.at}.offsetDuration.code`);
    expect(minutes.result.errors[0]?.message).toMatch(
      /^action\[14\]\.relatedAction\[2\]\.offsetDuration\.code: "min" is not a unit Pathweave reads waits in\./,
    );
    expect(minutes.result.errors[0]?.message).toMatch(allowed);

    const seconds = importWithWait({ value: 30, unit: 's' });
    expect(seconds.result.ok).toBe(false);
    if (seconds.result.ok) return;
    expect(seconds.result.errors[0]?.path).toBe(`${seconds.at}.offsetDuration.unit`);
    expect(seconds.result.errors[0]?.message).toMatch(/offsetDuration\.unit: "s" is not a unit/);
    expect(seconds.result.errors[0]?.message).toMatch(allowed);
  });

  it('refuses a wait with no unit, naming the wait and the units to give', () => {
    const { result, at } = importWithWait({ value: 14 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      {
        path: `${at}.offsetDuration.code`,
        message: `${at}.offsetDuration.code: the wait of 14 has no unit. Give one of these UCUM codes: d (days), wk (weeks), mo (months, read as 30 days), a (years, read as 365 days) or h (hours).`,
      },
    ]);
  });

  it('refuses a range of waits, a wait that is not a Duration, a negative wait and a related action that is not one, naming each path', () => {
    const pd = copdPlanDefinition();
    const { r, at } = related(pd, FROM, TO);
    (r as unknown as Record<string, unknown>).offsetRange = {
      low: { value: 7, code: 'd' },
      high: { value: 14, code: 'd' },
    };
    const second = related(pd, 'gp-first-contact', 'practice-spirometry');
    (second.r as unknown as Record<string, unknown>).offsetDuration = 'P14D';
    const result = planDefinitionToPathway(pd);
    expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual([
      `${second.at}.offsetDuration: "P14D" is not a Duration. Give it as a number with its unit, such as { "value": 14, "code": "d" }.`,
      `${at}.offsetRange: a range of waits cannot be read, as Pathweave keeps one expected wait per transition. Send offsetDuration instead, such as 14 with code d (days).`,
    ]);

    const negative = importWithWait({ value: -3, system: UCUM, code: 'd' });
    expect(negative.result.ok ? [] : negative.result.errors).toEqual([
      {
        path: `${negative.at}.offsetDuration.value`,
        message: `${negative.at}.offsetDuration.value: -3 is not a wait. A wait is 0 or more.`,
      },
    ]);

    const notAnObject = copdPlanDefinition();
    const i = notAnObject.action?.findIndex((a) => a.id === TO) ?? -1;
    (notAnObject.action?.[i]?.relatedAction as unknown[]).push('resp-outpatients');
    const n = (notAnObject.action?.[i]?.relatedAction?.length ?? 0) - 1;
    const refused = planDefinitionToPathway(notAnObject);
    expect(refused.ok ? [] : refused.errors.map((e) => e.path)).toEqual([`action[${i}].relatedAction[${n}]`]);
  });

  it('refuses a relatedAction that is not “this step follows that one”, naming the relationship and the ones allowed', () => {
    const pd = copdPlanDefinition();
    const { r, at } = related(pd, FROM, TO);
    r.relationship = 'before-start';
    const result = planDefinitionToPathway(pd);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      {
        path: `${at}.relationship`,
        message: `${at}.relationship: "before-start" cannot be read as a transition. Pathweave reads relatedAction as “this step follows that one”, so the relationship must be one of: after-end, after, after-start.`,
      },
    ]);
    (r as { relationship?: unknown }).relationship = undefined;
    const missing = planDefinitionToPathway(pd);
    expect(missing.ok ? [] : missing.errors.map((e) => e.message)).toEqual([
      `${at}.relationship: the relationship is missing, so it cannot be read as a transition. Pathweave reads relatedAction as “this step follows that one”, so the relationship must be one of: after-end, after, after-start.`,
    ]);
  });

  it('refuses a step flag it does not know, naming the flag and the flags allowed', () => {
    const pd = copdPlanDefinition();
    const i = pd.action?.findIndex((a) => a.id === 'diagnosis-decision') ?? -1;
    pd.action?.[i]?.extension?.push({ url: EXT.stepFlag, valueCode: 'sharedDecisions' });
    const result = planDefinitionToPathway(pd);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      {
        path: `action[${i}].extension(step-flag)`,
        message: `action[${i}].extension(step-flag): "sharedDecisions" is not a step flag Pathweave knows. Allowed values: ${STEP_FLAGS.join(', ')}.`,
      },
    ]);
    expect(result.errors[0]?.message).toContain('whatMattersToMe, sharedDecision, carerInvolved');
  });

  it('reports every wait, relationship and flag it cannot read at once, not just the first', () => {
    const pd = copdPlanDefinition();
    related(pd, FROM, TO).r.offsetDuration = { value: 36, system: UCUM, code: 'min' };
    related(pd, 'gp-first-contact', 'practice-spirometry').r.relationship = 'concurrent-with-start';
    pd.action?.[0]?.extension?.push({ url: EXT.stepFlag, valueCode: 'urgent' });
    const result = planDefinitionToPathway(pd);
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual([
      'action[0].extension(step-flag)',
      'action[1].relatedAction[0].relationship',
      'action[14].relatedAction[2].offsetDuration.code',
    ]);
  });

  it('still imports an exported pathway with every flag set and a wait on every transition, with no errors', () => {
    const pathway = demoPathway('copd.json');
    const everything = {
      ...pathway,
      steps: pathway.steps.map((s) => ({ ...s, flags: Object.fromEntries(STEP_FLAGS.map((f) => [f, true])) })),
      transitions: pathway.transitions.map((t, k) => ({ ...t, targetDays: t.targetDays ?? k })),
    } as Pathway;
    const pd = JSON.parse(
      JSON.stringify(pathwayToPlanDefinition(everything, { id: 'p1', url: url('p1'), status: 'draft' })),
    ) as PlanDefinition;
    const relations = pd.action?.flatMap((a) => a.relatedAction ?? []) ?? [];
    expect(relations.every((r) => r.relationship === 'after-end' && r.offsetDuration?.code === 'd')).toBe(true);
    const back = planDefinitionToPathway(pd);
    expect(back.ok ? [] : back.errors).toEqual([]);
    if (!back.ok) return;
    expect(back.pathway.steps.map((s) => s.flags)).toEqual(everything.steps.map((s) => s.flags));
    const waits = (p: Pathway) => Object.fromEntries(p.transitions.map((t) => [t.id, t.targetDays]));
    expect(waits(back.pathway)).toEqual(waits(everything));
  });
});
