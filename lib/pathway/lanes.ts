// Swimlane geometry of the canvas: one horizontal lane per sector, in the order of SECTORS.
//
// Kept apart from layout.ts so the command module (and everything that imports it) does not pull
// in elkjs. layout.ts re-exports all of this. Positions are React Flow positions: the top-left
// corner of a step's node, in canvas units.
import { SECTORS, type Sector } from './schema';

/** Height of one lane (one sector). */
export const LANE_HEIGHT = 160;
/** The size the canvas draws a step at; auto-layout and collision checks assume it. */
export const STEP_NODE_WIDTH = 200;
export const STEP_NODE_HEIGHT = 80;
/** Horizontal distance between two neighbouring steps placed by a command. */
export const COLUMN_WIDTH = 260;

/** Index of a sector's lane, 0 at the top. */
export function laneIndex(sector: Sector): number {
  return SECTORS.indexOf(sector);
}

/** Top edge of a sector's lane. The lane spans [laneTop, laneTop + LANE_HEIGHT). */
export function laneTop(sector: Sector): number {
  return laneIndex(sector) * LANE_HEIGHT;
}

/** The y of a step node (its top edge) that sits vertically centred in the sector's lane. */
export function laneY(sector: Sector): number {
  return laneTop(sector) + (LANE_HEIGHT - STEP_NODE_HEIGHT) / 2;
}

/**
 * The sector whose lane contains the canvas point y. Above the first lane is the first lane and
 * below the last is the last, so a drop anywhere lands in some lane.
 * For a dropped node pass its centre: `sectorAtY(position.y + STEP_NODE_HEIGHT / 2)`.
 */
export function sectorAtY(y: number): Sector {
  const index = Number.isFinite(y) ? Math.floor(y / LANE_HEIGHT) : 0;
  const clamped = Math.min(SECTORS.length - 1, Math.max(0, index));
  return SECTORS[clamped] as Sector;
}

/** Keep a node's top edge inside a lane, so the whole node stays in it. */
export function clampToLane(sector: Sector, y: number): number {
  const top = laneTop(sector);
  return Math.min(top + LANE_HEIGHT - STEP_NODE_HEIGHT, Math.max(top, y));
}

/** Total height of all lanes. */
export const LANES_HEIGHT = SECTORS.length * LANE_HEIGHT;

/**
 * Whether a step's node, its top-left corner at `position` in canvas units, is wholly inside a
 * canvas of `size` pixels shown at `viewport` (React Flow's pan and zoom).
 */
export function stepWhollyInView(
  position: { x: number; y: number },
  viewport: { x: number; y: number; zoom: number },
  size: { width: number; height: number },
): boolean {
  const left = position.x * viewport.zoom + viewport.x;
  const top = position.y * viewport.zoom + viewport.y;
  return (
    left >= 0 &&
    top >= 0 &&
    left + STEP_NODE_WIDTH * viewport.zoom <= size.width &&
    top + STEP_NODE_HEIGHT * viewport.zoom <= size.height
  );
}
