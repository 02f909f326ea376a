'use client';
// A page-level "it is done" notice (the NHS confirmation inset): shown at the top of the page a
// change leads to, worded from what is stored, and announced as a status. The page arrives after a
// redirect with the notice already in it, which screen readers often do not read out, and the
// button that was pressed has gone: so the notice takes the focus when it appears.
import { useEffect, useRef, type ReactNode } from 'react';

export function Notice({ children, testId }: { children: ReactNode; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="status"
      className="mb-6 border-l-8 border-nhs-green bg-white p-4"
      data-testid={testId}
    >
      {children}
    </div>
  );
}
