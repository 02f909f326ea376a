// Use case: a plan as a FHIR R4 Bundle (CarePlan, Goal, CareTeam), for another system. A read like
// any other: authorized and audited ("Sent a copy of the plan to another system").
import type { Bundle } from '@medplum/fhirtypes';
import type { Actor } from '@/lib/auth/can';
import { carePlanToFhirBundle } from '@/lib/fhir/care-plan-bundle';
import { getCarePlan } from './get-care-plan';

export async function exportCarePlanFhir(options: {
  actor: Actor;
  planId: string;
  baseUrl: string;
}): Promise<Bundle | null> {
  const read = await getCarePlan({ actor: options.actor, planId: options.planId, via: 'fhir' });
  if (!read) return null;
  return carePlanToFhirBundle(read.plan, { baseUrl: options.baseUrl, timestamp: new Date().toISOString() });
}
