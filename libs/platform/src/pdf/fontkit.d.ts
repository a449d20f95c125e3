/** The part of fontkit (PDFKit's font engine, no types of its own) the documents use. */
declare module 'fontkit' {
  export function create(buffer: Buffer): Fontkit.Font;
}

declare namespace Fontkit {
  /** A parsed font; PDFKit accepts it wherever it takes a font file. */
  interface Font {
    readonly postscriptName: string;
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
}
