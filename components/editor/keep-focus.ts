// Keyboard focus must never drop to the page (WCAG 2.4.3): when an action removes, moves or replaces
// the control that had the focus, the browser puts the focus on <body>, and a keyboard or screen
// reader user is thrown back to the top of the page. These helpers put it somewhere sensible instead.

/** True when nothing on the page has the focus (the browser dropped it to the page). */
export function focusIsLost(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body;
}

/**
 * Focus an element after React has shown the change (the next frame). `find` runs then, so it can
 * name an element the change itself renders (a step's row in its new lane, a new panel's heading).
 */
export function focusNextFrame(find: () => HTMLElement | null | undefined): void {
  requestAnimationFrame(() => find()?.focus());
}

/**
 * A callback ref for an element an action can remove while it holds the focus (the button pressed,
 * or the part of the panel it is in). When the element goes with the focus inside it, the focus moves
 * to what `find` returns, looked up in the next frame. The element is still in the page when React
 * detaches the ref, so whether it held the focus can be told then; a re-render that merely hands
 * over the ref leaves the focus where it was, and nothing is moved.
 */
export function focusOnRemoval(find: () => HTMLElement | null | undefined) {
  return (element: HTMLElement | null) => {
    if (!element) return;
    return () => {
      if (!element.contains(document.activeElement)) return;
      requestAnimationFrame(() => {
        if (focusIsLost()) find()?.focus();
      });
    };
  };
}
