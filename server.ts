import http from 'node:http';
import next from 'next';
import { attachCollab } from './lib/collab/server';
import { log } from './lib/log';

/**
 * One Node process serves the whole app: Next.js pages and API routes, and (with the live
 * collaboration issue) the Hocuspocus websocket on /collab. `npm start` runs this through
 * scripts/start.ts, which prepares the database first.
 */
export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function startServer(options: { port: number; hostname: string; dev: boolean; dir?: string }): Promise<RunningServer> {
  const app = next({ dev: options.dev, dir: options.dir ?? process.cwd(), hostname: options.hostname, port: options.port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error({ err: error, url: req.url }, 'request failed');
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end('Something went wrong.');
      }
    });
  });
  // Long workshop sessions keep sockets open; don't let idle keep-alives hold shutdown forever.
  server.keepAliveTimeout = 5_000;
  // Live collaboration: Hocuspocus on /collab (lib/collab/server.ts); other upgrades are Next's.
  const collab = attachCollab(server);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.hostname, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.hostname === '0.0.0.0' ? 'localhost' : options.hostname}:${port}`;

  return {
    url,
    async close() {
      // Flush the live documents (write back, compact) and close their sockets first.
      await collab.close().catch((error: unknown) => log.error({ err: error }, 'closing live collaboration failed'));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await app.close?.();
    },
  };
}
