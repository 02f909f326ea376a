/**
 * The address a sign-in comes from, for throttling per address (lib/auth/throttle.ts).
 *
 * Pathweave listens on the loopback address by default and is reached through a reverse proxy,
 * which appends the address it was connected from to X-Forwarded-For. Everything to the left of
 * what our own proxies added was written by the client and can say anything, so the address taken
 * is the one the outermost trusted proxy added: the entry that many hops from the right.
 * PATHWEAVE_TRUSTED_PROXY_HOPS says how many proxies of our own stand in front of the app; 0 means
 * none, and then X-Forwarded-For is ignored (sign-ins are still throttled per email).
 * X-Real-IP is never used: a proxy that does not set it passes on whatever the client sent.
 */
export const DEFAULT_TRUSTED_PROXY_HOPS = 1;

export function trustedProxyHops(env: Record<string, string | undefined> = process.env): number {
  const setting = env.PATHWEAVE_TRUSTED_PROXY_HOPS?.trim();
  if (!setting) return DEFAULT_TRUSTED_PROXY_HOPS;
  const hops = Number(setting);
  if (!/^\d+$/.test(setting) || !Number.isSafeInteger(hops)) {
    // A security setting mistyped is not quietly replaced by a guess: sign-in says it is not working
    // and the log says why.
    throw new Error(`PATHWEAVE_TRUSTED_PROXY_HOPS must be a whole number of proxies (0 or more), not "${setting}"`);
  }
  return hops;
}

/**
 * The client's address from request headers (lower-case names, as next-auth and next/headers give
 * them), trusting the right-most `hops` entries of X-Forwarded-For; undefined when there is none to
 * trust (no proxy, no header, or fewer entries than trusted proxies).
 */
export function clientAddress(headers: Record<string, unknown> | undefined, hops: number): string | undefined {
  if (hops < 1) return undefined;
  const header = headers?.['x-forwarded-for'];
  // Several X-Forwarded-For headers count as one list, in order (RFC 9110, section 5.3).
  const value = Array.isArray(header) ? header.filter((h) => typeof h === 'string').join(',') : header;
  if (typeof value !== 'string') return undefined;
  const entries = value.split(',').map((entry) => entry.trim());
  if (entries.length < hops) return undefined;
  const address = withoutPort(entries[entries.length - hops]!).toLowerCase();
  return address || undefined;
}

/**
 * Some proxies write the client's port too ("203.0.113.7:51234", "[2001:db8::1]:443"): a new port
 * for every connection would make every attempt a new address, so the port is left off.
 */
function withoutPort(entry: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  if (bracketed) return bracketed[1]!;
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(entry);
  return v4 ? v4[1]! : entry;
}
