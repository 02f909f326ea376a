'use client';
import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';

/**
 * Ask before something that changes the room's work for everyone (WCAG 3.3.4), in the page rather than
 * a browser pop-up: the question takes the focus so a screen reader reads it, and the answers are buttons.
 * Used by the editor's panels and the workshop panel (components/workshop/WorkshopPanel.tsx).
 */
export function AskFirst(props: {
  testId: string;
  question: string;
  yes: string;
  no: string;
  onYes: () => void;
  onNo: () => void;
  /** Where the focus goes if the question goes away (answered, or made moot elsewhere) while it has the focus. */
  returnFocusTo: RefObject<HTMLElement | null>;
}) {
  const question = useRef<HTMLParagraphElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const { returnFocusTo } = props;
  useEffect(() => question.current?.focus(), []);
  useLayoutEffect(() => {
    const container = box.current;
    const target = returnFocusTo.current;
    return () => {
      const active = document.activeElement;
      if (!active || active === document.body || container?.contains(active)) target?.focus();
    };
  }, [returnFocusTo]);
  return (
    <div ref={box} className="pw-warning-box mt-2" data-testid={props.testId}>
      <p ref={question} tabIndex={-1} className="text-sm font-bold">
        {props.question}
      </p>
      <div className="mt-2 flex flex-wrap gap-2">
        <button type="button" className="pw-button pw-button-warning pw-button-small" onClick={props.onYes}>
          {props.yes}
        </button>
        <button type="button" className="pw-button pw-button-secondary pw-button-small" onClick={props.onNo}>
          {props.no}
        </button>
      </div>
    </div>
  );
}
