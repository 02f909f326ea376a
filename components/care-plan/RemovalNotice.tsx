'use client';
// Removing an item of a care plan list (a goal, an action, someone in the care team, a medicine).
// Once the remove succeeds, the page is drawn again without the item, and the remove form goes with
// it: its own "Removed." message is never heard, and the button that had the focus is gone, so the
// focus drops to the page. RemovalNotice goes round a section's content, below its heading: it says
// what was removed in a status message of the section's own, outside the list, and moves the focus
// to the section's heading, so a keyboard or screen reader user carries on from there. A remove that
// was refused leaves the item and its form in place, and the form says why: nothing happens here.
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { ActionForm, type FormAction } from './forms';

interface Removing {
  /** How the message names the item, e.g. the goal “Walk to the shop”. */
  what: string;
  form: HTMLFormElement;
  /** False once the RemoveForm has left the page, that is once its item has. */
  here: { readonly current: boolean };
}

const RemovalContext = createContext<((removing: Removing) => void) | null>(null);

export function RemovalNotice(props: { headingId: string; children: ReactNode }) {
  const { headingId, children } = props;
  const sent = useRef<Removing | null>(null);
  const [message, setMessage] = useState<{ text: string; at: number } | null>(null);
  const removing = useCallback((r: Removing) => {
    sent.current = r;
  }, []);
  // Each time the section is drawn again, as it is after a remove succeeds: has the item gone?
  useEffect(() => {
    const r = sent.current;
    // Still there: not answered yet, or refused (the form says why). After failing to reach Pathweave,
    // the form is drawn again (KeepOnFailure), so its old element leaves the page but the item stays.
    if (!r || r.form.isConnected || r.here.current) return;
    sent.current = null;
    // The focus went with the button. If the person has moved it somewhere else meanwhile, leave it.
    const focus = document.activeElement;
    if (!focus || focus === document.body) document.getElementById(headingId)?.focus();
    setMessage({ text: `Removed ${r.what}.`, at: Date.now() });
  }, [children, headingId]);
  return (
    <RemovalContext.Provider value={removing}>
      <div role="status">
        {message ? (
          <p key={message.at} className="mb-3 border-l-4 border-nhs-green pl-3 font-bold">
            {message.text}
          </p>
        ) : null}
      </div>
      {children}
    </RemovalContext.Provider>
  );
}

/** The remove button of an item inside a RemovalNotice: an ActionForm that tells the section what it removes. */
export function RemoveForm(props: {
  action: FormAction;
  label: string;
  submitLabel: string;
  hidden: Record<string, string>;
  /** How the message names the item, e.g. the goal “Walk to the shop”. */
  what: string;
}) {
  const removing = useContext(RemovalContext);
  const here = useRef(true);
  useEffect(() => {
    here.current = true;
    return () => {
      here.current = false;
    };
  }, []);
  return (
    <ActionForm
      action={props.action}
      label={props.label}
      submitLabel={props.submitLabel}
      hidden={props.hidden}
      secondary
      onSubmit={(e) => removing?.({ what: props.what, form: e.currentTarget, here })}
    >
      {null}
    </ActionForm>
  );
}
