'use client';
// Values typed into the details panel that are not allowed (store.ts, PendingValue), as Save and
// Save version name them: which step or transition, which field, what was typed and why it is not
// allowed, with a link-button to each (the NHS service manual's error summary).
import { useEffect, useRef } from 'react';
import type { Pathway } from '@/lib/pathway/schema';
import type { PendingValue } from './store';

export const PENDING_SUMMARY_ID = 'typed-values-summary';

/** "the step “Spirometry”", "the transition “Referral → Clinic”", "the pathway details". */
export function pendingPlace(doc: Pathway, p: PendingValue): string {
  if (p.kind === 'step') return `the step “${doc.steps.find((s) => s.id === p.id)?.title ?? p.id}”`;
  if (p.kind === 'transition') {
    const t = doc.transitions.find((tr) => tr.id === p.id);
    const title = (id: string | undefined) => doc.steps.find((s) => s.id === id)?.title ?? id ?? '';
    return t ? `the transition “${title(t.from)} → ${title(t.to)}”` : 'a transition';
  }
  return 'the pathway details';
}

function typed(p: PendingValue): string {
  if (p.chosen) return p.text === '' ? 'nothing chosen' : `you chose “${p.text}”`;
  return p.text.trim() === '' ? 'left empty' : `you typed “${p.text}”`;
}

/** "typed", "chose" or "typed or chose", for the values listed. */
function how(pending: readonly PendingValue[]): string {
  const chosen = pending.filter((p) => p.chosen).length;
  return chosen === 0 ? 'typed' : chosen === pending.length ? 'chose' : 'typed or chose';
}

/** One value not allowed, as a clause: "“0,5”, typed in “Share …” on the transition “…”, is not allowed". */
function notAllowed(doc: Pathway, p: PendingValue): string {
  const place = pendingPlace(doc, p);
  if (p.chosen) {
    return p.text === ''
      ? `nothing was chosen for “${p.label}” on ${place}, and a choice is needed`
      : `“${p.text}”, chosen for “${p.label}” on ${place}, is not allowed`;
  }
  return p.text.trim() === ''
    ? `“${p.label}” on ${place} was left empty, which is not allowed`
    : `“${p.text}”, typed in “${p.label}” on ${place}, is not allowed`;
}

/** What Save version says under the note when it refuses. */
export function versionRefusal(doc: Pathway, pending: readonly PendingValue[]): string {
  const [first] = pending;
  if (!first) return '';
  if (pending.length === 1) {
    return `The version was not saved: ${notAllowed(doc, first)}. Correct it, or press Escape in that box to put back what it said, then save the version. The list at the top of the editor takes you there.`;
  }
  return `The version was not saved: ${pending.length} values in the details are not allowed as they are. Correct them, or press Escape in each box to put back what it said, then save the version. The list at the top of the editor takes you to each.`;
}

export function PendingSummary({
  doc,
  pending,
  shown,
  savedAt,
  live,
  focusKey,
  onGoTo,
}: {
  doc: Pathway;
  /** The values not allowed now (store.pending, as the document counts them). */
  pending: readonly PendingValue[];
  /**
   * The list as it was when Save, Save version or Control S was pressed: what it says does not follow
   * typing in a box (a value corrected leaves it, but the text of one still not allowed stays as it
   * was, so nothing changes under a screen reader's cursor with each key). Absent: `pending`.
   */
  shown?: readonly PendingValue[];
  /** The time the rest of the changes were saved (Save); absent when Save version refused. */
  savedAt?: string;
  /** Control S in the live workshop: everything else is already shared. */
  live?: boolean;
  /**
   * Changes with every Save (or Control S) that shows the list: it then takes the focus (after it is
   * drawn), which reads it out once. It is not a live region, so correcting a value is not read out
   * again with each key (the NHS service manual's error summary).
   */
  focusKey?: string;
  onGoTo: (p: PendingValue) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusKey) box.current?.focus();
  }, [focusKey]);
  const items = shown
    ? shown.filter((s) => pending.some((p) => p.kind === s.kind && p.id === s.id && p.field === s.field))
    : pending;
  if (items.length === 0) return null;
  const one = items.length === 1;
  return (
    <div
      id={PENDING_SUMMARY_ID}
      ref={box}
      className="pw-alert-box"
      role="region"
      tabIndex={-1}
      aria-labelledby={`${PENDING_SUMMARY_ID}-title`}
      data-testid="typed-values-summary"
    >
      <h2 id={`${PENDING_SUMMARY_ID}-title`} className="font-bold text-lg">
        There is a problem
      </h2>
      <p>
        {live
          ? `Everything else you change in the live workshop is shared and saved as you make it, but ${one ? `this value you ${how(items)} is not allowed, so it is not shared or saved:` : `these ${items.length} values you ${how(items)} are not allowed, so they are not shared or saved:`}`
          : savedAt
            ? `Your other changes were saved at ${savedAt}, but ${one ? `this value you ${how(items)} is not allowed, so it is not saved:` : `these ${items.length} values you ${how(items)} are not allowed, so they are not saved:`}`
            : `The version was not saved, because ${one ? `this value you ${how(items)} is not allowed:` : `these ${items.length} values you ${how(items)} are not allowed:`}`}
      </p>
      <ul className="list-disc pl-5 text-sm">
        {items.map((p) => (
          <li key={`${p.kind}:${p.id}:${p.field}`}>
            <button type="button" className="pw-link-button" onClick={() => onGoTo(p)}>
              {p.label} on {pendingPlace(doc, p)}
            </button>
            : {typed(p)}. {p.errors.join(' ')}
          </li>
        ))}
      </ul>
      <p className="text-sm mt-1">
        Correct {one ? 'it' : 'each one'}, or press Escape in {one ? 'its box' : 'a box'} to put back what it said
        before.
      </p>
    </div>
  );
}
