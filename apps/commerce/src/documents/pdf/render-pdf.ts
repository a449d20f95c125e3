import PDFDocument from 'pdfkit';
import { formatCents, frenchAmount, frenchDate, frenchDatesIn, frenchNumber, frenchPercent, NBSP, VAT_FRANCHISE_NOTE, VAT_FRANCHISE_REASON } from '@kpa/contracts';
import { issuingSiteLine, PrintableDepositDeduction, PrintableDocument, PrintableLine, PrintableReceipt, PrintableTotals, sellerContactLines } from '../printable';
import { DOCUMENT_FONTS, FontWeight, hasArabic, registerDocumentFonts, scriptRuns } from '@kpa/platform/pdf/pdf-fonts';

/**
 * Lays a PrintableDocument out as an A4 PDF in French. It decides nothing about the law: every
 * sentence and figure comes from the document; this file only places them, formats numbers and
 * dates the French way, breaks pages, carries the lines' subtotal from page to page ("À reporter",
 * "Report") and prints the number and "page x/y" on every page (CGI ann. II art. 242 nonies A: the
 * number appears on every page of a multi-page invoice).
 *
 * Pure (no Nest, no database) and deterministic: the same document gives the same bytes. PDFKit
 * derives the file ID from the info dictionary, so fixing CreationDate (the document's date) fixes
 * the ID too. Every font is embedded (pdf-fonts.ts: Noto Sans, and Noto Sans Arabic for Arabic
 * runs), subset to the glyphs used: names in any Latin, Greek, Cyrillic or Arabic script print
 * exactly, and the file can become a PDF/A-3 (Factur-X). A PDF stays a few tens of kilobytes, well
 * under the 1 MB a NATS reply may carry.
 */

const A4 = { width: 595.28, height: 841.89 };
const LEFT = 42;
const RIGHT = A4.width - 42;
const WIDTH = RIGHT - LEFT;
const TOP = 40;
/** Content never goes below this line: the footer lives under it. */
const BOTTOM = A4.height - 62;
const FOOTER_Y = A4.height - 44;

const REGULAR: FontWeight = 'regular';
const BOLD: FontWeight = 'bold';
const INK = '#1a1a1a';
const MUTED = '#555555';
const RULE = '#b0b0b0';
const SHADE = '#eeeeee';
const DRAFT = '#a40000';
const PAID = '#1d6b2f';

interface Column {
  key: ColumnKey;
  label: string;
  width: number;
  align: 'left' | 'right';
}
type ColumnKey = 'description' | 'quantity' | 'unit' | 'unitPrice' | 'vatRate' | 'net' | 'unitPriceInclVat' | 'totalInclVat';

/**
 * The line table's columns, left to right (widths sum to WIDTH). The figures take what their widest
 * value needs at 8.5 pt ("1 234,5678 €", "123 456,78 €"); the designation takes the rest, so a usual
 * designation holds on one row. Under the VAT franchise there is no VAT column and no "HT": the
 * designation gets its width. A quote to an individual prints its prices including VAT instead
 * (`inclVat`: its lines carry them).
 */
function columns(vatFranchise: boolean, inclVat = false): Column[] {
  const figures: Column[] = [
    { key: 'quantity', label: 'Qté', width: 36, align: 'right' },
    { key: 'unit', label: 'Unité', width: 42, align: 'left' },
    inclVat
      ? { key: 'unitPriceInclVat', label: 'PU TTC', width: 64, align: 'right' }
      : { key: 'unitPrice', label: vatFranchise ? 'Prix unit.' : 'PU HT', width: 64, align: 'right' },
    ...(vatFranchise ? [] : [{ key: 'vatRate', label: 'TVA', width: 36, align: 'right' } as Column]),
    inclVat ? { key: 'totalInclVat', label: 'Total TTC', width: 66, align: 'right' } : { key: 'net', label: vatFranchise ? 'Montant' : 'Total HT', width: 66, align: 'right' },
  ];
  const used = figures.reduce((sum, column) => sum + column.width, 0);
  return [{ key: 'description', label: 'Désignation', width: WIDTH - used, align: 'left' }, ...figures];
}
const CELL_PAD = 4;

/** C0 and C1 controls (the API refuses them; a frozen document is printed as it is): a space each. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

/** French spacing: a no-break space before ":", ";", "!", "?", "€", "%" and inside « », so "40 €" never splits over two lines. */
function typeset(text: string): string {
  return text
    .replace(CONTROLS, ' ')
    .replace(/ ([:;!?»€%])/g, `${NBSP}$1`)
    .replace(/« /g, `«${NBSP}`);
}

function lineCells(line: PrintableLine): Record<ColumnKey, string> {
  return {
    description: line.description,
    quantity: frenchNumber(line.quantity),
    unit: line.unit,
    unitPrice: frenchAmount(line.unitPrice),
    vatRate: frenchPercent(line.vatRate),
    net: frenchAmount(line.net),
    unitPriceInclVat: line.unitPriceInclVat === undefined ? '' : frenchAmount(line.unitPriceInclVat),
    totalInclVat: line.totalInclVat === undefined ? '' : frenchAmount(line.totalInclVat),
  };
}

/** Signed cents of a printed amount ("-12.50" → -1250). */
function signedCents(amount: string): number {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!match) throw new RangeError(`Not an amount: "${amount}"`);
  const cents = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] === '-' ? -cents : cents;
}

/**
 * Totals as printed, with what a document frozen before a field existed lacks: its franchise read
 * from its VAT groups, no per-rate deduction (it printed the deposits as one amount each).
 */
function totalsOf(doc: PrintableDocument): PrintableTotals {
  const t = doc.totals as Partial<PrintableTotals> & Pick<PrintableTotals, 'net' | 'vat' | 'total' | 'vatBreakdown' | 'deposits' | 'amountDue'>;
  return {
    ...t,
    vatFranchise: t.vatFranchise ?? (t.vatBreakdown.length > 0 && t.vatBreakdown.every((g) => g.exemptionReason === VAT_FRANCHISE_REASON)),
    depositDeductions: t.depositDeductions ?? [],
  };
}

class Layout {
  readonly pdf: PDFKit.PDFDocument;
  y = TOP;

  constructor(private readonly doc: PrintableDocument) {
    const date = new Date(`${doc.issueDate}T00:00:00Z`);
    this.pdf = new PDFDocument({
      size: 'A4',
      margins: { top: TOP, left: LEFT, right: A4.width - RIGHT, bottom: 20 },
      bufferPages: true,
      autoFirstPage: true,
      lang: 'fr-FR',
      displayTitle: true,
      info: {
        // PDFKit writes a non-ASCII string as UTF-16: names stay exact here too.
        Title: `${doc.title} ${doc.number ?? '(brouillon)'}${doc.receipt ? ' (acquittée)' : ''}`,
        Author: doc.seller.legalName,
        Subject: `${doc.title} — ${doc.client.name}`,
        Creator: 'KPA-Cité',
        Producer: 'KPA-Cité',
        // Fixed, so the same document renders the same bytes (PDFKit also hashes it into the file ID).
        CreationDate: Number.isNaN(date.getTime()) ? new Date(0) : date,
      },
    } as PDFKit.PDFDocumentOptions);
    registerDocumentFonts(this.pdf);
    this.font(REGULAR, 10);
  }

  /** "Facture N° KPA13-F-2026-000123", or the draft warning. */
  get identification(): string {
    return this.doc.number === null ? 'BROUILLON — document sans valeur' : `${this.doc.title} N°${NBSP}${this.doc.number}`;
  }

  private weight: FontWeight = REGULAR;

  font(weight: FontWeight, size: number, color = INK): this {
    this.weight = weight;
    this.pdf.font(DOCUMENT_FONTS.latin[weight]).fontSize(size).fillColor(color);
    return this;
  }

  /** The height of a text at the current font; Arabic glyphs stand taller, so a text with some is measured with both fonts. */
  height(text: string, width: number): number {
    const typeset_ = typeset(text);
    const latin = this.pdf.heightOfString(typeset_, { width });
    if (!hasArabic(typeset_)) return latin;
    this.pdf.font(DOCUMENT_FONTS.arabic[this.weight]);
    const arabic = this.pdf.heightOfString(typeset_, { width, features: ['rlig'] } as PDFKit.Mixins.TextOptions);
    this.pdf.font(DOCUMENT_FONTS.latin[this.weight]);
    return Math.max(latin, arabic);
  }

  /**
   * Writes a text at (x, y). A text with Arabic goes out run by run (pdf-fonts.ts scriptRuns), each
   * with its font, chained with `continued`; an Arabic run is shaped right to left (`rlig`).
   */
  write(text: string, x: number, y: number, options: PDFKit.Mixins.TextOptions = {}): void {
    const typeset_ = typeset(text);
    if (!hasArabic(typeset_)) {
      this.pdf.text(typeset_, x, y, options);
      return;
    }
    const runs = scriptRuns(typeset_);
    runs.forEach((run, index) => {
      this.pdf.font(run.arabic ? DOCUMENT_FONTS.arabic[this.weight] : DOCUMENT_FONTS.latin[this.weight]);
      const runOptions = { ...options, continued: index < runs.length - 1, features: run.arabic ? ['rlig'] : [] } as PDFKit.Mixins.TextOptions;
      if (index === 0) this.pdf.text(run.text, x, y, runOptions);
      else this.pdf.text(run.text, runOptions);
    });
    this.pdf.font(DOCUMENT_FONTS.latin[this.weight]);
  }

  /** Starts a new page when `needed` points do not fit on this one; true if it did. */
  ensure(needed: number): boolean {
    if (this.y + needed <= BOTTOM) return false;
    this.newPage();
    return true;
  }

  newPage(): void {
    this.pdf.addPage();
    this.y = TOP;
    // A running head on the following pages: whose document this page belongs to.
    this.font(BOLD, 8.5, MUTED);
    this.write(`${this.identification} — ${this.doc.seller.legalName}`, LEFT, this.y, { width: WIDTH, lineBreak: false });
    this.y += 14;
    this.rule(this.y);
    this.y += 10;
  }

  rule(y: number, from = LEFT, to = RIGHT, color = RULE): void {
    this.pdf.save().moveTo(from, y).lineTo(to, y).lineWidth(0.6).strokeColor(color).stroke().restore();
  }

  /** Lines of text stacked at x from y; returns the y under them. */
  stack(lines: StackLine[], x: number, y: number, width: number): number {
    let at = y;
    for (const line of lines) {
      this.font(line.font ?? REGULAR, line.size ?? 8.5, line.color ?? INK);
      const h = this.height(line.text, width);
      this.write(line.text, x, at, { width });
      at += h + (line.gap ?? 1);
    }
    return at;
  }
}

interface StackLine {
  text: string;
  font?: FontWeight;
  size?: number;
  color?: string;
  gap?: number;
}

function sellerLines(doc: PrintableDocument): StackLine[] {
  const s = doc.seller;
  const form = [s.legalForm, s.shareCapital !== null ? `au capital de ${frenchAmount(s.shareCapital)}` : null].filter(Boolean).join(' ');
  const registration = [`SIREN ${s.siren}`, `SIRET ${s.siret}`, s.rcsCity ? `RCS ${s.rcsCity}` : null].filter(Boolean).join(' — ');
  return [
    { text: s.legalName, font: BOLD, size: 13, gap: 3 },
    ...(form ? [{ text: form }] : []),
    ...s.address.map((text) => ({ text })),
    { text: registration },
    { text: s.vatNumber ? `N° TVA intracommunautaire : ${s.vatNumber}` : 'Franchise en base de TVA (art. 293 B du CGI)' },
    ...sellerContactLines(doc).map((text) => ({ text })),
    { text: issuingSiteLine(s), color: MUTED },
  ];
}

function clientLines(doc: PrintableDocument): StackLine[] {
  const c = doc.client;
  const ids: [string, string | null][] = [
    ['SIRET', c.siret],
    ['N° TVA', c.vatNumber],
    ['Code service', c.serviceCode],
    ["N° d'engagement", c.commitmentNumber],
    ['Bon de commande', c.purchaseOrderNumber],
  ];
  return [
    { text: 'Client', font: BOLD, size: 7.5, color: MUTED, gap: 2 },
    { text: c.name, font: BOLD, size: 10, gap: 2 },
    ...c.address.map((text) => ({ text })),
    ...ids.filter((id): id is [string, string] => id[1] !== null && id[1].trim() !== '').map(([label, value]) => ({ text: `${label} : ${value}` })),
  ];
}

/** The logo's box, top left: scaled to fit, never larger, whatever the image's shape. */
export const LOGO_BOX = { width: 150, height: 56 };

/** The logo's printed size in points: its shape kept, as large as the box allows. */
export function logoSize(image: { width: number; height: number }): { width: number; height: number } {
  const scale = Math.min(LOGO_BOX.width / image.width, LOGO_BOX.height / image.height);
  return { width: image.width * scale, height: image.height * scale };
}

/** PDFKit reads an image's size with openImage, which its type definitions lack. */
export function imageSize(pdf: PDFKit.PDFDocument, bytes: Buffer): { width: number; height: number } {
  const image = (pdf as unknown as { openImage(src: Buffer): { width: number; height: number } }).openImage(bytes);
  return { width: image.width, height: image.height };
}

/** Draws the host's logo in its box; returns the height it took (0 without a logo). */
function logo(layout: Layout, bytes: Buffer | null | undefined): number {
  if (!bytes) return 0;
  const size = logoSize(imageSize(layout.pdf, bytes));
  layout.pdf.image(bytes, LEFT, TOP, size);
  return size.height + 8;
}

function header(layout: Layout, doc: PrintableDocument, logoBytes: Buffer | null | undefined): void {
  const columnGap = 20;
  const leftWidth = 270;
  const rightX = LEFT + leftWidth + columnGap;
  const rightWidth = RIGHT - rightX;

  const sellerBottom = layout.stack(sellerLines(doc), LEFT, TOP + logo(layout, logoBytes), leftWidth);

  let y = TOP;
  layout.font(BOLD, 20);
  layout.write(doc.title, rightX, y, { width: rightWidth });
  y += layout.height(doc.title, rightWidth) + 2;
  if (doc.number === null) {
    layout.font(BOLD, 11, DRAFT);
    layout.write(layout.identification, rightX, y, { width: rightWidth });
    y += layout.height(layout.identification, rightWidth) + 2;
  } else {
    layout.font(BOLD, 11);
    layout.write(`N° ${doc.number}`, rightX, y, { width: rightWidth });
    y += layout.height(`N° ${doc.number}`, rightWidth) + 2;
  }
  layout.font(REGULAR, 9);
  layout.write(`Date : ${frenchDate(doc.issueDate)}`, rightX, y, { width: rightWidth });
  y += 18;

  // The client, in a box (the window of a DL envelope).
  const pad = 8;
  const boxTop = y;
  const bottom = layout.stack(clientLines(doc), rightX + pad, boxTop + pad, rightWidth - 2 * pad);
  layout.pdf
    .save()
    .roundedRect(rightX, boxTop, rightWidth, bottom - boxTop + pad - 1, 4)
    .lineWidth(0.6)
    .strokeColor(RULE)
    .stroke()
    .restore();

  layout.y = Math.max(sellerBottom, bottom + pad) + 16;
}

function facts(layout: Layout, doc: PrintableDocument): void {
  if (doc.facts.length === 0) return;
  const labelWidth = 170;
  const valueWidth = WIDTH - labelWidth;
  for (const fact of doc.facts) {
    const value = frenchDatesIn(fact.value);
    layout.font(REGULAR, 9);
    const h = Math.max(layout.height(value, valueWidth), 11);
    layout.ensure(h + 2);
    layout.font(BOLD, 9);
    layout.write(fact.label, LEFT, layout.y, { width: labelWidth - 6 });
    layout.font(REGULAR, 9);
    layout.write(value, LEFT + labelWidth, layout.y, { width: valueWidth });
    layout.y += h + 2;
  }
  layout.y += 10;
}

function tableHeader(layout: Layout, table: Column[]): void {
  const h = 16;
  layout.pdf.save().rect(LEFT, layout.y, WIDTH, h).fill(SHADE).restore();
  layout.font(BOLD, 8.5);
  let x = LEFT;
  for (const column of table) {
    layout.write(column.label, x + CELL_PAD, layout.y + 4, { width: column.width - 2 * CELL_PAD, align: column.align, lineBreak: false });
    x += column.width;
  }
  layout.y += h + 2;
}

const CARRY_HEIGHT = 16;

/** "À reporter" at the foot of a page of lines, "Report" at the head of the next: the net of the lines printed so far. */
function carryRow(layout: Layout, table: Column[], label: string, netCents: number): void {
  const last = table[table.length - 1];
  const labelWidth = WIDTH - last.width;
  layout.pdf
    .save()
    .rect(LEFT, layout.y, WIDTH, CARRY_HEIGHT - 2)
    .fill(SHADE)
    .restore();
  layout.font(BOLD, 8.5);
  layout.write(label, LEFT + CELL_PAD, layout.y + 3, { width: labelWidth - 2 * CELL_PAD, align: 'right', lineBreak: false });
  layout.write(frenchAmount(formatCents(netCents)), LEFT + labelWidth + CELL_PAD, layout.y + 3, { width: last.width - 2 * CELL_PAD, align: 'right', lineBreak: false });
  layout.y += CARRY_HEIGHT;
}

function lines(layout: Layout, doc: PrintableDocument, vatFranchise: boolean): void {
  const inclVat = !vatFranchise && doc.lines.length > 0 && doc.lines.every((line) => line.totalInclVat !== undefined);
  const table = columns(vatFranchise, inclVat);
  const netLabel = vatFranchise ? 'Total' : inclVat ? 'Total TTC' : 'Total HT';
  layout.ensure(16 + 30);
  tableHeader(layout, table);
  let carriedCents = 0;
  doc.lines.forEach((line, index) => {
    const cells = lineCells(line);
    layout.font(REGULAR, 8.5);
    const descriptionWidth = table[0].width - 2 * CELL_PAD;
    const h = Math.max(layout.height(cells.description, descriptionWidth), 10) + 6;
    // Keep room for the carry row under every line but the last (after it, the table ends).
    const reserve = index < doc.lines.length - 1 ? CARRY_HEIGHT : 0;
    if (layout.y + h + reserve > BOTTOM && index > 0) {
      carryRow(layout, table, `${netLabel} à reporter`, carriedCents);
      layout.newPage();
      tableHeader(layout, table);
      carryRow(layout, table, `Report ${netLabel.charAt(0).toLowerCase()}${netLabel.slice(1)}`, carriedCents);
    } else if (layout.ensure(h)) tableHeader(layout, table);
    let x = LEFT;
    layout.font(REGULAR, 8.5);
    for (const column of table) {
      layout.write(cells[column.key], x + CELL_PAD, layout.y + 3, { width: column.width - 2 * CELL_PAD, align: column.align });
      x += column.width;
    }
    layout.y += h;
    layout.rule(layout.y - 1, LEFT, RIGHT, SHADE);
    carriedCents += signedCents(inclVat ? (line.totalInclVat ?? line.net) : line.net);
  });
  layout.y += 10;
}

interface Row {
  label: string;
  value: string;
  bold?: boolean;
}

/** "exonération : <reason>", printed under the VAT table, where it has the room to be read. */
function exemptionSentence(rate: string, exemptionReason: string | null): string {
  if (exemptionReason === VAT_FRANCHISE_REASON) return `TVA à ${frenchPercent(rate)} : ${VAT_FRANCHISE_NOTE}`;
  return exemptionReason ? `TVA à ${frenchPercent(rate)} : exonération — ${exemptionReason}` : `TVA à ${frenchPercent(rate)} : exonération`;
}

/** Rows of the right-hand column: totals, deposits deducted, what is due. */
function totalRows(doc: PrintableDocument, t: PrintableTotals): Row[] {
  const rows: Row[] = t.vatFranchise
    ? [{ label: 'Total', value: frenchAmount(t.total), bold: true }]
    : [
        { label: 'Total HT', value: frenchAmount(t.net) },
        { label: 'Total TVA', value: frenchAmount(t.vat) },
        { label: 'Total TTC', value: frenchAmount(t.total), bold: true },
      ];
  for (const deposit of t.deposits) {
    rows.push({ label: `Acompte N° ${deposit.number} du ${frenchDate(deposit.issuedOn)}`, value: frenchAmount(`-${deposit.total.replace(/^-/, '')}`) });
  }
  if (t.deposits.length > 0) rows.push({ label: 'Reste à payer', value: frenchAmount(t.amountDue), bold: true });
  else if (doc.kind !== 'quote' && doc.kind !== 'credit_note') rows.push({ label: 'Net à payer', value: frenchAmount(t.amountDue), bold: true });
  return rows;
}

function totals(layout: Layout, doc: PrintableDocument, t: PrintableTotals): void {
  // Left: the VAT breakdown per rate (CGI ann. II art. 242 nonies A: base and VAT per rate), each
  // exemption's reason under it on its own line; under the franchise, the 293 B sentence instead.
  const breakdownWidth = 250;
  const rateWidth = 70;
  const amountWidth = (breakdownWidth - rateWidth) / 2;
  const breakdown = t.vatBreakdown.map((g) => ({ label: frenchPercent(g.rate), base: frenchAmount(g.base), vat: frenchAmount(g.vat) }));
  const reasons = t.vatFranchise ? [VAT_FRANCHISE_NOTE] : t.vatBreakdown.filter((g) => g.category === 'E').map((g) => exemptionSentence(g.rate, g.exemptionReason));
  layout.font(REGULAR, 8);
  const reasonHeights = reasons.map((reason) => layout.height(reason, breakdownWidth) + 2);
  const tableHeight = t.vatFranchise ? 0 : 16 + breakdown.length * 14;
  const breakdownHeight = tableHeight + (reasons.length > 0 ? 4 : 0) + reasonHeights.reduce((a, b) => a + b, 0);

  const rows = totalRows(doc, t);
  const totalsX = LEFT + breakdownWidth + 16;
  const totalsWidth = RIGHT - totalsX;
  const valueWidth = 80;
  const rowHeights = rows.map((row) => {
    layout.font(row.bold ? BOLD : REGULAR, 9);
    return Math.max(layout.height(row.label, totalsWidth - valueWidth - CELL_PAD), 11) + 5;
  });
  const totalsHeight = rowHeights.reduce((a, b) => a + b, 0);

  layout.ensure(Math.max(breakdownHeight, totalsHeight) + 4);
  const top = layout.y;

  let y = top;
  if (!t.vatFranchise) {
    layout.pdf.save().rect(LEFT, top, breakdownWidth, 14).fill(SHADE).restore();
    layout.font(BOLD, 8);
    layout.write('Taux de TVA', LEFT + CELL_PAD, top + 3, { width: rateWidth - 2 * CELL_PAD, lineBreak: false });
    layout.write('Base HT', LEFT + rateWidth, top + 3, { width: amountWidth - CELL_PAD, align: 'right', lineBreak: false });
    layout.write('Montant TVA', LEFT + rateWidth + amountWidth, top + 3, { width: amountWidth - CELL_PAD, align: 'right', lineBreak: false });
    y = top + 16;
    for (const g of breakdown) {
      layout.font(REGULAR, 8.5);
      layout.write(g.label, LEFT + CELL_PAD, y, { width: rateWidth - 2 * CELL_PAD, lineBreak: false });
      layout.write(g.base, LEFT + rateWidth, y, { width: amountWidth - CELL_PAD, align: 'right', lineBreak: false });
      layout.write(g.vat, LEFT + rateWidth + amountWidth, y, { width: amountWidth - CELL_PAD, align: 'right', lineBreak: false });
      y += 14;
    }
    if (reasons.length > 0) y += 4;
  }
  reasons.forEach((reason, index) => {
    layout.font(t.vatFranchise ? BOLD : REGULAR, 8);
    layout.write(reason, LEFT, y, { width: breakdownWidth });
    y += reasonHeights[index];
  });

  // Totals column.
  y = top;
  rows.forEach((row, index) => {
    if (row.bold)
      layout.pdf
        .save()
        .rect(totalsX, y - 2, totalsWidth, rowHeights[index])
        .fill(SHADE)
        .restore();
    layout.font(row.bold ? BOLD : REGULAR, 9);
    layout.write(row.label, totalsX + CELL_PAD, y + 1, { width: totalsWidth - valueWidth - CELL_PAD });
    layout.write(row.value, totalsX + totalsWidth - valueWidth, y + 1, { width: valueWidth - CELL_PAD, align: 'right' });
    y += rowHeights[index];
  });

  layout.y = top + Math.max(breakdownHeight, totalsHeight) + 14;
  if (!t.vatFranchise && t.depositDeductions.length > 0) depositDeductionTable(layout, t.depositDeductions);
}

/**
 * A final invoice's deduction per VAT rate (CGI art. 283-3, 289 I-1-c): the base and VAT the
 * deposits already charged, and the base and VAT still due at each rate, with their totals.
 */
function depositDeductionTable(layout: Layout, deductions: PrintableDepositDeduction[]): void {
  const rateWidth = 71;
  const amountWidth = (WIDTH - rateWidth) / 4;
  const headers = ['Base HT des acomptes', 'TVA des acomptes', 'Base HT restant due', 'TVA restant due'];
  const sum = (pick: (d: PrintableDepositDeduction) => string): string => frenchAmount(formatCents(deductions.reduce((total, d) => total + signedCents(pick(d)), 0)));
  const rows = [
    ...deductions.map((d) => ({ label: frenchPercent(d.rate), cells: [d.depositBase, d.depositVat, d.dueBase, d.dueVat].map(frenchAmount), bold: false })),
    { label: 'Total', cells: [sum((d) => d.depositBase), sum((d) => d.depositVat), sum((d) => d.dueBase), sum((d) => d.dueVat)], bold: true },
  ];
  const titleHeight = 13;
  const headerHeight = 16;
  const rowHeight = 14;
  layout.ensure(titleHeight + headerHeight + rows.length * rowHeight + 4);
  layout.font(BOLD, 8.5);
  layout.write('Acomptes déduits et TVA restant due, par taux', LEFT, layout.y, { width: WIDTH, lineBreak: false });
  layout.y += titleHeight;
  layout.pdf.save().rect(LEFT, layout.y, WIDTH, 14).fill(SHADE).restore();
  layout.font(BOLD, 8);
  layout.write('Taux de TVA', LEFT + CELL_PAD, layout.y + 3, { width: rateWidth - 2 * CELL_PAD, lineBreak: false });
  headers.forEach((header, index) => {
    layout.write(header, LEFT + rateWidth + index * amountWidth, layout.y + 3, { width: amountWidth - CELL_PAD, align: 'right', lineBreak: false });
  });
  layout.y += headerHeight;
  for (const row of rows) {
    layout.font(row.bold ? BOLD : REGULAR, 8.5);
    layout.write(row.label, LEFT + CELL_PAD, layout.y, { width: rateWidth - 2 * CELL_PAD, lineBreak: false });
    row.cells.forEach((cell, index) => {
      layout.write(cell, LEFT + rateWidth + index * amountWidth, layout.y, { width: amountWidth - CELL_PAD, align: 'right', lineBreak: false });
    });
    layout.y += rowHeight;
  }
  layout.rule(layout.y - 2);
  layout.y += 12;
}

function mentions(layout: Layout, doc: PrintableDocument): void {
  if (doc.mentions.length === 0) return;
  layout.font(BOLD, 8.5);
  layout.ensure(12 + layout.height(doc.mentions[0], WIDTH));
  layout.write('Conditions et mentions légales', LEFT, layout.y, { width: WIDTH });
  layout.y += 13;
  for (const mention of doc.mentions) {
    layout.font(REGULAR, 8);
    const h = layout.height(mention, WIDTH);
    layout.ensure(h);
    layout.font(REGULAR, 8);
    layout.write(mention, LEFT, layout.y, { width: WIDTH });
    layout.y += h + 3;
  }
  layout.y += 10;
}

function acceptanceArea(layout: Layout): void {
  const width = 280;
  const x = RIGHT - width;
  const h = 118;
  layout.ensure(h + 6);
  const top = layout.y;
  layout.pdf.save().roundedRect(x, top, width, h, 4).lineWidth(0.8).strokeColor(INK).stroke().restore();
  layout.font(BOLD, 10);
  layout.write('Bon pour accord', x + 10, top + 8, { width: width - 20 });
  layout.font(REGULAR, 8.5);
  layout.write('Date : ____ / ____ / ________', x + 10, top + 26, { width: width - 20 });
  layout.write('Nom et qualité du signataire :', x + 10, top + 42, { width: width - 20 });
  layout.write('Signature, précédée de la mention manuscrite « bon pour accord » :', x + 10, top + 58, { width: width - 20 });
  layout.y = top + h + 14;
}

/** C. consom. L221-5 and L221-18: the information and the model form of annex R221-1, for off-premises contracts. */
function withdrawalNotice(layout: Layout, doc: PrintableDocument): void {
  const s = doc.seller;
  const notice = [
    `Vous disposez d'un délai de quatorze jours à compter de la conclusion du contrat pour exercer votre droit de rétractation, sans avoir à justifier de motifs ni à payer de pénalités (C. consom. L221-18). Pour l'exercer, adressez-nous avant l'expiration de ce délai le formulaire ci-dessous ou toute autre déclaration dénuée d'ambiguïté, par courrier à ${s.legalName}, ${s.address.join(', ')}.`,
    "Aucun paiement ne peut être exigé avant l'expiration d'un délai de sept jours à compter de la conclusion du contrat (C. consom. L221-10). Si vous souhaitez que la prestation commence avant la fin du délai de rétractation, vous devez en faire la demande expresse par écrit ; en cas de rétractation, vous paierez alors un montant proportionnel au service fourni jusqu'à la communication de votre décision (C. consom. L221-25).",
  ];
  const form: StackLine[] = [
    { text: 'Formulaire de rétractation', font: BOLD, size: 9.5, gap: 3 },
    { text: '(Veuillez compléter et renvoyer le présent formulaire uniquement si vous souhaitez vous rétracter du contrat.)', size: 8, gap: 4 },
    { text: `À l'attention de ${s.legalName}, ${s.address.join(', ')} :`, gap: 4 },
    { text: 'Je/Nous (*) vous notifie/notifions (*) par la présente ma/notre (*) rétractation du contrat portant sur la prestation de services ci-dessous :', gap: 14 },
    { text: `${doc.title}${doc.number === null ? '' : ` N° ${doc.number}`}, conclu le (*) / reçu le (*) : ____ / ____ / ________`, gap: 8 },
    { text: 'Nom du (des) consommateur(s) :', gap: 14 },
    { text: 'Adresse du (des) consommateur(s) :', gap: 20 },
    { text: 'Signature du (des) consommateur(s) (uniquement en cas de notification du présent formulaire sur papier) :', gap: 22 },
    { text: 'Date :', gap: 6 },
    { text: '(*) Rayez la mention inutile.', size: 7.5 },
  ];

  layout.font(REGULAR, 8);
  const noticeHeights = notice.map((p) => layout.height(p, WIDTH));
  layout.ensure(14 + noticeHeights[0]);
  layout.font(BOLD, 9);
  layout.write('Droit de rétractation', LEFT, layout.y, { width: WIDTH });
  layout.y += 13;
  notice.forEach((paragraph, index) => {
    layout.ensure(noticeHeights[index]);
    layout.font(REGULAR, 8);
    layout.write(paragraph, LEFT, layout.y, { width: WIDTH });
    layout.y += noticeHeights[index] + 3;
  });
  layout.y += 8;

  // The form, kept on one page, below a cut line.
  const formHeight = form.reduce((sum, line) => {
    layout.font(line.font ?? REGULAR, line.size ?? 8.5);
    return sum + layout.height(line.text, WIDTH - 20) + (line.gap ?? 1);
  }, 0);
  layout.ensure(formHeight + 24);
  layout.pdf.save().moveTo(LEFT, layout.y).lineTo(RIGHT, layout.y).dash(3, { space: 3 }).lineWidth(0.6).strokeColor(MUTED).stroke().undash().restore();
  layout.font(REGULAR, 7, MUTED);
  layout.write('Découpez ou recopiez ce formulaire', LEFT, layout.y + 4, { width: WIDTH, align: 'right', lineBreak: false });
  layout.y += 16;
  layout.y = layout.stack(form, LEFT + 10, layout.y, WIDTH - 20) + 10;
}

/** The receipted copy's mark, under the header: what this document is, and the day the invoice was paid. */
function receiptStamp(layout: Layout, receipt: PrintableReceipt): void {
  const h = 30;
  layout.ensure(h + 12);
  layout.pdf.save().roundedRect(LEFT, layout.y, WIDTH, h, 4).lineWidth(1.2).strokeColor(PAID).stroke().restore();
  layout.font(BOLD, 14, PAID);
  layout.write('FACTURE ACQUITTÉE', LEFT + 10, layout.y + 8, { width: WIDTH / 2, lineBreak: false });
  layout.font(BOLD, 10, PAID);
  layout.write(`Acquittée le ${frenchDate(receipt.paidOn)}`, LEFT + WIDTH / 2, layout.y + 10, { width: WIDTH / 2 - 10, align: 'right', lineBreak: false });
  layout.y += h + 12;
}

/** The receipted copy's settlement: each payment (date, method, amount), credit note and refund known on its date. */
function receiptTable(layout: Layout, receipt: PrintableReceipt): void {
  const dateWidth = 80;
  const amountWidth = 100;
  const labelWidth = WIDTH - dateWidth - amountWidth;
  const rowHeight = 14;
  const rows = [
    ...receipt.rows.map((row) => ({ date: frenchDate(row.date), label: row.label, amount: frenchAmount(row.amount), bold: false })),
    { date: '', label: 'Total des règlements', amount: frenchAmount(receipt.total), bold: true },
    ...(receipt.refundDue === null ? [] : [{ date: '', label: 'Reste à rembourser au client', amount: frenchAmount(receipt.refundDue), bold: true }]),
  ];
  layout.ensure(13 + 16 + rows.length * rowHeight + 4);
  layout.font(BOLD, 8.5);
  layout.write('Règlements reçus', LEFT, layout.y, { width: WIDTH, lineBreak: false });
  layout.y += 13;
  layout.pdf.save().rect(LEFT, layout.y, WIDTH, 14).fill(SHADE).restore();
  layout.font(BOLD, 8);
  layout.write('Date', LEFT + CELL_PAD, layout.y + 3, { width: dateWidth - 2 * CELL_PAD, lineBreak: false });
  layout.write('Règlement', LEFT + dateWidth, layout.y + 3, { width: labelWidth - CELL_PAD, lineBreak: false });
  layout.write('Montant', LEFT + dateWidth + labelWidth, layout.y + 3, { width: amountWidth - CELL_PAD, align: 'right', lineBreak: false });
  layout.y += 16;
  for (const row of rows) {
    layout.font(row.bold ? BOLD : REGULAR, 8.5);
    layout.write(row.date, LEFT + CELL_PAD, layout.y, { width: dateWidth - 2 * CELL_PAD, lineBreak: false });
    layout.write(row.label, LEFT + dateWidth, layout.y, { width: labelWidth - CELL_PAD, lineBreak: false });
    layout.write(row.amount, LEFT + dateWidth + labelWidth, layout.y, { width: amountWidth - CELL_PAD, align: 'right', lineBreak: false });
    layout.y += rowHeight;
  }
  layout.rule(layout.y - 2);
  layout.y += 12;
}

/** The number and "page x/y" on every page (the number is mandatory on each page of an invoice). */
function footers(layout: Layout, doc: PrintableDocument): void {
  const range = layout.pdf.bufferedPageRange();
  for (let index = 0; index < range.count; index++) {
    layout.pdf.switchToPage(range.start + index);
    // Writing under the bottom margin would make PDFKit open a page: lift the margin for the footer.
    const margin = layout.pdf.page.margins.bottom;
    layout.pdf.page.margins.bottom = 0;
    layout.rule(FOOTER_Y - 6);
    layout.font(BOLD, 8, doc.number === null ? DRAFT : INK);
    layout.write(layout.identification, LEFT, FOOTER_Y, { width: 230, lineBreak: false });
    layout.font(REGULAR, 7.5, MUTED);
    layout.write(`${doc.seller.legalName} — SIRET ${doc.seller.siret}`, LEFT + 230, FOOTER_Y + 0.5, { width: WIDTH - 230 - 70, align: 'center', lineBreak: false });
    layout.font(REGULAR, 8);
    layout.write(`Page ${index + 1}/${range.count}`, RIGHT - 70, FOOTER_Y, { width: 70, align: 'right', lineBreak: false });
    layout.pdf.page.margins.bottom = margin;
  }
}

/** What a document prints besides its words: the bytes of the logo its seller names (seller.logoSha256). */
export interface DocumentImages {
  logo?: Buffer | null;
}

/** The PDF of a quote, invoice, credit note or an invoice's receipted copy, A4, in French. */
export function renderPdf(doc: PrintableDocument, images: DocumentImages = {}): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    try {
      const layout = new Layout(doc);
      const chunks: Buffer[] = [];
      layout.pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
      layout.pdf.on('end', () => resolve(Buffer.concat(chunks)));
      layout.pdf.on('error', reject);

      const t = totalsOf(doc);
      header(layout, doc, images.logo);
      if (doc.receipt) receiptStamp(layout, doc.receipt);
      facts(layout, doc);
      lines(layout, doc, t.vatFranchise);
      totals(layout, doc, t);
      if (doc.receipt) receiptTable(layout, doc.receipt);
      mentions(layout, doc);
      if (doc.acceptanceArea) acceptanceArea(layout);
      if (doc.withdrawalNotice) withdrawalNotice(layout, doc);
      footers(layout, doc);
      layout.pdf.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
