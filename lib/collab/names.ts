// Live document names: "pathway:<pathway id>". Shared by the browser and the server, so this
// module imports nothing.
const DOCUMENT_PREFIX = 'pathway:';
/** Pathway ids are cuids; anything else in a document name is refused before touching the database. */
const PATHWAY_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function documentNameFor(pathwayId: string): string {
  return `${DOCUMENT_PREFIX}${pathwayId}`;
}

/** The pathway id of a document name "pathway:<id>", or null for anything else. */
export function pathwayIdFromDocumentName(name: string): string | null {
  if (!name.startsWith(DOCUMENT_PREFIX)) return null;
  const id = name.slice(DOCUMENT_PREFIX.length);
  return PATHWAY_ID.test(id) ? id : null;
}
