import { randomUUID } from 'node:crypto';
import { eventually } from '@kpa/testing';
import { ADMIN, COORDINATOR_PASSWORD, Region, setUpRegion, siteUserToken, untilCommerceKnows, usePlatform } from './platform';

function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function plusDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const FORTY_EUROS = 'Indemnité forfaitaire pour frais de recouvrement : 40 €';

/**
 * Invoices over HTTP, with two commerce instances behind the gateway: 200 concurrent issues give
 * exactly the numbers 1…200 of the series; a business invoice from draft to paid (frozen once
 * issued, no overpayment) with its events; consumer and public-body rules; credit notes; deposit
 * and final invoices from a quote; a mission's invoice; roles, tenancy and the receivables board.
 */
describe('invoices over HTTP', () => {
  // The concurrency test fires hundreds of requests in seconds: lift the per-user rate limit, and give
  // the RPCs queued on the series' counter row time to answer on this shared machine.
  const platform = usePlatform('e2e_invoices', { RATE_LIMIT_PER_MINUTE: '100000', RPC_TIMEOUT_MS: '30000' });
  let region: Region;
  let member: string;
  let accountant: string;
  const ids: Record<string, string> = {};
  const year = today().slice(0, 4);
  const site = () => region.sites;
  const invoices = (siteId = site().a.id) => `/v1/sites/${siteId}/invoices`;

  const address = { line: '3 place de la Liberté', postalCode: '59100', city: 'Roubaix' };
  const clients = {
    company: { kind: 'company', name: 'Boulangerie du Pile', billingAddress: address, siret: '120 027 016 00357', vatNumber: 'FR 85 120027016' },
    individual: { kind: 'individual', name: 'Mme Durand', billingAddress: { ...address, line: '8 rue Jules Guesde' } },
    town: { kind: 'public_body', name: 'Mairie de Roubaix', billingAddress: address, siret: '35600000049837', chorusServiceCode: 'SERV-ACHATS', commitmentNumberRequired: true },
  };
  const lines = [
    { description: 'Jardinage', quantity: '2', unit: 'hour', unitPrice: '100', vatRate: '20' },
    { description: 'Fournitures', quantity: '1', unit: 'piece', unitPrice: '33.33', vatRate: '5.5' },
  ];

  const coordinator = () => site().a.coordinator;
  const post = (path: string, body: unknown, token = coordinator()) => platform.http('POST', path, { token, body });
  const issue = (invoiceId: string, token = coordinator(), siteId = site().a.id) => platform.http('POST', `${invoices(siteId)}/${invoiceId}/issue`, { token });
  const outbox = (type: string) =>
    platform.query<{ envelope: { type: string; siteId: string; data: Record<string, any> } }>(
      "SELECT envelope FROM commerce.outbox WHERE envelope->>'type' = $1 ORDER BY created_at, id",
      [type],
    );

  beforeAll(async () => {
    await platform.start('commerce#2');
    region = await setUpRegion(platform);
    member = await siteUserToken(platform, site().a, 'member');
    accountant = await siteUserToken(platform, site().a, 'accountant');
    await untilCommerceKnows(platform, [site().a.id, site().b.id]);
    for (const [name, body] of Object.entries(clients)) {
      const created = await post(`/v1/sites/${site().a.id}/clients`, body);
      expect(created.status).toBe(201);
      ids[name] = created.body.id;
    }
    const onB = await post(`/v1/sites/${site().b.id}/clients`, clients.company, site().b.coordinator);
    ids.companyB = onB.body.id;
  });

  it("refuses to issue while the host structure's legal form is unknown (422), then issues once it is set", async () => {
    const draft = await post(invoices(), { clientId: ids.company, lines, supplyDate: today() });
    expect(draft.status).toBe(201);
    const refused = await issue(draft.body.id);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'SELLER_IDENTITY_INCOMPLETE', details: { field: 'legalForm' } });
    const patched = await platform.http('PATCH', `/v1/host-structures/${region.hostStructureId}`, {
      token: region.admin,
      body: { legalForm: 'SCOP SARL à capital variable', shareCapital: '15000.00', rcsCity: 'Lille', addressLine: '12 rue de la Paix', postalCode: '59000' },
    });
    expect(patched.status).toBe(200);
    await eventually(async () => (await platform.query("SELECT 1 FROM commerce.seller_host_structure WHERE identity->>'legalForm' IS NOT NULL")).length === 1, {
      what: "the host structure's legal form known by commerce",
    });
    ids.first = draft.body.id;
  });

  it('200 concurrent issue requests over two commerce instances give exactly the numbers 1…200 of the series', async () => {
    const drafts: string[] = [];
    for (let batch = 0; batch < 10; batch++) {
      const created = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          post(invoices(site().b.id), { clientId: ids.companyB, lines: [{ ...lines[0], quantity: String(batch * 20 + i + 1) }], supplyDate: today() }, site().b.coordinator),
        ),
      );
      for (const c of created) {
        expect(c.status).toBe(201);
        drafts.push(c.body.id);
      }
    }
    const served = (instance: string) =>
      (platform.logs[instance] ?? []).filter((l) => l.message === 'rpc handled' && String(l.subject).endsWith('rpc.commerce.invoice.issue')).length;
    const before = { one: served('commerce'), two: served('commerce#2') };
    const started = Date.now();
    const issued = await Promise.all(drafts.map((id) => issue(id, site().b.coordinator, site().b.id)));
    console.log(`200 concurrent issues over two commerce instances: ${Date.now() - started} ms (not asserted; the lead benches)`);
    expect(issued.map((r) => r.status)).toEqual(drafts.map(() => 200));
    const numbers = issued.map((r) => r.body.number as string).sort();
    expect(numbers).toEqual(Array.from({ length: 200 }, (_, i) => `MOULINS-F-${year}-${String(i + 1).padStart(5, '0')}`));
    expect(issued.every((r) => r.body.issuedOn === today() && r.body.status === 'issued')).toBe(true);

    // In number order, issue dates never go backwards; nothing else of the site was numbered.
    const rows = await platform.query<{ number: string; issued_on: string }>(
      'SELECT number, issued_on::text FROM commerce.invoice WHERE site_id = $1 AND number IS NOT NULL ORDER BY number',
      [site().b.id],
    );
    expect(rows).toHaveLength(200);
    expect(rows.every((row, i) => i === 0 || row.issued_on >= rows[i - 1].issued_on)).toBe(true);
    // Each event and each frozen document carries its invoice's number (stamped in the statement that takes it).
    const events = (await outbox('commerce.invoice.issued')).filter((e) => e.envelope.siteId === site().b.id);
    expect(events.map((e) => e.envelope.data.number).sort()).toEqual(numbers);
    const printed = await platform.query("SELECT 1 FROM commerce.invoice WHERE site_id = $1 AND printable->>'number' = number", [site().b.id]);
    expect(printed).toHaveLength(200);
    // Both instances took a share of the issues (NATS queue group).
    const shares = [served('commerce') - before.one, served('commerce#2') - before.two];
    expect(shares[0]).toBeGreaterThan(0);
    expect(shares[1]).toBeGreaterThan(0);
    expect(shares[0] + shares[1]).toBe(200);
  });

  it('a business invoice: draft → PATCH → issue (frozen: 409) → 40 % → partially paid → overpayment 422 → rest → paid, with its events', async () => {
    const draft = await post(invoices(), { clientId: ids.company, lines, purchaseOrderNumber: 'BC-118' }, member);
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', kind: 'standard', number: null, issuedOn: null, mentions: null, operationCategory: 'services', outstanding: '275.16' });
    expect(draft.body.totals).toMatchObject({ net: '233.33', vat: '41.83', total: '275.16', amountDue: '275.16', depositsDeducted: '0.00' });
    const path = `${invoices()}/${draft.body.id}`;

    const tooLong = await platform.http('PATCH', path, { token: member, body: { paymentTermDays: 61 } });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.code).toBe('PAYMENT_TERM_TOO_LONG');
    const edited = await platform.http('PATCH', path, { token: member, body: { paymentTermDays: 45, supplyDate: today() } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ paymentTermDays: 45, supplyDate: today(), purchaseOrderNumber: 'BC-118' });

    expect((await issue(draft.body.id, member)).status).toBe(403);
    const issued = await issue(draft.body.id);
    expect(issued.status).toBe(200);
    // The first invoice of site A's series: the draft refused earlier for the legal form took no number.
    expect(issued.body).toMatchObject({ status: 'issued', number: `LACAPE-F-${year}-00001`, issuedOn: today(), dueOn: plusDays(today(), 45), outstanding: '275.16' });
    expect(issued.body.mentions).toContain(FORTY_EUROS);
    expect(issued.body.mentions).toContain("Pas d'escompte pour paiement anticipé");

    const again = await platform.http('PATCH', path, { token: coordinator(), body: { purchaseOrderNumber: 'BC-119' } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVOICE_NOT_EDITABLE');
    const twice = await issue(draft.body.id);
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'INVOICE_ALREADY_ISSUED', details: { number: `LACAPE-F-${year}-00001` } });

    const forty = await post(`${path}/payments`, { amount: '110.06', receivedOn: today(), method: 'transfer' });
    expect(forty.status).toBe(201);
    expect(forty.body).toMatchObject({ amount: '110.06', netAmount: '93.33', method: 'transfer', invoice: { status: 'partially_paid', paid: '110.06', outstanding: '165.10' } });
    const over = await post(`${path}/payments`, { amount: '165.11', receivedOn: today(), method: 'cheque' });
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({ code: 'PAYMENT_EXCEEDS_BALANCE', details: { outstanding: '165.10' } });
    const future = await post(`${path}/payments`, { amount: '1.00', receivedOn: plusDays(today(), 1), method: 'cash' });
    expect(future.status).toBe(400);
    const rest = await post(`${path}/payments`, { amount: '165.10', receivedOn: today(), method: 'card' });
    expect(rest.status).toBe(201);
    expect(rest.body).toMatchObject({ netAmount: '140.00', invoice: { status: 'paid', paidOn: today(), outstanding: '0.00' } });
    const list = await platform.http('GET', `${path}/payments`, { token: accountant });
    expect(list.body.items.map((p: any) => p.netAmount)).toEqual(['93.33', '140.00']);

    const [issuedEvent] = (await outbox('commerce.invoice.issued')).filter((e) => e.envelope.data.invoiceId === draft.body.id);
    expect(issuedEvent.envelope.data).toEqual({
      invoiceId: draft.body.id,
      number: `LACAPE-F-${year}-00001`,
      kind: 'standard',
      clientId: ids.company,
      quoteId: null,
      missionId: null,
      issuedOn: today(),
      dueOn: plusDays(today(), 45),
      net: '233.33',
      vat: '41.83',
      total: '275.16',
    });
    const payments = (await outbox('commerce.payment.recorded')).filter((e) => e.envelope.data.invoiceId === draft.body.id).map((e) => e.envelope.data);
    expect(payments).toEqual([
      {
        paymentId: forty.body.id,
        invoiceId: draft.body.id,
        invoiceNumber: `LACAPE-F-${year}-00001`,
        missionId: null,
        amount: '110.06',
        netAmount: '93.33',
        receivedOn: today(),
        method: 'transfer',
      },
      {
        paymentId: rest.body.id,
        invoiceId: draft.body.id,
        invoiceNumber: `LACAPE-F-${year}-00001`,
        missionId: null,
        amount: '165.10',
        netAmount: '140.00',
        receivedOn: today(),
        method: 'card',
      },
    ]);
    const paid = (await outbox('commerce.invoice.paid')).filter((e) => e.envelope.data.invoiceId === draft.body.id);
    expect(paid.map((e) => e.envelope.data)).toEqual([{ invoiceId: draft.body.id, number: `LACAPE-F-${year}-00001`, paidOn: today() }]);
    const more = await post(`${path}/payments`, { amount: '0.01', receivedOn: today(), method: 'cash' });
    expect(more.body.code).toBe('PAYMENT_EXCEEDS_BALANCE');
    ids.paid = draft.body.id;
  });

  it('a consumer invoice never shows the 40 € and is due on receipt; a public body that requires its commitment number is refused without it', async () => {
    const consumer = await post(invoices(), { clientId: ids.individual, lines, supplyDate: today() });
    // Two issues of the same draft at once: one numbers it, the other finds it issued.
    const both = await Promise.all([issue(consumer.body.id), issue(consumer.body.id)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const consumerIssued = both.find((r) => r.status === 200) as (typeof both)[number];
    expect(both.find((r) => r.status === 409)?.body.code).toBe('INVOICE_ALREADY_ISSUED');
    expect(consumerIssued.body.dueOn).toBe(today());
    expect(consumerIssued.body.mentions.join('\n')).not.toContain('40 €');
    expect(consumerIssued.body.mentions.join('\n')).not.toContain('pénalités');
    ids.consumer = consumer.body.id;

    const town = await post(invoices(), { clientId: ids.town, lines, supplyDate: today() });
    const refused = await issue(town.body.id);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'COMMITMENT_NUMBER_REQUIRED', details: { field: 'commitmentNumber' } });
    expect((await platform.http('PATCH', `${invoices()}/${town.body.id}`, { token: coordinator(), body: { commitmentNumber: 'EJ-2026-0042', paymentTermDays: 45 } })).status).toBe(
      400,
    );
    expect((await platform.http('PATCH', `${invoices()}/${town.body.id}`, { token: coordinator(), body: { commitmentNumber: 'EJ-2026-0042' } })).status).toBe(200);
    const townIssued = await issue(town.body.id);
    expect(townIssued.status).toBe(200);
    expect(townIssued.body).toMatchObject({ commitmentNumber: 'EJ-2026-0042', dueOn: plusDays(today(), 30) });
    expect(townIssued.body.mentions).toContain(FORTY_EUROS);
    const [frozen] = await platform.query<{ printable: any }>('SELECT printable FROM commerce.invoice WHERE id = $1', [town.body.id]);
    expect(frozen.printable.client).toMatchObject({ kind: 'public_body', serviceCode: 'SERV-ACHATS', commitmentNumber: 'EJ-2026-0042' });
    expect(frozen.printable.seller).toMatchObject({ legalForm: 'SCOP SARL à capital variable', address: ['12 rue de la Paix', '59000 Lille'] });
    ids.townInvoice = town.body.id;
  });

  it('credit notes: a partial one then a full one, numbered in the A series; the invoice ends cancelled and frozen', async () => {
    const invoice = await post(invoices(), { clientId: ids.company, lines, supplyDate: today() });
    const number = (await issue(invoice.body.id)).body.number;
    const path = `${invoices()}/${invoice.body.id}`;
    const tooMuch = await post(`${path}/credit-notes`, { lines: [{ ...lines[0], quantity: '3' }] });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.code).toBe('CREDIT_EXCEEDS_INVOICE');
    expect((await post(`${path}/credit-notes`, { full: true }, member)).status).toBe(403);

    const partial = await post(`${path}/credit-notes`, { lines: [{ ...lines[0], quantity: '1' }], reason: 'Une heure de moins' });
    expect(partial.status).toBe(201);
    expect(partial.body).toMatchObject({
      number: `LACAPE-A-${year}-00001`,
      invoiceNumber: number,
      full: false,
      reason: 'Une heure de moins',
      totals: { net: '100.00', vat: '20.00', total: '120.00' },
    });
    expect((await platform.http('GET', path, { token: accountant })).body).toMatchObject({ status: 'issued', credited: '120.00', outstanding: '155.16' });

    const full = await post(`${path}/credit-notes`, { full: true });
    expect(full.status).toBe(201);
    expect(full.body).toMatchObject({ number: `LACAPE-A-${year}-00002`, full: true, totals: { net: '133.33', vat: '21.83', total: '155.16' } });
    const after = await platform.http('GET', path, { token: accountant });
    expect(after.body).toMatchObject({ status: 'cancelled', credited: '275.16', outstanding: '0.00' });
    expect((await post(`${path}/credit-notes`, { full: true })).body.code).toBe('CREDIT_EXCEEDS_INVOICE');
    expect((await post(`${path}/payments`, { amount: '1.00', receivedOn: today(), method: 'cash' })).body.code).toBe('PAYMENT_EXCEEDS_BALANCE');
    expect((await platform.http('PATCH', path, { token: coordinator(), body: { purchaseOrderNumber: 'x' } })).body.code).toBe('INVOICE_NOT_EDITABLE');

    const listed = await platform.http('GET', `/v1/sites/${site().a.id}/credit-notes?invoiceId=${invoice.body.id}`, { token: accountant });
    expect(listed.body.items.map((c: any) => c.number)).toEqual([`LACAPE-A-${year}-00001`, `LACAPE-A-${year}-00002`]);
    const one = await platform.http('GET', `/v1/sites/${site().a.id}/credit-notes/${full.body.id}`, { token: member });
    expect(one.body).toMatchObject({ id: full.body.id, invoiceId: invoice.body.id, invoiceIssuedOn: today() });
    const events = (await outbox('commerce.credit_note.issued')).map((e) => e.envelope.data);
    expect(events).toEqual([
      {
        creditNoteId: partial.body.id,
        number: `LACAPE-A-${year}-00001`,
        invoiceId: invoice.body.id,
        invoiceNumber: number,
        missionId: null,
        issuedOn: today(),
        net: '100.00',
        vat: '20.00',
        total: '120.00',
        refundDue: '0.00',
        refundDueNet: '0.00',
      },
      {
        creditNoteId: full.body.id,
        number: `LACAPE-A-${year}-00002`,
        invoiceId: invoice.body.id,
        invoiceNumber: number,
        missionId: null,
        issuedOn: today(),
        net: '133.33',
        vat: '21.83',
        total: '155.16',
        refundDue: '0.00',
        refundDueNet: '0.00',
      },
    ]);
    const draft = await post(invoices(), { clientId: ids.company, lines, supplyDate: today() });
    expect((await post(`${invoices()}/${draft.body.id}/credit-notes`, { full: true })).body.code).toBe('INVOICE_NOT_ISSUED');
    ids.cancelled = invoice.body.id;
  });

  it('a paid invoice credited (a gesture after payment): the amount is due back, a refund over HTTP settles it; the receivables board counts it apart', async () => {
    const invoice = await post(invoices(), { clientId: ids.company, lines, supplyDate: today() });
    const number = (await issue(invoice.body.id)).body.number;
    const path = `${invoices()}/${invoice.body.id}`;
    expect((await post(`${path}/payments`, { amount: '275.16', receivedOn: today(), method: 'transfer' })).body.invoice).toMatchObject({ status: 'paid' });
    const early = await post(`${path}/refunds`, { amount: '1.00', refundedOn: today(), method: 'transfer' });
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ code: 'REFUND_EXCEEDS_AMOUNT_DUE', details: { refundDue: '0.00' } });

    const gesture = await post(`${path}/credit-notes`, { lines: [{ ...lines[0], quantity: '0.5' }], reason: 'Geste commercial' });
    expect(gesture.status).toBe(201);
    expect(gesture.body.totals).toMatchObject({ net: '50.00', vat: '10.00', total: '60.00' });
    expect((await platform.http('GET', path, { token: accountant })).body).toMatchObject({ status: 'paid', outstanding: '0.00', refundDue: '60.00', refunded: '0.00' });
    const board = await platform.http('GET', `/v1/sites/${site().a.id}/receivables`, { token: accountant });
    expect(board.body.refundsDue.count).toBeGreaterThanOrEqual(1);
    expect(board.body.items.some((i: any) => i.invoiceId === invoice.body.id)).toBe(false);

    expect((await post(`${path}/refunds`, { amount: '60.00', refundedOn: today(), method: 'transfer' }, member)).status).toBe(403);
    expect((await post(`${path}/refunds`, { amount: '60.001', refundedOn: today(), method: 'transfer' })).status).toBe(400);
    expect((await post(`${path}/refunds`, { amount: '60.00', refundedOn: today(), method: 'voucher' })).status).toBe(400);
    const over = await post(`${path}/refunds`, { amount: '60.01', refundedOn: today(), method: 'transfer' });
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({ code: 'REFUND_EXCEEDS_AMOUNT_DUE', details: { refundDue: '60.00' } });
    const refund = await post(`${path}/refunds`, { amount: '60.00', refundedOn: today(), method: 'transfer' });
    expect(refund.status).toBe(201);
    expect(refund.body).toMatchObject({ amount: '60.00', netAmount: '50.00', invoice: { status: 'paid', refundDue: '0.00', refunded: '60.00', outstanding: '0.00' } });
    const listed = await platform.http('GET', `${path}/refunds`, { token: accountant });
    expect(listed.body.items.map((r: any) => r.id)).toEqual([refund.body.id]);
    const [event] = (await outbox('commerce.refund.recorded')).filter((e) => e.envelope.data.invoiceId === invoice.body.id);
    expect(event.envelope.data).toEqual({
      refundId: refund.body.id,
      invoiceId: invoice.body.id,
      invoiceNumber: number,
      missionId: null,
      amount: '60.00',
      netAmount: '50.00',
      refundedOn: today(),
      method: 'transfer',
    });
  });

  it('a deposit invoice of 30 % of an accepted quote, then the final invoice deducting it; a mission’s invoice carries its mission', async () => {
    const quote = await post(`/v1/sites/${site().a.id}/quotes`, {
      clientId: ids.company,
      lines: [
        { description: 'Taille de haie', quantity: '10', unit: 'hour', unitPrice: '25', vatRate: '20' },
        { description: 'Évacuation des déchets verts', quantity: '1', unit: 'flat_rate', unitPrice: '80', vatRate: '10' },
      ],
      validUntil: plusDays(today(), 30),
      // The final invoice takes its period of supply from here (CGI ann. II 242 nonies A 10°).
      executionStartsOn: plusDays(today(), 1),
      executionEndsOn: plusDays(today(), 3),
    });
    expect(quote.status).toBe(201);
    const notAccepted = await post(invoices(), { fromQuoteId: quote.body.id, kind: 'deposit', depositPercent: '30' });
    expect(notAccepted.status).toBe(409);
    expect(notAccepted.body.code).toBe('INVOICE_QUOTE_NOT_ACCEPTED');
    expect((await post(`/v1/sites/${site().a.id}/quotes/${quote.body.id}/send`, {})).status).toBe(200);
    expect((await post(`/v1/sites/${site().a.id}/quotes/${quote.body.id}/accept`, {})).status).toBe(200);

    const deposit = await post(invoices(), { fromQuoteId: quote.body.id, kind: 'deposit', depositPercent: '30' });
    expect(deposit.status).toBe(201);
    expect(deposit.body.lines.map((l: any) => [l.vatRate, l.unitPrice])).toEqual([
      ['20', '75.00'],
      ['10', '24.00'],
    ]);
    expect(deposit.body.totals).toMatchObject({ net: '99.00', vat: '17.40', total: '116.40' });
    const depositIssued = await issue(deposit.body.id);
    expect(depositIssued.body).toMatchObject({ kind: 'deposit', quoteId: quote.body.id });

    const final = await post(invoices(), { fromQuoteId: quote.body.id, kind: 'final' });
    expect(final.status).toBe(201);
    expect(final.body).toMatchObject({ kind: 'final', depositInvoiceIds: [deposit.body.id] });
    expect(final.body.totals).toMatchObject({ net: '330.00', vat: '58.00', total: '388.00', depositsDeducted: '116.40', amountDue: '271.60' });
    const finalIssued = await issue(final.body.id);
    expect(finalIssued.status).toBe(200);
    // No date on the draft: the quote's execution period is the period of supply.
    expect(finalIssued.body).toMatchObject({ supplyDate: null, deliveryStartsOn: plusDays(today(), 1), deliveryEndsOn: plusDays(today(), 3) });
    expect(finalIssued.body.totals.deposits).toEqual([expect.objectContaining({ invoiceId: deposit.body.id, number: depositIssued.body.number, total: '116.40' })]);
    expect(Number(finalIssued.body.number.slice(-5))).toBe(Number(depositIssued.body.number.slice(-5)) + 1);
    const settle = await post(`${invoices()}/${final.body.id}/payments`, { amount: '271.60', receivedOn: today(), method: 'transfer' });
    expect(settle.body).toMatchObject({ netAmount: '231.00', invoice: { status: 'paid' } });
    const again = await post(invoices(), { fromQuoteId: quote.body.id, kind: 'final', depositInvoiceIds: [deposit.body.id] });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DEPOSIT_ALREADY_DEDUCTED');
    expect((await post(`${invoices()}/${deposit.body.id}/credit-notes`, { full: true })).body.code).toBe('DEPOSIT_ALREADY_DEDUCTED');

    const missionId = randomUUID();
    await platform.query(
      `INSERT INTO commerce.mission (id, site_id, title, starts_on, ends_on, people_needed, client_id, status, created_by, created_at, updated_at)
       VALUES ($1, $2, 'Jardin partagé', current_date, current_date, 2, $3, 'planned', $4, now(), now())`,
      [missionId, site().a.id, ids.company, randomUUID()],
    );
    const fromMission = await post(invoices(), { fromMissionId: missionId, lines: [lines[0]] });
    expect(fromMission.status).toBe(201);
    expect(fromMission.body).toMatchObject({ missionId, clientId: ids.company, quoteId: null });
    // The mission's day is the date of the service.
    expect((await issue(fromMission.body.id)).body).toMatchObject({ supplyDate: today(), deliveryStartsOn: null });
    const paidByMission = await post(`${invoices()}/${fromMission.body.id}/payments`, { amount: '240.00', receivedOn: today(), method: 'cash' });
    expect(paidByMission.body.netAmount).toBe('200.00');
    const [event] = (await outbox('commerce.payment.recorded')).filter((e) => e.envelope.data.invoiceId === fromMission.body.id);
    expect(event.envelope.data.missionId).toBe(missionId);
    expect((await post(invoices(), { fromMissionId: randomUUID(), lines })).body.code).toBe('MISSION_NOT_FOUND');
  });

  it('the nature of the operation comes from the lines; the date of supply is required at issue; goods may name where they are delivered', async () => {
    const goods = [{ ...lines[0], nature: 'goods' }];
    const contradicted = await post(invoices(), { clientId: ids.company, lines: goods, operationCategory: 'services' });
    expect(contradicted.status).toBe(400);
    expect(contradicted.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'operationCategory', derived: 'goods' } });
    const draft = await post(invoices(), { clientId: ids.company, lines: [...goods, lines[0]], deliveryAddress: '3 quai du Port, 13002 Marseille' });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ operationCategory: 'mixed', deliveryAddress: '3 quai du Port, 13002 Marseille', lines: [{ nature: 'goods' }, { nature: 'service' }] });
    const undated = await issue(draft.body.id);
    expect(undated.status).toBe(422);
    expect(undated.body).toMatchObject({ code: 'SUPPLY_DATE_REQUIRED', details: { field: 'supplyDate' } });
    const path = `${invoices()}/${draft.body.id}`;
    expect((await platform.http('PATCH', path, { token: coordinator(), body: { lines: goods, supplyDate: today() } })).body.operationCategory).toBe('goods');
    const issued = await issue(draft.body.id);
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ operationCategory: 'goods', supplyDate: today() });
    const addressForServices = await post(invoices(), { clientId: ids.company, lines, deliveryAddress: '3 quai du Port, 13002 Marseille' });
    expect(addressForServices.status).toBe(400);
    expect(addressForServices.body.details).toEqual({ field: 'deliveryAddress' });
  });

  it('issuing saves the content as checked that day when the stored draft disagrees with it', async () => {
    const draft = await post(invoices(), { clientId: ids.company, lines, supplyDate: today() });
    expect(draft.status).toBe(201);
    // As if the draft had been saved under other rules (say, before its host left the VAT franchise).
    await platform.query("UPDATE commerce.invoice SET total_cents = 1, net_cents = 1, totals = jsonb_set(totals, '{total}', '\"0.01\"') WHERE id = $1", [draft.body.id]);
    const issued = await issue(draft.body.id);
    expect(issued.status).toBe(200);
    expect(issued.body.totals).toMatchObject({ net: '233.33', total: '275.16' });
    const [row] = await platform.query<{ total_cents: string; net_cents: string; total: string; printed: string }>(
      "SELECT total_cents, net_cents, totals->>'total' AS total, printable->'totals'->>'total' AS printed FROM commerce.invoice WHERE id = $1",
      [draft.body.id],
    );
    expect(row).toEqual({ total_cents: '27516', net_cents: '23333', total: '275.16', printed: '275.16' });
  });

  it('roles: members draft but never issue, pay or credit; accountants read only', async () => {
    expect((await post(invoices(), { clientId: ids.company, lines }, accountant)).status).toBe(403);
    expect((await post(`${invoices()}/${ids.consumer}/payments`, { amount: '1.00', receivedOn: today(), method: 'cash' }, member)).status).toBe(403);
    expect((await post(`${invoices()}/${ids.consumer}/payments`, { amount: '1.00', receivedOn: today(), method: 'cash' }, accountant)).status).toBe(403);
    expect((await platform.http('GET', `${invoices()}/${ids.paid}`, { token: accountant })).body.status).toBe('paid');
    const paidList = await platform.http('GET', `${invoices()}?status=paid&kind=standard&clientId=${ids.company}`, { token: member });
    expect(paidList.status).toBe(200);
    expect(paidList.body.items.map((i: any) => i.id)).toContain(ids.paid);
    expect(paidList.body.items.every((i: any) => i.status === 'paid' && i.kind === 'standard' && i.clientId === ids.company)).toBe(true);
    expect((await platform.http('GET', `${invoices()}?status=lost`, { token: member })).status).toBe(400);
  });

  it("site B's coordinator gets 404 on site A's invoices, payments and credit notes", async () => {
    const b = site().b.coordinator;
    for (const [method, path, body] of [
      ['GET', `${invoices()}/${ids.paid}`, undefined],
      ['GET', `${invoices()}`, undefined],
      ['POST', `${invoices()}/${ids.townInvoice}/issue`, undefined],
      ['GET', `${invoices()}/${ids.paid}/payments`, undefined],
      ['POST', `${invoices()}/${ids.consumer}/payments`, { amount: '1.00', receivedOn: today(), method: 'cash' }],
      ['POST', `${invoices()}/${ids.consumer}/credit-notes`, { full: true }],
      ['GET', `/v1/sites/${site().a.id}/receivables`, undefined],
    ] as const) {
      expect([method, path, (await platform.http(method, path, { token: b, body })).status]).toEqual([method, path, 404]);
    }
    const underB = await platform.http('GET', `${invoices(site().b.id)}/${ids.paid}`, { token: b });
    expect(underB.status).toBe(404);
    expect(underB.body.code).toBe('INVOICE_NOT_FOUND');
    expect(
      (await platform.http('POST', `${invoices(site().b.id)}/${ids.consumer}/payments`, { token: b, body: { amount: '1.00', receivedOn: today(), method: 'cash' } })).body.code,
    ).toBe('INVOICE_NOT_FOUND');
    const [creditNote] = await platform.query<{ id: string }>('SELECT id FROM commerce.credit_note LIMIT 1');
    expect((await platform.http('GET', `/v1/sites/${site().b.id}/credit-notes/${creditNote.id}`, { token: b })).body.code).toBe('CREDIT_NOTE_NOT_FOUND');
  });

  it('the receivables board: unpaid issued invoices with days overdue and aging buckets, per site and across the sites of an accountant', async () => {
    // An invoice issued 75 days ago, due 45 days ago (issue dates are today's through the API), counted
    // from Paris's today as the board does: Postgres's current_date is the server's (UTC), a day behind after 23:00.
    const overdue = randomUUID();
    await platform.query(
      `INSERT INTO commerce.invoice (id, site_id, client_id, kind, status, number, issued_on, due_on, operation_category, lines, totals, printable, total_cents, net_cents, created_by, created_by_role, created_at, updated_at)
       VALUES ($1, $2, $3, 'standard', 'issued', 'LACAPE-F-2025-99999', $4::date - 75, $4::date - 45, 'services', '[]', '{"vatFranchise":false}', '{}', 10000, 10000, $1, 'coordinator', now(), now())`,
      [overdue, site().a.id, ids.town, today()],
    );
    expect((await platform.http('GET', `/v1/sites/${site().a.id}/receivables`, { token: member })).status).toBe(403);
    const board = await platform.http('GET', `/v1/sites/${site().a.id}/receivables`, { token: accountant });
    expect(board.status).toBe(200);
    expect(board.body.asOf).toBe(today());
    const byId = new Map(board.body.items.map((i: any) => [i.invoiceId, i]));
    expect(byId.get(overdue)).toMatchObject({ daysOverdue: 45, bucket: '31_60', outstanding: '100.00', clientName: 'Mairie de Roubaix', status: 'issued' });
    expect(byId.get(ids.consumer)).toMatchObject({ daysOverdue: 0, bucket: 'not_due', outstanding: '275.16' });
    expect(byId.has(ids.paid)).toBe(false);
    expect(byId.has(ids.cancelled)).toBe(false);
    expect(board.body.items[0].invoiceId).toBe(overdue);
    const sum = (items: any[]) => items.reduce((s, i) => s + Math.round(Number(i.outstanding) * 100), 0);
    expect(board.body.buckets.map((b: any) => b.bucket)).toEqual(['not_due', '1_30', '31_60', '61_90', 'over_90']);
    expect(board.body.buckets.find((b: any) => b.bucket === '31_60')).toEqual({ bucket: '31_60', count: 1, outstanding: '100.00' });
    expect(board.body.count).toBe(board.body.items.length);
    expect(Math.round(Number(board.body.outstanding) * 100)).toBe(sum(board.body.items));
    expect(board.body.sites).toEqual([{ siteId: site().a.id, count: board.body.count, outstanding: board.body.outstanding, buckets: board.body.buckets }]);
    const late = await platform.http('GET', `/v1/sites/${site().a.id}/receivables?bucket=31_60`, { token: coordinator() });
    expect(late.body.items.map((i: any) => i.invoiceId)).toEqual([overdue]);
    const paged = await platform.http('GET', `/v1/sites/${site().a.id}/receivables?limit=1`, { token: coordinator() });
    expect(paged.body.items).toHaveLength(1);
    const next = await platform.http('GET', `/v1/sites/${site().a.id}/receivables?limit=1&cursor=${paged.body.nextCursor}`, { token: coordinator() });
    expect(next.body.items[0].invoiceId).not.toBe(paged.body.items[0].invoiceId);

    // The host structure's accountant keeps the books of both sites: one board across them.
    const [user] = await platform.query<{ id: string }>('SELECT id FROM gateway.app_user WHERE email = $1', [`accountant.${site().a.id}@kpa.local`]);
    await platform.query("INSERT INTO gateway.site_role (user_id, site_id, role) VALUES ($1, $2, 'accountant')", [user.id, site().b.id]);
    const books = (await platform.login(`accountant.${site().a.id}@kpa.local`, COORDINATOR_PASSWORD)).accessToken;
    const across = await platform.http('GET', '/v1/receivables?limit=100', { token: books });
    expect(across.status).toBe(200);
    expect(across.body.sites.map((s: any) => s.siteId).sort()).toEqual([site().a.id, site().b.id].sort());
    expect(across.body.sites.find((s: any) => s.siteId === site().b.id).count).toBe(200);
    expect(across.body.count).toBe(board.body.count + 200);
    const aOnly = await platform.http('GET', '/v1/receivables', { token: coordinator() });
    expect(aOnly.body.sites.map((s: any) => s.siteId)).toEqual([site().a.id]);
    const memberBoard = await platform.http('GET', '/v1/receivables', { token: member });
    expect(memberBoard.body).toMatchObject({ items: [], count: 0, sites: [] });
    const admin = (await platform.login(ADMIN.email, ADMIN.password)).accessToken;
    expect((await platform.http('GET', '/v1/receivables', { token: admin })).body.count).toBe(across.body.count);
  });
});
