import PDFDocument from 'pdfkit';
import { DomainError, LOGO_CONTENT_TYPES, LOGO_MAX_BYTES, LogoContentType } from '@kpa/contracts';
import { imageSize } from '../documents/pdf/render-pdf';

/** A logo wider or taller than this many pixels is refused: printed in a 150 × 60 pt box, 600 px is already 300 dpi. */
export const LOGO_MAX_PIXELS = 2000;

/** What a checked logo is. */
export interface LogoFacts {
  contentType: LogoContentType;
  width: number;
  height: number;
}

/**
 * What an image file is, told by its first bytes (its "magic number"), never by its name or the
 * Content-Type the client declares.
 */
const SIGNATURES: readonly { type: LogoContentType; bytes: readonly number[] }[] = [
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] }, // "\x89PNG\r\n\x1a\n"
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] }, // SOI marker + the next marker's FF
];

export function sniffLogoType(head: Uint8Array): LogoContentType | null {
  return SIGNATURES.find(({ bytes }) => head.length >= bytes.length && bytes.every((byte, i) => head[i] === byte))?.type ?? null;
}

export function logoTooLarge(detail: string): DomainError {
  return new DomainError('LOGO_TOO_LARGE', `${detail} Send a lighter PNG or JPEG, e.g. 600 × 240 pixels.`, { maxBytes: LOGO_MAX_BYTES, maxPixels: LOGO_MAX_PIXELS });
}

function notAllowed(message: string): DomainError {
  return new DomainError('LOGO_TYPE_NOT_ALLOWED', message, { allowed: [...LOGO_CONTENT_TYPES] });
}

/**
 * Checks a logo before it is stored: a PNG or JPEG by its first bytes, at most LOGO_MAX_BYTES and
 * LOGO_MAX_PIXELS per side, and readable by the PDF renderer, which embeds it in a throwaway page
 * (a corrupt PNG is refused now, not at the first invoice it would break). JPEG data is embedded as
 * it is (the PDF reader decodes it): only its header is checked.
 */
export async function checkLogo(bytes: Buffer): Promise<LogoFacts> {
  if (bytes.length === 0) throw notAllowed('The logo file is empty: send the PNG or JPEG file itself as the request body.');
  if (bytes.length > LOGO_MAX_BYTES) throw logoTooLarge(`A logo may weigh ${LOGO_MAX_BYTES / 1024} KB at most; this one weighs ${Math.ceil(bytes.length / 1024)} KB.`);
  const contentType = sniffLogoType(bytes);
  if (!contentType) throw notAllowed('A logo must be a PNG or JPEG image; this file is neither, whatever its name.');
  const { width, height } = await embedded(bytes, contentType);
  if (width > LOGO_MAX_PIXELS || height > LOGO_MAX_PIXELS) {
    throw logoTooLarge(`A logo may be ${LOGO_MAX_PIXELS} pixels wide and high at most; this one is ${width} × ${height}.`);
  }
  return { contentType, width, height };
}

/** The image's size in pixels, once PDFKit has read and embedded it. */
function embedded(bytes: Buffer, contentType: LogoContentType): Promise<{ width: number; height: number }> {
  const unreadable = () =>
    notAllowed(`This file starts like a ${contentType === 'image/png' ? 'PNG' : 'JPEG'} image but cannot be read (damaged or unusual): export it again as a plain PNG or JPEG.`);
  return new Promise((resolve, reject) => {
    try {
      const pdf = new PDFDocument({ size: [100, 100], autoFirstPage: true });
      const size = imageSize(pdf, bytes);
      if (!(size.width > 0 && size.height > 0)) throw new Error('no size');
      // Too many pixels: refused before PDFKit decodes them all (a small PNG may inflate to gigabytes).
      if (size.width > LOGO_MAX_PIXELS || size.height > LOGO_MAX_PIXELS) return resolve(size);
      pdf.on('data', () => undefined);
      pdf.on('end', () => resolve(size));
      pdf.on('error', () => reject(unreadable()));
      pdf.image(bytes, 0, 0, { fit: [100, 100] });
      pdf.end();
    } catch {
      reject(unreadable());
    }
  });
}
