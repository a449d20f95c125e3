import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SandboxPa } from '@kpa/testing/sandbox-pa';
import { FileDropPaAdapter } from './file-drop.pa-adapter';
import { HttpPaAdapter } from './http.pa-adapter';
import { EInvoiceDeposit } from './pa-adapter';
import { paAdapterOf } from './pa-adapters';
import { parseStatusReports } from './sandbox-protocol';

const deposit = (overrides: Partial<EInvoiceDeposit> = {}): EInvoiceDeposit => ({
  kind: 'invoice',
  documentId: '0193a0c4-1111-7000-8000-000000000001',
  number: 'LACAPE-F-2026-00042',
  sellerSiren: '120027016',
  buyerSiren: '732829320',
  filename: 'LACAPE-F-2026-00042_factur-x.pdf',
  bytes: Buffer.from('%PDF-1.7 sandbox'),
  sha256: 'ab'.repeat(32),
  ...overrides,
});

describe('the adapter the configuration names', () => {
  it('is none, a folder or an HTTP PA', () => {
    expect(paAdapterOf({ EINVOICE_PA: 'none' })).toBeNull();
    expect(paAdapterOf({ EINVOICE_PA: 'file-drop', EINVOICE_PA_DIR: '/tmp/pa' })?.name).toBe('file-drop');
    expect(paAdapterOf({ EINVOICE_PA: 'http', EINVOICE_PA_URL: 'http://127.0.0.1:1' })?.name).toBe('http');
  });
});

describe('the sandbox status file', () => {
  it('reads the statuses the platform follows and skips the other codes', () => {
    const reports = parseStatusReports(
      [
        { code: 202, occurredAt: '2026-12-05T10:00:00Z', reason: null },
        { code: 203, occurredAt: '2026-12-05T10:01:00Z' },
        { code: '210', occurredAt: '2026-12-05T11:00:00Z', reason: '  Prestation non commandée ' },
      ],
      'test',
    );
    expect(reports).toEqual([
      { status: 'received', occurredAt: new Date('2026-12-05T10:00:00Z'), reason: null },
      { status: 'refused', occurredAt: new Date('2026-12-05T11:00:00Z'), reason: 'Prestation non commandée' },
    ]);
  });

  it('refuses what is malformed, saying where', () => {
    expect(() => parseStatusReports({ code: 200 }, 'f.json')).toThrow('f.json: expected a JSON array of statuses');
    expect(() => parseStatusReports([{ code: 'x', occurredAt: '2026-12-05T10:00:00Z' }], 'f.json')).toThrow('status 0 has no integer code');
    expect(() => parseStatusReports([{ code: 200, occurredAt: 'yesterday' }], 'f.json')).toThrow('status 0 has no occurredAt date');
    expect(() => parseStatusReports([{ code: 200, occurredAt: '2026-12-05T10:00:00Z', reason: 3 }], 'f.json')).toThrow('status 0 has a reason that is not text');
  });
});

describe('FileDropPaAdapter', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'kpa-pa-'));
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  it('drops the Factur-X and its envelope under the seller’s SIREN and the number, the same way every time', async () => {
    const pa = new FileDropPaAdapter(directory);
    const first = await pa.deposit(deposit());
    const again = await pa.deposit(deposit());
    expect(first).toEqual({ reference: '120027016-LACAPE-F-2026-00042' });
    expect(again).toEqual(first);
    expect(await readFile(join(directory, 'deposits', `${first.reference}.pdf`), 'utf8')).toBe('%PDF-1.7 sandbox');
    expect(JSON.parse(await readFile(join(directory, 'deposits', `${first.reference}.json`), 'utf8'))).toMatchObject({
      number: 'LACAPE-F-2026-00042',
      kind: 'invoice',
      sellerSiren: '120027016',
      buyerSiren: '732829320',
      sha256: 'ab'.repeat(32),
    });
  });

  it('reads no status until the PA writes some, then reads them; writes the payment report', async () => {
    const pa = new FileDropPaAdapter(directory);
    const { reference } = await pa.deposit(deposit());
    expect(await pa.statuses(reference)).toEqual([]);
    await mkdir(join(directory, 'statuses'));
    await writeFile(join(directory, 'statuses', `${reference}.json`), JSON.stringify([{ code: 205, occurredAt: '2026-12-06T09:00:00Z', reason: null }]));
    expect(await pa.statuses(reference)).toEqual([{ status: 'accepted', occurredAt: new Date('2026-12-06T09:00:00Z'), reason: null }]);
    await pa.reportPayment(reference, { paidOn: '2026-12-20', amount: '1250.00' });
    expect(JSON.parse(await readFile(join(directory, 'payments', `${reference}.json`), 'utf8'))).toEqual({ code: 212, paidOn: '2026-12-20', amount: '1250.00' });
  });

  it('says which file is not JSON', async () => {
    const pa = new FileDropPaAdapter(directory);
    await mkdir(join(directory, 'statuses'));
    await writeFile(join(directory, 'statuses', 'R.json'), '{oops');
    await expect(pa.statuses('R')).rejects.toThrow(`${join(directory, 'statuses', 'R.json')} is not JSON`);
  });

  it('keeps a number’s odd characters out of the file name', async () => {
    const pa = new FileDropPaAdapter(directory);
    expect(await pa.deposit(deposit({ number: '../2026/42' }))).toEqual({ reference: '120027016-___2026_42' });
  });
});

describe('HttpPaAdapter against a sandbox PA server', () => {
  const sandbox = new SandboxPa('s3cret');
  beforeAll(() => sandbox.start());
  afterAll(() => sandbox.stop());
  afterEach(() => {
    sandbox.failWith = null;
  });

  it('deposits once per document (Idempotency-Key), reads the statuses and reports the payment', async () => {
    const pa = new HttpPaAdapter(`${sandbox.url}/`, 's3cret');
    const { reference } = await pa.deposit(deposit());
    expect(await pa.deposit(deposit())).toEqual({ reference });
    expect(sandbox.deposits.size).toBe(1);
    expect(sandbox.byNumber('LACAPE-F-2026-00042')).toMatchObject({ sellerSiren: '120027016', buyerSiren: '732829320', kind: 'invoice' });
    sandbox.report('LACAPE-F-2026-00042', 202, null, '2026-12-05T10:00:00Z');
    expect(await pa.statuses(reference)).toEqual([{ status: 'received', occurredAt: new Date('2026-12-05T10:00:00Z'), reason: null }]);
    await pa.reportPayment(reference, { paidOn: '2026-12-20', amount: '1250.00' });
    expect(sandbox.deposits.get(reference)?.payment).toEqual({ code: 212, paidOn: '2026-12-20', amount: '1250.00' });
  });

  it('turns a PA that refuses or is down into an error naming the answer', async () => {
    await expect(new HttpPaAdapter(sandbox.url, 'wrong').deposit(deposit())).rejects.toThrow(/answered 401/);
    sandbox.failWith = 503;
    await expect(new HttpPaAdapter(sandbox.url, 's3cret').statuses('SBX-000001')).rejects.toThrow(/GET .*\/deposits\/SBX-000001\/statuses answered 503/);
  });

  it('fails when nothing listens', async () => {
    await expect(new HttpPaAdapter('http://127.0.0.1:9', null).deposit(deposit())).rejects.toThrow();
  });
});
