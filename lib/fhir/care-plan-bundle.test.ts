import { beforeAll, describe, expect, it } from 'vitest';
import type { Bundle, CarePlan, CareTeam, Goal, Resource } from '@medplum/fhirtypes';
import { samplePlan } from '@/lib/care-plan/test-fixtures';
import { carePlanToFhirBundle } from './care-plan-bundle';
import { fhirErrors, loadFhirDefinitions } from './test-validator';

const BASE = 'https://pathweave.example.nhs.uk';

function byType<T extends Resource>(bundle: Bundle, type: T['resourceType']): T[] {
  return (bundle.entry ?? []).map((e) => e.resource).filter((r): r is T => r?.resourceType === type);
}

beforeAll(() => loadFhirDefinitions(), 60_000);

describe('care plan as a FHIR R4 Bundle', () => {
  const plan = samplePlan({
    merges: [
      {
        id: 'm1',
        title: 'One yearly review',
        createdAt: '2026-11-02T00:00:00Z',
        steps: [
          { pathwayId: 'p-copd', stepId: 'copd-annual-review' },
          { pathwayId: 'p-frailty', stepId: 'frailty-review' },
        ],
      },
    ],
  });
  plan.goals.push({
    id: 'g3',
    kind: 'health',
    description: 'Stop smoking',
    setBy: 'together',
    targetDate: null,
    status: 'achieved',
  });
  plan.members.push({
    id: 'm-june',
    userId: null,
    name: 'June Pennock',
    role: 'carer',
    jobTitle: '',
    organisation: '',
    sector: 'self_care',
    phone: '07700 900123',
    email: '',
    availability: '',
    isCoordinator: false,
  });
  plan.actions.push({
    ...plan.actions[0]!,
    id: 'a9',
    description: 'Book the lift',
    ownerKind: 'carer',
    status: 'done',
  });
  const bundle = carePlanToFhirBundle(plan, { baseUrl: BASE, timestamp: '2026-11-23T10:00:00.000Z' });

  it('uses a validator that does catch errors', () => {
    expect(fhirErrors({ resourceType: 'Goal', lifecycleStatus: 'active' } as Goal).join(' ')).toMatch(
      /Missing required property/,
    );
  });

  it('is valid FHIR R4, the Bundle and every resource in it', () => {
    expect(fhirErrors(bundle)).toEqual([]);
    for (const e of bundle.entry ?? [])
      expect(fhirErrors(e.resource as Resource), e.resource?.resourceType).toEqual([]);
  });

  it('holds one CarePlan, one CareTeam and every Goal, each reachable by the references in the Bundle', () => {
    expect(bundle.type).toBe('collection');
    const [carePlan] = byType<CarePlan>(bundle, 'CarePlan');
    const [team] = byType<CareTeam>(bundle, 'CareTeam');
    const goals = byType<Goal>(bundle, 'Goal');
    expect(byType<CarePlan>(bundle, 'CarePlan')).toHaveLength(1);
    expect(goals).toHaveLength(3);
    const urls = new Set((bundle.entry ?? []).map((e) => e.fullUrl));
    const refs =
      JSON.stringify(bundle)
        .match(/"reference":"([^"]+)"/g)
        ?.map((m) => m.slice(13, -1)) ?? [];
    expect(refs.length).toBeGreaterThan(10);
    for (const r of refs) expect(urls.has(r), r).toBe(true);
    expect(carePlan?.careTeam?.[0]?.reference).toBe((bundle.entry ?? []).find((e) => e.resource === team)?.fullUrl);
    expect(carePlan?.goal).toHaveLength(3);
  });

  it('maps statuses to FHIR’s required codes', () => {
    const [carePlan] = byType<CarePlan>(bundle, 'CarePlan');
    expect(carePlan?.status).toBe('active');
    expect(carePlan?.intent).toBe('plan');
    const statuses = carePlan?.activity?.map((a) => a.detail?.status);
    expect(statuses).toEqual(['in-progress', 'not-started', 'completed', 'in-progress', 'in-progress']);
    const achieved = byType<Goal>(bundle, 'Goal').find((g) => g.description.text === 'Stop smoking');
    expect(achieved?.lifecycleStatus).toBe('completed');
    expect(achieved?.achievementStatus?.coding?.[0]?.code).toBe('achieved');
    const cp = ['draft', 'active', 'on-hold', 'revoked', 'completed', 'entered-in-error', 'unknown'];
    expect(cp).toContain(carePlan?.status);
  });

  it('keeps who does what, the coordinator, what matters and the red-amber-green plan', () => {
    const [carePlan] = byType<CarePlan>(bundle, 'CarePlan');
    const [team] = byType<CareTeam>(bundle, 'CareTeam');
    const coordinator = team?.participant?.find((p) => p.role?.some((r) => r.text === 'Care coordinator'));
    expect(coordinator?.member?.display).toBe('Bea Lindqvist-Hart');
    expect(carePlan?.author?.display).toBe('Bea Lindqvist-Hart');
    const lift = carePlan?.activity?.find((a) => a.detail?.description === 'Book the lift');
    expect(lift?.detail?.performer?.[0]?.display).toBe('June Pennock');
    const notes = carePlan?.note?.map((n) => n.text).join('\n') ?? '';
    expect(notes).toContain('What matters to me: I want to keep walking to the allotment.');
    expect(notes).toContain('Red: I need help now');
    expect(notes).toContain('Crisis contact: NHS 111, 111');
    expect(notes).toContain('Review date: 2027-03-01');
    expect(notes).toContain('Steps merged into one: One yearly review');
  });

  it('names the pathways it was made from as PlanDefinitions, and where the person is on each', () => {
    const [carePlan] = byType<CarePlan>(bundle, 'CarePlan');
    expect(carePlan?.instantiatesCanonical).toEqual([
      `${BASE}/api/fhir/PlanDefinition/p-copd`,
      `${BASE}/api/fhir/PlanDefinition/p-frailty`,
    ]);
    const here = carePlan?.activity?.filter((a) => a.detail?.description?.startsWith('Now at:'));
    expect(here?.map((a) => a.detail?.description)).toEqual([
      'Now at: Pulmonary rehabilitation programme (COPD: breathlessness to long-term support)',
      'Now at: Named care coordinator introduced (Frailty: recognising and supporting older people living with frailty)',
    ]);
  });

  it('gives the same Bundle for the same plan (stable references)', () => {
    expect(carePlanToFhirBundle(plan, { baseUrl: BASE, timestamp: '2026-11-23T10:00:00.000Z' })).toEqual(bundle);
  });

  it('is still valid for an almost empty plan', () => {
    const empty = carePlanToFhirBundle(
      samplePlan({
        goals: [],
        actions: [],
        members: [],
        escalation: [],
        medicines: [],
        medicationSummary: '',
        whatMattersToMe: '',
        coordinatorId: null,
        reviewDate: null,
        crisisContact: { name: '', phone: '', detail: '' },
      }),
      { baseUrl: BASE },
    );
    expect(fhirErrors(empty)).toEqual([]);
  });
});
