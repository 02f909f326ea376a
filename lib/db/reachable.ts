import pg from 'pg';
import { checkDatabaseUrl, redactUrl } from './url';

/**
 * Connects once to check that the server answers. Any failure becomes one line naming the
 * server and the reason.
 */
export async function assertReachable(raw: string, timeoutMs = 5000): Promise<void> {
  const url = checkDatabaseUrl(raw);
  const client = new pg.Client({ connectionString: raw, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const err = error as NodeJS.ErrnoException & { code?: string };
    const where = `${url.hostname}:${url.port || '5432'}`;
    const reasons: Record<string, string> = {
      ECONNREFUSED: `nothing is listening at ${where}`,
      ENOTFOUND: `the host "${url.hostname}" cannot be found`,
      EAI_AGAIN: `the host "${url.hostname}" cannot be found`,
      ETIMEDOUT: `the server at ${where} did not answer in time`,
      '28P01': 'the password was refused',
      '28000': 'the user is not allowed to connect',
      '3D000': `the database "${url.pathname.slice(1)}" does not exist`,
    };
    const reason = (err.code && reasons[err.code]) ?? err.message.split('\n')[0] ?? 'unknown error';
    throw new Error(`Cannot reach the database at ${redactUrl(raw)}: ${reason}.`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function isReachable(raw: string): Promise<boolean> {
  try {
    await assertReachable(raw, 2000);
    return true;
  } catch {
    return false;
  }
}
