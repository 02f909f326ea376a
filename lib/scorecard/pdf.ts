// Printable scorecard reports (PDF, through pdfkit): what a board paper needs. Each report says
// when it was produced and by whom, which version of each pathway it reports and when that was
// saved and scored, and which version of each framework the scores come from. Status is always
// written in words (never colour alone), failing criteria come first, and the room's consensus
// ratings sit in their own column beside the computed result.
//
// The PDF is tagged (headings, paragraphs, tables) with its language and title set, so screen
// readers can follow it; page numbers are marked as artifacts.
import PDFDocument from 'pdfkit';
import { printable, registerPdfFonts, type PdfFonts } from '@/lib/pdf/fonts';
import { FRAMEWORKS } from '@/lib/scoring/frameworks';
import { SECTOR_LABELS } from '@/lib/pathway/labels';
import type { Sector } from '@/lib/pathway/schema';
import { RATING_WORDS, STATUS_WORDS, describeCounts, formatDate, formatPercent, plural } from './format';
import type { PathwayFindings } from './findings';
import { EXPECTED_DAYS_LABEL, JOURNEY_MEASURES, formatJourneyValue, journeyValue, type PathwayScorecard, type TrendPoint, type WorkspaceScorecard } from './model';
import { describeFilters } from './filters';
import { PATHWAY_STATUS_LABELS, type PathwayStatus, type ScorecardFilters } from './types';

// Symbols spelled out; with the Helvetica fallback, anything else it cannot print becomes "?".
const REPLACEMENTS: Record<string, string> = { '→': '->', '←': '<-', '≥': '>=', '≤': '<=', '✓': 'Yes', '✗': 'No', '−': '-', '\u00a0': ' ' };

/** Text the report's typeface can print (lib/pdf/fonts.ts): known symbols spelled out, anything unprintable replaced. */
export function pdfText(text: string, fonts: Pick<PdfFonts, 'embedded'> = { embedded: false }): string {
  return printable(text, fonts, { replacements: REPLACEMENTS, unknown: '?' });
}

export interface ReportMeta {
  workspaceName: string;
  generatedAt: Date;
  generatedBy: string;
}

const BLUE = '#005eb8';
const BLACK = '#212b32';
const GREY = '#4c6272';
const MARGIN = 50;

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;
type Cell = string | { text: string; type?: 'TH' | 'TD' };

const UNICODE = { embedded: true } as const;

class Report {
  readonly doc: Doc;
  private readonly root: Struct;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<void>;
  private readonly fonts: PdfFonts;

  constructor(
    private readonly title: string,
    private readonly meta: ReportMeta,
  ) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: MARGIN, bottom: MARGIN + 10, left: MARGIN, right: MARGIN },
      bufferPages: true,
      tagged: true,
      lang: 'en-GB',
      displayTitle: true,
      // The document's properties are Unicode strings, whatever the typeface.
      info: {
        Title: pdfText(title, UNICODE),
        Author: pdfText(meta.generatedBy, UNICODE),
        Subject: pdfText(`Pathway scorecard, ${meta.workspaceName}`, UNICODE),
        Creator: 'Pathweave',
      },
    });
    this.fonts = registerPdfFonts(this.doc);
    this.doc.on('data', (c: Buffer) => this.chunks.push(c));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve());
      this.doc.on('error', reject);
    });
    this.root = this.doc.struct('Document');
    this.doc.addStructure(this.root);
  }

  /** Text this report's typeface can print. */
  private t(text: string): string {
    return pdfText(text, this.fonts);
  }

  get width(): number {
    return this.doc.page.width - MARGIN * 2;
  }

  private ensureSpace(points: number): void {
    if (this.doc.y + points > this.doc.page.height - MARGIN - 20) this.doc.addPage();
  }

  h1(text: string): void {
    this.doc.font(this.fonts.bold).fontSize(20).fillColor(BLACK);
    this.doc.text(this.t(text), MARGIN, this.doc.y, { structParent: this.root, structType: 'H1', width: this.width });
    this.doc.moveDown(0.4);
  }

  h2(text: string): void {
    this.ensureSpace(70);
    this.doc.moveDown(0.6);
    this.doc.font(this.fonts.bold).fontSize(14).fillColor(BLUE);
    this.doc.text(this.t(text), MARGIN, this.doc.y, { structParent: this.root, structType: 'H2', width: this.width });
    this.doc.fillColor(BLACK).moveDown(0.3);
  }

  h3(text: string): void {
    this.ensureSpace(50);
    this.doc.moveDown(0.4);
    this.doc.font(this.fonts.bold).fontSize(11).fillColor(BLACK);
    this.doc.text(this.t(text), MARGIN, this.doc.y, { structParent: this.root, structType: 'H3', width: this.width });
    this.doc.moveDown(0.2);
  }

  p(text: string, options: { bold?: boolean; grey?: boolean; size?: number; indent?: number } = {}): void {
    this.doc.font(options.bold ? this.fonts.bold : this.fonts.regular).fontSize(options.size ?? 10).fillColor(options.grey ? GREY : BLACK);
    const indent = options.indent ?? 0;
    this.doc.text(this.t(text), MARGIN + indent, this.doc.y, { structParent: this.root, width: this.width - indent });
    this.doc.fillColor(BLACK).moveDown(0.3);
  }

  bullets(items: readonly string[]): void {
    if (items.length === 0) return;
    this.doc.font(this.fonts.regular).fontSize(10).fillColor(BLACK);
    this.doc.list(items.map((item) => this.t(item)), MARGIN, this.doc.y, { structParent: this.root, width: this.width - 10, bulletRadius: 2, textIndent: 12 });
    this.doc.moveDown(0.3);
  }

  /** A table: the first row is the header (TH); widths are shares of the page width. */
  table(rows: readonly (readonly Cell[])[], shares: readonly number[]): void {
    if (rows.length === 0) return;
    this.ensureSpace(60);
    const total = shares.reduce((a, b) => a + b, 0);
    const widths = shares.map((s) => Math.floor((s / total) * this.width));
    this.doc.font(this.fonts.regular).fontSize(8.5).fillColor(BLACK);
    const table = this.doc.table({
      position: { x: MARGIN, y: this.doc.y },
      columnStyles: widths,
      defaultStyle: { border: 0.5, borderColor: '#aeb7bd', padding: [3, 4, 3, 4] },
    });
    rows.forEach((row, i) => {
      table.row(
        row.map((cell) => {
          const text = typeof cell === 'string' ? cell : cell.text;
          const header = i === 0 || (typeof cell !== 'string' && cell.type === 'TH');
          return {
            text: this.t(text),
            type: header ? 'TH' : 'TD',
            font: { src: header ? this.fonts.bold : this.fonts.regular, size: 8.5 },
            ...(i === 0 ? { backgroundColor: '#f0f4f5' } : {}),
          };
        }),
      );
    });
    table.end();
    this.doc.x = MARGIN;
    this.doc.moveDown(0.6);
  }

  /** Page numbers and the report's identity on every page, marked as artifacts. */
  private footers(): void {
    const range = this.doc.bufferedPageRange();
    const produced = `Produced ${formatDate(this.meta.generatedAt)} from Pathweave`;
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const bottom = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      this.doc.markContent('Artifact', { type: 'Pagination' });
      this.doc.font(this.fonts.regular).fontSize(8).fillColor(GREY);
      this.doc.text(this.t(`${this.title} · ${produced} · Page ${i + 1} of ${range.count}`), MARGIN, this.doc.page.height - MARGIN + 10, {
        width: this.width,
        lineBreak: false,
        ellipsis: true,
      });
      this.doc.endMarkedContent();
      this.doc.page.margins.bottom = bottom;
    }
  }

  async finish(): Promise<Buffer> {
    this.footers();
    this.doc.end();
    await this.done;
    return Buffer.concat(this.chunks);
  }
}

function frameworkLine(versions: readonly { title: string; versions: readonly string[] }[]): string {
  return versions
    .map((f) => `${f.title}, ${f.versions.length === 0 ? 'no scores' : `version ${f.versions.join(' and ')}`}`)
    .join('; ');
}


const HOW_TO_READ =
  'Scores are computed by Pathweave from the pathway as saved, against the RCGP five tests of integrated care and the National Voices principles of integrated care. A framework score is the mean over the criteria that could be scored; criteria that need judgement are counted separately and left out of it. Ratings agreed at design workshops are shown beside the computed results and never mixed into them; a workshop rating of a criterion that needs judgement gives that judgement and is not counted as differing. Criteria that are not met come first.';

function versionLine(p: PathwayScorecard): string {
  if (!p.version) return 'No saved version yet';
  return `Version ${p.version.number}, saved ${formatDate(p.version.savedAt)}`;
}

function frameworkCell(p: PathwayScorecard, frameworkId: string): string {
  const f = p.frameworks.find((x) => x.frameworkId === frameworkId);
  if (!f) return 'Not scored';
  return `${formatPercent(f.percent)}\n${describeCounts(f.notMet, f.needsJudgement)}`;
}

/** The whole workspace (as filtered): summary, criteria failing first, journeys, then each pathway. */
export async function workspaceReportPdf(scorecard: WorkspaceScorecard, filters: ScorecardFilters, meta: ReportMeta): Promise<Buffer> {
  const title = `Pathway scorecard: ${meta.workspaceName}`;
  const r = new Report(title, meta);
  r.h1(title);
  r.p(`Produced on ${formatDate(meta.generatedAt)} by ${meta.generatedBy}.`, { grey: true });
  r.p(describeFilters(filters));
  r.p(`Frameworks: ${frameworkLine(scorecard.frameworks)}.`);
  r.p(HOW_TO_READ, { grey: true, size: 9 });

  const t = scorecard.totals;
  r.h2('Summary');
  r.p(
    `${plural(t.pathways, 'pathway', 'pathways')}; ${t.scored} with saved scores. ${plural(t.withNotMet, 'pathway has', 'pathways have')} at least one criterion not met (${plural(t.notMet, 'criterion result', 'criterion results')} not met, added up over the pathways). ${plural(t.needsJudgement, 'criterion result needs', 'criterion results need')} a human judgement.`,
  );
  const [rcgp, nv] = [FRAMEWORKS[0]!, FRAMEWORKS[1]!];
  r.table(
    [
      ['Pathway', 'Version reported', rcgp.shortTitle, nv.shortTitle, "Ratings agreed at workshops"],
      ...scorecard.pathways.map((p) => [
        `${p.title}\n${p.conditions.join(', ')} · ${PATHWAY_STATUS_LABELS[p.status]}`,
        versionLine(p),
        frameworkCell(p, rcgp.id),
        frameworkCell(p, nv.id),
        p.scored
          ? `${p.consensus.rated} rated; ${p.consensus.notMet} not met; ${p.consensus.differs} differ from computed; ${p.consensus.judged} judged where computing cannot`
          : '',
      ]),
    ],
    [3.2, 2, 1.8, 1.8, 2],
  );

  r.h2('Criteria across pathways, failing first');
  r.table(
    [
      ['Criterion', 'Not met', 'Partly met', 'Needs judgement', 'Met', 'Rated at a workshop (differs)'],
      ...scorecard.criteria.map((c) => [
        `${c.label}: ${c.title}`,
        String(c.counts.not_met),
        String(c.counts.partly),
        String(c.counts.needs_judgement),
        String(c.counts.met),
        `${c.rated} (${c.differs})`,
      ]),
    ],
    // Wide enough that no heading breaks inside a word ("Needs jud / gement").
    [3.8, 1, 1.1, 1.7, 0.8, 1.8],
  );

  r.h2('Journey figures');
  r.p('What the person lives through on each pathway, from the latest saved version. Organisations are counted as the sectors the person meets.', { grey: true, size: 9 });
  r.table(
    [
      ['Pathway', ...JOURNEY_MEASURES.map((m) => m.label)],
      ...scorecard.pathways.map((p) => [p.title, ...JOURNEY_MEASURES.map((m) => formatJourneyValue(m.key, journeyValue(p.journey, m.key)))]),
    ],
    [3, 1, 1.2, 1.1, 1.3, 1.1],
  );

  r.h2('Pathways');
  for (const p of scorecard.pathways) {
    r.h3(p.title);
    r.p(`${versionLine(p)}${p.version?.scoredAt ? `; scored ${formatDate(p.version.scoredAt)}` : ''}. ${p.conditions.join(', ')}. ${PATHWAY_STATUS_LABELS[p.status]}.`, { grey: true, size: 9 });
    if (!p.scored) {
      r.p('No stored scores: save a version of this pathway to score it.');
      continue;
    }
    r.p(
      p.frameworks
        .map((f) => `${scorecard.frameworks.find((x) => x.id === f.frameworkId)?.shortTitle ?? f.frameworkId} (version ${f.frameworkVersion}): ${formatPercent(f.percent)}, ${describeCounts(f.notMet, f.needsJudgement)}`)
        .join('. ') + '.',
    );
    const rows = [...p.failing.map((f) => f.criterionId)];
    for (const [id, cell] of Object.entries(p.cells)) if (cell.status === 'met' && cell.consensus && cell.consensus.value !== 'met') rows.push(id);
    if (rows.length === 0) {
      r.p('Every criterion is met.');
      continue;
    }
    r.table(
      [
        ['Criterion', 'Computed result', 'Rating agreed at the workshop'],
        ...rows.map((id) => {
          const cell = p.cells[id]!;
          const column = scorecard.columns.find((c) => c.id === id);
          return [
            `${column?.label ?? id}: ${column?.title ?? id}`,
            `${STATUS_WORDS[cell.status]}${cell.findings ? ` (${plural(cell.findings, 'finding', 'findings')})` : ''}`,
            cell.consensus ? `${RATING_WORDS[cell.consensus.value]}${cell.consensus.reason ? `: ${cell.consensus.reason}` : ''}` : 'Not rated',
          ];
        }),
      ],
      [4, 1.8, 3],
    );
    const metCount = Object.values(p.cells).filter((c) => c.status === 'met').length;
    if (metCount) r.p(`${plural(metCount, 'other criterion is', 'other criteria are')} met.`, { grey: true, size: 9 });
  }
  return r.finish();
}

export interface PathwayReport {
  title: string;
  conditions: string[];
  status: PathwayStatus;
  /** A saved version, or the working copy scored when the report was made. */
  version: { number: number; savedAt: string; note: string } | 'working';
  findings: PathwayFindings;
  trend: { frameworkId: string; points: TrendPoint[] }[];
}

/** One pathway: its computed results and the room's ratings, findings, journey and trend. */
export async function pathwayReportPdf(report: PathwayReport, meta: ReportMeta): Promise<Buffer> {
  const title = `Pathway scorecard: ${report.title}`;
  const r = new Report(title, meta);
  r.h1(title);
  r.p(`${meta.workspaceName}. ${report.conditions.join(', ')}. ${PATHWAY_STATUS_LABELS[report.status]}.`);
  r.p(`Produced on ${formatDate(meta.generatedAt)} by ${meta.generatedBy}.`, { grey: true });
  if (report.version === 'working') {
    r.p(`Reports the working copy as it stood when this report was produced (not a saved version), scored on ${formatDate(report.findings.scoredAt)}.`, { bold: true });
  } else {
    r.p(
      `Reports version ${report.version.number}, saved ${formatDate(report.version.savedAt)}${report.findings.scoredAt ? ` and scored ${formatDate(report.findings.scoredAt)}` : ''}.`,
      { bold: true },
    );
    if (report.version.note) r.p(`Note with this version: ${report.version.note}`, { grey: true, size: 9 });
  }
  r.p(`Frameworks: ${report.findings.frameworks.map((f) => `${f.title}, version ${f.version}`).join('; ')}.`);
  r.p(HOW_TO_READ, { grey: true, size: 9 });

  r.h2('Summary');
  r.table(
    [
      ['Framework', 'Score', 'Not met', 'Needs judgement', 'Criteria scored'],
      ...report.findings.frameworks.map((f) => [f.title, formatPercent(f.percent), String(f.notMet), String(f.needsJudgement), String(f.scored)]),
    ],
    [4, 1, 1, 1.3, 1.2],
  );

  for (const f of report.findings.frameworks) {
    r.h2(`${f.title} (version ${f.version})`);
    r.table(
      [
        ['Criterion', 'Computed result', 'What was measured', 'Rating agreed at the workshop'],
        ...f.worstFirst.map((c) => [
          `${c.label}: ${c.title}`,
          `${STATUS_WORDS[c.status]}${c.score !== null ? ` (${Math.round(c.score * 100)}%)` : ''}`,
          c.measure,
          c.consensus ? `${RATING_WORDS[c.consensus.value]}${c.consensus.reason ? `: ${c.consensus.reason}` : ''}` : 'Not rated',
        ]),
      ],
      [2.6, 1.3, 3.4, 2],
    );
  }

  r.h2('Findings, failing criteria first');
  let any = false;
  for (const f of report.findings.frameworks) {
    for (const c of f.worstFirst) {
      if (c.findings.length === 0 && c.advice.length === 0) continue;
      any = true;
      r.h3(`${c.label}: ${c.title}: ${STATUS_WORDS[c.status]}`);
      r.bullets([
        ...c.findings.map((x) => `${x.targetKind === 'step' ? 'Step' : 'Transition'} "${x.targetLabel}": ${x.message} Suggestion: ${x.suggestion}`),
        ...c.advice.map((a) => `${a.message} Suggestion: ${a.suggestion}`),
      ]);
    }
  }
  if (!any) r.p('No findings.');

  const j = report.findings.journey;
  r.h2('Journey figures');
  if (!j) r.p('Not available for this version.');
  else {
    r.table(
      [
        ['Figure', 'Value'],
        ['Steps', String(j.steps)],
        ['Contacts with a professional', String(j.contacts)],
        ['Organisations (sectors) met', `${j.organisations}: ${j.sectors.map((s) => SECTOR_LABELS[s as Sector] ?? s).join(', ')}`],
        ['Hand-offs between services or sectors', String(j.faultLineCrossings)],
        ['Hand-offs with no information passed on', `${j.crossingsWithoutInformation.length}${j.crossingsWithoutInformation.length ? `: ${j.crossingsWithoutInformation.map((x) => x.label).join('; ')}` : ''}`],
        ['Repeated assessments', String(j.repeatedAssessments.length)],
        [EXPECTED_DAYS_LABEL, formatJourneyValue('expectedDays', j.expectedDays)],
      ],
      [2, 4],
    );
  }

  if (report.trend.some((t) => t.points.length > 0)) {
    r.h2('Scores across saved versions');
    const numbers = [...new Set(report.trend.flatMap((t) => t.points.map((p) => p.number)))].sort((a, b) => a - b);
    const titles = report.trend.map((t) => FRAMEWORKS.find((f) => f.id === t.frameworkId)?.shortTitle ?? t.frameworkId);
    r.table(
      [
        ['Version', 'Saved', ...titles],
        ...numbers.map((n) => {
          const any0 = report.trend.flatMap((t) => t.points).find((p) => p.number === n);
          return [String(n), formatDate(any0?.savedAt), ...report.trend.map((t) => formatPercent(t.points.find((p) => p.number === n)?.percent ?? null))];
        }),
      ],
      [1, 2, ...titles.map(() => 2)],
    );
  }
  return r.finish();
}
