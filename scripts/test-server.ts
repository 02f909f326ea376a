/**
 * Starts Pathweave for a test suite on a fresh database of its own:
 *   tsx scripts/test-server.ts <suite-name> <port>
 * The database pathweave_test_<suite> is created anew on the test server (see tests/support/testdb.ts),
 * then the ordinary start runs: migrations, demo data, build if stale, serve.
 */
import { recreateDatabase, testDatabaseName } from '../tests/support/testdb';

const [suite = 'e2e', port = '3100'] = process.argv.slice(2);
const url = await recreateDatabase(testDatabaseName(suite));
process.env.DATABASE_URL = url;
process.env.PORT = port;
process.env.NEXTAUTH_SECRET ??= 'test-secret-not-for-production-0123456789';
process.env.NEXTAUTH_URL = `http://127.0.0.1:${port}`;
process.env.PATHWEAVE_BCRYPT_COST ??= '10';
// Browser test hooks (window.__pathweaveLive) on this server's pages only, never on `npm start`'s.
process.env.PATHWEAVE_TEST_HOOKS = '1';
await import('./start');
