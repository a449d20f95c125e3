/**
 * The fonts a PDF uses, read from its objects: tests check that every one is embedded (PDF/A-3
 * requires it, and a reader without the font would substitute another). Reads files whose object
 * dictionaries are not compressed in object streams, as PDFKit writes them.
 */
export interface PdfFont {
  /** "/BaseFont" without its subset prefix: "NotoSans-Bold", "Helvetica". */
  baseFont: string;
  /** "/Subtype": "Type0", "Type1", "TrueType"... */
  subtype: string;
  /** Its program is in the file (FontFile, FontFile2 or FontFile3 in its descriptor). */
  embedded: boolean;
}

/** Each object's dictionary text, by object number (what comes before its stream, if any). */
function objects(raw: string): Map<number, string> {
  const found = new Map<number, string>();
  const pattern = /(\d+) 0 obj\b([\s\S]*?)(?=\bstream\b|\bendobj\b)/g;
  for (let match = pattern.exec(raw); match !== null; match = pattern.exec(raw)) found.set(Number(match[1]), match[2]);
  return found;
}

function reference(dictionary: string, key: string): number | undefined {
  const match = new RegExp(`/${key}\\s*\\[?\\s*(\\d+) 0 R`).exec(dictionary);
  return match ? Number(match[1]) : undefined;
}

export function pdfFonts(bytes: Uint8Array): PdfFont[] {
  const all = objects(Buffer.from(bytes).toString('latin1'));
  const fonts: PdfFont[] = [];
  for (const dictionary of all.values()) {
    if (!/\/Type\s*\/Font\b/.test(dictionary)) continue;
    const subtype = /\/Subtype\s*\/(\w+)/.exec(dictionary)?.[1] ?? '';
    // A composite font's descendant carries the descriptor; a descendant itself is listed through its parent.
    if (subtype === 'CIDFontType2' || subtype === 'CIDFontType0') continue;
    const baseFont = (/\/BaseFont\s*\/([^\s/<>[\]]+)/.exec(dictionary)?.[1] ?? '').replace(/^[A-Z]{6}\+/, '');
    const holder = subtype === 'Type0' ? (all.get(reference(dictionary, 'DescendantFonts') ?? -1) ?? '') : dictionary;
    const descriptor = all.get(reference(holder, 'FontDescriptor') ?? -1) ?? '';
    fonts.push({ baseFont, subtype, embedded: /\/FontFile[23]?\s+\d+ 0 R/.test(descriptor) });
  }
  return fonts;
}
