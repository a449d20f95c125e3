import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { frenchLongDate, ReportFigure } from '@kpa/contracts';
import { DOCUMENT_FONTS, FontWeight, heightOfText, registerDocumentFonts, writeText } from '@kpa/platform/pdf/pdf-fonts';
import { SECTIONS } from './activity-report';
import { activityCharts, Chart, chartSvg, shownValue } from './report-charts';

/**
 * Lays a report out as an A4 PDF in French: a heading (whose figures, which period), the key
 * figures, then every chart with the table of its data under it, and what "< 5" means. Pure (no
 * Nest, no database) and deterministic: the same figures give the same bytes (the creation date is
 * the report's own).
 *
 * Fonts are the platform's embedded ones (libs/platform pdf-fonts.ts: Noto Sans, Noto Sans Arabic for
 * Arabic runs, shaped right to left), like every other PDF of the platform: a site's or host
 * structure's name in any Latin, Greek, Cyrillic or Arabic script prints exactly. The charts' SVG
 * text is drawn with Noto Sans too (svg-to-pdfkit's fontCallback), never with unembedded Helvetica.
 */
export interface ReportDocument {
  /** "Rapport d’activité". */
  title: string;
  /** "Région", "Site : La Cape", "Structure porteuse : …". */
  scopeLabel: string;
  from: string;
  to: string;
  /** When the figures were taken (ISO instant): printed, and the PDF's creation date. */
  generatedAt: string;
  sha256: string;
  smallCountsHidden: boolean;
  figures: ReportFigure[];
}

const A4 = { width: 595.28, height: 841.89 };
const LEFT = 48;
const RIGHT = A4.width - 48;
const WIDTH = RIGHT - LEFT;
const TOP = 48;
const BOTTOM = A4.height - 60;
const INK = '#1a1a1a';
const MUTED = '#555555';
const RULE = '#b0b0b0';
const SHADE = '#f0f0f0';
const REGULAR: FontWeight = 'regular';
const BOLD: FontWeight = 'bold';

const KEY_FIGURES = [
  'people.took_part',
  'people.active',
  'people.under_cape',
  'people.joined',
  'people.left',
  'people.qpv',
  'people.interviews_held',
  'economy.revenue',
  'economy.mission_hours',
  'economy.contributive_hours',
  'economy.distributed',
];

class Layout {
  readonly pdf: PDFKit.PDFDocument;
  y = TOP;

  constructor(private readonly report: ReportDocument) {
    this.pdf = new PDFDocument({
      size: 'A4',
      margins: { top: TOP, left: LEFT, right: A4.width - RIGHT, bottom: 20 },
      bufferPages: true,
      lang: 'fr-FR',
      displayTitle: true,
      info: {
        Title: `${report.title} — ${report.scopeLabel}`,
        Subject: `Du ${frenchLongDate(report.from)} au ${frenchLongDate(report.to)}`,
        Creator: 'KPA-Cité',
        Producer: 'KPA-Cité',
        CreationDate: new Date(report.generatedAt),
      },
    } as PDFKit.PDFDocumentOptions);
    registerDocumentFonts(this.pdf);
  }

  private weight: FontWeight = REGULAR;

  font(weight: FontWeight, size: number, color = INK): this {
    this.weight = weight;
    this.pdf.font(DOCUMENT_FONTS.latin[weight]).fontSize(size).fillColor(color);
    return this;
  }

  /** Writes at (x, y) in the current weight, each script run in its font. */
  write(text: string, x: number, y: number, options: PDFKit.Mixins.TextOptions): void {
    writeText(this.pdf, text, this.weight, options, { x, y });
  }

  height(text: string, width: number): number {
    return heightOfText(this.pdf, text, this.weight, { width });
  }

  text(text: string, x: number, width: number, options: PDFKit.Mixins.TextOptions = {}): void {
    this.write(text, x, this.y, { width, ...options });
    this.y += heightOfText(this.pdf, text, this.weight, { width, ...options });
  }

  ensure(needed: number): void {
    if (this.y + needed > BOTTOM) this.newPage();
  }

  newPage(): void {
    this.pdf.addPage();
    this.y = TOP;
    this.font(BOLD, 8, MUTED);
    this.write(`${this.report.title} — ${this.report.scopeLabel} — du ${frenchLongDate(this.report.from)} au ${frenchLongDate(this.report.to)}`, LEFT, this.y, {
      width: WIDTH,
      lineBreak: false,
    });
    this.y += 12;
    this.rule();
    this.y += 10;
  }

  rule(color = RULE): void {
    this.pdf.save().moveTo(LEFT, this.y).lineTo(RIGHT, this.y).lineWidth(0.6).strokeColor(color).stroke().restore();
  }

  heading(): void {
    const report = this.report;
    this.font(BOLD, 18);
    this.text(report.title, LEFT, WIDTH);
    this.y += 2;
    this.font(BOLD, 12);
    this.text(report.scopeLabel, LEFT, WIDTH);
    this.font(REGULAR, 10, MUTED);
    this.text(`Période : du ${frenchLongDate(report.from)} au ${frenchLongDate(report.to)}`, LEFT, WIDTH);
    this.text(`Chiffres arrêtés le ${frenchLongDate(report.generatedAt.slice(0, 10))} — empreinte SHA-256 : ${report.sha256}`, LEFT, WIDTH);
    if (report.smallCountsHidden) {
      this.y += 4;
      this.font(REGULAR, 9, INK);
      this.text(
        'Secret statistique : les effectifs de 1 à 4 personnes sont masqués et notés « < 5 », pour que personne ne puisse être reconnu. Les totaux restent affichés.',
        LEFT,
        WIDTH,
      );
    }
    this.y += 10;
  }

  /** Two-column table: label, value; shaded header. */
  table(header: [string, string], rows: [string, string][]): void {
    const valueWidth = 120;
    const labelWidth = WIDTH - valueWidth;
    const line = (label: string, value: string, bold: boolean, shade: boolean): void => {
      this.font(bold ? BOLD : REGULAR, 9);
      const height = Math.max(this.height(label, labelWidth - 8), 11) + 5;
      this.ensure(height);
      if (shade) this.pdf.save().rect(LEFT, this.y, WIDTH, height).fill(SHADE).restore();
      this.font(bold ? BOLD : REGULAR, 9);
      this.write(label, LEFT + 4, this.y + 3, { width: labelWidth - 8 });
      this.write(value, LEFT + labelWidth, this.y + 3, { width: valueWidth - 4, align: 'right' });
      this.y += height;
    };
    line(header[0], header[1], true, true);
    for (const [label, value] of rows) line(label, value, false, false);
    this.rule();
    this.y += 12;
  }

  keyFigures(): void {
    this.font(BOLD, 13);
    this.text('Chiffres clés', LEFT, WIDTH);
    this.y += 4;
    const chosen = KEY_FIGURES.map((id) => this.report.figures.find((figure) => figure.id === id)).filter((figure): figure is ReportFigure => figure !== undefined);
    for (const section of Object.values(SECTIONS)) {
      const rows = chosen.filter((figure) => figure.section === section).map((figure): [string, string] => [figure.label, shownValue(figure)]);
      if (rows.length > 0) this.table([section, 'Valeur'], rows);
    }
  }

  async chart(chart: Chart): Promise<void> {
    const svg = await chartSvg(chart, WIDTH - 200);
    const size = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
    const [svgWidth, svgHeight] = size ? [Number(size[1]), Number(size[2])] : [WIDTH, 200];
    const scale = Math.min(1, WIDTH / svgWidth);
    const height = svgHeight * scale;
    // The title, the chart and the table's first lines stay together.
    this.ensure(20 + height + 60);
    this.font(BOLD, 12);
    this.text(chart.title, LEFT, WIDTH);
    this.y += 4;
    SVGtoPDF(this.pdf, svg, LEFT, this.y, {
      width: svgWidth * scale,
      height,
      assumePt: true,
      fontCallback: (_family, bold) => DOCUMENT_FONTS.latin[bold ? BOLD : REGULAR],
    });
    this.y += height + 6;
    const rows = chart.rows.map((row): [string, string] => [row.series ? `${row.label} — ${row.series}` : row.label, row.shown]);
    this.table([chart.rows.some((row) => row.series) ? 'Mois — pôle' : 'Catégorie', 'Valeur'], rows);
  }

  footers(): void {
    const range = this.pdf.bufferedPageRange();
    for (let index = range.start; index < range.start + range.count; index++) {
      this.pdf.switchToPage(index);
      this.font(REGULAR, 8, MUTED);
      this.write(`KPA-Cité — ${this.report.title} — page ${index + 1}/${range.count}`, LEFT, A4.height - 40, { width: WIDTH, align: 'center', lineBreak: false });
    }
  }

  async bytes(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    this.pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise<void>((resolve, reject) => {
      this.pdf.on('end', () => resolve());
      this.pdf.on('error', reject);
    });
    this.pdf.end();
    await ended;
    return Buffer.concat(chunks);
  }
}

/** The report's PDF: heading, key figures, every chart with its data table. */
export async function renderReportPdf(report: ReportDocument): Promise<Buffer> {
  const layout = new Layout(report);
  layout.heading();
  layout.keyFigures();
  for (const chart of activityCharts(report.figures)) await layout.chart(chart);
  layout.footers();
  return layout.bytes();
}
