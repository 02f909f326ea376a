// Shapes, icons and line styles of the canvas, as plain data.
//
// Both the live canvas (StepNode, TransitionEdge) and the SVG/PNG export (exportImage.ts) draw from
// here, so an exported picture looks like the canvas. Every kind of step has its own outline and
// its own icon, and every way information travels has its own line style: nothing is told by
// colour alone (WCAG 1.4.1; issue 4 "stand out, and not by colour alone").
import { STEP_NODE_HEIGHT, STEP_NODE_WIDTH } from '@/lib/pathway/lanes';
import type { InformationKind, StepKind } from '@/lib/pathway/schema';

/** Size of a step on the canvas, in canvas units (the lanes module's size, which auto-layout assumes). */
export const NODE_WIDTH = STEP_NODE_WIDTH;
export const NODE_HEIGHT = STEP_NODE_HEIGHT;

export interface StepShape {
  /** The outline, as SVG path data for a box of w × h. */
  outline: string;
  /** Extra strokes drawn inside the outline (folded corner, side bars). */
  detail?: string;
  /** Draw the outline dashed. */
  dashed?: boolean;
  /** Draw the outline twice (an inner copy), for the ends of the pathway. */
  double?: boolean;
  /** A short word for the outline, for the legend. */
  name: string;
}

/** The outline of each kind of step, for a box of w × h. */
export function stepShape(kind: StepKind, w = NODE_WIDTH, h = NODE_HEIGHT): StepShape {
  const r = h / 2;
  const c = 18;
  switch (kind) {
    case 'entry':
      return { name: 'rounded ends', outline: `M${r},1 H${w - r} A${r - 1},${r - 1} 0 0 1 ${w - r},${h - 1} H${r} A${r - 1},${r - 1} 0 0 1 ${r},1 Z`, double: true };
    case 'exit': {
      const k = h * 0.3;
      return { name: 'cut corners (a stop sign)', outline: `M${k},1 H${w - k} L${w - 1},${k} V${h - k} L${w - k},${h - 1} H${k} L1,${h - k} V${k} Z`, double: true };
    }
    case 'assessment':
      return { name: 'rectangle', outline: `M1,1 H${w - 1} V${h - 1} H1 Z` };
    case 'decision':
      return { name: 'six-sided', outline: `M${c},1 H${w - c} L${w - 1},${h / 2} L${w - c},${h - 1} H${c} L1,${h / 2} Z` };
    case 'intervention':
      return { name: 'rounded rectangle', outline: roundedRect(w, h, 14) };
    case 'referral':
      return { name: 'arrow pointing on', outline: `M1,1 H${w - c} L${w - 1},${h / 2} L${w - c},${h - 1} H1 Z` };
    case 'review':
      return { name: 'rectangle with side bars', outline: `M1,1 H${w - 1} V${h - 1} H1 Z`, detail: `M10,1 V${h - 1} M${w - 10},1 V${h - 1}` };
    case 'self_management':
      return { name: 'dashed rounded rectangle', outline: roundedRect(w, h, 24), dashed: true };
    case 'support':
      return { name: 'slanted', outline: `M${c},1 H${w - 1} L${w - c},${h - 1} H1 Z` };
    case 'admin': {
      const f = 16;
      return { name: 'page with a folded corner', outline: `M1,1 H${w - f} L${w - 1},${f} V${h - 1} H1 Z`, detail: `M${w - f},1 V${f} H${w - 1}` };
    }
    case 'discharge':
      return { name: 'chevron', outline: `M1,1 H${w - c} L${w - 1},${h / 2} L${w - c},${h - 1} H1 L${c},${h / 2} Z` };
    case 'outcome':
      return { name: 'wavy bottom', outline: `M1,1 H${w - 1} V${h - 10} Q${(w * 3) / 4},${h - 20} ${w / 2},${h - 10} T1,${h - 10} Z` };
  }
}

function roundedRect(w: number, h: number, r: number): string {
  return `M${r},1 H${w - r} Q${w - 1},1 ${w - 1},${r} V${h - r} Q${w - 1},${h - 1} ${w - r},${h - 1} H${r} Q1,${h - 1} 1,${h - r} V${r} Q1,1 ${r},1 Z`;
}

/** Icons drawn on a 24 × 24 grid with round strokes (no icon font is downloaded). */
export const KIND_ICONS: Readonly<Record<StepKind, string>> = {
  entry: 'M10 17l5-5-5-5M15 12H3M14 3h5a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2h-5',
  assessment: 'M11 4a7 7 0 1 0 0 14a7 7 0 1 0 0-14M20 20l-4.2-4.2',
  decision: 'M12 21v-8M12 13L5 6M12 13l7-7M5 10V6h4M19 10V6h-4',
  intervention: 'M9 3h6v6h6v6h-6v6H9v-6H3V9h6z',
  referral: 'M3 12h15M13 6l6 6-6 6',
  review: 'M20 12a8 8 0 1 1-2.3-5.7M20 4v5h-5',
  self_management: 'M12 3a3 3 0 1 0 0 6a3 3 0 1 0 0-6M5 21v-2a5 5 0 0 1 5-5h4a5 5 0 0 1 5 5v2',
  support: 'M12 20s-8-4.6-8-10.2A4.3 4.3 0 0 1 12 7.4a4.3 4.3 0 0 1 8 2.4C20 15.4 12 20 12 20z',
  admin: 'M9 3h6v3H9zM7 4.5H5V21h14V4.5h-2M8 11h8M8 15h6',
  discharge: 'M9 4H4v16h5M15 17l5-5-5-5M20 12H9',
  outcome: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M12 8a4 4 0 1 0 0 8a4 4 0 1 0 0-8',
  exit: 'M5 21V4M5 4h12l-3 4 3 4H5',
};

/** A warning triangle on the same 24 grid. */
export const WARNING_ICON = 'M12 3L2 20h20L12 3zM12 9v5M12 17v.5';

export interface LineStyle {
  /** Stroke width. */
  width: number;
  /** SVG dash pattern, or undefined for a solid line. */
  dash?: string;
  /** Draw as a double line (a wide stroke with a light core). */
  double?: boolean;
  /** Words for the legend. */
  name: string;
}

/** How each way of passing information is drawn. "None" is dashed, and also carries a warning. */
export const LINE_STYLES: Readonly<Record<InformationKind, LineStyle>> = {
  shared_record: { width: 5, double: true, name: 'double line' },
  structured_summary: { width: 3, name: 'thick solid line' },
  letter: { width: 2, dash: '2 5', name: 'dotted line' },
  phone: { width: 2, dash: '12 4 2 4', name: 'dash-dot line' },
  none: { width: 2.5, dash: '9 6', name: 'dashed line with a warning sign' },
};

/** Canvas colours (NHS palette). Meaning is always also given by shape, line style, icon or text. */
export const COLOURS = {
  stroke: '#212b32',
  fill: '#ffffff',
  selected: '#005eb8',
  warning: '#d5281b',
  crossing: '#6b4a00',
  laneA: '#ffffff',
  laneB: '#f0f4f5',
  laneBorder: '#aeb7bd',
  laneText: '#4c6272',
} as const;
