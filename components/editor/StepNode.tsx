'use client';
// One step on the canvas. Small and memoised, and it reads only its own data (style.md, after
// xyflow's CustomNode example): dragging one step must not re-render the other 499.
import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { Step } from '@/lib/pathway/schema';
import { KIND_LABELS } from '@/lib/pathway/labels';
import { COLOURS, KIND_ICONS, NODE_HEIGHT, NODE_WIDTH, stepShape } from './shapes';
import { countRender } from './renderCount';

export interface StepNodeData extends Record<string, unknown> {
  step: Step;
  /** Open findings of the scoring naming this step (the badge). */
  findings: number;
}

export type StepNodeType = Node<StepNodeData, 'step'>;

function StepNodeView({ id, data, selected }: NodeProps<StepNodeType>) {
  countRender('nodes', id);
  const { step, findings } = data;
  const shape = stepShape(step.kind, NODE_WIDTH, NODE_HEIGHT);
  const stroke = selected ? COLOURS.selected : COLOURS.stroke;
  const strokeWidth = selected ? 4 : 2;
  return (
    <div className="pw-step" style={{ width: NODE_WIDTH, height: NODE_HEIGHT }} data-kind={step.kind}>
      <svg className="pw-step-shape" width={NODE_WIDTH} height={NODE_HEIGHT} aria-hidden="true" focusable="false">
        <path d={shape.outline} fill={COLOURS.fill} stroke={stroke} strokeWidth={strokeWidth} strokeDasharray={shape.dashed ? '8 5' : undefined} />
        {shape.double ? (
          <path d={shape.outline} fill="none" stroke={stroke} strokeWidth={1} transform={`translate(5 5) scale(${(NODE_WIDTH - 10) / NODE_WIDTH} ${(NODE_HEIGHT - 10) / NODE_HEIGHT})`} />
        ) : null}
        {shape.detail ? <path d={shape.detail} fill="none" stroke={stroke} strokeWidth={1.5} /> : null}
      </svg>
      <div className="pw-step-body" aria-hidden="true">
        <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" focusable="false">
          <path d={KIND_ICONS[step.kind]} />
        </svg>
        <span className="pw-step-text">
          <span className="pw-step-kind">{KIND_LABELS[step.kind]}</span>
          <span className="pw-step-title">{step.title}</span>
        </span>
      </div>
      {findings > 0 ? (
        <span className="pw-step-badge" aria-hidden="true" title={`${findings} open finding${findings === 1 ? '' : 's'}`}>
          <svg width="12" height="12" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" focusable="false">
            <path d="M12 3L2 20h20L12 3zM12 9v5M12 17v.5" />
          </svg>
          {findings}
        </span>
      ) : null}
      <Handle type="target" position={Position.Left} className="pw-handle" />
      <Handle type="source" position={Position.Right} className="pw-handle" />
    </div>
  );
}

export const StepNode = memo(StepNodeView);
