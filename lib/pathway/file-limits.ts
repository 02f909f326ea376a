// One limit for every pathway file the app reads: JSON import into a pathway, a new pathway from a
// file, and a FHIR PlanDefinition. The browser checks it before sending; the server checks it again.
// A 500-step pathway is about 0.5 MB, so 5 MB is ten times what any real pathway needs.

export const PATHWAY_FILE_MAX_BYTES = 5 * 1024 * 1024;

/** Megabytes, rounded up to one decimal place, so a file just over the limit never reads as exactly the limit. */
export function megabytes(bytes: number): string {
  return (Math.ceil((bytes / 1024 / 1024) * 10) / 10).toLocaleString('en-GB');
}

/**
 * The sentence shown when a chosen file is over the limit: it names the file, its size and the limit.
 * `expected` says what the file should be, for example "a Pathweave pathway file".
 */
export function fileTooLargeMessage(name: string, bytes: number, expected: string): string {
  return `“${name}” is ${megabytes(bytes)} MB, larger than the ${PATHWAY_FILE_MAX_BYTES / 1024 / 1024} MB limit, which is more than any pathway needs, so nothing was imported. Check that it is ${expected}.`;
}
