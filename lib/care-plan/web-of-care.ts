// The person's "web of care" as a picture: the person in the middle, the people who help them around
// them, grouped by part of care. National Voices asked people to draw their own webs of care to show
// what they have to navigate (seed 003). The picture is drawn from this layout; the same people are
// always listed in text beside it, so nothing is only in the picture.
import { SECTORS, type Sector } from '@/lib/pathway/schema';
import type { CareTeamMemberView } from './types';

export interface WebNode {
  id: string;
  name: string;
  /** A short second line: job title or role. */
  detail: string;
  sector: Sector;
  x: number;
  y: number;
  isCoordinator: boolean;
}

export interface WebOfCare {
  width: number;
  height: number;
  centre: { x: number; y: number };
  radius: number;
  nodes: WebNode[];
  /** The sectors that have someone in them, in the fixed order. */
  sectors: Sector[];
}

/** Fill colours per part of care: light tints with dark text (contrast over 7:1), never colour alone. */
export const SECTOR_COLOURS: Readonly<Record<Sector, { fill: string; stroke: string }>> = {
  self_care: { fill: '#fff4d6', stroke: '#6b4a00' },
  primary_care: { fill: '#e8f1fa', stroke: '#005eb8' },
  community_health: { fill: '#e6f2ea', stroke: '#00401e' },
  secondary_care: { fill: '#efe6f5', stroke: '#330072' },
  mental_health: { fill: '#fbe9e7', stroke: '#8d1c12' },
  social_care: { fill: '#f0f4f5', stroke: '#212b32' },
  voluntary_community: { fill: '#fdf2e9', stroke: '#7a3b00' },
};

/** Lays the members out on a circle, sector by sector, in the fixed sector order. */
export function layoutWebOfCare(
  members: readonly Pick<CareTeamMemberView, 'id' | 'name' | 'jobTitle' | 'role' | 'sector' | 'isCoordinator'>[],
  roleLabel: (m: Pick<CareTeamMemberView, 'role' | 'jobTitle'>) => string,
  size = 640,
): WebOfCare {
  const width = size;
  const height = size;
  const centre = { x: width / 2, y: height / 2 };
  const radius = size * 0.345;
  const ordered = [...members].sort((a, b) => SECTORS.indexOf(a.sector) - SECTORS.indexOf(b.sector));
  const count = ordered.length;
  const nodes: WebNode[] = ordered.map((m, i) => {
    // Start at the top and go clockwise.
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, count);
    return {
      id: m.id,
      name: m.name,
      detail: roleLabel(m),
      sector: m.sector,
      x: Math.round((centre.x + radius * Math.cos(angle)) * 10) / 10,
      y: Math.round((centre.y + radius * Math.sin(angle)) * 10) / 10,
      isCoordinator: m.isCoordinator,
    };
  });
  const sectors = SECTORS.filter((s) => ordered.some((m) => m.sector === s));
  return { width, height, centre, radius, nodes, sectors };
}

/** Splits a label into lines of at most `max` characters, at spaces, for SVG text. */
export function wrapLabel(text: string, max = 18, maxLines = 2): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!line) line = word;
    else if ((line + ' ' + word).length <= max) line += ' ' + word;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]}…`;
  return kept;
}
