// The canvas as a picture: a self-contained SVG built from the document with the same shapes,
// icons, line styles and lanes as the live canvas (shapes.ts), and a PNG drawn from that SVG.
// Built from the document rather than copied from the DOM, so it needs no extra package, includes
// steps that are scrolled out of view, and always matches what is saved.
import { getBezierPath, Position } from '@xyflow/react';
import { SECTORS, type Pathway } from '@/lib/pathway/schema';
import { INFORMATION_LABELS, KIND_LABELS, SECTOR_LABELS } from '@/lib/pathway/labels';
import { LANE_HEIGHT, laneTop } from '@/lib/pathway/lanes';
import { faultLinesCrossed } from '@/lib/scoring/faultlines';
import { COLOURS, KIND_ICONS, LINE_STYLES, NODE_HEIGHT, NODE_WIDTH, WARNING_ICON, stepShape } from './shapes';
import { stepPositions } from './canvasModel';

const LABEL_GUTTER = 190;
const MARGIN = 24;

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Break a title into at most `lines` lines of about `width` characters, ending with … if cut. */
export function wrapText(text: string, width: number, lines: number): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let line = '';
  let cut = false;
  for (const word of words) {
    const piece = word.length > width ? `${word.slice(0, width - 1)}…` : word;
    const candidate = line ? `${line} ${piece}` : piece;
    if (candidate.length <= width) {
      line = candidate;
      continue;
    }
    out.push(line);
    line = piece;
    if (out.length === lines) {
      cut = true;
      break;
    }
  }
  if (!cut && line) out.push(line);
  if (cut) {
    const last = out[lines - 1] ?? '';
    out[lines - 1] = last.length >= width ? `${last.slice(0, width - 1)}…` : `${last}…`;
  }
  return out;
}

export interface SvgOptions {
  /** Open findings per step id, drawn as a badge. */
  findingCounts?: ReadonlyMap<string, number>;
}

/** The pathway drawn as an SVG document (text). */
export function pathwayToSvg(doc: Pathway, options: SvgOptions = {}): string {
  const positions = stepPositions(doc);
  let maxX = 0;
  for (const p of positions.values()) maxX = Math.max(maxX, p.x + NODE_WIDTH);
  let minX = 0;
  for (const p of positions.values()) minX = Math.min(minX, p.x);
  const shiftX = LABEL_GUTTER + MARGIN - minX;
  const width = Math.max(600, maxX - minX + LABEL_GUTTER + MARGIN * 2);
  const titleHeight = 56;
  const height = titleHeight + SECTORS.length * LANE_HEIGHT + MARGIN;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Arial, Helvetica, sans-serif" role="img" aria-labelledby="pw-svg-title">`,
    `<title id="pw-svg-title">${esc(doc.title)}</title>`,
    `<defs><marker id="pw-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${COLOURS.stroke}"/></marker>`,
    `<marker id="pw-arrow-none" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${COLOURS.warning}"/></marker></defs>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${MARGIN}" y="34" font-size="22" font-weight="bold" fill="${COLOURS.stroke}">${esc(doc.title)}</text>`,
  );
  parts.push(`<g transform="translate(0 ${titleHeight})">`);
  SECTORS.forEach((sector, i) => {
    const y = laneTop(sector);
    parts.push(
      `<rect x="0" y="${y}" width="${width}" height="${LANE_HEIGHT}" fill="${i % 2 ? COLOURS.laneB : COLOURS.laneA}" stroke="${COLOURS.laneBorder}" stroke-width="1"/>`,
      `<text x="${MARGIN}" y="${y + 24}" font-size="14" font-weight="bold" fill="${COLOURS.laneText}">${esc(SECTOR_LABELS[sector])}</text>`,
    );
  });
  parts.push(`<g transform="translate(${shiftX} 0)">`);
  const byId = new Map(doc.steps.map((s) => [s.id, s]));
  for (const t of doc.transitions) {
    const a = positions.get(t.from);
    const b = positions.get(t.to);
    const from = byId.get(t.from);
    const to = byId.get(t.to);
    if (!a || !b || !from || !to) continue;
    const sx = a.x + NODE_WIDTH;
    const sy = a.y + NODE_HEIGHT / 2;
    const tx = b.x;
    const ty = b.y + NODE_HEIGHT / 2;
    const [path, lx, ly] =
      t.from === t.to
        ? [`M${sx},${sy} C${sx + 70},${sy - 90} ${tx - 70},${ty - 90} ${tx},${ty}`, (sx + tx) / 2, Math.min(sy, ty) - 68]
        : getBezierPath({ sourceX: sx, sourceY: sy, sourcePosition: Position.Right, targetX: tx, targetY: ty, targetPosition: Position.Left });
    const style = LINE_STYLES[t.information];
    const none = t.information === 'none';
    const colour = none ? COLOURS.warning : COLOURS.stroke;
    parts.push(
      `<path d="${path}" fill="none" stroke="${colour}" stroke-width="${style.width}"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''} marker-end="url(#${none ? 'pw-arrow-none' : 'pw-arrow'})"><title>${esc(`${from.title} → ${to.title}: ${INFORMATION_LABELS[t.information]}`)}</title></path>`,
    );
    if (style.double) parts.push(`<path d="${path}" fill="none" stroke="#ffffff" stroke-width="1.5"/>`);
    const crossings = faultLinesCrossed(from, to);
    const words = [t.label, none ? 'No information passed on' : '', crossings.length ? (crossings.length === 1 ? 'Crosses a fault line' : `Crosses ${crossings.length} fault lines`) : '']
      .filter(Boolean)
      .join(' · ');
    if (words) {
      const w = Math.min(260, words.length * 6.2 + (none || crossings.length ? 26 : 12));
      parts.push(
        `<g transform="translate(${lx - w / 2} ${ly - 10})"><rect width="${w}" height="20" rx="4" fill="#ffffff" stroke="${none ? COLOURS.warning : crossings.length ? COLOURS.crossing : COLOURS.laneBorder}"/>`,
      );
      let textX = 6;
      if (none || crossings.length) {
        parts.push(`<g transform="translate(5 3) scale(0.58)"><path d="${WARNING_ICON}" fill="none" stroke="${none ? COLOURS.warning : COLOURS.crossing}" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/></g>`);
        textX = 22;
      }
      parts.push(`<text x="${textX}" y="14" font-size="11" fill="${COLOURS.stroke}">${esc(words)}</text></g>`);
    }
  }
  for (const step of doc.steps) {
    const p = positions.get(step.id);
    if (!p) continue;
    const shape = stepShape(step.kind, NODE_WIDTH, NODE_HEIGHT);
    parts.push(`<g transform="translate(${p.x} ${p.y})"><title>${esc(`${step.title} (${KIND_LABELS[step.kind]})`)}</title>`);
    parts.push(`<path d="${shape.outline}" fill="#ffffff" stroke="${COLOURS.stroke}" stroke-width="2"${shape.dashed ? ' stroke-dasharray="8 5"' : ''}/>`);
    if (shape.double) {
      parts.push(
        `<path d="${shape.outline}" fill="none" stroke="${COLOURS.stroke}" stroke-width="1" transform="translate(5 5) scale(${(NODE_WIDTH - 10) / NODE_WIDTH} ${(NODE_HEIGHT - 10) / NODE_HEIGHT})"/>`,
      );
    }
    if (shape.detail) parts.push(`<path d="${shape.detail}" fill="none" stroke="${COLOURS.stroke}" stroke-width="1.5"/>`);
    parts.push(
      `<g transform="translate(22 14) scale(0.75)"><path d="${KIND_ICONS[step.kind]}" fill="none" stroke="${COLOURS.stroke}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></g>`,
      `<text x="46" y="24" font-size="10" fill="${COLOURS.laneText}">${esc(KIND_LABELS[step.kind])}</text>`,
    );
    wrapText(step.title, 22, 3).forEach((line, i) => {
      parts.push(`<text x="46" y="${40 + i * 14}" font-size="12" font-weight="bold" fill="${COLOURS.stroke}">${esc(line)}</text>`);
    });
    const findings = options.findingCounts?.get(step.id) ?? 0;
    if (findings > 0) {
      parts.push(
        `<g transform="translate(${NODE_WIDTH - 34} -10)"><rect width="40" height="20" rx="10" fill="${COLOURS.warning}"/><text x="20" y="14" font-size="11" font-weight="bold" fill="#ffffff" text-anchor="middle">⚠ ${findings}</text></g>`,
      );
    }
    parts.push('</g>');
  }
  parts.push('</g></g></svg>');
  return parts.join('');
}

/** A failure to make the PNG that Pathweave itself names, in words a person can act on. */
export class PictureError extends Error {}

/**
 * What to tell the person when the PNG could not be made: Pathweave's own sentence, never the
 * browser's (a canvas that runs out of memory throws words like "InvalidStateError").
 */
export function pictureErrorMessage(error: unknown): string {
  const next = 'Download the picture as SVG instead, or use the print view.';
  if (error instanceof PictureError) return `${error.message} ${next}`;
  return `The PNG picture could not be made in this browser. ${next}`;
}

/** Draw the SVG on a canvas and return PNG bytes (a Blob), at `scale` times its size. */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const size = /width="(\d+(?:\.\d+)?)" height="(\d+(?:\.\d+)?)"/.exec(svg);
  const width = Number(size?.[1] ?? 1200);
  const height = Number(size?.[2] ?? 800);
  // Browsers limit canvas size; a very wide pathway is drawn smaller rather than failing.
  const limit = 16000;
  const factor = Math.min(scale, limit / width, limit / height);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new PictureError('The picture could not be drawn.'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * factor));
    canvas.height = Math.max(1, Math.round(height * factor));
    const context = canvas.getContext('2d');
    if (!context) throw new PictureError('This browser cannot draw pictures.');
    context.scale(factor, factor);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new PictureError('The picture could not be saved.'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Offer a file for download. */
export function download(name: string, content: Blob | string, type = 'application/octet-stream'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file name from a title: "COPD breathlessness to long-term support" -> "copd-breathlessness-to-long-term-support". */
export function fileNameFor(title: string, extension: string): string {
  const base = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${base || 'pathway'}.${extension}`;
}
