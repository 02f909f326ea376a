'use client';
// The sign-out form, with one question first when it matters. Signing out deletes the live
// pathways this person kept on this device (components/shell/ForgetLocalCopies.tsx), which may hold
// edits made offline that have not been shared yet: then, before the form is sent, they are asked
// (never lose an edit without saying so). Everyone else signs out at once. Without JavaScript it is
// the same plain form posting to the server action as before.
import { useEffect, useId, useRef, useState } from 'react';
import { localCopiesSettled, pathwaysWithUnsentEdits } from '@/lib/collab/local-copy-names';
import { pathwaysToReopenAction } from './pathways-to-reopen-action';
import type { PathwayToReopen } from '@/lib/server/pathways-to-reopen';

interface Question {
  /** How many pathways hold edits not shared yet. */
  count: number;
  /** Those of them this person may still open, with their titles (none when that could not be found out). */
  known: PathwayToReopen[];
}

async function whatWouldBeLost(userId: string): Promise<Question | null> {
  let ids: string[];
  try {
    // A pathway open on this page may be about to say its edits were all shared after all.
    await localCopiesSettled();
    ids = await pathwaysWithUnsentEdits(userId);
  } catch {
    return null;
  }
  if (!ids.length) return null;
  let known: PathwayToReopen[] = [];
  try {
    known = await pathwaysToReopenAction(ids);
  } catch {
    // offline, or the server is unreachable: ask all the same, without titles
  }
  return { count: ids.length, known };
}

export function SignOutForm({
  userId,
  action,
  buttonClassName = 'rounded border-2 border-white px-3 py-1 text-white hover:bg-nhs-dark-blue',
}: {
  userId: string;
  action: () => Promise<void>;
  /** The header's white-on-blue button unless given. */
  buttonClassName?: string;
}) {
  const form = useRef<HTMLFormElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  /** The next submit goes ahead: checked already, or the person chose to sign out anyway. */
  const goAhead = useRef(false);
  const checking = useRef(false);
  const [question, setQuestion] = useState<Question | null>(null);
  /** Shown on the button while the check before signing out takes a moment. */
  const [checkingShown, setChecking] = useState(false);
  const headingId = useId();
  const bodyId = useId();

  useEffect(() => {
    const d = dialog.current;
    if (question && d && !d.open) d.showModal();
  }, [question]);

  const close = () => {
    dialog.current?.close();
  };

  const one = question && question.count === 1 ? (question.known[0] ?? null) : null;
  const what = one ? `“${one.title}”` : question && question.count > 1 ? `${question.count} pathways` : 'a pathway';

  return (
    <form
      ref={form}
      action={action}
      onSubmit={(event) => {
        const submitter = (event.nativeEvent as SubmitEvent).submitter;
        if (goAhead.current || submitter?.dataset.signOutAnyway !== undefined) {
          goAhead.current = false;
          return;
        }
        event.preventDefault();
        if (checking.current) return;
        checking.current = true;
        // Usually at once; up to a few seconds while a live pathway open here finishes sharing.
        const slow = window.setTimeout(() => setChecking(true), 400);
        void whatWouldBeLost(userId)
          .then((lost) => {
            if (lost) {
              setQuestion(lost);
            } else {
              goAhead.current = true;
              form.current?.requestSubmit();
            }
          })
          .finally(() => {
            window.clearTimeout(slow);
            checking.current = false;
            setChecking(false);
          });
      }}
    >
      <button
        ref={button}
        type="submit"
        className={buttonClassName}
      >
        {checkingShown ? 'Signing out…' : 'Sign out'}
      </button>
      {question ? (
        <dialog
          ref={dialog}
          aria-labelledby={headingId}
          aria-describedby={bodyId}
          data-testid="sign-out-question"
          className="m-auto w-[min(36rem,calc(100vw-2rem))] border-4 border-nhs-black bg-white p-6 text-base text-nhs-black backdrop:bg-[rgba(33,43,50,0.6)]"
          onClose={() => {
            setQuestion(null);
            button.current?.focus();
          }}
        >
          <h2 id={headingId} className="mb-3 text-2xl font-bold">
            Your changes have not been shared yet
          </h2>
          <div id={bodyId}>
            <p className="mb-3">
              You have changes to {what} that have not been shared yet, because you were offline. If you sign out now,
              they will be deleted from this computer.
            </p>
            <p className="mb-3">
              {question.count > 1 ? 'Go back to the pathways' : 'Go back to the pathway'} to share them first, or sign
              out anyway.
            </p>
          </div>
          {question.count > 1 && question.known.length ? (
            <ul className="mb-3 list-disc pl-6">
              {question.known.map((p) => (
                <li key={p.id}>
                  <a href={p.href}>Go back to “{p.title}”</a>
                </li>
              ))}
            </ul>
          ) : null}
          <div className="flex flex-wrap items-center gap-4">
            {one ? (
              <a href={one.href} className="font-bold">
                Go back to the pathway
              </a>
            ) : (
              <button
                type="button"
                onClick={close}
                className="rounded border-2 border-nhs-blue bg-white px-4 py-2 font-bold text-nhs-blue"
              >
                Cancel
              </button>
            )}
            <button
              type="submit"
              data-sign-out-anyway=""
              className="rounded bg-nhs-red px-4 py-2 font-bold text-white hover:bg-[#aa2016]"
            >
              Sign out and delete them
            </button>
          </div>
        </dialog>
      ) : null}
    </form>
  );
}
