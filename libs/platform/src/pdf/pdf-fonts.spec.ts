import PDFDocument from 'pdfkit';
import { pdfFonts } from '@kpa/testing/pdf-fonts';
import { pdfText } from '@kpa/testing/pdf-text';
import { hasArabic, heightOfText, printableText, registerDocumentFonts, scriptRuns, writeText } from './pdf-fonts';

function bytesOf(draw: (pdf: PDFKit.PDFDocument) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({ size: 'A4', info: { CreationDate: new Date(0) } });
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    registerDocumentFonts(pdf);
    draw(pdf);
    pdf.end();
  });
}

describe('scriptRuns', () => {
  it('cuts a text into Arabic and other runs, in logical order', () => {
    expect(scriptRuns('SARL محمد عبد الله')).toEqual([
      { text: 'SARL ', arabic: false },
      { text: 'محمد عبد الله', arabic: true },
    ]);
  });

  it('keeps the spaces and punctuation between two Arabic words in the Arabic run, and gives them to Latin text elsewhere', () => {
    expect(scriptRuns('Traduction pour محمد، عبد الله SARL')).toEqual([
      { text: 'Traduction pour ', arabic: false },
      { text: 'محمد، عبد الله', arabic: true },
      { text: ' SARL', arabic: false },
    ]);
  });

  it('leaves a text without Arabic whole', () => {
    expect(scriptRuns('Łukasz Dağlı — Дмитрий Иванов')).toEqual([{ text: 'Łukasz Dağlı — Дмитрий Иванов', arabic: false }]);
    expect(hasArabic('Łukasz Dağlı')).toBe(false);
    expect(hasArabic('Mme محمد')).toBe(true);
  });
});

describe('printableText', () => {
  it('turns control characters into spaces and keeps every letter, space and line feed as it is', () => {
    expect(printableText('a\tb\u0007c\nd')).toBe('a b c\nd');
    expect(printableText('Łódź\u202f2\u00a0000 €')).toBe('Łódź\u202f2\u00a0000 €');
  });
});

describe('writeText', () => {
  it('prints Latin Extended, Greek, Cyrillic and Arabic exactly, placed or flowing, with embedded fonts only', async () => {
    const pdf = await bytesOf((doc) => {
      writeText(doc, 'Łukasz Dağlı', 'bold', { width: 400 }, { x: 50, y: 50 });
      writeText(doc, 'Γιώργος Παπαδόπουλος', 'regular', { width: 400 });
      writeText(doc, 'Mise en demeure adressée à محمد عبد الله et à Дмитрий Иванов.', 'regular', { width: 400, align: 'justify' });
    });
    const words = (await pdfText(pdf)).text.replace(/\s+/g, ' ');
    expect(words).toContain('Łukasz Dağlı');
    expect(words).toContain('Γιώργος Παπαδόπουλος');
    // The Arabic run is shaped right to left (rlig) and reads back in logical order, between its Latin neighbours.
    expect(words).toContain('Mise en demeure adressée à محمد عبد الله et à Дмитрий Иванов.');

    const fonts = pdfFonts(pdf);
    expect(fonts.map((font) => font.baseFont).sort()).toEqual(['NotoSans-Bold', 'NotoSans-Regular', 'NotoSansArabic-Regular']);
    expect(fonts.every((font) => font.embedded)).toBe(true);
  });

  it('measures a text with Arabic with both fonts: never less than its Latin height', async () => {
    await bytesOf((doc) => {
      doc.fontSize(10);
      const latin = heightOfText(doc, 'Mme Durand', 'regular', { width: 200 });
      const mixed = heightOfText(doc, 'Mme محمد عبد الله', 'regular', { width: 200 });
      expect(latin).toBeGreaterThan(0);
      expect(mixed).toBeGreaterThanOrEqual(latin);
    });
  });
});
