// Where to go after signing in: a path on this site, never another site. Checked by parsing, as
// the browser will, rather than by how the text starts: "/\evil.example" and "/<tab>/evil.example"
// both start with one slash, yet a browser reads them as "//evil.example", another site.

const BASE = 'http://pathweave.invalid';

/** The path (with its query and fragment) that `value` leads to on this site; "/" for anything else. */
export function safeCallbackPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return '/';
  try {
    const url = new URL(value, BASE);
    if (url.origin !== BASE) return '/';
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return '/';
  }
}
