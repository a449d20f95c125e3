import { randomUUID } from 'node:crypto';
import { addDays, QUOTE_EXPIRED_V1, QuoteExpiredV1, RPC } from '@kpa/contracts';
import { todayInFrance } from '@kpa/platform';
import { eventually, OwnerDatabase } from '@kpa/testing';
import { CommerceUnderTest, seedClient, startCommerce } from '../commerce-service.test-helpers';
import { EXPIRY_BATCH } from './quote-expiry.service';

/**
 * The quotes' expiry sweep as commerce runs it, against a real Postgres and NATS: two commerce
 * instances answering `rpc.commerce.quote.expire_due` in one queue group, as the service's own role
 * under row-level security (the handler works across sites because it says so). Each sent quote
 * past its validity, on every site, gets exactly one `commerce.quote.expired` event however many
 * sweeps run at once, and none of the others does.
 */
describe('quote expiry sweep in Postgres and NATS', () => {
  let commerce: CommerceUnderTest;
  let db: OwnerDatabase;
  const today = todayInFrance();
  const yesterday = addDays(today, -1);
  const tomorrow = addDays(today, 1);
  const siteA = randomUUID();
  const siteB = randomUUID();
  const companyA = randomUUID();
  const individualB = randomUUID();
  const coordinator = randomUUID();
  const member = randomUUID();
  let sequence = 0;
  const LINES = JSON.stringify([{ description: 'Jardinage', quantity: '40', unit: 'hour', unitPrice: '25', vatRate: '20', exemptionReason: null, catalogueItemId: null }]);

  /** One RPC over NATS, as the worker's RpcClient sends it; a refusal comes back as its error body. */
  const call: CommerceUnderTest['call'] = (subject, data) => commerce.call(subject, data);

  async function quote(siteId: string, clientId: string, status: string, validUntil: string, createdByRole: 'coordinator' | 'member' = 'member'): Promise<string> {
    const id = randomUUID();
    const numbered = !['draft', 'submitted', 'validated'].includes(status);
    sequence += 1;
    await db.query(
      `INSERT INTO commerce.quote (id, site_id, client_id, status, number, sent_on, answered_on, valid_until, lines, totals, created_by, created_by_role, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $12, $9, $10, $11, now(), now())`,
      [
        id,
        siteId,
        clientId,
        status,
        numbered ? `S-D-2026-${String(sequence).padStart(5, '0')}` : null,
        numbered ? addDays(validUntil, -30) : null,
        status === 'accepted' || status === 'declined' ? addDays(validUntil, -10) : null,
        validUntil,
        JSON.stringify({ net: '1000.00', vat: '200.00', total: `1200.${String(sequence % 100).padStart(2, '0')}`, vatBreakdown: [], vatFranchise: false, vatExemptionNote: null }),
        createdByRole === 'coordinator' ? coordinator : member,
        createdByRole,
        LINES,
      ],
    );
    return id;
  }

  async function expiredEvents(): Promise<{ id: string; siteId: string; data: QuoteExpiredV1 }[]> {
    const rows: { envelope: { id: string; siteId: string; data: QuoteExpiredV1 } }[] = await db.query('SELECT envelope FROM commerce.outbox WHERE envelope->>$1 = $2', [
      'type',
      QUOTE_EXPIRED_V1.type,
    ]);
    return rows.map((row) => row.envelope);
  }

  beforeAll(async () => {
    // Two instances in one queue group: sweeps run at once on both.
    commerce = await startCommerce('quote_expiry', {}, 2);
    db = commerce.db;
    await seedClient(db, { id: companyA, siteId: siteA, kind: 'company', name: 'Boulangerie du Pile' });
    await seedClient(db, { id: individualB, siteId: siteB, kind: 'individual', name: 'Mme Durand' });
  });

  afterAll(() => commerce?.close());

  it('refuses a day that is not YYYY-MM-DD, saying what to send', async () => {
    await expect(call(RPC.commerce.quoteExpireDue, { today: '22/11/2026' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { field: 'today' },
      message: expect.stringContaining('YYYY-MM-DD'),
    });
    expect(await expiredEvents()).toEqual([]);
  });

  it('publishes each sent quote past its validity once, on every site, whatever runs at once; nothing else', async () => {
    const expiredA = await quote(siteA, companyA, 'sent', yesterday, 'member');
    const expiredB = await quote(siteB, individualB, 'sent', addDays(today, -60), 'coordinator');
    const lastDay = await quote(siteA, companyA, 'sent', today);
    const future = await quote(siteB, individualB, 'sent', tomorrow);
    const untouched = [
      lastDay,
      future,
      await quote(siteA, companyA, 'draft', yesterday),
      await quote(siteA, companyA, 'validated', yesterday),
      await quote(siteA, companyA, 'accepted', yesterday),
      await quote(siteB, individualB, 'declined', yesterday),
    ];
    // More than two batches on each site, so the two sweeps meet on locked rows.
    const bulk: string[] = [];
    for (let i = 0; i < EXPIRY_BATCH + 50; i++) bulk.push(await quote(i % 2 === 0 ? siteA : siteB, i % 2 === 0 ? companyA : individualB, 'sent', addDays(today, -1 - (i % 40))));
    const due = new Set([expiredA, expiredB, ...bulk]);

    const runs = await Promise.all([1, 2, 3, 4].map(() => call(RPC.commerce.quoteExpireDue, { today })));
    expect(runs.reduce((sum, run) => sum + run.expired, 0)).toBe(due.size);

    const events = await expiredEvents();
    const perQuote = new Map<string, number>();
    for (const event of events) perQuote.set(event.data.quoteId, (perQuote.get(event.data.quoteId) ?? 0) + 1);
    expect([...perQuote.keys()].sort()).toEqual([...due].sort());
    expect([...perQuote.values()].every((count) => count === 1)).toBe(true);
    for (const id of untouched) expect(perQuote.has(id)).toBe(false);

    // What the member is to be told: the quote, its client (named when an organisation), its validity and total, its author.
    const [{ number: numberA, total: totalA }] = await db.query(`SELECT number, totals->>'total' AS total FROM commerce.quote WHERE id = $1`, [expiredA]);
    expect(events.find((event) => event.data.quoteId === expiredA)).toMatchObject({
      siteId: siteA,
      data: {
        quoteId: expiredA,
        siteId: siteA,
        number: numberA,
        clientId: companyA,
        clientName: 'Boulangerie du Pile',
        validUntil: yesterday,
        totalIncludingTax: totalA,
        createdBy: member,
        createdByRole: 'member',
      },
    });
    expect(events.find((event) => event.data.quoteId === expiredB)?.data).toMatchObject({
      siteId: siteB,
      clientId: individualB,
      clientName: null,
      validUntil: addDays(today, -60),
      createdBy: coordinator,
      createdByRole: 'coordinator',
    });
    expect(JSON.stringify(events)).not.toContain('Durand');

    // A third sweep finds nothing left to publish.
    expect(await call(RPC.commerce.quoteExpireDue, { today })).toEqual({ expired: 0 });
    expect(await expiredEvents()).toHaveLength(due.size);

    // The quotes read as before: expired past their validity (stored status still `sent`), sent through their last day.
    expect((await call(RPC.commerce.quoteGet, { siteId: siteA, quoteId: expiredA })).status).toBe('expired');
    expect((await call(RPC.commerce.quoteGet, { siteId: siteB, quoteId: expiredB })).status).toBe('expired');
    expect((await call(RPC.commerce.quoteGet, { siteId: siteA, quoteId: lastDay })).status).toBe('sent');
    const stored = await db.query(`SELECT status, count(*)::int AS n, count(expired_published_at)::int AS published FROM commerce.quote GROUP BY status ORDER BY status`);
    expect(stored.find((row: { status: string }) => row.status === 'sent')).toEqual({ status: 'sent', n: due.size + 2, published: due.size });

    // Tomorrow's sweep publishes the quote whose last day was today, and only it.
    expect(await call(RPC.commerce.quoteExpireDue, { today: tomorrow })).toEqual({ expired: 1 });
    expect((await expiredEvents()).filter((event) => event.data.quoteId === lastDay)).toHaveLength(1);

    // The relay puts them on the stream: every row of the outbox gets published.
    await eventually(async () => (await db.query(`SELECT count(*)::int AS n FROM commerce.outbox WHERE published_at IS NULL`))[0].n === 0, {
      what: 'the relay to publish the expired events',
      timeoutMs: 30_000,
    });
  });
});
