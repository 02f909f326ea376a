// What the pathway export routes (pathway JSON, FHIR PlanDefinition) share: who is asking, the
// pathway if they may see it, and its document checked against the format. Unknown and forbidden
// look the same.
import { getActor } from '@/lib/auth/session';
import type { Pathway } from '@/lib/pathway/schema';
import { parsePathway } from '@/lib/pathway/validate';
import { NO_STORE, signInFirst } from './care-plan-http';
import { getPathway } from './pathways';

type Stored = NonNullable<Awaited<ReturnType<typeof getPathway>>>;

export async function pathwayForExport(
  pathwayId: string,
): Promise<{ ok: true; pathway: Stored; document: Pathway } | { ok: false; response: Response }> {
  const actor = await getActor();
  if (!actor) return { ok: false, response: signInFirst() };
  const pathway = await getPathway(actor, pathwayId);
  if (!pathway)
    return { ok: false, response: Response.json({ error: 'Not found' }, { status: 404, headers: NO_STORE }) };
  const parsed = parsePathway(pathway.document);
  if (!parsed.ok) {
    return {
      ok: false,
      response: Response.json(
        { error: 'This pathway document is not valid.', errors: parsed.errors },
        { status: 422, headers: NO_STORE },
      ),
    };
  }
  return { ok: true, pathway, document: parsed.pathway };
}
