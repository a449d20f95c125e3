import { EInvoiceDeposit, PaAdapter, PaStatusReport, PaymentReport } from './pa-adapter';
import { parseStatusReports } from './sandbox-protocol';
import { LIFECYCLE_CODES } from './transmission';

/** A PA that does not answer within this is tried again at the next sweep. */
const TIMEOUT_MS = 15_000;

/**
 * The sandbox PA over HTTP (docs/e-invoicing.md, "The sandbox adapters"), the shape most PAs' APIs
 * take, and the one to copy for a real PA:
 *
 * - `POST {url}/deposits` with the Factur-X as `application/pdf`, the document's id as
 *   `Idempotency-Key` and its number and SIRENs in headers → `{ "reference": "…" }`;
 * - `GET {url}/deposits/{reference}/statuses` → a JSON array of lifecycle statuses (sandbox-protocol.ts);
 * - `POST {url}/deposits/{reference}/payment` with `{ "code": 212, "paidOn", "amount" }`.
 *
 * A bearer token is sent when configured. Any answer but a 2xx is an error naming the status and the
 * start of the body.
 */
export class HttpPaAdapter implements PaAdapter {
  readonly name = 'http';
  private readonly base: string;

  constructor(
    url: string,
    private readonly token: string | null,
  ) {
    this.base = url.replace(/\/+$/, '');
  }

  async deposit(deposit: EInvoiceDeposit): Promise<{ reference: string }> {
    const body = await this.call('POST', '/deposits', new Uint8Array(deposit.bytes), {
      'Content-Type': 'application/pdf',
      'Idempotency-Key': deposit.documentId,
      'Content-Disposition': `attachment; filename="${deposit.filename}"`,
      'Repr-Digest': `sha-256=:${Buffer.from(deposit.sha256, 'hex').toString('base64')}:`,
      'X-Document-Kind': deposit.kind,
      'X-Document-Number': deposit.number,
      'X-Seller-Siren': deposit.sellerSiren,
      ...(deposit.buyerSiren ? { 'X-Buyer-Siren': deposit.buyerSiren } : {}),
    });
    const reference = (body as { reference?: unknown } | null)?.reference;
    if (typeof reference !== 'string' || reference.trim() === '') throw new Error(`${this.base}/deposits answered no reference`);
    return { reference };
  }

  async statuses(reference: string): Promise<PaStatusReport[]> {
    const path = `/deposits/${encodeURIComponent(reference)}/statuses`;
    return parseStatusReports(await this.call('GET', path), `${this.base}${path}`);
  }

  async reportPayment(reference: string, payment: PaymentReport): Promise<void> {
    await this.call('POST', `/deposits/${encodeURIComponent(reference)}/payment`, JSON.stringify({ code: LIFECYCLE_CODES.paid, ...payment }), {
      'Content-Type': 'application/json',
    });
  }

  private async call(method: string, path: string, body?: Uint8Array | string, headers: Record<string, string> = {}): Promise<unknown> {
    const url = `${this.base}${path}`;
    const response = await fetch(url, {
      method,
      body,
      headers: { Accept: 'application/json', ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}), ...headers },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${text.slice(0, 200)}`);
    if (text.trim() === '') return null;
    try {
      return JSON.parse(text);
    } catch {
      throw new Error(`${method} ${url} answered something that is not JSON`);
    }
  }
}
