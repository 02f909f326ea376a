'use client';
// Other people on the canvas (issue 5 "Presence"): their cursors with names, and an outline with
// their name around the step or transition they have selected. Drawn in flow coordinates inside
// <ReactFlow>, so they stay on the same spot of the pathway whatever each person's zoom. All of it
// is aria-hidden: the room panel lists the same in words.
import { ViewportPortal, useReactFlow, useStore } from '@xyflow/react';
import { memo, useEffect } from 'react';
import { LiveCursors } from '@/components/collab/LiveCursors';
import type { CollaborativeSession } from '@/lib/collab/client';
import { selectionsByTarget, type Peer } from '@/lib/collab/presence';
import { usePeers } from './useLiveSession';

/** CanvasPresence following the session's people itself, so that a moving pointer redraws only this. */
export function LiveCanvasPresence({
  session,
  onCursor,
}: {
  session: CollaborativeSession | null;
  onCursor: (point: { x: number; y: number } | null) => void;
}) {
  return <CanvasPresence peers={usePeers(session)} onCursor={onCursor} />;
}

export const CanvasPresence = memo(function CanvasPresence({
  peers,
  onCursor,
}: {
  peers: readonly Peer[];
  onCursor: (point: { x: number; y: number } | null) => void;
}) {
  const flow = useReactFlow();
  // The canvas element, followed: it may not be there yet on the first render.
  const dom = useStore((s) => s.domNode);

  // Report this person's pointer in flow coordinates (throttled by the session).
  useEffect(() => {
    if (!dom) return;
    const move = (e: PointerEvent) => onCursor(flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
    const leave = () => onCursor(null);
    dom.addEventListener('pointermove', move);
    dom.addEventListener('pointerleave', leave);
    return () => {
      dom.removeEventListener('pointermove', move);
      dom.removeEventListener('pointerleave', leave);
      onCursor(null);
    };
  }, [flow, dom, onCursor]);

  const byTarget = selectionsByTarget(peers);
  const outlines: { id: string; x: number; y: number; w: number; h: number; names: string; color: string }[] = [];
  for (const [id, list] of byTarget) {
    const first = list[0];
    if (!first || first.selection?.kind !== 'step') continue;
    const node = flow.getInternalNode(id);
    if (!node) continue;
    const pos = node.internals.positionAbsolute;
    outlines.push({
      id,
      x: pos.x,
      y: pos.y,
      w: node.measured.width ?? 0,
      h: node.measured.height ?? 0,
      names: list.map((p) => p.user.name).join(', '),
      color: first.user.color,
    });
  }

  return (
    <>
      <ViewportPortal>
        {outlines.map((o) => (
          <div
            key={o.id}
            aria-hidden="true"
            data-testid="remote-selection"
            className="pointer-events-none absolute left-0 top-0"
            style={{ transform: `translate(${o.x - 4}px, ${o.y - 4}px)`, width: o.w + 8, height: o.h + 8, border: `3px dashed ${o.color}`, borderRadius: 6, zIndex: 999 }}
          >
            <span className="absolute -top-5 left-0 whitespace-nowrap rounded px-1 text-xs font-bold text-white" style={{ backgroundColor: o.color }}>
              {o.names}
            </span>
          </div>
        ))}
      </ViewportPortal>
      <LiveCursors peers={peers} />
    </>
  );
});
