import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ciiXsdErrors, facturXParts } from '@kpa/testing/factur-x';
import { pdfText } from '@kpa/testing/pdf-text';
import { eventually } from '@kpa/testing';
import { setUpRegion, siteUserToken, today, untilCommerceKnows, usePlatform } from './platform';

interface FileResponse {
  status: number;
  headers: Headers;
  bytes: Buffer;
  json: () => { code: string; message: string; details?: Record<string, unknown> };
}

/** The text of the first CII element named `name`. */
function element(xml: string, name: string): string | undefined {
  return new RegExp(`<ram:${name}[^>]*>([^<]*)</ram:${name}>`).exec(xml)?.[1];
}

/**
 * E-invoicing end to end (issue 15): the host structure's bank and e-invoicing fields, an invoice
 * issued to a company through the API, its Factur-X downloaded and its XML read back from the PDF's
 * bytes, compared to what the API says, to the cent.
 */
describe('e-invoices (Factur-X, CII) over HTTP', () => {
  // The region's PA is the file-drop sandbox, swept every second by the worker.
  const paDir = mkdtempSync(join(tmpdir(), 'kpa-e2e-pa-'));
  const platform = usePlatform('e2e_e_invoices', { EINVOICE_PA: 'file-drop', EINVOICE_PA_DIR: paDir, EINVOICE_SWEEP_INTERVAL_SECONDS: '1' });
  let region: Awaited<ReturnType<typeof setUpRegion>>;
  let siteId: string;
  let coordinator: string;
  let accountant: string;
  let clientId: string;
  const address = { line: '3 place de la Liberté', postalCode: '59100', city: 'Roubaix' };

  async function get(path: string, token: string): Promise<FileResponse> {
    const response = await fetch(`${platform.gatewayUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const bytes = Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, bytes, json: () => JSON.parse(bytes.toString('utf8')) };
  }

  afterAll(() => rmSync(paDir, { recursive: true, force: true }));

  beforeAll(async () => {
    region = await setUpRegion(platform);
    siteId = region.sites.a.id;
    coordinator = region.sites.a.coordinator;
    accountant = await siteUserToken(platform, region.sites.a, 'accountant');
    await untilCommerceKnows(platform, [siteId]);
  });

  it('a host structure takes its IBAN (checked, stored compact), BIC, e-invoicing address, phone, e-mail and the VAT-on-debits option; a wrong one is a 400 naming the field', async () => {
    const path = `/v1/host-structures/${region.hostStructureId}`;
    const badIban = await platform.http('PATCH', path, { token: region.admin, body: { iban: 'FR76 3000 6000 0112 3456 7890 188' } });
    expect(badIban.status).toBe(400);
    expect(badIban.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'iban' } });
    const badBic = await platform.http('PATCH', path, { token: region.admin, body: { iban: 'FR76 3000 6000 0112 3456 7890 189', bic: 'BNPAFR' } });
    expect(badBic.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'bic' } });

    const changed = await platform.http('PATCH', path, {
      token: region.admin,
      body: {
        legalForm: 'SCOP SARL à capital variable',
        addressLine: '12 rue de la Paix',
        postalCode: '59000',
        iban: 'fr76 3000 6000 0112 3456 7890 189',
        bic: 'BNPAFRPP',
        electronicAddress: '120027016',
        phone: '03 20 00 00 00',
        email: 'facturation@cae-grand-nord.fr',
        vatOnDebits: true,
      },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      iban: 'FR7630006000011234567890189',
      bic: 'BNPAFRPP',
      electronicAddress: '120027016',
      phone: '03 20 00 00 00',
      email: 'facturation@cae-grand-nord.fr',
      vatOnDebits: true,
    });
    expect((await platform.http('GET', path, { token: region.admin })).body).toMatchObject({ iban: 'FR7630006000011234567890189', vatOnDebits: true });
    await eventually(async () => (await platform.query("SELECT 1 FROM commerce.seller_host_structure WHERE identity->>'iban' = 'FR7630006000011234567890189'")).length === 1, {
      what: "the host's bank details known by commerce",
    });
  });

  it('an invoice issued to a company: its Factur-X carries the XML whose totals are the API’s to the cent; the PDF prints the IBAN and the debits option; stored once', async () => {
    const client = await platform.http('POST', `/v1/sites/${siteId}/clients`, {
      token: coordinator,
      body: { kind: 'company', name: 'Boulangerie du Pile', billingAddress: address, siret: '120 027 016 00357', vatNumber: 'FR 85 120027016' },
    });
    expect(client.status).toBe(201);
    clientId = client.body.id;
    const draft = await platform.http('POST', `/v1/sites/${siteId}/invoices`, {
      token: coordinator,
      body: {
        clientId,
        purchaseOrderNumber: 'BC-2026-117',
        supplyDate: today(),
        lines: [
          { description: 'Repassage à domicile', quantity: '2.5', unit: 'hour', unitPrice: '18.1234', vatRate: '5.5' },
          { description: 'Atelier cuisine', quantity: '3', unit: 'hour', unitPrice: '45', vatRate: '20' },
          { description: 'Formation', quantity: '1', unit: 'flat_rate', unitPrice: '80', vatRate: '0', exemptionReason: 'VATEX-EU-132' },
        ],
      },
    });
    expect(draft.status).toBe(201);

    // A draft has no e-invoice.
    const early = await get(`/v1/sites/${siteId}/invoices/${draft.body.id}/factur-x.pdf`, coordinator);
    expect(early.status).toBe(404);
    expect(early.json().code).toBe('DOCUMENT_NOT_ISSUED');

    const issued = await platform.http('POST', `/v1/sites/${siteId}/invoices/${draft.body.id}/issue`, { token: coordinator });
    expect(issued.status).toBe(200);
    const invoice = (await platform.http('GET', `/v1/sites/${siteId}/invoices/${draft.body.id}`, { token: accountant })).body;
    // A company's invoice goes to the region's PA: the worker's sweep makes and stores its Factur-X first.
    await eventually(async () => (await platform.http('GET', `/v1/sites/${siteId}/invoices/${invoice.id}/transmission`, { token: accountant })).body.status === 'deposited', {
      what: 'the invoice deposited with the PA',
    });

    const facturX = await get(`/v1/sites/${siteId}/invoices/${invoice.id}/factur-x.pdf`, accountant);
    expect(facturX.status).toBe(200);
    expect(facturX.headers.get('content-type')).toBe('application/pdf');
    expect(facturX.headers.get('content-disposition')).toBe(`inline; filename="${invoice.number}_factur-x.pdf"`);
    expect(facturX.headers.get('etag')).toBe(`"${createHash('sha256').update(facturX.bytes).digest('hex')}"`);

    const parts = await facturXParts(facturX.bytes);
    expect(parts).toMatchObject({ filename: 'factur-x.xml', afRelationship: 'Alternative', inCatalogAf: true });
    expect(parts.xmp).toMatch(/EN 16931/);
    expect(await ciiXsdErrors(parts.xml)).toEqual([]);
    const xml = parts.xml;
    expect(/<rsm:ExchangedDocument>\s*<ram:ID>([^<]*)<\/ram:ID>/.exec(xml)?.[1]).toBe(invoice.number);
    expect(element(xml, 'TaxBasisTotalAmount')).toBe(invoice.totals.net);
    expect(element(xml, 'TaxTotalAmount')).toBe(invoice.totals.vat);
    expect(element(xml, 'GrandTotalAmount')).toBe(invoice.totals.total);
    expect(element(xml, 'DuePayableAmount')).toBe(invoice.totals.amountDue);
    expect(element(xml, 'IBANID')).toBe('FR7630006000011234567890189');
    const basis = [...xml.matchAll(/<ram:ApplicableTradeTax>\s*<ram:CalculatedAmount>([^<]*)<\/ram:CalculatedAmount>[\s\S]*?<ram:BasisAmount>([^<]*)<\/ram:BasisAmount>/g)].map(
      (m) => [m[2], m[1]],
    );
    expect(basis).toEqual(invoice.totals.vatBreakdown.map((g: { base: string; vat: string }) => [g.base, g.vat]));

    // The Factur-X is the invoice's own PDF: it prints the transfer details and the debits option.
    const words = (await pdfText(facturX.bytes)).text.replace(/\s+/g, ' ');
    expect(words).toContain('IBAN FR76 3000 6000 0112 3456 7890 189');
    expect(words).toContain("Option pour le paiement de la taxe d'après les débits");

    // The same bytes on every read; the bare XML has the same figures.
    const again = await get(`/v1/sites/${siteId}/invoices/${invoice.id}/factur-x.pdf`, coordinator);
    expect(again.bytes.equals(facturX.bytes)).toBe(true);
    const cii = await get(`/v1/sites/${siteId}/invoices/${invoice.id}/cii.xml`, accountant);
    expect(cii.status).toBe(200);
    expect(cii.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(element(cii.bytes.toString('utf8'), 'GrandTotalAmount')).toBe(invoice.totals.total);
    expect(await ciiXsdErrors(cii.bytes.toString('utf8'))).toEqual([]);
    const stored: { kind: string }[] = await platform.query('SELECT kind FROM commerce.document_file WHERE document_id = $1 ORDER BY kind', [invoice.id]);
    expect(stored.map((s) => s.kind)).toEqual(['invoice', 'invoice_cii', 'invoice_factur_x']);

    // Another site's coordinator: 404 as for an absent invoice.
    const foreign = await get(`/v1/sites/${region.sites.b.id}/invoices/${invoice.id}/factur-x.pdf`, region.sites.b.coordinator);
    expect(foreign.status).toBe(404);

    // A credit note has its Factur-X too: type 381, referencing the invoice.
    const credit = await platform.http('POST', `/v1/sites/${siteId}/invoices/${invoice.id}/credit-notes`, { token: coordinator, body: { full: true, reason: 'Annulation' } });
    expect(credit.status).toBe(201);
    const creditFacturX = await get(`/v1/sites/${siteId}/credit-notes/${credit.body.id}/factur-x.pdf`, accountant);
    expect(creditFacturX.status).toBe(200);
    const creditXml = (await facturXParts(creditFacturX.bytes)).xml;
    expect(element(creditXml, 'TypeCode')).toBe('381');
    expect(/<ram:InvoiceReferencedDocument>\s*<ram:IssuerAssignedID>([^<]*)</.exec(creditXml)?.[1]).toBe(invoice.number);
    expect(element(creditXml, 'GrandTotalAmount')).toBe(credit.body.totals.total);
    expect(await ciiXsdErrors(creditXml)).toEqual([]);
  });

  it('an invoice to a business client without SIRET is refused at issue with 422 EINVOICE_RULE_BROKEN naming BR-FR-11', async () => {
    const client = await platform.http('POST', `/v1/sites/${siteId}/clients`, {
      token: coordinator,
      body: { kind: 'company', name: 'Atelier sans SIRET', billingAddress: address, siret: '732 829 320 00074' },
    });
    expect(client.status).toBe(201);
    // A client recorded before SIRETs were required (the API no longer lets one be created).
    await platform.query('UPDATE commerce.client SET siret = NULL WHERE id = $1', [client.body.id]);
    const draft = await platform.http('POST', `/v1/sites/${siteId}/invoices`, {
      token: coordinator,
      body: { clientId: client.body.id, supplyDate: today(), lines: [{ description: 'Couture', quantity: '1', unit: 'flat_rate', unitPrice: '30', vatRate: '20' }] },
    });
    expect(draft.status).toBe(201);
    const refused = await platform.http('POST', `/v1/sites/${siteId}/invoices/${draft.body.id}/issue`, { token: coordinator });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'EINVOICE_RULE_BROKEN', details: { rule: 'BR-FR-11' } });
    expect(refused.body.message).toMatch(/SIRET/);
    // Nothing was issued: still a draft, no number taken.
    expect((await platform.http('GET', `/v1/sites/${siteId}/invoices/${draft.body.id}`, { token: coordinator })).body).toMatchObject({ status: 'draft', number: null });
  });

  it('an invoice to a company goes to the PA by itself: deposited, then the statuses the PA reports, then its payment; an individual’s is not transmitted', async () => {
    const company = await platform.http('POST', `/v1/sites/${siteId}/clients`, {
      token: coordinator,
      body: { kind: 'company', name: 'Garage des Trois Ponts', billingAddress: address, siret: '552 100 000 00017', vatNumber: 'FR83552100000' },
    });
    const individual = await platform.http('POST', `/v1/sites/${siteId}/clients`, {
      token: coordinator,
      body: { kind: 'individual', name: 'Mme Ayşe Yılmaz', billingAddress: address },
    });
    const issue = async (client: string) => {
      const draft = await platform.http('POST', `/v1/sites/${siteId}/invoices`, {
        token: coordinator,
        body: { clientId: client, supplyDate: today(), lines: [{ description: 'Nettoyage de vitrines', quantity: '2', unit: 'hour', unitPrice: '25', vatRate: '20' }] },
      });
      return (await platform.http('POST', `/v1/sites/${siteId}/invoices/${draft.body.id}/issue`, { token: coordinator })).body;
    };
    const invoice = await issue(company.body.id);
    const path = `/v1/sites/${siteId}/invoices/${invoice.id}/transmission`;
    const transmission = async () => (await platform.http('GET', path, { token: accountant })).body;

    // The worker's sweep deposits the stored Factur-X in the PA's folder.
    const deposited = await eventually(async () => ((await transmission()).status === 'deposited' ? transmission() : undefined), { what: 'the invoice deposited' });
    expect(deposited).toMatchObject({ kind: 'invoice', number: invoice.number, pa: 'file-drop', paReference: `120027016-${invoice.number}`, attempts: 0 });
    expect(deposited.history).toEqual([expect.objectContaining({ status: 'deposited', code: 200, source: 'pa' })]);
    const dropped = readFileSync(join(paDir, 'deposits', `${deposited.paReference}.pdf`));
    const served = await get(`/v1/sites/${siteId}/invoices/${invoice.id}/factur-x.pdf`, accountant);
    expect(dropped.equals(served.bytes)).toBe(true);

    // The PA says the buyer's platform received it, then the buyer approved it.
    mkdirSync(join(paDir, 'statuses'), { recursive: true });
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    writeFileSync(
      join(paDir, 'statuses', `${deposited.paReference}.json`),
      JSON.stringify([
        { code: 202, occurredAt: at(1), reason: null },
        { code: 205, occurredAt: at(2), reason: null },
      ]),
    );
    await eventually(async () => (await transmission()).status === 'accepted', { what: 'the invoice accepted' });

    // Paid in full: the platform reports it to the PA (212).
    expect(
      (
        await platform.http('POST', `/v1/sites/${siteId}/invoices/${invoice.id}/payments`, {
          token: coordinator,
          body: { amount: invoice.totals.amountDue, receivedOn: today(), method: 'transfer' },
        })
      ).status,
    ).toBe(201);
    await eventually(async () => (await transmission()).status === 'paid', { what: 'the payment reported' });
    expect(JSON.parse(readFileSync(join(paDir, 'payments', `${deposited.paReference}.json`), 'utf8'))).toEqual({ code: 212, paidOn: today(), amount: invoice.totals.amountDue });
    expect((await transmission()).history.map((h: { status: string }) => h.status)).toEqual(['deposited', 'received', 'accepted', 'paid']);

    // An individual's invoice goes to the e-reporting, never to the PA; another site sees nothing.
    const b2c = await issue(individual.body.id);
    const none = await platform.http('GET', `/v1/sites/${siteId}/invoices/${b2c.id}/transmission`, { token: coordinator });
    expect(none.status).toBe(404);
    expect(none.body.code).toBe('TRANSMISSION_NOT_FOUND');
    expect(existsSync(join(paDir, 'deposits', `120027016-${b2c.number}.pdf`))).toBe(false);
    expect((await platform.http('GET', `/v1/sites/${region.sites.b.id}/invoices/${invoice.id}/transmission`, { token: region.sites.b.coordinator })).status).toBe(404);
  });
});
