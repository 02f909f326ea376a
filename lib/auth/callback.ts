// Where to go after signing in: a path on this site, never another site. Checked by parsing, as
// the browser will, rather than by how the text starts: "/\evil.example" and "/<tab>/evil.example"
// both start with one slash, yet a browser reads them as "//evil.example", another site. The parsed
// path is checked again: parsing drops "." and ".." segments, so "/.//evil.example" comes out as
// "//evil.example", which a browser would read as another site.

const BASE = 'http://pathweave.invalid';

/** The path (with its query and fragment) that `value` leads to on this site; "/" for anything else. */
export function safeCallbackPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return '/';
  try {
    const url = new URL(value, BASE);
    if (url.origin !== BASE) return '/';
    const path = `${url.pathname}${url.search}${url.hash}`;
    // Read again as the browser will read it where it is used: it must still be this site.
    if (/^\/[\\/]/.test(path) || new URL(path, BASE).origin !== BASE) return '/';
    return path;
  } catch {
    return '/';
  }
}
