'use client';
// Counts pinned to steps and transitions on the canvas (issue 5): open comment threads at a step's
// top-right corner or beside a transition's midpoint, dot-vote dots at a step's top-left.
// Decorative for screen readers (aria-hidden): the Comments and Workshop panels say the same in words.
import { ViewportPortal, useReactFlow } from '@xyflow/react';
import { memo } from 'react';

export const CanvasBadges = memo(function CanvasBadges({
  counts,
  corner,
  className,
  testId,
  text,
}: {
  counts: ReadonlyMap<string, number>;
  corner: 'left' | 'right';
  className: string;
  testId: string;
  text: (n: number) => string;
}) {
  const flow = useReactFlow();
  const badges: { id: string; x: number; y: number; n: number }[] = [];
  for (const [id, n] of counts) {
    if (n <= 0) continue;
    const node = flow.getInternalNode(id);
    if (node) {
      const x = node.internals.positionAbsolute.x + (corner === 'right' ? (node.measured.width ?? 0) - 10 : 4);
      badges.push({ id, x, y: node.internals.positionAbsolute.y - 12, n });
      continue;
    }
    // A transition: halfway between the centres of its two steps, where its label sits.
    const edge = flow.getEdge(id);
    const from = edge && flow.getInternalNode(edge.source);
    const to = edge && flow.getInternalNode(edge.target);
    if (!from || !to) continue;
    const centre = (n: typeof from) => ({
      x: n.internals.positionAbsolute.x + (n.measured.width ?? 0) / 2,
      y: n.internals.positionAbsolute.y + (n.measured.height ?? 0) / 2,
    });
    const a = centre(from);
    const b = centre(to);
    badges.push({ id, x: (a.x + b.x) / 2 + 12, y: (a.y + b.y) / 2 - 28, n });
  }
  return (
    <ViewportPortal>
      {badges.map((b) => (
        <div
          key={b.id}
          aria-hidden="true"
          data-testid={testId}
          className={`pointer-events-none absolute left-0 top-0 rounded-full border-2 border-white px-2 text-xs font-bold leading-5 text-white ${className}`}
          style={{ transform: `translate(${b.x}px, ${b.y}px)`, zIndex: 998 }}
        >
          {text(b.n)}
        </div>
      ))}
    </ViewportPortal>
  );
});

export function CommentBadges({ counts }: { counts: ReadonlyMap<string, number> }) {
  return (
    <CanvasBadges counts={counts} corner="right" className="bg-[#005eb8]" testId="comment-badge" text={commentText} />
  );
}

export function VoteBadges({ counts }: { counts: ReadonlyMap<string, number> }) {
  return <CanvasBadges counts={counts} corner="left" className="bg-[#d5281b]" testId="vote-badge" text={voteText} />;
}

function commentText(n: number): string {
  return `${n} ${n === 1 ? 'comment' : 'comments'}`;
}

function voteText(n: number): string {
  return `${'●'.repeat(Math.min(n, 5))} ${n}`;
}
