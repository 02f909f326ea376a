'use client';
// Tabs in the ARIA Authoring Practices pattern: arrow keys move between tabs, Home and End jump,
// and only the selected tab is in the tab order.
import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabItem<T extends string> {
  id: T;
  label: ReactNode;
}

export function TabList<T extends string>({
  label,
  tabs,
  selected,
  onSelect,
  idPrefix,
  className,
}: {
  label: string;
  tabs: readonly TabItem<T>[];
  selected: T;
  onSelect: (id: T) => void;
  idPrefix: string;
  className?: string;
}) {
  const refs = useRef(new Map<T, HTMLButtonElement>());
  const onKeyDown = (event: KeyboardEvent) => {
    const index = tabs.findIndex((t) => t.id === selected);
    let next = -1;
    if (event.key === 'ArrowRight') next = (index + 1) % tabs.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    if (next < 0) return;
    event.preventDefault();
    const tab = tabs[next];
    if (!tab) return;
    onSelect(tab.id);
    refs.current.get(tab.id)?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className={`pw-tabs${className ? ` ${className}` : ''}`} onKeyDown={onKeyDown}>
      {tabs.map((t) => (
        <button
          key={t.id}
          ref={(el) => {
            if (el) refs.current.set(t.id, el);
            else refs.current.delete(t.id);
          }}
          type="button"
          role="tab"
          id={`${idPrefix}-tab-${t.id}`}
          aria-selected={t.id === selected}
          aria-controls={`${idPrefix}-panel-${t.id}`}
          tabIndex={t.id === selected ? 0 : -1}
          className="pw-tab"
          onClick={() => onSelect(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

/**
 * A tab's panel. `keepMounted` keeps it in the page while another tab shows (hidden), so what was
 * typed there and not yet saved (a comment, a version note, a date still being corrected) survives
 * a look at another tab; panels that are costly to keep up to date unmount instead.
 */
export function TabPanel({
  idPrefix,
  id,
  selected,
  children,
  className,
  keepMounted = false,
}: {
  idPrefix: string;
  id: string;
  selected: boolean;
  children: ReactNode;
  className?: string;
  keepMounted?: boolean;
}) {
  if (!selected && !keepMounted) return null;
  return (
    <div role="tabpanel" id={`${idPrefix}-panel-${id}`} aria-labelledby={`${idPrefix}-tab-${id}`} className={className} tabIndex={0} hidden={!selected}>
      {children}
    </div>
  );
}
