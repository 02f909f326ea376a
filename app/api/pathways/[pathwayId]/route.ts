import { getActor } from '@/lib/auth/session';
import { getPathway } from '@/lib/server/pathways';
import { exportPathwayJson } from '@/lib/pathway/io';
import { parsePathway } from '@/lib/pathway/validate';
import { COULD_NOT_READ, NO_STORE, jsonRoute, signInFirst } from '@/lib/server/care-plan-http';

export const dynamic = 'force-dynamic';

const notFound = () => Response.json({ error: 'Not found' }, { status: 404, headers: NO_STORE });

/** The pathway's working copy as a pathway-format JSON file. Unknown and forbidden look the same. */
export const GET = jsonRoute(
  'pathway JSON GET',
  async (_request: Request, { params }: { params: Promise<{ pathwayId: string }> }) => {
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
    return new Response(exportPathwayJson(parsed.pathway), {
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="${pathway.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.json"`,
        'Cache-Control': 'no-store',
      },
    });
  },
  COULD_NOT_READ,
);
