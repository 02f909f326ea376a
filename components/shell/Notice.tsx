// A page-level "it is done" notice (the NHS confirmation inset): shown at the top of the page a
// change leads to, worded from what is stored, and announced as a status.
import type { ReactNode } from 'react';

export function Notice({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <div role="status" className="mb-6 border-l-8 border-nhs-green bg-white p-4" data-testid={testId}>
      {children}
    </div>
  );
}
