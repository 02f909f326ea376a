'use client';
// A server action that cannot reach Pathweave (the connection dropped, or Pathweave was updated
// while the page was open) throws in the browser rather than returning. React then hands the error
// to the page's error boundary, which replaces the page with "Sorry, there is a problem" and loses
// whatever the person had typed. KeepOnFailure goes round a form that submits to a server action:
// it catches that error, remembers what the form held when it was sent, and draws the form again
// with the same words and a message saying nothing was saved. Next's own signals (a redirect after
// a successful action, "not found") pass through to Next.
import { Component, useCallback, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { unstable_rethrow } from 'next/navigation';

export const UNREACHABLE_MESSAGE =
  'Pathweave could not be reached, so nothing was saved. What you entered is still here: check your connection and try again.';

class Boundary extends Component<{ onFailure: () => void; children: ReactNode }, { error: unknown; failed: boolean }> {
  override state = { error: undefined as unknown, failed: false };

  static getDerivedStateFromError(error: unknown) {
    return { error, failed: true };
  }

  override componentDidCatch() {
    this.props.onFailure();
  }

  override render() {
    if (this.state.failed) {
      // A redirect or "not found" from the action: Next's boundaries above handle it.
      unstable_rethrow(this.state.error);
      return null;
    }
    return this.props.children;
  }
}

/**
 * For a form component: `remember` goes on the form's onSubmit, and `wrap` goes round what it draws.
 * After a failed submission the wrapped part is drawn afresh; `failedWith` is then the FormData the
 * form held when it was sent (undefined until one fails), for its first state.
 */
export function useKeepOnFailure() {
  const sent = useRef<FormData | null>(null);
  const [failure, setFailure] = useState<{ attempt: number; form?: FormData }>({ attempt: 0 });
  const remember = useCallback((event: FormEvent<HTMLFormElement>) => {
    const native = event.nativeEvent as SubmitEvent;
    sent.current = new FormData(event.currentTarget, native.submitter ?? undefined);
  }, []);
  const onFailure = useCallback(() => {
    const form = sent.current ?? undefined;
    setFailure((f) => ({ attempt: f.attempt + 1, form }));
  }, []);
  const wrap = (children: ReactNode) => (
    <Boundary key={failure.attempt} onFailure={onFailure}>
      {children}
    </Boundary>
  );
  return { remember, failedWith: failure.form, wrap };
}
