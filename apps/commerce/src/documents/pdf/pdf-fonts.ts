import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { create } from 'fontkit';

/**
 * The fonts every quote, invoice and credit note is printed with, embedded in the PDF (a subset of
 * the glyphs used): Noto Sans for Latin (Extended included: "Łukasz Dağlı"), Greek and Cyrillic,
 * Noto Sans Arabic for Arabic script, regular and bold, SIL Open Font License, shipped as TTF by
 * @expo-google-fonts (fontkit embeds TTF; the WOFF2 files of @fontsource crash it at `end()`).
 *
 * Why embedded: the buyer's name must print exactly (CGI ann. II art. 242 nonies A), and PDF/A-3
 * (Factur-X) requires every font to be in the file. The standard Helvetica is neither.
 *
 * pdfkit has no bidirectional algorithm: a text is cut into runs of one script (scriptRuns), each
 * drawn with its font, one after the other on the line. An Arabic run is shaped with the `rlig`
 * feature, which makes fontkit join its letters and lay the run out right to left, words in the
 * right order. What pdfkit does not do: reorder runs of a line whose base direction is right to
 * left (a line is always laid left to right, run after run), mirror brackets, or shape Hebrew,
 * Indic or CJK scripts (no font for them here: such a character prints as an empty box).
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
