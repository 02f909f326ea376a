'use client';
/** Opens the browser's print dialogue. Without JavaScript the browser's own Print menu does the same. */
export function PrintButton() {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="rounded bg-nhs-green px-4 py-2 text-lg font-bold text-white hover:bg-[#00662f]"
    >
      Print this plan
    </button>
  );
}
