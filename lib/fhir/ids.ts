// Identifiers for FHIR exports. Bundle entries are named by urn:uuid (the usual way for a Bundle
// that is not served from a FHIR server). The uuid is derived from Pathweave's own id, so exporting
// the same plan twice gives the same references and files can be compared.
import { createHash } from 'node:crypto';

/** An RFC 4122 version 5 style (name-based, SHA-1) uuid for `name` in Pathweave's namespace. */
export function stableUuid(name: string): string {
  const bytes = createHash('sha1').update(`pathweave:${name}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function urnFor(resourceType: string, id: string): string {
  return `urn:uuid:${stableUuid(`${resourceType}/${id}`)}`;
}

/** FHIR ids are at most 64 letters, digits, "-" and "."; Pathweave's cuids and step ids fit, others are hashed. */
export function fhirId(id: string): string {
  return /^[A-Za-z0-9\-.]{1,64}$/.test(id) ? id : stableUuid(id);
}

/** Where Pathweave's own FHIR extensions and code systems are named. Not a server: a namespace. */
export const PATHWEAVE_FHIR = 'https://pathweave.example/fhir';
export const EXT = {
  stepSector: `${PATHWEAVE_FHIR}/StructureDefinition/step-sector`,
  stepSetting: `${PATHWEAVE_FHIR}/StructureDefinition/step-setting`,
  stepHours: `${PATHWEAVE_FHIR}/StructureDefinition/step-hours`,
  stepChannel: `${PATHWEAVE_FHIR}/StructureDefinition/step-channel`,
  stepAdaptation: `${PATHWEAVE_FHIR}/StructureDefinition/step-adaptation`,
  stepFlag: `${PATHWEAVE_FHIR}/StructureDefinition/step-flag`,
  stepAssessment: `${PATHWEAVE_FHIR}/StructureDefinition/step-assessment`,
  stepOutcomeMeasure: `${PATHWEAVE_FHIR}/StructureDefinition/step-outcome-measure`,
  stepGpWorkload: `${PATHWEAVE_FHIR}/StructureDefinition/step-gp-workload`,
  transitionId: `${PATHWEAVE_FHIR}/StructureDefinition/transition-id`,
  transitionLabel: `${PATHWEAVE_FHIR}/StructureDefinition/transition-label`,
  transitionInformation: `${PATHWEAVE_FHIR}/StructureDefinition/transition-information`,
  transitionProbability: `${PATHWEAVE_FHIR}/StructureDefinition/transition-probability`,
  pathwayPopulation: `${PATHWEAVE_FHIR}/StructureDefinition/pathway-population`,
  pathwaySponsor: `${PATHWEAVE_FHIR}/StructureDefinition/pathway-sponsor`,
  pathwayIncentive: `${PATHWEAVE_FHIR}/StructureDefinition/pathway-incentive`,
  pathwaySocialValue: `${PATHWEAVE_FHIR}/StructureDefinition/pathway-social-value`,
  pathwayReviewDate: `${PATHWEAVE_FHIR}/StructureDefinition/pathway-review-date`,
  pathwayEvaluationPlan: `${PATHWEAVE_FHIR}/StructureDefinition/pathway-evaluation-plan`,
} as const;
export const CODE_SYSTEM = {
  stepKind: `${PATHWEAVE_FHIR}/CodeSystem/step-kind`,
  role: `${PATHWEAVE_FHIR}/CodeSystem/role`,
  goalKind: `${PATHWEAVE_FHIR}/CodeSystem/care-plan-goal-kind`,
  identifier: `${PATHWEAVE_FHIR}/identifier`,
} as const;
