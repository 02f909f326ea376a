/**
 * An app server for the live collaboration tests: the real server.ts (Next in production mode plus
 * Hocuspocus on /collab) on the integration test database, which the global setup has already
 * migrated, seeded and built (NEXT_DIST_DIR). Unlike scripts/test-server.ts it neither recreates
 * the database nor rebuilds, so it can be killed with SIGKILL and started again on the same data,
 * and two of them can run side by side (REDIS_URL).
 *   DATABASE_URL=… PORT=… NEXTAUTH_SECRET=… NEXTAUTH_URL=… node --import tsx tests/integration/collab-app.ts
 */
import { startServer } from '../../server';

process.env.NEXT_TELEMETRY_DISABLED = '1';
const port = Number(process.env.PORT ?? 3506);
const server = await startServer({ port, hostname: '127.0.0.1', dev: false });
process.stdout.write(`collab test app at ${server.url}\n`);
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await server.close();
  const { disconnectPrisma } = await import('../../lib/db/client');
  await disconnectPrisma();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
