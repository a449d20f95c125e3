import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { DomainError } from '@kpa/contracts';
import { ReceiptInspector, sniffReceiptType, SNIFF_BYTES } from './receipt-file';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n', 'latin1');
/** A Windows program: "MZ" and its DOS stub, whatever the file is called. */
const EXE = Buffer.concat([Buffer.from('MZ', 'latin1'), Buffer.alloc(62), Buffer.from('This program cannot be run in DOS mode.', 'latin1')]);

async function inspect(chunks: Buffer[], maxBytes = 1024): Promise<{ inspector: ReceiptInspector; output: Buffer; error?: DomainError }> {
  const inspector = new ReceiptInspector(maxBytes);
  const out: Buffer[] = [];
  try {
    for await (const chunk of Readable.from(chunks).pipe(inspector)) out.push(chunk as Buffer);
    return { inspector, output: Buffer.concat(out) };
  } catch (error) {
    return { inspector, output: Buffer.concat(out), error: error as DomainError };
  }
}

describe('receipt types by magic bytes', () => {
  it('recognises PDF, JPEG and PNG from their first bytes', () => {
    expect(sniffReceiptType(PDF)).toBe('application/pdf');
    expect(sniffReceiptType(JPEG)).toBe('image/jpeg');
    expect(sniffReceiptType(PNG)).toBe('image/png');
    expect(SNIFF_BYTES).toBe(8);
  });

  it('refuses anything else, and near misses', () => {
    expect(sniffReceiptType(EXE)).toBeNull();
    expect(sniffReceiptType(Buffer.from('GIF89a......'))).toBeNull();
    expect(sniffReceiptType(Buffer.from('%PDF'))).toBeNull();
    expect(sniffReceiptType(Buffer.from(' %PDF-1.7'))).toBeNull();
    expect(sniffReceiptType(Buffer.from([0xff, 0xd8, 0x00, 0x00]))).toBeNull();
    expect(sniffReceiptType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x00]))).toBeNull();
    expect(sniffReceiptType(Buffer.alloc(0))).toBeNull();
  });
});

describe('streaming a receipt through the inspector', () => {
  it('passes every byte through, counts and hashes them, even when the head arrives byte by byte', async () => {
    const file = Buffer.concat([PNG, Buffer.alloc(300, 7)]);
    const bytes = [...file].map((b) => Buffer.from([b]));
    const { inspector, output, error } = await inspect(bytes);
    expect(error).toBeUndefined();
    expect(output.equals(file)).toBe(true);
    expect(inspector.contentType).toBe('image/png');
    expect(inspector.size).toBe(file.length);
    expect(inspector.sha256).toBe(createHash('sha256').update(file).digest('hex'));
  });

  it('refuses a program renamed .pdf before letting a byte through', async () => {
    const { output, error, inspector } = await inspect([EXE]);
    expect(error).toBeInstanceOf(DomainError);
    expect(error?.code).toBe('RECEIPT_TYPE_NOT_ALLOWED');
    expect(inspector.failure).toBe(error);
    expect(output.length).toBe(0);
  });

  it('refuses an empty file and one too short to be a receipt', async () => {
    expect((await inspect([])).error?.message).toContain('empty');
    expect((await inspect([Buffer.from('%PDF-')])).error?.code).toBe('RECEIPT_TYPE_NOT_ALLOWED');
  });

  it('stops at the first byte over the limit (RECEIPT_TOO_LARGE), and accepts exactly the limit', async () => {
    const atLimit = await inspect([PDF, Buffer.alloc(1024 - PDF.length)]);
    expect(atLimit.error).toBeUndefined();
    expect(atLimit.inspector.size).toBe(1024);
    const over = await inspect([PDF, Buffer.alloc(1024 - PDF.length), Buffer.alloc(1)]);
    expect(over.error?.code).toBe('RECEIPT_TOO_LARGE');
    expect(over.error?.details).toEqual({ maxBytes: 1024 });
  });

  it('says the limit in MiB when it is a whole number of them', async () => {
    const { error } = await inspect([JPEG, Buffer.alloc(5 * 1_048_576)], 5 * 1_048_576);
    expect(error?.message).toContain('5 MiB');
  });
});
