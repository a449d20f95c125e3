import { Client as Pg } from 'pg';
import { pdfText } from '@kpa/testing/pdf-text';
import { setUpRegion, siteUserToken, untilCommerceKnows, usePlatform } from './platform';

function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/**
 * Quotes over HTTP: a member drafts (catalogue line + free line, totals to the cent), submits; the
 * coordinator validates and sends (numbered in the site's quotes series), records the answer;
 * roles, tenancy, the withdrawal notice of a quote signed at an individual's home, expiry.
 */
describe('quotes over HTTP', () => {
  const platform = usePlatform('e2e_quotes');
  const site: Record<'a' | 'b', { id: string; coordinator: string }> = {} as never;
  let member: string;
  let accountant: string;
  const ids: Record<string, string> = {};
  const year = today().slice(0, 4);
  const validUntil = `${Number(year) + 1}-06-30`;

  const address = { line: '3 place de la Liberté', postalCode: '59100', city: 'Roubaix' };
  const company = { kind: 'company', name: 'Boulangerie du Pile', billingAddress: address, siret: '120 027 016 00357', vatNumber: 'FR 85 120027016' };
  const individual = { kind: 'individual', name: 'Mme Durand', billingAddress: { ...address, line: '8 rue Jules Guesde' }, email: 'durand@example.org' };
  const freeLine = { description: 'Déplacement', quantity: '1', unit: 'flat_rate', unitPrice: '15', vatRate: '20' };
  const quotes = () => `/v1/sites/${site.a.id}/quotes`;

  async function withDb<T>(run: (db: Pg) => Promise<T>): Promise<T> {
    const db = new Pg({ connectionString: platform.env.databaseUrl });
    await db.connect();
    try {
      return await run(db);
    } finally {
      await db.end();
    }
  }

  beforeAll(async () => {
    const region = await setUpRegion(platform);
    Object.assign(site, region.sites);
    member = await siteUserToken(platform, site.a, 'member');
    accountant = await siteUserToken(platform, site.a, 'accountant');
    await untilCommerceKnows(platform, [site.a.id, site.b.id]);
    for (const [name, body] of Object.entries({ company, individual })) {
      const created = await platform.http('POST', `/v1/sites/${site.a.id}/clients`, { token: site.a.coordinator, body });
      expect(created.status).toBe(201);
      ids[name] = created.body.id;
    }
    const item = await platform.http('POST', `/v1/sites/${site.a.id}/catalogue-items`, {
      token: site.a.coordinator,
      body: { label: 'Repassage à domicile', unit: 'hour', unitPrice: '18.1234', vatRate: '5.5' },
    });
    expect(item.status).toBe(201);
    ids.item = item.body.id;
  });

  it('a member drafts a quote with a catalogue line and a free line: totals to the cent, VAT per rate', async () => {
    const created = await platform.http('POST', quotes(), {
      token: member,
      body: {
        clientId: ids.company,
        lines: [{ catalogueItemId: ids.item, quantity: '2.5' }, freeLine],
        validUntil,
        executionPlace: 'Boulangerie du Pile, Roubaix',
        executionStartsOn: `${Number(year) + 1}-01-05`,
        executionEndsOn: `${Number(year) + 1}-01-06`,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', number: null, sentOn: null, clientId: ids.company, withdrawalNoticeRequired: false });
    expect(created.body.lines).toEqual([
      {
        description: 'Repassage à domicile',
        quantity: '2.5',
        unit: 'hour',
        unitPrice: '18.1234',
        vatRate: '5.5',
        exemptionReason: null,
        catalogueItemId: ids.item,
        nature: 'service',
        net: '45.31',
      },
      { ...freeLine, exemptionReason: null, catalogueItemId: null, nature: 'service', net: '15.00' },
    ]);
    expect(created.body.totals).toEqual({
      net: '60.31',
      vat: '5.49',
      total: '65.80',
      vatBreakdown: [
        { category: 'S', rate: '20', exemptionReason: null, base: '15.00', vat: '3.00' },
        { category: 'S', rate: '5.5', exemptionReason: null, base: '45.31', vat: '2.49' },
      ],
      vatFranchise: false,
      vatExemptionNote: null,
    });
    ids.first = created.body.id;

    const edited = await platform.http('PATCH', `${quotes()}/${ids.first}`, { token: member, body: { executionPlace: 'Atelier, 12 rue de Lille, Roubaix' } });
    expect(edited.status).toBe(200);
    expect(edited.body.executionPlace).toBe('Atelier, 12 rue de Lille, Roubaix');
    expect(edited.body.totals.total).toBe('65.80');
  });

  it('refuses a client of another site, a price with 5 decimals, a validUntil not after today', async () => {
    const onB = await platform.http('POST', `/v1/sites/${site.b.id}/clients`, { token: site.b.coordinator, body: company });
    const foreign = await platform.http('POST', quotes(), { token: member, body: { clientId: onB.body.id, lines: [freeLine], validUntil } });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('CLIENT_NOT_FOUND');
    const price = await platform.http('POST', quotes(), { token: member, body: { clientId: ids.company, lines: [{ ...freeLine, unitPrice: '1.12345' }], validUntil } });
    expect(price.status).toBe(400);
    const past = await platform.http('POST', quotes(), { token: member, body: { clientId: ids.company, lines: [freeLine], validUntil: today() } });
    expect(past.status).toBe(400);
    expect(past.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'validUntil' } });
  });

  it('member submits; the member cannot validate; the coordinator validates and sends: LACAPE-D-<year>-00001', async () => {
    const submitted = await platform.http('POST', `${quotes()}/${ids.first}/submit`, { token: member });
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('submitted');
    expect((await platform.http('POST', `${quotes()}/${ids.first}/validate`, { token: member })).status).toBe(403);
    const early = await platform.http('POST', `${quotes()}/${ids.first}/accept`, { token: site.a.coordinator });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('QUOTE_TRANSITION_REFUSED');
    expect(early.body.message).toContain('The quote is submitted');
    expect(early.body.details.allowed).toEqual(['validate']);

    const validated = await platform.http('POST', `${quotes()}/${ids.first}/validate`, { token: site.a.coordinator });
    expect(validated.body.status).toBe('validated');
    const sent = await platform.http('POST', `${quotes()}/${ids.first}/send`, { token: site.a.coordinator });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ status: 'sent', number: `LACAPE-D-${year}-00001`, sentOn: today() });
    expect(sent.body.totals.total).toBe('65.80');
  });

  it("a coordinator's own draft is sent directly and takes the next number; a member's draft cannot be", async () => {
    const draft = await platform.http('POST', quotes(), { token: site.a.coordinator, body: { clientId: ids.company, lines: [freeLine], validUntil } });
    expect(draft.status).toBe(201);
    const sent = await platform.http('POST', `${quotes()}/${draft.body.id}/send`, { token: site.a.coordinator });
    expect(sent.status).toBe(200);
    expect(sent.body.number).toBe(`LACAPE-D-${year}-00002`);
    ids.second = draft.body.id;

    const byMember = await platform.http('POST', quotes(), { token: member, body: { clientId: ids.company, lines: [freeLine], validUntil } });
    const direct = await platform.http('POST', `${quotes()}/${byMember.body.id}/send`, { token: site.a.coordinator });
    expect(direct.status).toBe(409);
    expect(direct.body).toMatchObject({ code: 'QUOTE_TRANSITION_REFUSED', details: { status: 'draft', allowed: ['submit'] } });
  });

  it('a sent quote is frozen (409 QUOTE_NOT_EDITABLE); accepting records the answer and publishes events', async () => {
    const edit = await platform.http('PATCH', `${quotes()}/${ids.first}`, { token: site.a.coordinator, body: { executionPlace: 'ailleurs' } });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('QUOTE_NOT_EDITABLE');
    const accepted = await platform.http('POST', `${quotes()}/${ids.first}/accept`, { token: site.a.coordinator });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', answeredOn: today(), missionId: expect.any(String), invoiceId: expect.any(String) });
    // The acceptance drafted the work and its invoice, linked to the quote.
    const mission = await platform.http('GET', `/v1/sites/${site.a.id}/missions/${accepted.body.missionId}`, { token: member });
    expect(mission.status).toBe(200);
    expect(mission.body).toMatchObject({ status: 'planned', quoteId: ids.first, clientId: ids.company });
    const invoice = await platform.http('GET', `/v1/sites/${site.a.id}/invoices/${accepted.body.invoiceId}`, { token: site.a.coordinator });
    expect(invoice.status).toBe(200);
    expect(invoice.body).toMatchObject({ status: 'draft', kind: 'standard', quoteId: ids.first, missionId: accepted.body.missionId, clientId: ids.company });
    expect(invoice.body.totals.total).toBe('65.80');
    const again = await platform.http('POST', `${quotes()}/${ids.first}/decline`, { token: site.a.coordinator });
    expect(again.status).toBe(409);
    const declined = await platform.http('POST', `${quotes()}/${ids.second}/decline`, { token: site.a.coordinator });
    expect(declined.body.status).toBe('declined');

    await withDb(async (db) => {
      const { rows } = await db.query("SELECT envelope FROM commerce.outbox WHERE envelope->>'type' LIKE 'commerce.quote.%' ORDER BY created_at, id");
      const events = rows.map((r) => r.envelope);
      expect(events.map((e) => `${e.type}:${e.data.number}`)).toEqual([
        `commerce.quote.sent:LACAPE-D-${year}-00001`,
        `commerce.quote.sent:LACAPE-D-${year}-00002`,
        `commerce.quote.accepted:LACAPE-D-${year}-00001`,
        `commerce.quote.declined:LACAPE-D-${year}-00002`,
      ]);
      expect(Object.keys(events[0].data).sort()).toEqual(['clientId', 'number', 'quoteId', 'totals']);
      expect(events[0].data).toMatchObject({ quoteId: ids.first, clientId: ids.company, totals: { total: '65.80' } });
    });
  });

  it('a quote for an individual signed at home carries the withdrawal notice; not for a company', async () => {
    const home = await platform.http('POST', quotes(), {
      token: member,
      body: { clientId: ids.individual, lines: [{ catalogueItemId: ids.item, quantity: '3' }], validUntil, signedAtClientHome: true },
    });
    expect(home.status).toBe(201);
    expect(home.body).toMatchObject({ signedAtClientHome: true, withdrawalNoticeRequired: true });
    ids.home = home.body.id;
    const read = await platform.http('GET', `${quotes()}/${ids.home}`, { token: accountant });
    expect(read.body.withdrawalNoticeRequired).toBe(true);
    const companyAtHome = await platform.http('POST', quotes(), { token: member, body: { clientId: ids.company, lines: [freeLine], validUntil, signedAtClientHome: true } });
    expect(companyAtHome.status).toBe(400);
    expect(companyAtHome.body.details).toMatchObject({ field: 'signedAtClientHome' });
  });

  it('past validUntil a sent quote reads as expired and cannot be accepted (422 QUOTE_EXPIRED)', async () => {
    const draft = await platform.http('POST', quotes(), { token: site.a.coordinator, body: { clientId: ids.company, lines: [freeLine], validUntil } });
    const sent = await platform.http('POST', `${quotes()}/${draft.body.id}/send`, { token: site.a.coordinator });
    expect(sent.body.number).toBe(`LACAPE-D-${year}-00003`);
    await withDb((db) => db.query('UPDATE commerce.quote SET valid_until = current_date - 2 WHERE id = $1', [draft.body.id]));
    const read = await platform.http('GET', `${quotes()}/${draft.body.id}`, { token: member });
    expect(read.body.status).toBe('expired');
    const accept = await platform.http('POST', `${quotes()}/${draft.body.id}/accept`, { token: site.a.coordinator });
    expect(accept.status).toBe(422);
    expect(accept.body.code).toBe('QUOTE_EXPIRED');
    const expired = await platform.http('GET', `${quotes()}?status=expired`, { token: accountant });
    expect(expired.body.items.map((q: any) => q.id)).toEqual([draft.body.id]);
  });

  it('lists by status; an accountant reads but cannot create or act', async () => {
    const all = await platform.http('GET', quotes(), { token: accountant });
    expect(all.status).toBe(200);
    expect(all.body.items.length).toBe(5);
    const accepted = await platform.http('GET', `${quotes()}?status=accepted`, { token: member });
    expect(accepted.body.items.map((q: any) => q.id)).toEqual([ids.first]);
    expect((await platform.http('GET', `${quotes()}?status=lost`, { token: member })).status).toBe(400);
    expect((await platform.http('POST', quotes(), { token: accountant, body: { clientId: ids.company, lines: [freeLine], validUntil } })).status).toBe(403);
    expect((await platform.http('PATCH', `${quotes()}/${ids.home}`, { token: accountant, body: { executionPlace: 'x' } })).status).toBe(403);
    expect((await platform.http('POST', `${quotes()}/${ids.home}/submit`, { token: accountant })).status).toBe(403);
  });

  it("site B's coordinator gets 404 on site A's quotes", async () => {
    for (const [method, path] of [
      ['GET', quotes()],
      ['GET', `${quotes()}/${ids.first}`],
      ['PATCH', `${quotes()}/${ids.home}`],
      ['POST', `${quotes()}/${ids.home}/submit`],
      ['POST', quotes()],
    ]) {
      const body = method === 'PATCH' ? { executionPlace: 'x' } : method === 'POST' && path === quotes() ? { clientId: ids.company, lines: [freeLine], validUntil } : undefined;
      expect((await platform.http(method, path, { token: site.b.coordinator, body })).status).toBe(404);
    }
    const underB = await platform.http('GET', `/v1/sites/${site.b.id}/quotes/${ids.first}`, { token: site.b.coordinator });
    expect(underB.status).toBe(404);
    expect(underB.body.code).toBe('QUOTE_NOT_FOUND');
    const actUnderB = await platform.http('POST', `/v1/sites/${site.b.id}/quotes/${ids.home}/submit`, { token: site.b.coordinator });
    expect(actUnderB.body.code).toBe('QUOTE_NOT_FOUND');
  });

  it('accepting with depositPercent drafts a deposit invoice of that share instead of the whole invoice', async () => {
    const draft = await platform.http('POST', quotes(), { token: site.a.coordinator, body: { clientId: ids.company, lines: [freeLine], validUntil } });
    await platform.http('POST', `${quotes()}/${draft.body.id}/send`, { token: site.a.coordinator });
    const malformed = await platform.http('POST', `${quotes()}/${draft.body.id}/accept`, { token: site.a.coordinator, body: { depositPercent: 'trente' } });
    expect(malformed.status).toBe(400);
    const accepted = await platform.http('POST', `${quotes()}/${draft.body.id}/accept`, { token: site.a.coordinator, body: { depositPercent: '30' } });
    expect(accepted.status).toBe(200);
    const deposit = await platform.http('GET', `/v1/sites/${site.a.id}/invoices/${accepted.body.invoiceId}`, { token: site.a.coordinator });
    expect(deposit.body).toMatchObject({ kind: 'deposit', status: 'draft', quoteId: draft.body.id, missionId: accepted.body.missionId });
    // 30 % of the quote's net, VAT on top (a deposit on services bears VAT).
    expect(deposit.body.totals.net).toBe('4.50');
  });

  it('a quote asking for a deposit prints it with the deposit invoice’s exact total, its payment terms and the goods’ delivery address; accepting drafts that deposit; the invoice from the quote takes the address', async () => {
    const goods = { description: 'Étagère en chêne', quantity: '2', unit: 'piece', unitPrice: '120.05', vatRate: '20', nature: 'goods' };
    const serviceOnly = await platform.http('POST', quotes(), {
      token: site.a.coordinator,
      body: { clientId: ids.individual, lines: [freeLine], validUntil, deliveryAddress: '14 rue de Lannoy, 59100 Roubaix' },
    });
    expect(serviceOnly.status).toBe(400);
    expect(serviceOnly.body.details).toMatchObject({ field: 'deliveryAddress' });
    const draft = await platform.http('POST', quotes(), {
      token: site.a.coordinator,
      body: { clientId: ids.individual, lines: [goods, freeLine], validUntil, depositPercent: '30', deliveryAddress: '14 rue de Lannoy, 59100 Roubaix' },
    });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ depositPercent: '30', deliveryAddress: '14 rue de Lannoy, 59100 Roubaix', totals: { net: '255.10', vat: '51.02', total: '306.12' } });
    expect((await platform.http('POST', `${quotes()}/${draft.body.id}/send`, { token: site.a.coordinator })).status).toBe(200);

    const pdf = await fetch(`${platform.gatewayUrl}${quotes()}/${draft.body.id}/pdf`, { headers: { authorization: `Bearer ${accountant}` } });
    expect(pdf.status).toBe(200);
    const words = (await pdfText(Buffer.from(await pdf.arrayBuffer()))).text.replace(/\s+/g, ' ');
    for (const expected of [
      'Conditions de paiement Paiement à réception de la facture',
      // 30 % of 255.10 = 76.53 net at 20 %: 91.84 including VAT, the deposit invoice's total below.
      'Acompte à la commande 30 % du total, soit 91,84 € TTC',
      'Adresse de livraison 14 rue de Lannoy, 59100 Roubaix',
      // An individual reads prices including VAT: 120.05 × 1.2 = 144.06 a unit.
      'PU TTC',
      'Étagère en chêne 2 pièce 144,06 € 20 % 288,12 €',
      'Total TTC 306,12 €',
    ]) {
      expect(words).toContain(expected);
    }

    const accepted = await platform.http('POST', `${quotes()}/${draft.body.id}/accept`, { token: site.a.coordinator });
    expect(accepted.status).toBe(200);
    const deposit = await platform.http('GET', `/v1/sites/${site.a.id}/invoices/${accepted.body.invoiceId}`, { token: site.a.coordinator });
    expect(deposit.body).toMatchObject({ kind: 'deposit', deliveryAddress: null, totals: { net: '76.53', total: '91.84' } });
    // The invoice of the goods themselves (drafted from the quote) takes the quote's delivery address.
    const invoice = await platform.http('POST', `/v1/sites/${site.a.id}/invoices`, { token: site.a.coordinator, body: { fromQuoteId: draft.body.id, kind: 'standard' } });
    expect(invoice.status === 201 ? invoice.body.deliveryAddress : JSON.stringify(invoice.body)).toBe('14 rue de Lannoy, 59100 Roubaix');
  });
});
