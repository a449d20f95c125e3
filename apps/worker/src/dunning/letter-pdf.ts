import PDFDocument from 'pdfkit';
import { frenchDate } from '@kpa/contracts';
import { FontWeight, registerDocumentFonts, writeText } from '@kpa/platform/pdf/pdf-fonts';
import { Letter } from './dunning-letter';

/**
 * Lays a reminder letter out as a French A4 PDF. Decides nothing: every sentence comes from the
 * Letter. Deterministic (CreationDate is the letter's day, which fixes the file ID too). Printed
 * with the platform's embedded fonts (libs/platform pdf-fonts.ts: Noto Sans, Noto Sans Arabic for
 * Arabic runs, shaped right to left), like the invoice it reminds of: a formal notice names the
 * debtor exactly — "Łukasz Dağlı", "Дмитрий Иванов", "محمد عبد الله" — never a transliteration.
 */

const LEFT = 56;
const WIDTH = 595.28 - 2 * LEFT;
const INK = '#1a1a1a';

export function renderLetterPdf(letter: Letter, writtenOn: string, place = ''): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({
      size: 'A4',
      margins: { top: 56, left: LEFT, right: LEFT, bottom: 56 },
      lang: 'fr-FR',
      displayTitle: true,
      // PDFKit writes a non-ASCII string as UTF-16: the name in the subject stays exact here too.
      info: { Title: letter.subject, Creator: 'KPA-Cité', Producer: 'KPA-Cité', CreationDate: new Date(`${writtenOn}T00:00:00Z`) },
    });
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    registerDocumentFonts(pdf);
    const write = (text: string, weight: FontWeight, options: PDFKit.Mixins.TextOptions = {}, at?: { x: number; y: number }): void =>
      writeText(pdf, text, weight, { width: WIDTH, ...options }, at);

    pdf.fontSize(10).fillColor(INK);
    write(`${place ? `${place}, ` : ''}le ${frenchDate(writtenOn)}`, 'regular', { align: 'right' }, { x: LEFT, y: 56 });
    // The addressee on the right, where a French letter puts it.
    pdf.moveDown(1.5).fontSize(11);
    write(letter.addressee, 'bold', { width: WIDTH / 2 }, { x: LEFT + WIDTH / 2, y: pdf.y });
    pdf.moveDown(2).fontSize(16);
    write(letter.title, 'bold', {}, { x: LEFT, y: pdf.y });
    pdf.fontSize(11).moveDown(0.4);
    write(`Objet : ${letter.subject}`, 'regular');
    pdf.moveDown(1.2);
    write(letter.greeting, 'regular');
    for (const paragraph of letter.paragraphs) {
      pdf.moveDown(0.6);
      write(paragraph, 'regular', { align: 'justify' });
    }

    pdf.moveDown(1);
    for (const figure of letter.figures) {
      const y = pdf.y;
      write(figure.label, 'regular', { width: WIDTH / 2 }, { x: LEFT, y });
      write(figure.value, figure.label === 'Reste à payer' ? 'bold' : 'regular', { width: WIDTH / 2, align: 'right' }, { x: LEFT + WIDTH / 2, y });
    }
    pdf.fontSize(9.5);
    for (const sentence of letter.legal) {
      pdf.moveDown(0.6);
      write(sentence, 'regular', { align: 'justify' }, { x: LEFT, y: pdf.y });
    }
    pdf.fontSize(11).moveDown(1.5);
    write(letter.closing, 'regular', {}, { x: LEFT, y: pdf.y });
    pdf.end();
  });
}
