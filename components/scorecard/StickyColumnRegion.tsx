'use client';
// A sideways-scrolling table region whose first column stays put (position: sticky). Moving the
// focus back along a scrolled row, the browser counts a cell half under that column as already in
// view and does not scroll, so the focused cell is hidden (WCAG 2.4.11). On each focus inside a
// row, this scrolls the region just enough to bring the cell out from under the column.
import type { FocusEvent, ReactNode } from 'react';

export function StickyColumnRegion(props: { label: string; className: string; children: ReactNode }) {
  const onFocus = (event: FocusEvent<HTMLDivElement>) => {
    const region = event.currentTarget;
    const target = event.target as HTMLElement;
    if (!target.closest('td')) return;
    const column = target.closest('tr')?.querySelector<HTMLElement>('th[scope="row"]');
    if (!column) return;
    const covered = column.getBoundingClientRect().right - target.getBoundingClientRect().left;
    if (covered > 0) region.scrollLeft -= covered;
  };
  return (
    <div role="region" aria-label={props.label} tabIndex={0} className={props.className} onFocus={onFocus}>
      {props.children}
    </div>
  );
}
