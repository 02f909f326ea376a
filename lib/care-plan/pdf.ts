// The plan as a PDF, for people without digital access and for the fridge door.
//
// It is made from the same presentation as the screen and the print view (present.ts), so it has
// every section they have. It is a tagged PDF (headings, paragraphs and lists in the structure tree,
// the language set, the title shown), so a screen reader can read it too; page furniture is marked as
// artifact. A large-print version uses bigger type throughout. Issue 6, §4: "must never be second best".
import PDFDocument from 'pdfkit';
import { printable, registerPdfFonts, type PdfFonts } from '@/lib/pdf/fonts';
import { planCopy, reviewSentence, urgentHelpLines } from './copy';
import { formatDate, lowerFirst, possessive } from './plain';
import type { PlanPresentation } from './present';

export interface PdfOptions {
  large?: boolean;
  /** YYYY-MM-DD, printed on every page so an old copy can be spotted. */
  today: string;
  /** Who it is for: the person, or their carer reading it. */
  audience?: 'patient' | 'carer' | 'clinician';
  /** False for a reader who may look but not tick off jobs or add notes online (default true). */
  canUpdate?: boolean;
}

const COLOURS = {
  text: '#212b32',
  grey: '#4c6272',
  blue: '#005eb8',
  green: '#007f3b',
  amber: '#ffb81c',
  red: '#d5281b',
  rule: '#d8dde0',
};

/**
 * Text for the fallback Helvetica, whose encoding is Windows-1252: keep what it has (including
 * ’ “ ” – •), spell out a few symbols, and drop anything else rather than print a wrong glyph.
 * With the embedded typeface (lib/pdf/fonts.ts) every letter of a name is kept.
 */
export function pdfSafe(text: string, fonts: Pick<PdfFonts, 'embedded'> = { embedded: false }): string {
  return printable(text, fonts, { replacements: SYMBOLS });
}

/** Symbols spelled out in words a person reads aloud. */
const SYMBOLS: Readonly<Record<string, string>> = { '✓': 'done', '✔': 'done', '→': '->', '➔': '->', '\u00a0': ' ' };

const UNICODE = { embedded: true } as const;

/** Renders the plan; resolves with the PDF bytes. */
export function renderCarePlanPdf(plan: PlanPresentation, options: PdfOptions): Promise<Buffer> {
  const large = options.large === true;
  const size = {
    body: large ? 16 : 12,
    small: large ? 14 : 10,
    h1: large ? 30 : 24,
    h2: large ? 22 : 17,
    h3: large ? 18 : 13.5,
  };
  const copy = planCopy(options.audience ?? 'patient', plan.patientName, { canUpdate: options.canUpdate });
  const title =
    options.audience === 'carer' ? possessive(plan.patientName) + ' care plan' : `Care plan for ${plan.patientName}`;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 64, left: 56, right: 56 },
    pdfVersion: '1.7',
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    bufferPages: true,
    // The document's properties are Unicode strings, whatever the typeface.
    info: { Title: pdfSafe(title, UNICODE), Author: 'Pathweave', Subject: pdfSafe(plan.title, UNICODE) },
  });
  const fonts = registerPdfFonts(doc);
  const safe = (text: string) => pdfSafe(text, fonts);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const root = doc.struct('Document');
  doc.addStructure(root);

  const ensureSpace = (height: number) => {
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
  };
  const gap = (n = 0.6) => doc.moveDown(n);

  const h1 = (text: string) => {
    root.add(
      doc.struct('H1', {}, () =>
        doc.font(fonts.bold).fontSize(size.h1).fillColor(COLOURS.text).text(safe(text), { width }),
      ),
    );
    gap(0.4);
  };
  const h2 = (text: string) => {
    ensureSpace(size.h2 * 4);
    gap(0.8);
    root.add(
      doc.struct('H2', {}, () =>
        doc.font(fonts.bold).fontSize(size.h2).fillColor(COLOURS.blue).text(safe(text), { width }),
      ),
    );
    gap(0.3);
  };
  const h3 = (text: string, colour = COLOURS.text) => {
    ensureSpace(size.h3 * 3);
    root.add(
      doc.struct('H3', {}, () =>
        doc.font(fonts.bold).fontSize(size.h3).fillColor(colour).text(safe(text), { width }),
      ),
    );
    gap(0.15);
  };
  const p = (text: string, opts: { bold?: boolean; grey?: boolean; small?: boolean; indent?: number } = {}) => {
    if (!text.trim()) return;
    root.add(
      doc.struct('P', {}, () =>
        doc
          .font(opts.bold ? fonts.bold : fonts.regular)
          .fontSize(opts.small ? size.small : size.body)
          .fillColor(opts.grey ? COLOURS.grey : COLOURS.text)
          .text(safe(text), doc.page.margins.left + (opts.indent ?? 0), doc.y, {
            width: width - (opts.indent ?? 0),
          }),
      ),
    );
    gap(0.25);
  };
  const labelled = (label: string, value: string) => {
    if (!value.trim()) return;
    root.add(
      doc.struct('P', {}, () => {
        doc
          .font(fonts.bold)
          .fontSize(size.body)
          .fillColor(COLOURS.text)
          .text(safe(`${label}: `), doc.page.margins.left, doc.y, { width, continued: true });
        doc.font(fonts.regular).text(safe(value));
      }),
    );
    gap(0.2);
  };
  /** Phone and email written out, or the same words as the screen when there are neither. */
  const contactDetails = (c: { phone: string; email: string }) => {
    if (!c.phone.trim() && !c.email.trim()) {
      p(copy.noContact);
      return;
    }
    labelled('Phone', c.phone);
    labelled('Email', c.email);
  };
  const list = (items: string[]) => {
    if (items.length === 0) return;
    const l = doc.struct('L');
    root.add(l);
    for (const item of items) {
      ensureSpace(size.body * 2);
      l.add(
        doc.struct('LI', {}, [
          doc.struct('LBody', {}, () =>
            doc
              .font(fonts.regular)
              .fontSize(size.body)
              .fillColor(COLOURS.text)
              .text(`•  ${safe(item)}`, doc.page.margins.left + 6, doc.y, { width: width - 6 }),
          ),
        ]),
      );
      gap(0.2);
    }
    l.end();
  };
  /** A box to tick by hand, drawn as page furniture (the words say what it is). */
  const tickBox = (x: number, y: number, ticked: boolean) => {
    doc.markContent('Artifact', { type: 'Layout' });
    const s = size.body;
    doc.lineWidth(1.5).strokeColor(COLOURS.text).rect(x, y, s, s).stroke();
    if (ticked) {
      doc
        .moveTo(x + s * 0.2, y + s * 0.55)
        .lineTo(x + s * 0.42, y + s * 0.8)
        .lineTo(x + s * 0.82, y + s * 0.2)
        .stroke();
    }
    doc.endMarkedContent();
  };
  /** A coloured bar beside a block, as page furniture: the heading names the colour in words. */
  const sideBar = (colour: string, top: number, bottom: number) => {
    doc.markContent('Artifact', { type: 'Layout' });
    doc
      .save()
      .rect(doc.page.margins.left - 14, top, 6, Math.max(6, bottom - top))
      .fill(colour)
      .restore();
    doc.endMarkedContent();
  };

  // ---- Title ----
  h1(title);
  p(`${plan.title}. Printed on ${formatDate(options.today)}.`, { grey: true });
  if (plan.review) p(reviewSentence(copy, plan.review), { bold: true });
  p(`${copy.lastChanged} ${plan.lastChanged}.`);
  if (plan.agreement) p(plan.agreement);
  p(options.audience === 'carer' ? copy.carerIntro : copy.intro);

  // ---- Who to contact ----
  h2(copy.contactHeading);
  if (plan.coordinator) {
    h3(`${plan.coordinatorLabel}: ${plan.coordinator.name}`);
    p(copy.coordinatorHelp);
    labelled('Job', [plan.coordinator.role, plan.coordinator.organisation].filter(Boolean).join(', '));
    contactDetails(plan.coordinator);
    labelled('When', plan.coordinator.availability);
  } else {
    p(copy.noCoordinator);
  }
  if (plan.crisis) {
    h3(`${copy.crisisHeading}: ${plan.crisis.name}`);
    p(copy.crisisHelp);
    contactDetails({ phone: plan.crisis.phone, email: '' });
    p(plan.crisis.detail);
  } else {
    h3(copy.crisisHeading);
    p(copy.urgentHelp);
    p(copy.urgentMentalHealth);
  }
  p(copy.emergency, { bold: true });

  // ---- Where you are and what happens next ----
  h2(copy.youAreHereHeading);
  p(copy.youAreHereHelp);
  for (const pos of plan.positions) {
    h3(pos.pathwayTitle);
    if (pos.current) {
      p(`${copy.youAreHere}: ${pos.current.title}`, { bold: true });
      p(`This happens ${pos.current.where}.${pos.current.since ? ` This step started on ${pos.current.since}.` : ''}`);
      if (pos.current.benefit) p(`${copy.howItHelps}: ${pos.current.benefit}`);
    } else if (pos.note) p(pos.noteKind ? copy[pos.noteKind] : pos.note);
  }
  h2(copy.nextHeading);
  p(copy.nextHelp);
  if (plan.next.some((n) => n.choice)) p(copy.nextChoiceHelp);
  if (plan.next.length === 0) p(copy.nothingNext);
  list(
    plan.next.map((n) =>
      [
        n.pathwayLabel ? `${n.pathwayLabel}: ${n.title}.` : `${n.title}.`,
        n.choice ? copy.nextChoice : null,
        n.when ? `When: ${lowerFirst(n.when)}.` : null,
        n.whereAndWhen,
        n.pathwayTitles.length > 1 ? `One appointment for: ${n.pathwayTitles.join(' and ')}.` : null,
      ]
        .filter(Boolean)
        .join(' '),
    ),
  );

  // ---- What matters ----
  h2(copy.whatMattersHeading);
  p(
    plan.whatMattersToMe.trim()
      ? `“${plan.whatMattersToMe.trim()}”`
      : copy.noWhatMatters,
  );

  // ---- If things get worse ----
  h2(copy.escalationHeading);
  p(copy.escalationHelp);
  const colours = { green: COLOURS.green, amber: COLOURS.amber, red: COLOURS.red } as const;
  for (const part of plan.escalation) {
    ensureSpace(size.body * 7);
    const top = doc.y;
    h3(part.heading);
    labelled('Signs', part.signs);
    labelled('What to do', part.whatToDo);
    sideBar(colours[part.level], top, doc.y);
    gap(0.3);
  }
  if (plan.escalation.length === 0) p(copy.notWrittenYet);
  if (plan.urgentFallback) {
    h3(copy.urgentHeading, COLOURS.red);
    for (const line of urgentHelpLines(copy)) p(line);
  }

  // ---- Goals ----
  h2(copy.goalsHeading);
  if (plan.goals.length === 0) p('No goals yet.');
  list(
    plan.goals.map(
      (g) =>
        `${g.description} (${g.kind} goal. Set by: ${g.setBy}.${g.target ? ` Aim for: ${g.target}.` : ''} ${g.status}.)`,
    ),
  );

  // ---- Who does what ----
  h2(copy.actionsHeading);
  p(copy.actionsHelp);
  if (plan.actions.length === 0) p(copy.noJobs);
  for (const a of plan.actions) {
    const line = `${a.description}. Who: ${a.who}.${a.due ? ` ${a.due}.` : ''} ${a.done ? 'Done.' : a.status + '.'}`;
    ensureSpace(size.body * 3);
    const x = doc.page.margins.left;
    const y = doc.y;
    tickBox(x, y + 1, a.done);
    root.add(
      doc.struct('P', {}, () =>
        doc
          .font(fonts.regular)
          .fontSize(size.body)
          .fillColor(COLOURS.text)
          .text(safe(line), x + size.body + 10, y, { width: width - size.body - 10 }),
      ),
    );
    gap(0.35);
  }

  // ---- Medicines ----
  h2(copy.medicinesHeading);
  p(plan.medicationSummary);
  list(
    plan.medicines.map(
      (m) =>
        [m.name, m.purpose ? `For: ${m.purpose}` : null, m.howToTake ? `How: ${m.howToTake}` : null]
          .filter(Boolean)
          .join('. ') + '.',
    ),
  );
  if (!plan.medicationSummary.trim() && plan.medicines.length === 0) p(copy.notWrittenYet);

  // ---- Care team ----
  h2(copy.teamHeading);
  p(copy.teamHelp);
  for (const m of plan.team) {
    ensureSpace(size.body * 5);
    h3(`${m.name}${m.isCoordinator ? ` (${copy.coordinatorTag})` : ''}`);
    labelled('Job', [m.role, m.organisation].filter(Boolean).join(', '));
    contactDetails(m);
    labelled('When', m.availability);
  }

  // ---- Review ----
  h2(copy.reviewHeading);
  p(plan.review ? (plan.review.passed ? reviewSentence(copy, plan.review) : plan.review.date) : copy.noReviewDate);
  p(`${copy.lastChanged} ${plan.lastChanged}.`);

  // ---- Notes, with room to write ----
  h2(copy.notesHeading);
  p(copy.notesHelp);
  list(
    plan.notes.map((n) => `${n.body} (${n.authorName}, ${formatDate(n.day, { weekday: false })})`),
  );
  p('Space for your own notes:', { grey: true });
  doc.markContent('Artifact', { type: 'Layout' });
  for (let i = 0; i < 5; i++) {
    ensureSpace(size.body * 2.2);
    const y = doc.y + size.body * 1.6;
    doc
      .moveTo(doc.page.margins.left, y)
      .lineTo(doc.page.margins.left + width, y)
      .lineWidth(0.75)
      .strokeColor(COLOURS.rule)
      .stroke();
    doc.y = y + 4;
  }
  doc.endMarkedContent();

  root.end();

  // Page numbers and the printed date on every page, as page furniture.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.markContent('Artifact', { type: 'Pagination' });
    // Writing inside the bottom margin would make pdfkit start a new page: lift the margin for the footer.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const bottom = doc.page.height - margin + 20;
    doc
      .font(fonts.regular)
      .fontSize(size.small)
      .fillColor(COLOURS.grey)
      .text(
        safe(
          `${title} · page ${i + 1} of ${range.count} · printed ${formatDate(options.today, { weekday: false })}`,
        ),
        doc.page.margins.left,
        bottom,
        {
          width,
          align: 'center',
          lineBreak: false,
        },
      );
    doc.page.margins.bottom = margin;
    doc.endMarkedContent();
  }
  doc.end();
  return done;
}
