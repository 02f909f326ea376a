'use client';
// What the shapes and lines mean: every meaning the canvas shows has words here.
import { INFORMATION_KINDS, STEP_KINDS } from '@/lib/pathway/schema';
import { INFORMATION_LABELS, KIND_LABELS } from '@/lib/pathway/labels';
import { COLOURS, KIND_ICONS, LINE_STYLES, WARNING_ICON, stepShape } from './shapes';

export function Legend() {
  return (
    <details className="pw-legend">
      <summary>Key to shapes and lines</summary>
      <div className="pw-legend-body">
        <h3 className="font-bold text-sm">Kinds of step</h3>
        <ul className="pw-legend-list">
          {STEP_KINDS.map((kind) => {
            const shape = stepShape(kind, 60, 26);
            return (
              <li key={kind}>
                <svg width="60" height="26" aria-hidden="true" focusable="false">
                  <path d={shape.outline} fill="#fff" stroke={COLOURS.stroke} strokeWidth="1.5" strokeDasharray={shape.dashed ? '5 3' : undefined} />
                  {shape.detail ? <path d={shape.detail} fill="none" stroke={COLOURS.stroke} /> : null}
                  <g transform="translate(22 5) scale(0.66)">
                    <path d={KIND_ICONS[kind]} fill="none" stroke={COLOURS.stroke} strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" />
                  </g>
                </svg>
                <span>
                  {KIND_LABELS[kind]}: {shape.name}
                </span>
              </li>
            );
          })}
        </ul>
        <h3 className="font-bold text-sm mt-2">How information travels</h3>
        <ul className="pw-legend-list">
          {INFORMATION_KINDS.map((info) => {
            const line = LINE_STYLES[info];
            const colour = info === 'none' ? COLOURS.warning : COLOURS.stroke;
            return (
              <li key={info}>
                <svg width="60" height="16" aria-hidden="true" focusable="false">
                  <path d="M2 8 H58" stroke={colour} strokeWidth={line.width} strokeDasharray={line.dash} />
                  {line.double ? <path d="M2 8 H58" stroke="#fff" strokeWidth="1.5" /> : null}
                </svg>
                <span>
                  {INFORMATION_LABELS[info]}: {line.name}
                </span>
              </li>
            );
          })}
          <li>
            <svg width="60" height="16" viewBox="0 0 60 16" aria-hidden="true" focusable="false">
              <g transform="translate(22 0) scale(0.66)">
                <path d={WARNING_ICON} fill="none" stroke={COLOURS.crossing} strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" />
              </g>
            </svg>
            <span>Warning sign and words: no information passed on, or the transition crosses a fault line</span>
          </li>
        </ul>
      </div>
    </details>
  );
}
