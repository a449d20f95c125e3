import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EInvoiceDeposit, PaAdapter, PaStatusReport, PaymentReport } from './pa-adapter';
import { depositReference, parseStatusReports } from './sandbox-protocol';
import { LIFECYCLE_CODES } from './transmission';

/** Writes a file whole or not at all: a reader never sees half a Factur-X. */
async function writeAtomically(path: string, bytes: Buffer | string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, path);
}

/**
 * The sandbox PA as a folder (docs/e-invoicing.md, "The sandbox adapters"): what a PA would receive
 * is dropped in `deposits/`, what it would answer is read from `statuses/`.
 *
 * - `deposits/<reference>.pdf` the Factur-X and `deposits/<reference>.json` its envelope (number,
 *   kind, SIRENs, SHA-256), where `<reference>` is the seller's SIREN and the number;
 * - `statuses/<reference>.json`: a JSON array of lifecycle statuses (sandbox-protocol.ts), written by
 *   whoever plays the PA — a test, a person, a script bridging to a real PA's folder exchange;
 * - `payments/<reference>.json`: the platform's payment report (212).
 *
 * Depositing the same document again writes the same files under the same reference (idempotent).
 */
export class FileDropPaAdapter implements PaAdapter {
  readonly name = 'file-drop';

  constructor(private readonly directory: string) {}

  async deposit(deposit: EInvoiceDeposit): Promise<{ reference: string }> {
    const reference = depositReference(deposit.sellerSiren, deposit.number);
    const folder = join(this.directory, 'deposits');
    await mkdir(folder, { recursive: true });
    await writeAtomically(join(folder, `${reference}.pdf`), deposit.bytes);
    const envelope = {
      reference,
      kind: deposit.kind,
      documentId: deposit.documentId,
      number: deposit.number,
      sellerSiren: deposit.sellerSiren,
      buyerSiren: deposit.buyerSiren,
      filename: deposit.filename,
      sha256: deposit.sha256,
    };
    await writeAtomically(join(folder, `${reference}.json`), `${JSON.stringify(envelope, null, 2)}\n`);
    return { reference };
  }

  async statuses(reference: string): Promise<PaStatusReport[]> {
    const path = join(this.directory, 'statuses', `${reference}.json`);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`${path} is not JSON`);
    }
    return parseStatusReports(body, path);
  }

  async reportPayment(reference: string, payment: PaymentReport): Promise<void> {
    const folder = join(this.directory, 'payments');
    await mkdir(folder, { recursive: true });
    await writeAtomically(join(folder, `${reference}.json`), `${JSON.stringify({ code: LIFECYCLE_CODES.paid, ...payment }, null, 2)}\n`);
  }
}
