'use client';
// The swimlanes: one horizontal band per sector, drawn behind the steps and moving with the
// canvas. Lane names stay pinned to the left edge so they are readable wherever the canvas is
// scrolled. Decorative for assistive technology: every step's own label names its sector, and the
// outline view lists steps by lane.
import { memo } from 'react';
import { useStore, type ReactFlowState } from '@xyflow/react';
import { SECTORS, type Sector } from '@/lib/pathway/schema';
import { SECTOR_LABELS } from '@/lib/pathway/labels';
import { LANE_HEIGHT, laneTop } from '@/lib/pathway/lanes';

const selectTransform = (s: ReactFlowState) => s.transform;

function LanesView({ dropSector }: { dropSector: Sector | null }) {
  const [, ty, zoom] = useStore(selectTransform);
  return (
    <div className="pw-lanes react-flow__background" aria-hidden="true">
      {SECTORS.map((sector, i) => {
        const top = ty + laneTop(sector) * zoom;
        const height = LANE_HEIGHT * zoom;
        const target = dropSector === sector;
        return (
          <div
            key={sector}
            className={`pw-lane${i % 2 ? ' pw-lane-alt' : ''}${target ? ' pw-lane-target' : ''}`}
            style={{ top, height }}
            data-sector={sector}
          >
            <span className="pw-lane-name">
              {SECTOR_LABELS[sector]}
              {target ? ' (drop here)' : ''}
            </span>
          </div>
        );
      })}
    </div>
  );
}

export const Lanes = memo(LanesView);
