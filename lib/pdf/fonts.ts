// The typeface of Pathweave's PDFs (the care plan and the scorecards). PDFKit's built-in
// Helvetica only has the Windows Latin-1 characters, so a name such as "Siân Ŵyn" or "Łucja
// Wójcik" lost letters on paper. DejaVu Sans (package dejavu-fonts-ttf) covers Latin, its
// extensions, Greek and Cyrillic; PDFKit embeds the characters used, which PDF/UA also asks for.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { log } from '@/lib/log';

export interface PdfFonts {
  regular: string;
  bold: string;
  /** False when the font files could not be read and the built-in Helvetica is used instead. */
  embedded: boolean;
}

type FontFiles = { regular: Buffer; bold: Buffer };
let files: FontFiles | null | undefined;

function fontDir(): string {
  return process.env.PATHWEAVE_PDF_FONT_DIR ?? join(process.cwd(), 'node_modules', 'dejavu-fonts-ttf', 'ttf');
}

function loadFiles(): FontFiles | null {
  if (files !== undefined) return files;
  try {
    const dir = fontDir();
    files = {
      regular: readFileSync(join(dir, 'DejaVuSans.ttf')),
      bold: readFileSync(join(dir, 'DejaVuSans-Bold.ttf')),
    };
  } catch (error) {
    log.warn({ err: error }, 'pdf: DejaVu Sans not found; PDFs use Helvetica, which has only Latin-1 letters');
    files = null;
  }
  return files;
}

/** Register the PDF typeface on a document; returns the names to pass to doc.font(). */
export function registerPdfFonts(doc: PDFKit.PDFDocument): PdfFonts {
  const loaded = loadFiles();
  if (!loaded) return { regular: 'Helvetica', bold: 'Helvetica-Bold', embedded: false };
  doc.registerFont('Body', loaded.regular);
  doc.registerFont('Body-Bold', loaded.bold);
  return { regular: 'Body', bold: 'Body-Bold', embedded: true };
}

/** What the fallback Helvetica (Windows-1252) prints beyond ASCII and Latin-1. */
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/**
 * Text the PDF can print. `replacements` spell out symbols first (say "->" for an arrow); then
 * tabs become spaces, other control characters go, and so does any character the typeface has no
 * glyph for, printed as `unknown` instead (nothing, by default): with the embedded typeface that
 * is only what lies beyond the Basic Multilingual Plane (emoji); with the Helvetica fallback,
 * anything outside Windows-1252.
 */
export function printable(
  text: string,
  fonts: Pick<PdfFonts, 'embedded'>,
  options: { replacements?: Readonly<Record<string, string>>; unknown?: string } = {},
): string {
  const replacements = options.replacements ?? {};
  const unknown = options.unknown ?? '';
  let out = '';
  for (const ch of text) {
    const replacement = replacements[ch];
    if (replacement !== undefined) {
      out += replacement;
      continue;
    }
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\n') out += ch;
    else if (ch === '\t' || ch === '\r') out += ' ';
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += unknown;
    else if (fonts.embedded ? code <= 0xffff : code <= 0xff || CP1252_EXTRA.has(ch)) out += ch;
    else out += unknown;
  }
  return out;
}
