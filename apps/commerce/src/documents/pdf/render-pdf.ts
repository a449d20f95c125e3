import PDFDocument from 'pdfkit';
import { frenchAmount, frenchDate, frenchDatesIn, frenchNumber, frenchPercent, NBSP, VAT_FRANCHISE_REASON, winAnsiText } from '@kpa/contracts';
import { PrintableDocument, PrintableLine, sellerContactLines } from '../printable';

/**
 * Lays a PrintableDocument out as an A4 PDF in French. It decides nothing about the law: every
 * sentence and figure comes from the document; this file only places them, formats numbers and
 * dates the French way, breaks pages and prints the number and "page x/y" on every page
 * (CGI ann. II art. 242 nonies A: the number appears on every page of a multi-page invoice).
 *
 * Pure (no Nest, no database) and deterministic: the same document gives the same bytes. PDFKit
 * derives the file ID from the info dictionary, so fixing CreationDate (the document's date) fixes
 * the ID too. The standard Helvetica font is not embedded (every reader has it): a PDF stays a
 * few kilobytes, well under the 1 MB a NATS reply may carry.
 */

const A4 = { width: 595.28, height: 841.89 };
const LEFT = 42;
const RIGHT = A4.width - 42;
const WIDTH = RIGHT - LEFT;
const TOP = 40;
/** Content never goes below this line: the footer lives under it. */
const BOTTOM = A4.height - 62;
const FOOTER_Y = A4.height - 44;

const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const INK = '#1a1a1a';
const MUTED = '#555555';
const RULE = '#b0b0b0';
const SHADE = '#eeeeee';
const DRAFT = '#a40000';

/** The line table's columns, left to right (widths sum to WIDTH). */
const COLUMNS = [
  { key: 'description', label: 'Désignation', width: 207, align: 'left' },
  { key: 'quantity', label: 'Qté', width: 44, align: 'right' },
  { key: 'unit', label: 'Unité', width: 50, align: 'left' },
  { key: 'unitPrice', label: 'PU HT', width: 72, align: 'right' },
  { key: 'vatRate', label: 'TVA', width: 46, align: 'right' },
  { key: 'net', label: 'Total HT', width: WIDTH - 207 - 44 - 50 - 72 - 46, align: 'right' },
] as const;
type ColumnKey = (typeof COLUMNS)[number]['key'];
const CELL_PAD = 4;

/** French spacing: a no-break space before ":", ";", "!", "?", "€", "%" and inside « », so "40 €" never splits over two lines. */
function typeset(text: string): string {
  return winAnsiText(text)
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
        Title: winAnsiText(`${doc.title} ${doc.number ?? '(brouillon)'}`),
        Author: winAnsiText(doc.seller.legalName),
        Subject: winAnsiText(`${doc.title} — ${doc.client.name}`),
        Creator: 'KPA-Cité',
        Producer: 'KPA-Cité',
        // Fixed, so the same document renders the same bytes (PDFKit also hashes it into the file ID).
        CreationDate: Number.isNaN(date.getTime()) ? new Date(0) : date,
      },
    } as PDFKit.PDFDocumentOptions);
    this.pdf.fillColor(INK);
  }

  /** "Facture N° KPA13-F-2026-000123", or the draft warning. */
  get identification(): string {
    return this.doc.number === null ? 'BROUILLON — document sans valeur' : `${this.doc.title} N°${NBSP}${this.doc.number}`;
  }

  font(name: string, size: number, color = INK): this {
    this.pdf.font(name).fontSize(size).fillColor(color);
    return this;
  }

  height(text: string, width: number): number {
    return this.pdf.heightOfString(typeset(text), { width });
  }

  write(text: string, x: number, y: number, options: PDFKit.Mixins.TextOptions = {}): void {
    this.pdf.text(typeset(text), x, y, options);
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
  stack(lines: { text: string; font?: string; size?: number; color?: string; gap?: number }[], x: number, y: number, width: number): number {
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

function sellerLines(doc: PrintableDocument): { text: string; font?: string; size?: number; color?: string; gap?: number }[] {
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
    { text: `Établissement : ${s.siteName}`, color: MUTED },
  ];
}

function clientLines(doc: PrintableDocument): { text: string; font?: string; size?: number; color?: string; gap?: number }[] {
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

function header(layout: Layout, doc: PrintableDocument): void {
  const columnGap = 20;
  const leftWidth = 270;
  const rightX = LEFT + leftWidth + columnGap;
  const rightWidth = RIGHT - rightX;

  const sellerBottom = layout.stack(sellerLines(doc), LEFT, TOP, leftWidth);

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

function tableHeader(layout: Layout): void {
  const h = 16;
  layout.pdf.save().rect(LEFT, layout.y, WIDTH, h).fill(SHADE).restore();
  layout.font(BOLD, 8.5);
  let x = LEFT;
  for (const column of COLUMNS) {
    layout.write(column.label, x + CELL_PAD, layout.y + 4.5, { width: column.width - 2 * CELL_PAD, align: column.align, lineBreak: false });
    x += column.width;
  }
  layout.y += h + 2;
}

function lines(layout: Layout, doc: PrintableDocument): void {
  layout.ensure(16 + 30);
  tableHeader(layout);
  for (const line of doc.lines) {
    const cells = lineCells(line);
    layout.font(REGULAR, 8.5);
    const descriptionWidth = COLUMNS[0].width - 2 * CELL_PAD;
    const h = Math.max(layout.height(cells.description, descriptionWidth), 10) + 6;
    if (layout.ensure(h)) tableHeader(layout);
    let x = LEFT;
    layout.font(REGULAR, 8.5);
    for (const column of COLUMNS) {
      layout.write(cells[column.key], x + CELL_PAD, layout.y + 3, { width: column.width - 2 * CELL_PAD, align: column.align });
      x += column.width;
    }
    layout.y += h;
    layout.rule(layout.y - 1, LEFT, RIGHT, SHADE);
  }
  layout.y += 10;
}

interface Row {
  label: string;
  value: string;
  bold?: boolean;
}

function vatLabel(rate: string, category: 'S' | 'E', exemptionReason: string | null): string {
  if (category === 'S') return frenchPercent(rate);
  if (exemptionReason === VAT_FRANCHISE_REASON) return `${frenchPercent(rate)} — TVA non applicable, art. 293 B du CGI`;
  return exemptionReason ? `${frenchPercent(rate)} — exonération : ${exemptionReason}` : `${frenchPercent(rate)} — exonéré`;
}

function totals(layout: Layout, doc: PrintableDocument): void {
  const t = doc.totals;
  // Left: the VAT breakdown per rate (CGI ann. II art. 242 nonies A: base and VAT per rate).
  const breakdownWidth = 250;
  const rateWidth = 110;
  const amountWidth = (breakdownWidth - rateWidth) / 2;
  layout.font(REGULAR, 8.5);
  const breakdown = t.vatBreakdown.map((g) => ({ label: vatLabel(g.rate, g.category, g.exemptionReason), base: frenchAmount(g.base), vat: frenchAmount(g.vat) }));
  const breakdownHeights = breakdown.map((g) => Math.max(layout.height(g.label, rateWidth - 2 * CELL_PAD), 10) + 4);
  const breakdownHeight = 16 + breakdownHeights.reduce((a, b) => a + b, 0);

  // Right: totals, deposits deducted, what is due.
  const rows: Row[] = [
    { label: 'Total HT', value: frenchAmount(t.net) },
    { label: 'Total TVA', value: frenchAmount(t.vat) },
    { label: 'Total TTC', value: frenchAmount(t.total), bold: true },
  ];
  for (const deposit of t.deposits) {
    rows.push({ label: `Acompte N° ${deposit.number} du ${frenchDate(deposit.issuedOn)}`, value: frenchAmount(`-${deposit.total.replace(/^-/, '')}`) });
  }
  if (t.deposits.length > 0) rows.push({ label: 'Reste à payer', value: frenchAmount(t.amountDue), bold: true });
  else if (doc.kind !== 'quote' && doc.kind !== 'credit_note') rows.push({ label: 'Net à payer', value: frenchAmount(t.amountDue), bold: true });
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

  // Breakdown table.
  layout.pdf.save().rect(LEFT, top, breakdownWidth, 14).fill(SHADE).restore();
  layout.font(BOLD, 8);
  layout.write('Taux de TVA', LEFT + CELL_PAD, top + 3.5, { width: rateWidth - 2 * CELL_PAD, lineBreak: false });
  layout.write('Base HT', LEFT + rateWidth, top + 3.5, { width: amountWidth - CELL_PAD, align: 'right', lineBreak: false });
  layout.write('Montant TVA', LEFT + rateWidth + amountWidth, top + 3.5, { width: amountWidth - CELL_PAD, align: 'right', lineBreak: false });
  let y = top + 16;
  breakdown.forEach((g, index) => {
    layout.font(REGULAR, 8.5);
    layout.write(g.label, LEFT + CELL_PAD, y, { width: rateWidth - 2 * CELL_PAD });
    layout.write(g.base, LEFT + rateWidth, y, { width: amountWidth - CELL_PAD, align: 'right' });
    layout.write(g.vat, LEFT + rateWidth + amountWidth, y, { width: amountWidth - CELL_PAD, align: 'right' });
    y += breakdownHeights[index];
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
  const form = [
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

/** The PDF of a quote, invoice or credit note, A4, in French. */
export function renderPdf(doc: PrintableDocument): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    try {
      const layout = new Layout(doc);
      const chunks: Buffer[] = [];
      layout.pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
      layout.pdf.on('end', () => resolve(Buffer.concat(chunks)));
      layout.pdf.on('error', reject);

      header(layout, doc);
      facts(layout, doc);
      lines(layout, doc);
      totals(layout, doc);
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
