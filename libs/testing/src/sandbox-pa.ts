import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** One deposit as the sandbox PA received it. */
export interface SandboxDeposit {
  reference: string;
  idempotencyKey: string;
  number: string;
  kind: string;
  sellerSiren: string;
  buyerSiren: string | null;
  bytes: Buffer;
  /** Lifecycle statuses the test makes the PA report: `{ code, occurredAt, reason }`. */
  statuses: { code: number; occurredAt: string; reason: string | null }[];
  payment: { code: number; paidOn: string; amount: string } | null;
}

/**
 * A sandbox PA over HTTP for tests (the protocol of apps/commerce/src/e-invoicing/transmission/
 * http.pa-adapter.ts), a real server on 127.0.0.1: it keeps what it was handed, answers the statuses
 * the test gives it, and can be told to fail, so the platform's whole transmission flow runs without
 * a real PA. `deposits` is keyed by reference; a deposit with an Idempotency-Key seen before gets its
 * first reference back.
 */
export class SandboxPa {
  readonly deposits = new Map<string, SandboxDeposit>();
  /** The status code every request answers while set (a PA that is down: 503). */
  failWith: number | null = null;
  requests = 0;
  /** POST /deposits received, including repeats. */
  depositCalls = 0;
  private server: Server | null = null;
  private counter = 0;

  constructor(private readonly token: string | null = null) {}

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('the sandbox PA is not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      this.requests += 1;
      void this.handle(request).then(
        ({ status, body }) => {
          response.writeHead(status, { 'Content-Type': 'application/json' });
          response.end(body === undefined ? '' : JSON.stringify(body));
        },
        (error: Error) => {
          response.writeHead(500, { 'Content-Type': 'application/json' });
          response.end(JSON.stringify({ error: error.message }));
        },
      );
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Makes the PA report a status of a deposit (found by the document number). */
  report(number: string, code: number, reason: string | null = null, occurredAt = new Date().toISOString()): void {
    const deposit = this.byNumber(number);
    if (!deposit) throw new Error(`the sandbox PA has no deposit ${number}`);
    deposit.statuses.push({ code, occurredAt, reason });
  }

  byNumber(number: string): SandboxDeposit | undefined {
    return [...this.deposits.values()].find((d) => d.number === number);
  }

  private async handle(request: IncomingMessage): Promise<{ status: number; body?: unknown }> {
    const body = await new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => resolve(Buffer.concat(chunks)));
      request.on('error', reject);
    });
    if (this.failWith !== null) return { status: this.failWith, body: { error: 'the sandbox PA is down' } };
    if (this.token !== null && request.headers.authorization !== `Bearer ${this.token}`) return { status: 401, body: { error: 'bad token' } };
    const url = new URL(request.url ?? '/', 'http://sandbox');
    const header = (name: string) => (request.headers[name] as string | undefined) ?? null;
    if (request.method === 'POST' && url.pathname === '/deposits') {
      this.depositCalls += 1;
      const key = header('idempotency-key');
      if (!key) return { status: 400, body: { error: 'Idempotency-Key is required' } };
      const known = [...this.deposits.values()].find((d) => d.idempotencyKey === key);
      if (known) return { status: 200, body: { reference: known.reference } };
      if (header('content-type') !== 'application/pdf' || body.subarray(0, 5).toString() !== '%PDF-') return { status: 415, body: { error: 'a PDF is expected' } };
      const reference = `SBX-${String(++this.counter).padStart(6, '0')}`;
      this.deposits.set(reference, {
        reference,
        idempotencyKey: key,
        number: header('x-document-number') ?? '',
        kind: header('x-document-kind') ?? '',
        sellerSiren: header('x-seller-siren') ?? '',
        buyerSiren: header('x-buyer-siren'),
        bytes: body,
        statuses: [],
        payment: null,
      });
      return { status: 201, body: { reference } };
    }
    const match = /^\/deposits\/([^/]+)\/(statuses|payment)$/.exec(url.pathname);
    const deposit = match ? this.deposits.get(decodeURIComponent(match[1])) : undefined;
    if (!match || !deposit) return { status: 404, body: { error: 'no such deposit' } };
    if (request.method === 'GET' && match[2] === 'statuses') return { status: 200, body: deposit.statuses };
    if (request.method === 'POST' && match[2] === 'payment') {
      deposit.payment = JSON.parse(body.toString('utf8'));
      return { status: 204 };
    }
    return { status: 405, body: { error: 'method not allowed' } };
  }
}
