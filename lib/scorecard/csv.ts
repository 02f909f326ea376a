// The scorecard as CSV: one row per pathway, every criterion's computed status beside the room's
// consensus rating (two columns, never merged), and the journey figures. RFC 4180 quoting, CRLF
// line ends, and a byte-order mark so spreadsheet programs read it as UTF-8.
import { STATUS_WORDS, RATING_WORDS } from './format';
import { JOURNEY_MEASURES, journeyValue, type WorkspaceScorecard } from './model';
import { PATHWAY_STATUS_LABELS } from './types';

export type CsvCell = string | number | null | undefined;

/**
 * One field. Text that a spreadsheet would run as a formula (starting with =, +, -, @, tab or
 * carriage return) is prefixed with an apostrophe: pathway titles and reasons are typed by people.
 */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let s = value;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: readonly CsvCell[]): string {
  return cells.map(csvField).join(',');
}

export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return `\uFEFF${rows.map(csvLine).join('\r\n')}\r\n`;
}

/** The scorecard's rows, header first. */
export function scorecardCsvRows(scorecard: WorkspaceScorecard, options: { baseUrl?: string; workspaceSlug: string }): CsvCell[][] {
  const header: CsvCell[] = ['Pathway', 'Conditions', 'Status', 'Version', 'Version saved', 'Scored on'];
  for (const f of scorecard.frameworks) {
    header.push(`${f.shortTitle}: framework version`, `${f.shortTitle}: score (%)`, `${f.shortTitle}: criteria not met`, `${f.shortTitle}: criteria needing judgement`);
  }
  header.push('Criteria not met (computed)', 'Criteria needing judgement (computed)', 'Criteria rated by the room');
  for (const c of scorecard.columns) header.push(`${c.label} ${c.title} (computed)`, `${c.label} (room's consensus)`);
  for (const m of JOURNEY_MEASURES) header.push(m.label);
  header.push('Scorecard link');

  const rows: CsvCell[][] = [header];
  const base = options.baseUrl?.replace(/\/$/, '') ?? '';
  for (const p of scorecard.pathways) {
    const row: CsvCell[] = [
      p.title,
      p.conditions.join('; '),
      PATHWAY_STATUS_LABELS[p.status],
      p.version ? p.version.number : 'No saved version',
      p.version ? p.version.savedAt.slice(0, 10) : '',
      p.version?.scoredAt ?? '',
    ];
    for (const f of scorecard.frameworks) {
      const figures = p.frameworks.find((x) => x.frameworkId === f.id);
      row.push(figures?.frameworkVersion ?? '', figures?.percent ?? '', figures?.notMet ?? '', figures?.needsJudgement ?? '');
    }
    row.push(p.scored ? p.notMet : '', p.scored ? p.needsJudgement : '', p.scored ? p.consensus.rated : '');
    for (const c of scorecard.columns) {
      const cell = p.cells[c.id];
      const room = cell?.consensus;
      row.push(cell ? STATUS_WORDS[cell.status] : '', room ? `${RATING_WORDS[room.value]}${room.reason ? `: ${room.reason}` : ''}` : '');
    }
    for (const m of JOURNEY_MEASURES) {
      const v = journeyValue(p.journey, m.key);
      row.push(v === null ? '' : m.key === 'expectedDays' ? Math.round(v * 10) / 10 : v);
    }
    row.push(`${base}/w/${options.workspaceSlug}/scorecards/${p.id}`);
    rows.push(row);
  }
  return rows;
}

/** A safe file name part: "riverside-gp-cluster". */
export function fileSlug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'scorecard';
}

/** Reads CSV written by toCsv (RFC 4180, CRLF, optional byte-order mark) back into rows. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && body[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}
