import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { create } from 'fontkit';

/**
 * The fonts every PDF of the platform is printed with — quotes, invoices and credit notes
 * (commerce), reminder letters and formal notices, activity reports (worker) — embedded in the PDF
 * (a subset of the glyphs used): Noto Sans for Latin (Extended included: "Łukasz Dağlı"), Greek and Cyrillic,
 * Noto Sans Arabic for Arabic script, regular and bold, SIL Open Font License, shipped as TTF by
 * @expo-google-fonts (fontkit embeds TTF; the WOFF2 files of @fontsource crash it at `end()`).
 *
 * Why embedded: the buyer's name must print exactly (CGI ann. II art. 242 nonies A), a formal notice
 * must name the debtor exactly, and PDF/A-3 (Factur-X) requires every font to be in the file. The
 * standard Helvetica is neither (WinAnsi only: "Łukasz" would lose its stroke, Arabic become "?").
 *
 * One module for every service (no Nest, no I/O beyond reading the font files once): import it as
 * `@kpa/platform/pdf/pdf-fonts`, not through `@kpa/platform`'s index, so a service that prints
 * nothing does not load fontkit.
 *
 * pdfkit has no bidirectional algorithm: a text is cut into runs of one script (scriptRuns), each
 * drawn with its font, one after the other on the line. An Arabic run is shaped with the `rlig`
 * feature, which makes fontkit join its letters and lay the run out right to left, words in the
 * right order. What pdfkit does not do: reorder runs of a line whose base direction is right to
 * left (a line is always laid left to right, run after run), mirror brackets, or shape Hebrew,
 * Indic or CJK scripts (no font for them here: such a character prints as an empty box).
 * writeText and heightOfText do this for a layout; commerce's render-pdf.ts has its own copy.
 */

export type FontWeight = 'regular' | 'bold';

/** The names under which the fonts are registered in each PDFDocument. */
export const DOCUMENT_FONTS: Record<'latin' | 'arabic', Record<FontWeight, string>> = {
  latin: { regular: 'NotoSans-Regular', bold: 'NotoSans-Bold' },
  arabic: { regular: 'NotoSansArabic-Regular', bold: 'NotoSansArabic-Bold' },
};

function fontFile(pkg: string, file: string, weight: '400Regular' | '700Bold'): Buffer {
  const directory = dirname(require.resolve(`@expo-google-fonts/${pkg}/package.json`));
  return readFileSync(join(directory, weight, `${file}_${weight}.ttf`));
}

let fonts: Record<string, Fontkit.Font> | undefined;

/**
 * Read and parsed once per process (about 1.6 MB of TTF): PDFKit takes a parsed fontkit font as a
 * font source, and fontkit keeps the glyphs it has read, so a document does not parse the files
 * again (ten times faster than from the bytes). Each PDF still embeds its own subset.
 */
function documentFonts(): Record<string, Fontkit.Font> {
  fonts ??= {
    [DOCUMENT_FONTS.latin.regular]: create(fontFile('noto-sans', 'NotoSans', '400Regular')),
    [DOCUMENT_FONTS.latin.bold]: create(fontFile('noto-sans', 'NotoSans', '700Bold')),
    [DOCUMENT_FONTS.arabic.regular]: create(fontFile('noto-sans-arabic', 'NotoSansArabic', '400Regular')),
    [DOCUMENT_FONTS.arabic.bold]: create(fontFile('noto-sans-arabic', 'NotoSansArabic', '700Bold')),
  };
  return fonts;
}

export function registerDocumentFonts(pdf: PDFKit.PDFDocument): void {
  for (const [name, font] of Object.entries(documentFonts())) pdf.registerFont(name, font as unknown as Buffer);
}

/** Arabic letters and their presentation forms (Arabic, Supplement, Extended-A, forms A and B). */
const ARABIC = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/u;
/** Characters of no script: spaces, punctuation, digits. Between two Arabic letters they belong to the Arabic run. */
const NEUTRAL = /[\s\p{P}\p{S}\p{N}]/u;

export interface ScriptRun {
  text: string;
  arabic: boolean;
}

export function hasArabic(text: string): boolean {
  return ARABIC.test(text);
}

/**
 * A text cut into runs of Arabic and of every other script, in logical order: "SARL محمد عبد الله"
 * → ["SARL ", "محمد عبد الله"]. Spaces and punctuation between two Arabic words stay in the Arabic
 * run, so the run is shaped as a whole (its words right to left); elsewhere they go with the Latin text.
 */
export function scriptRuns(text: string): ScriptRun[] {
  const chars = [...text];
  const kinds = chars.map((char): 'arabic' | 'other' | 'neutral' => (ARABIC.test(char) ? 'arabic' : NEUTRAL.test(char) ? 'neutral' : 'other'));
  // A neutral belongs to Arabic only when the strong characters on both sides of it are Arabic.
  const resolved = kinds.map((kind, index) => {
    if (kind !== 'neutral') return kind === 'arabic';
    const before = kinds
      .slice(0, index)
      .reverse()
      .find((k) => k !== 'neutral');
    const after = kinds.slice(index + 1).find((k) => k !== 'neutral');
    return before === 'arabic' && after === 'arabic';
  });
  const runs: ScriptRun[] = [];
  chars.forEach((char, index) => {
    const last = runs[runs.length - 1];
    if (last && last.arabic === resolved[index]) last.text += char;
    else runs.push({ text: char, arabic: resolved[index] });
  });
  return runs;
}

/** C0 and C1 controls but the line feed (the API refuses them; a frozen text is printed as it is): a space each, never a wrong glyph. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

/** A text as the fonts can print it: control characters become spaces; every other character stays as it is. */
export function printableText(text: string): string {
  return text.replace(CONTROLS, ' ');
}

/** The font registered for a run of this script and weight. */
function runFont(arabic: boolean, weight: FontWeight): string {
  return arabic ? DOCUMENT_FONTS.arabic[weight] : DOCUMENT_FONTS.latin[weight];
}

/**
 * Writes a text in the document fonts at this weight (registerDocumentFonts first; size and colour
 * as set): at (x, y) when `at` is given, else where the previous text ended, as `pdf.text` does.
 * A text with Arabic goes out run by run (scriptRuns), each with its font, chained with `continued`;
 * an Arabic run is shaped right to left (`rlig`). The Latin font of this weight is current afterwards.
 */
export function writeText(pdf: PDFKit.PDFDocument, text: string, weight: FontWeight, options: PDFKit.Mixins.TextOptions = {}, at?: { x: number; y: number }): void {
  const printable = printableText(text);
  const runs = hasArabic(printable) ? scriptRuns(printable) : [{ text: printable, arabic: false }];
  runs.forEach((run, index) => {
    pdf.font(runFont(run.arabic, weight));
    const runOptions = { ...options, continued: index < runs.length - 1, features: run.arabic ? ['rlig'] : [] } as PDFKit.Mixins.TextOptions;
    // pdfkit reads a missing x as "options come first": the position only when there is one.
    if (index === 0 && at) pdf.text(run.text, at.x, at.y, runOptions);
    else pdf.text(run.text, runOptions);
  });
  pdf.font(DOCUMENT_FONTS.latin[weight]);
}

/** The height writeText takes for a text in this width; Arabic glyphs stand taller, so a text with some is measured with both fonts. */
export function heightOfText(pdf: PDFKit.PDFDocument, text: string, weight: FontWeight, options: PDFKit.Mixins.TextOptions = {}): number {
  const printable = printableText(text);
  pdf.font(DOCUMENT_FONTS.latin[weight]);
  const latin = pdf.heightOfString(printable, options);
  if (!hasArabic(printable)) return latin;
  pdf.font(DOCUMENT_FONTS.arabic[weight]);
  const arabic = pdf.heightOfString(printable, { ...options, features: ['rlig'] } as PDFKit.Mixins.TextOptions);
  pdf.font(DOCUMENT_FONTS.latin[weight]);
  return Math.max(latin, arabic);
}
