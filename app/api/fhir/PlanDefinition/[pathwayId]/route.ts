import { pathwayToPlanDefinition } from '@/lib/fhir/plan-definition';
import { COULD_NOT_READ, NO_STORE, jsonRoute, originOf } from '@/lib/server/care-plan-http';
import { pathwayForExport } from '@/lib/server/pathway-route';

export const dynamic = 'force-dynamic';

/** A pathway as a FHIR R4 PlanDefinition. Its URL is its canonical URL. Unknown and forbidden look the same. */
export const GET = jsonRoute(
  'PlanDefinition GET',
  async (request: Request, { params }: { params: Promise<{ pathwayId: string }> }) => {
    const found = await pathwayForExport((await params).pathwayId);
    if (!found.ok) return found.response;
    const { pathway, document } = found;
    const latest = pathway.versions[0];
    const pd = pathwayToPlanDefinition(document, {
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
