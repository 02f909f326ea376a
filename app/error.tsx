'use client';

/** Shown for unexpected errors. Never shows the error's details or a stack trace. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main-content" className="mx-auto max-w-3xl px-4 py-10">
      <h1 className="text-3xl font-bold mb-4">Sorry, there is a problem with the service</h1>
      <p className="mb-6">Try again. Nothing you saved has been lost.</p>
      <button type="button" onClick={reset} className="rounded bg-nhs-green px-4 py-2 font-bold text-white">
        Try again
      </button>
    </main>
  );
}
