'use client';
// Other people's pointers on the canvas, with their names (issue 5 "Live cursors with names").
// Rendered inside <ReactFlow> with ViewportPortal, so positions are flow coordinates: they stay on
// the same spot of the pathway whatever each person's zoom and pan.
import { ViewportPortal } from '@xyflow/react';
import { memo } from 'react';
import type { Peer } from '@/lib/collab/presence';

export const LiveCursors = memo(function LiveCursors({ peers }: { peers: readonly Peer[] }) {
  return (
    <ViewportPortal>
      {peers
        .filter((p) => !p.self && p.cursor)
        .map((p) => (
          <div
            key={p.clientId}
            aria-hidden="true"
            className="pointer-events-none absolute left-0 top-0"
            style={{ transform: `translate(${p.cursor!.x}px, ${p.cursor!.y}px)`, zIndex: 1000 }}
          >
            <svg width="16" height="20" viewBox="0 0 16 20">
              <path d="M1 1 L1 16 L5 12 L8 19 L11 18 L8 11 L14 11 Z" fill={p.user.color} stroke="#fff" strokeWidth="1.5" />
            </svg>
            <span className="ml-3 whitespace-nowrap rounded px-1 text-xs font-bold text-white" style={{ backgroundColor: p.user.color }}>
              {p.user.name}
            </span>
          </div>
        ))}
    </ViewportPortal>
  );
});
