import { exportPathwayJson } from '@/lib/pathway/io';
import { COULD_NOT_READ, jsonRoute } from '@/lib/server/care-plan-http';
import { pathwayForExport } from '@/lib/server/pathway-route';

export const dynamic = 'force-dynamic';

/** The pathway's working copy as a pathway-format JSON file. Unknown and forbidden look the same. */
export const GET = jsonRoute(
  'pathway JSON GET',
  async (_request: Request, { params }: { params: Promise<{ pathwayId: string }> }) => {
    const found = await pathwayForExport((await params).pathwayId);
    if (!found.ok) return found.response;
    const { pathway, document } = found;
    return new Response(exportPathwayJson(document), {
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="${pathway.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.json"`,
        'Cache-Control': 'no-store',
      },
    });
  },
  COULD_NOT_READ,
);
