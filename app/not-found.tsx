export default function NotFound() {
  return (
    <main id="main-content" className="mx-auto max-w-3xl px-4 py-10">
      <h1 className="text-3xl font-bold mb-4">Page not found</h1>
      <p className="mb-2">If you typed the web address, check it is correct.</p>
      <p className="mb-6">If you followed a link or bookmark, the page may have moved, or you may not have access to it.</p>
      <p>
        {/* A plain link, like the header's: no client link code on every page (issue 6, speed). */}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- deliberately a plain link */}
        <a href="/">Go to the Pathweave home page</a>
      </p>
    </main>
  );
}
