'use client';
// Open comment threads per step on the canvas (issue 5 "Comments ... shown on the canvas"): a badge
// with the count at the step's top-right corner. Decorative for screen readers (aria-hidden): the
// Comments panel says the same in words.
import { ViewportPortal, useReactFlow } from '@xyflow/react';
import { memo } from 'react';

export const CommentBadges = memo(function CommentBadges({ counts }: { counts: ReadonlyMap<string, number> }) {
  const flow = useReactFlow();
  const badges: { id: string; x: number; y: number; n: number }[] = [];
  for (const [id, n] of counts) {
    const node = flow.getInternalNode(id);
    if (!node || n <= 0) continue;
    badges.push({ id, x: node.internals.positionAbsolute.x + (node.measured.width ?? 0) - 10, y: node.internals.positionAbsolute.y - 12, n });
  }
  return (
    <ViewportPortal>
      {badges.map((b) => (
        <div
          key={b.id}
          aria-hidden="true"
          data-testid="comment-badge"
          className="pointer-events-none absolute left-0 top-0 rounded-full border-2 border-white bg-[#005eb8] px-2 text-xs font-bold leading-5 text-white"
          style={{ transform: `translate(${b.x}px, ${b.y}px)`, zIndex: 998 }}
        >
          {b.n} {b.n === 1 ? 'comment' : 'comments'}
        </div>
      ))}
    </ViewportPortal>
  );
});
