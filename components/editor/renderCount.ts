// A render counter for the editor benchmark (scripts/bench-editor.ts): it shows that dragging one
// step re-renders only that step and its transitions. Off unless the page defines
// window.__pathweaveRenderCounts before the editor loads, so in normal use it costs one property
// read per render.

export interface RenderCounts {
  nodes: Record<string, number>;
  edges: Record<string, number>;
  /** Whole views by name ("Editor"): a live test checks that other people's pointers do not redraw the editor. */
  views?: Record<string, number>;
}

declare global {
  interface Window {
    __pathweaveRenderCounts?: RenderCounts;
  }
}

export function countRender(kind: keyof RenderCounts, id: string): void {
  if (typeof window === 'undefined') return;
  const counts = window.__pathweaveRenderCounts;
  if (!counts) return;
  const record = (counts[kind] ??= {});
  record[id] = (record[id] ?? 0) + 1;
}
