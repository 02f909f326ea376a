/**
 * A tiny cookie-keeping HTTP client for integration tests: signs in through next-auth's real
 * credentials endpoint, exactly as the browser form does.
 */
export class Session {
  private cookies = new Map<string, string>();
  constructor(readonly baseUrl: string) {}

  private store(res: Response) {
    for (const header of res.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (/Max-Age=0|expires=Thu, 01 Jan 1970/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', this.cookieHeader());
    const res = await fetch(this.baseUrl + path, { ...init, headers, redirect: 'manual' });
    this.store(res);
    return res;
  }

  /** Returns the error text next-auth reports, or null on success. */
  async signIn(email: string, password: string, headers: Record<string, string> = {}): Promise<string | null> {
    const csrf = (await (await this.fetch('/api/auth/csrf')).json()) as { csrfToken: string };
    const res = await this.fetch('/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams({ csrfToken: csrf.csrfToken, email, password, json: 'true' }).toString(),
    });
    // With json=true next-auth answers { url } instead of redirecting; the error rides on that URL.
    let location = res.headers.get('location') ?? '';
    if (!location && res.headers.get('content-type')?.includes('json')) {
      location = ((await res.json()) as { url?: string }).url ?? '';
    }
    return new URL(location || '/', this.baseUrl).searchParams.get('error');
  }

  signedIn(): boolean {
    return [...this.cookies.keys()].some((k) => k.endsWith('next-auth.session-token'));
  }
}

export const DEMO_PASSWORD = process.env.PATHWEAVE_DEMO_PASSWORD ?? 'pathweave-demo';
