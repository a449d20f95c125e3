import { createHash, Hash } from 'node:crypto';
import { Transform, TransformCallback } from 'node:stream';
import { DomainError, RECEIPT_CONTENT_TYPES, ReceiptContentType } from '@kpa/contracts';

/**
 * What a receipt file is, told by its first bytes (its "magic number"), never by the name or the
 * Content-Type the client declares: a program renamed `.pdf` stays a program.
 */
const SIGNATURES: readonly { type: ReceiptContentType; bytes: readonly number[] }[] = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // "%PDF-"
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] }, // SOI marker + the next marker's FF
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] }, // "\x89PNG\r\n\x1a\n"
];

/** Bytes needed to recognise every accepted type. */
export const SNIFF_BYTES = Math.max(...SIGNATURES.map((s) => s.bytes.length));

/** The receipt type the file starts like, or null. */
export function sniffReceiptType(head: Uint8Array): ReceiptContentType | null {
  return SIGNATURES.find(({ bytes }) => head.length >= bytes.length && bytes.every((byte, i) => head[i] === byte))?.type ?? null;
}

export function receiptTooLarge(maxBytes: number): DomainError {
  const size = maxBytes % 1_048_576 === 0 ? `${maxBytes / 1_048_576} MiB` : `${maxBytes} bytes`;
  return new DomainError('RECEIPT_TOO_LARGE', `A receipt may be ${size} at most: send a lighter scan or photo (a PDF, JPEG or PNG).`, { maxBytes });
}

export function receiptTypeNotAllowed(empty: boolean): DomainError {
  return new DomainError(
    'RECEIPT_TYPE_NOT_ALLOWED',
    empty
      ? 'The receipt file is empty: send the PDF, JPEG or PNG itself as the request body.'
      : `A receipt must be a PDF, JPEG or PNG file (${RECEIPT_CONTENT_TYPES.join(', ')}); this file is none of them, whatever its name.`,
    { allowed: [...RECEIPT_CONTENT_TYPES] },
  );
}

/**
 * A pass-through that counts, hashes and recognises a receipt as it streams: it fails with
 * RECEIPT_TYPE_NOT_ALLOWED before letting a single byte through when the first bytes are not a
 * PDF, JPEG or PNG, and with RECEIPT_TOO_LARGE as soon as the size passes the limit (never
 * holding the whole file in memory).
 */
export class ReceiptInspector extends Transform {
  contentType: ReceiptContentType | null = null;
  size = 0;
  /** Why it failed, if it did (the error the stream was destroyed with). */
  failure: DomainError | null = null;
  private readonly hash: Hash = createHash('sha256');
  private head: Buffer[] = [];
  private headLength = 0;
  private digest: string | null = null;

  constructor(private readonly maxBytes: number) {
    super();
  }

  /** Lower-case hex SHA-256 of every byte that went through; once the stream has ended. */
  get sha256(): string {
    this.digest ??= this.hash.digest('hex');
    return this.digest;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return this.fail(receiptTooLarge(this.maxBytes), callback);
    this.hash.update(chunk);
    if (this.contentType) return callback(null, chunk);
    this.head.push(chunk);
    this.headLength += chunk.length;
    if (this.headLength < SNIFF_BYTES) return callback();
    const head = Buffer.concat(this.head);
    this.head = [];
    this.contentType = sniffReceiptType(head);
    if (!this.contentType) return this.fail(receiptTypeNotAllowed(false), callback);
    callback(null, head);
  }

  override _flush(callback: TransformCallback): void {
    // Shorter than SNIFF_BYTES: no real receipt is, but say what the bytes are.
    if (!this.contentType) return this.fail(receiptTypeNotAllowed(this.size === 0), callback);
    callback();
  }

  private fail(error: DomainError, callback: TransformCallback): void {
    this.failure = error;
    callback(error);
  }
}
