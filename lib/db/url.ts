/**
 * Checking a PostgreSQL connection string before anything uses it, so a typo gives one
 * clear line naming the problem instead of a driver stack trace.
 */
export class DatabaseConfigError extends Error {
  override name = 'DatabaseConfigError';
}

export function checkDatabaseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DatabaseConfigError(
      `DATABASE_URL is not a valid connection string ("${redactUrl(raw)}"). Expected postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE.`,
    );
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    throw new DatabaseConfigError(
      `DATABASE_URL must start with postgresql:// or postgres://, but starts with "${url.protocol}//".`,
    );
  }
  if (!url.hostname) throw new DatabaseConfigError('DATABASE_URL has no host name. Expected postgresql://USER@HOST:PORT/DATABASE.');
  const database = url.pathname.replace(/^\//, '');
  if (!database) throw new DatabaseConfigError('DATABASE_URL names no database. Add one after the host, e.g. postgresql://USER@HOST:5432/pathweave.');
  if (url.port && !/^\d+$/.test(url.port)) throw new DatabaseConfigError(`DATABASE_URL has an invalid port "${url.port}".`);
  return url;
}

/** The URL with any password hidden, safe to print. */
export function redactUrl(raw: string): string {
  return raw.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

export function databaseName(raw: string): string {
  return decodeURIComponent(new URL(raw).pathname.replace(/^\//, ''));
}

export function withDatabase(raw: string, database: string): string {
  const url = new URL(raw);
  url.pathname = '/' + encodeURIComponent(database);
  return url.toString();
}
