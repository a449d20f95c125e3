import PDFDocument from 'pdfkit';
import { frenchDate, winAnsiText } from '@kpa/contracts';
import { Letter } from './dunning-letter';

/**
 * Lays a reminder letter out as a French A4 PDF. Decides nothing: every sentence comes from the
 * Letter. Deterministic (CreationDate is the letter's day, which fixes the file ID too). Standard
 * Helvetica, like commerce's documents: French is fully covered by WinAnsi; any other character
 * loses its accent or becomes "?" rather than a wrong glyph.
 */

const LEFT = 56;
const WIDTH = 595.28 - 2 * LEFT;

export function renderLetterPdf(letter: Letter, writtenOn: string, place = ''): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({
      size: 'A4',
      margins: { top: 56, left: LEFT, right: LEFT, bottom: 56 },
      lang: 'fr-FR',
      displayTitle: true,
      info: { Title: winAnsiText(letter.subject), Creator: 'KPA-Cité', Producer: 'KPA-Cité', CreationDate: new Date(`${writtenOn}T00:00:00Z`) },
    });
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);

    pdf.font('Helvetica').fontSize(10).fillColor('#1a1a1a');
    pdf.text(winAnsiText(`${place ? `${place}, ` : ''}le ${frenchDate(writtenOn)}`), LEFT, 56, { width: WIDTH, align: 'right' });
    pdf.moveDown(2);
    pdf.font('Helvetica-Bold').fontSize(16).text(winAnsiText(letter.title), { width: WIDTH });
    pdf
      .font('Helvetica')
      .fontSize(11)
      .moveDown(0.4)
      .text(winAnsiText(`Objet : ${letter.subject}`), { width: WIDTH });
    pdf.moveDown(1.2).text(winAnsiText(letter.greeting), { width: WIDTH });
    for (const paragraph of letter.paragraphs) pdf.moveDown(0.6).text(winAnsiText(paragraph), { width: WIDTH, align: 'justify' });

    pdf.moveDown(1);
    for (const figure of letter.figures) {
      const y = pdf.y;
      pdf.font('Helvetica').text(winAnsiText(figure.label), LEFT, y, { width: WIDTH / 2 });
      pdf.font(figure.label === 'Reste à payer' ? 'Helvetica-Bold' : 'Helvetica').text(winAnsiText(figure.value), LEFT + WIDTH / 2, y, { width: WIDTH / 2, align: 'right' });
    }
    pdf.font('Helvetica').fontSize(9.5);
    for (const sentence of letter.legal) pdf.moveDown(0.6).text(winAnsiText(sentence), LEFT, pdf.y, { width: WIDTH, align: 'justify' });
    pdf.fontSize(11).moveDown(1.5).text(winAnsiText(letter.closing), LEFT, pdf.y, { width: WIDTH });
    pdf.end();
  });
}
