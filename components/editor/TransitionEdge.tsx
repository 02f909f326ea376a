'use client';
// One transition on the canvas. The line style says how information travels (shapes.ts
// LINE_STYLES). A transition that passes on no information, or that crosses a fault line, also
// carries a warning sign and words, so it stands out without relying on colour.
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';
import type { Transition } from '@/lib/pathway/schema';
import { COLOURS, LINE_STYLES, WARNING_ICON } from './shapes';
import { countRender } from './renderCount';

export interface TransitionEdgeData extends Record<string, unknown> {
  transition: Transition;
  /** Fault lines this transition crosses, in words (empty when none). */
  crossings: readonly string[];
  /** Open findings naming this transition. */
  findings: number;
}

export type TransitionEdgeType = Edge<TransitionEdgeData, 'transition'>;

function loopPath(sx: number, sy: number, tx: number, ty: number): [string, number, number] {
  // A step that leads back to itself: a loop over the top of the step.
  const lift = 90;
  return [`M${sx},${sy} C${sx + 70},${sy - lift} ${tx - 70},${ty - lift} ${tx},${ty}`, (sx + tx) / 2, Math.min(sy, ty) - lift * 0.75];
}

function TransitionEdgeView(props: EdgeProps<TransitionEdgeType>) {
  const { id, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd } = props;
  countRender('edges', id);
  if (!data) return null;
  const { transition, crossings } = data;
  const style = LINE_STYLES[transition.information];
  const none = transition.information === 'none';
  const [path, labelX, labelY] =
    source === target
      ? loopPath(sourceX, sourceY, targetX, targetY)
      : getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const colour = selected ? COLOURS.selected : none ? COLOURS.warning : COLOURS.stroke;
  const warnings: string[] = [];
  if (none) warnings.push('No information passed on');
  if (crossings.length > 0) warnings.push(crossings.length === 1 ? 'Crosses a fault line' : `Crosses ${crossings.length} fault lines`);
  const showLabel = Boolean(transition.label) || warnings.length > 0;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        interactionWidth={16}
        style={{
          stroke: colour,
          strokeWidth: selected ? style.width + 1.5 : style.width,
          strokeDasharray: style.dash,
          strokeLinecap: style.dash === '2 5' ? 'round' : undefined,
        }}
      />
      {style.double ? <path d={path} fill="none" stroke={COLOURS.fill} strokeWidth={1.5} pointerEvents="none" /> : null}
      {showLabel ? (
        <EdgeLabelRenderer>
          <div
            className={`pw-edge-label${warnings.length ? ' pw-edge-label-warn' : ''}${none ? ' pw-edge-label-none' : ''}${selected ? ' pw-edge-label-selected' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            aria-hidden="true"
            data-edge={id}
          >
            {warnings.length ? (
              <svg width="12" height="12" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" focusable="false">
                <path d={WARNING_ICON} />
              </svg>
            ) : null}
            <span>{[transition.label, ...warnings].filter(Boolean).join(' · ')}</span>
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

export const TransitionEdge = memo(TransitionEdgeView);
