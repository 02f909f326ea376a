import { getPrisma } from '@/lib/db/client';
import { log } from '@/lib/log';

export const dynamic = 'force-dynamic';

/** Liveness and database reachability, for load balancers and the start check. Reveals no data. */
export async function GET() {
  const started = performance.now();
  let database: 'ok' | 'unreachable' = 'ok';
  try {
    await getPrisma().$queryRaw`SELECT 1`;
  } catch (error) {
    database = 'unreachable';
    log.error({ err: error }, 'health check: database unreachable');
  }
  const body = { status: database === 'ok' ? 'ok' : 'degraded', database, latencyMs: Math.round(performance.now() - started) };
  return Response.json(body, { status: database === 'ok' ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
