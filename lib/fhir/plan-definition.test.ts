import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanDefinition } from '@medplum/fhirtypes';
import { demoPathway } from '@/lib/care-plan/test-fixtures';
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
