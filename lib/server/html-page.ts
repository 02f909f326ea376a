import { NO_STORE } from './care-plan-http';

/** Text for an HTML page: the five characters HTML treats as markup, escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A plain page a person can read, in the NHS style, for a route opened from a link (a PDF or other
 * download): a fault or "not found" answers with this, never JSON or a bare error page. `title` is
 * text; `body` is HTML the caller has built (escape anything that came from a person or the URL).
 */
export function htmlPage(status: number, title: string, body: string): Response {
  const heading = escapeHtml(title);
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${heading} – Pathweave</title>
<style>body{font-family:Arial,sans-serif;font-size:1.1875rem;line-height:1.5;color:#212b32;max-width:40rem;margin:2rem auto;padding:0 1rem}a{color:#005eb8;font-weight:bold}a:focus{background:#ffeb3b;color:#212b32;outline:none;box-shadow:0 -2px #ffeb3b,0 4px #212b32;text-decoration:none}</style>
</head>
<body>
<main>
<h1>${heading}</h1>
${body}
</main>
</body>
</html>`;
  return new Response(html, { status, headers: { ...NO_STORE, 'Content-Type': 'text/html; charset=utf-8' } });
}
