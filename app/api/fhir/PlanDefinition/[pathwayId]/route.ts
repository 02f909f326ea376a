import { getActor } from '@/lib/auth/session';
import { pathwayToPlanDefinition } from '@/lib/fhir/plan-definition';
import { parsePathway } from '@/lib/pathway/validate';
import { getPathway } from '@/lib/server/pathways';
import { COULD_NOT_READ, NO_STORE, jsonRoute, originOf, signInFirst } from '@/lib/server/care-plan-http';

export const dynamic = 'force-dynamic';

const notFound = () => Response.json({ error: 'Not found' }, { status: 404, headers: NO_STORE });

/** A pathway as a FHIR R4 PlanDefinition. Its URL is its canonical URL. Unknown and forbidden look the same. */
export const GET = jsonRoute(
  'PlanDefinition GET',
  async (request: Request, { params }: { params: Promise<{ pathwayId: string }> }) => {
    const actor = await getActor();
    if (!actor) return signInFirst();
    const { pathwayId } = await params;
    const pathway = await getPathway(actor, pathwayId);
    if (!pathway) return notFound();
    const parsed = parsePathway(pathway.document);
    if (!parsed.ok)
      return Response.json(
        { error: 'This pathway document is not valid.', errors: parsed.errors },
        { status: 422, headers: NO_STORE },
      );
    const latest = pathway.versions[0];
    const pd = pathwayToPlanDefinition(parsed.pathway, {
      id: pathway.id,
      url: `${originOf(request)}/api/fhir/PlanDefinition/${encodeURIComponent(pathway.id)}`,
      status: pathway.status,
      ...(latest ? { version: String(latest.number) } : {}),
      date: pathway.updatedAt.toISOString(),
    });
    return new Response(JSON.stringify(pd, null, 2), {
      headers: {
        ...NO_STORE,
        'Content-Type': 'application/fhir+json; charset=utf-8',
        'Content-Disposition': `attachment; filename="${pathway.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.plandefinition.json"`,
      },
    });
  },
  COULD_NOT_READ,
);
