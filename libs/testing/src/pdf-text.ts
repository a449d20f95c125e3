/**
 * What a PDF says, read back the way a viewer would (pdfjs-dist, Mozilla's PDF reader): tests check
 * a document's printed words, never the renderer's calls. pdfjs-dist is ESM-only; jest compiles it
 * with SWC (see the ESM-only list in jest.config.js), and its worker runs on the main thread.
 */
export interface PdfText {
  /** The text of each page, items joined in reading order, lines by "\n". */
  pages: string[];
  /** Every page's text, pages separated by a form feed ("\f"). */
  text: string;
  /** Each page's size in points (A4: 595.28 × 841.89). */
  pageSizes: { width: number; height: number }[];
  /** The document information dictionary (Title, Creator, CreationDate...). */
  info: Record<string, unknown>;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loading: Promise<PdfJs> | undefined;

async function pdfjs(): Promise<PdfJs> {
  loading ??= (async () => {
    // The "fake worker": pdfjs looks for the worker's handler on globalThis before importing it by path.
    const workerModule = 'pdfjs-dist/legacy/build/pdf.worker.mjs'; // ships no type declarations
    const worker: unknown = await import(workerModule);
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return loading;
}

/**
 * The text of a PDF. No-break spaces (which keep "1 234,56 €" on one line) read as plain spaces, so
 * a test writes the words as a person reads them; control characters are dropped.
 */
export async function pdfText(bytes: Uint8Array): Promise<PdfText> {
  const { getDocument } = await pdfjs();
  // pdfjs takes ownership of (detaches) the buffer it is given: hand it a copy.
  const document = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    const pageSizes: { width: number; height: number }[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const [x0, y0, x1, y1] = page.view;
      pageSizes.push({ width: Math.round((x1 - x0) * 100) / 100, height: Math.round((y1 - y0) * 100) / 100 });
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str;
        if (item.hasEOL) text += '\n';
      }
      // A glyph with no character (a joining stroke Arabic shaping inserts, written `<>` in the
      // font's ToUnicode map) reads back as a control character: no one reads it, drop it.
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      pages.push(text.replace(/\u00a0/g, ' ').replace(/[\u0000-\u0009\u000b-\u001f]/g, ''));
      page.cleanup();
    }
    const metadata = await document.getMetadata();
    return { pages, text: pages.join('\f'), pageSizes, info: (metadata.info ?? {}) as Record<string, unknown> };
  } finally {
    await document.destroy();
  }
}
