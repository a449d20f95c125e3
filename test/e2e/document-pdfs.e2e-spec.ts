import { createHash } from 'node:crypto';
import { pdfText } from '@kpa/testing/pdf-text';
import { eventually } from '@kpa/testing';
import { setUpRegion, siteUserToken, TEST_SIRET, untilCommerceKnows, usePlatform } from './platform';

function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

interface PdfResponse {
  status: number;
  headers: Headers;
  bytes: Buffer;
  /** The JSON error body when the status is not 200. */
  json: () => { code: string; message: string };
}

/** The text as a person reads it: any run of white space is one space. */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/**
 * PDFs of quotes (and of invoices and credit notes) over HTTP, as a browser downloads them: A4,
 * French, the seller's legal identity, the number on every page, the same bytes on every read once
 * the document is sent, 404 for another site's.
 */
describe('document PDFs over HTTP', () => {
  const platform = usePlatform('e2e_document_pdfs');
  const site: Record<'a' | 'b', { id: string; coordinator: string }> = {} as never;
  let accountant: string;
  let member: string;
  const ids: Record<string, string> = {};
  const year = today().slice(0, 4);
  const validUntil = `${Number(year) + 1}-06-30`;
  const address = { line: '3 place de la Liberté', postalCode: '59100', city: 'Roubaix' };

  async function getPdf(path: string, token: string): Promise<PdfResponse> {
    const response = await fetch(`${platform.gatewayUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const bytes = Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, bytes, json: () => JSON.parse(bytes.toString('utf8')) };
  }

  beforeAll(async () => {
    const region = await setUpRegion(platform);
    Object.assign(site, region.sites);
    // The host's whole legal identity, which invoices must print (and quotes do).
    const identity = await platform.http('PATCH', `/v1/host-structures/${region.hostStructureId}`, {
      token: region.admin,
      body: { legalForm: 'SCOP SARL à capital variable', shareCapital: '15000', rcsCity: 'Lille Métropole', addressLine: '12 rue de la Paix', postalCode: '59000' },
    });
    expect(identity.status).toBe(200);
    await eventually(async () => (await platform.query("SELECT 1 FROM commerce.seller_host_structure WHERE identity->>'postalCode' = '59000'")).length === 1, {
      what: "the host's legal identity known by commerce",
    });
    accountant = await siteUserToken(platform, site.a, 'accountant');
    member = await siteUserToken(platform, site.a, 'member');
    await untilCommerceKnows(platform, [site.a.id, site.b.id]);
    const client = await platform.http('POST', `/v1/sites/${site.a.id}/clients`, {
      token: site.a.coordinator,
      body: { kind: 'company', name: 'Boulangerie du Pile', billingAddress: address, siret: '120 027 016 00357', vatNumber: 'FR 85 120027016' },
    });
    expect(client.status).toBe(201);
    ids.company = client.body.id;
    const quote = await platform.http('POST', `/v1/sites/${site.a.id}/quotes`, {
      token: site.a.coordinator,
      body: {
        clientId: ids.company,
        lines: [
          { description: 'Repassage à domicile', quantity: '2.5', unit: 'hour', unitPrice: '18.1234', vatRate: '5.5' },
          { description: 'Déplacement', quantity: '1', unit: 'flat_rate', unitPrice: '15', vatRate: '20' },
        ],
        validUntil,
        executionPlace: 'Boulangerie du Pile, Roubaix',
      },
    });
    expect(quote.status).toBe(201);
    ids.quote = quote.body.id;
  });

  it('a draft quote previews as "BROUILLON", is never cached nor stored', async () => {
    const draft = await getPdf(`/v1/sites/${site.a.id}/quotes/${ids.quote}/pdf`, site.a.coordinator);
    expect(draft.status).toBe(200);
    expect(draft.headers.get('content-type')).toBe('application/pdf');
    expect(draft.headers.get('content-disposition')).toBe(`inline; filename="brouillon-${ids.quote}.pdf"`);
    expect(draft.headers.get('cache-control')).toBe('no-store');
    const { text } = await pdfText(draft.bytes);
    expect(text).toContain('BROUILLON — document sans valeur');
    expect(await platform.query('SELECT 1 FROM commerce.document_file WHERE document_id = $1', [ids.quote])).toHaveLength(0);
  });

  it("a sent quote's PDF: A4, the seller's legal identity, the client, the number, totals, 'Bon pour accord'; the same bytes on every read", async () => {
    const sent = await platform.http('POST', `/v1/sites/${site.a.id}/quotes/${ids.quote}/send`, { token: site.a.coordinator });
    expect(sent.status).toBe(200);
    const number = sent.body.number as string;
    expect(number).toBe(`LACAPE-D-${year}-00001`);
    // What left is frozen when sent: the client renamed before anyone opens the PDF does not change it.
    const renamed = await platform.http('PATCH', `/v1/sites/${site.a.id}/clients/${ids.company}`, { token: site.a.coordinator, body: { name: 'Fournil Saint-Michel' } });
    expect(renamed.status).toBe(200);

    const first = await getPdf(`/v1/sites/${site.a.id}/quotes/${ids.quote}/pdf`, site.a.coordinator);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/pdf');
    expect(first.headers.get('content-disposition')).toBe(`inline; filename="${number}.pdf"`);
    const sha256 = createHash('sha256').update(first.bytes).digest('hex');
    expect(first.headers.get('etag')).toBe(`"${sha256}"`);
    expect(first.headers.get('repr-digest')).toBe(`sha-256=:${createHash('sha256').update(first.bytes).digest('base64')}:`);

    const { text, pageSizes } = await pdfText(first.bytes);
    expect(pageSizes[0]).toEqual({ width: 595.28, height: 841.89 });
    const words = flat(text);
    expect(words).not.toContain('Fournil');
    for (const expected of [
      'CAE Grand Nord',
      'SCOP SARL à capital variable au capital de 15 000,00 €',
      '12 rue de la Paix 59000 Lille',
      `SIRET ${TEST_SIRET}`,
      'RCS Lille Métropole',
      'N° TVA intracommunautaire : FR85120027016',
      'Devis',
      `N° ${number}`,
      'Boulangerie du Pile',
      'Bon pour accord',
      "Valable jusqu'au",
      '45,31 €',
      'Total HT 60,31 €',
      'Total TVA 5,49 €',
      'Total TTC 65,80 €',
    ]) {
      expect(words).toContain(expected);
    }

    // Every role of the site reads the same bytes, again and again; one stored row with that hash.
    for (const token of [site.a.coordinator, accountant, member]) {
      const again = await getPdf(`/v1/sites/${site.a.id}/quotes/${ids.quote}/pdf`, token);
      expect(again.status).toBe(200);
      expect(again.bytes.equals(first.bytes)).toBe(true);
    }
    expect(await platform.query('SELECT sha256 FROM commerce.document_file WHERE kind = $1 AND document_id = $2', ['quote', ids.quote])).toEqual([{ sha256 }]);
  });

  it("another site's coordinator gets 404; an unknown quote 404; a malformed id 400", async () => {
    const foreign = await getPdf(`/v1/sites/${site.b.id}/quotes/${ids.quote}/pdf`, site.b.coordinator);
    expect(foreign.status).toBe(404);
    expect(foreign.json().code).toBe('QUOTE_NOT_FOUND');
    const otherSite = await getPdf(`/v1/sites/${site.a.id}/quotes/${ids.quote}/pdf`, site.b.coordinator);
    expect(otherSite.status).toBe(404);
    expect(otherSite.json().code).toBe('SITE_NOT_FOUND');
    const unknown = await getPdf(`/v1/sites/${site.a.id}/quotes/0195f3a0-0000-7000-8000-000000000000/pdf`, site.a.coordinator);
    expect(unknown.status).toBe(404);
    expect(unknown.json().code).toBe('QUOTE_NOT_FOUND');
    expect((await getPdf(`/v1/sites/${site.a.id}/quotes/not-a-uuid/pdf`, site.a.coordinator)).status).toBe(400);
    expect((await fetch(`${platform.gatewayUrl}/v1/sites/${site.a.id}/quotes/${ids.quote}/pdf`)).status).toBe(401);
  });

  /** A draft invoice with these lines for the client, issued: its id and number. */
  async function issuedInvoice(clientId: string, lines: object[]): Promise<{ id: string; number: string }> {
    const draft = await platform.http('POST', `/v1/sites/${site.a.id}/invoices`, { token: site.a.coordinator, body: { clientId, lines, supplyDate: '2026-11-02' } });
    expect(draft.status).toBe(201);
    const issued = await platform.http('POST', `/v1/sites/${site.a.id}/invoices/${draft.body.id}/issue`, { token: site.a.coordinator });
    expect(issued.status).toBe(200);
    return { id: draft.body.id, number: issued.body.number };
  }

  it('an issued business invoice prints the 40 € recovery indemnity; a consumer one never does (docs/domain-rules.md §1.4)', async () => {
    const individual = await platform.http('POST', `/v1/sites/${site.a.id}/clients`, {
      token: site.a.coordinator,
      body: { kind: 'individual', name: 'Mme Durand', billingAddress: { ...address, line: '8 rue Jules Guesde' } },
    });
    expect(individual.status).toBe(201);
    // 40.00 € excluding VAT on both: an amount of 40 may print, the indemnity only for the business.
    const line = { description: 'Repassage à domicile', quantity: '2', unit: 'hour', unitPrice: '20', vatRate: '20' };

    const business = await issuedInvoice(ids.company, [line]);
    const businessPdf = await getPdf(`/v1/sites/${site.a.id}/invoices/${business.id}/pdf`, accountant);
    expect(businessPdf.status).toBe(200);
    expect(businessPdf.headers.get('content-type')).toBe('application/pdf');
    expect(businessPdf.headers.get('content-disposition')).toBe(`inline; filename="${business.number}.pdf"`);
    const businessText = flat((await pdfText(businessPdf.bytes)).text);
    expect(businessText).toContain('Indemnité forfaitaire pour frais de recouvrement : 40 €');
    expect(businessText).toContain('40 €');
    expect(businessText).toContain(`N° ${business.number}`);
    expect(businessText).toContain('Total TTC 48,00 €');

    const consumer = await issuedInvoice(individual.body.id, [line]);
    const consumerPdf = await getPdf(`/v1/sites/${site.a.id}/invoices/${consumer.id}/pdf`, accountant);
    expect(consumerPdf.status).toBe(200);
    const consumerText = flat((await pdfText(consumerPdf.bytes)).text);
    expect(consumerText).toContain('Mme Durand');
    expect(consumerText).toContain(`N° ${consumer.number}`);
    expect(consumerText).not.toContain('40 €');
    expect(consumerText).not.toContain('recouvrement');
  });

  it('a long issued invoice has its number on every page, and the same bytes on a second read', async () => {
    const lines = Array.from({ length: 120 }, (_, i) => ({ description: `Atelier numérique n° ${i + 1}`, quantity: '1', unit: 'hour', unitPrice: '10', vatRate: '20' }));
    const invoice = await issuedInvoice(ids.company, lines);
    const first = await getPdf(`/v1/sites/${site.a.id}/invoices/${invoice.id}/pdf`, site.a.coordinator);
    expect(first.status).toBe(200);
    const { pages } = await pdfText(first.bytes);
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((page, index) => {
      expect(page).toContain(`N° ${invoice.number}`);
      expect(page).toContain(`Page ${index + 1}/${pages.length}`);
    });
    const second = await getPdf(`/v1/sites/${site.a.id}/invoices/${invoice.id}/pdf`, member);
    expect(second.bytes.equals(first.bytes)).toBe(true);
    expect(second.headers.get('etag')).toBe(`"${createHash('sha256').update(first.bytes).digest('hex')}"`);

    // Another site's coordinator: 404, as for an absent invoice.
    const foreign = await getPdf(`/v1/sites/${site.b.id}/invoices/${invoice.id}/pdf`, site.b.coordinator);
    expect(foreign.status).toBe(404);
    expect(foreign.json().code).toBe('INVOICE_NOT_FOUND');
  });

  it('a draft invoice previews as "BROUILLON"; a credit note prints its number and the invoice it corrects', async () => {
    const draft = await platform.http('POST', `/v1/sites/${site.a.id}/invoices`, {
      token: site.a.coordinator,
      body: { clientId: ids.company, lines: [{ description: 'Couture', quantity: '1', unit: 'flat_rate', unitPrice: '30', vatRate: '20' }] },
    });
    expect(draft.status).toBe(201);
    const preview = await getPdf(`/v1/sites/${site.a.id}/invoices/${draft.body.id}/pdf`, site.a.coordinator);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-disposition')).toBe(`inline; filename="brouillon-${draft.body.id}.pdf"`);
    expect((await pdfText(preview.bytes)).text).toContain('BROUILLON — document sans valeur');

    const invoice = await issuedInvoice(ids.company, [{ description: 'Couture', quantity: '1', unit: 'flat_rate', unitPrice: '30', vatRate: '20' }]);
    const credit = await platform.http('POST', `/v1/sites/${site.a.id}/invoices/${invoice.id}/credit-notes`, {
      token: site.a.coordinator,
      body: { full: true, reason: 'Annulation de la prestation' },
    });
    expect(credit.status).toBe(201);
    const pdf = await getPdf(`/v1/sites/${site.a.id}/credit-notes/${credit.body.id}/pdf`, accountant);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-disposition')).toBe(`inline; filename="${credit.body.number}.pdf"`);
    const text = flat((await pdfText(pdf.bytes)).text);
    expect(text).toContain('Avoir');
    expect(text).toContain(`N° ${credit.body.number}`);
    expect(text).toContain(invoice.number);
    expect(text).toContain('Annulation de la prestation');
    expect(text).not.toContain('recouvrement');
    const again = await getPdf(`/v1/sites/${site.a.id}/credit-notes/${credit.body.id}/pdf`, site.a.coordinator);
    expect(again.bytes.equals(pdf.bytes)).toBe(true);
  });

  it('a fully paid invoice has a receipted copy ("FACTURE ACQUITTÉE", its payments), a separate file; not fully paid: 409 INVOICE_NOT_PAID saying what is due', async () => {
    const invoice = await issuedInvoice(ids.company, [{ description: 'Buffet', quantity: '1', unit: 'flat_rate', unitPrice: '100', vatRate: '20' }]);
    const receipted = `/v1/sites/${site.a.id}/invoices/${invoice.id}/receipted.pdf`;
    const pay = (amount: string, method: string) =>
      platform.http('POST', `/v1/sites/${site.a.id}/invoices/${invoice.id}/payments`, { token: site.a.coordinator, body: { amount, receivedOn: today(), method } });

    const unpaid = await getPdf(receipted, accountant);
    expect(unpaid.status).toBe(409);
    expect(unpaid.json()).toMatchObject({ code: 'INVOICE_NOT_PAID', message: expect.stringContaining('120.00 € of 120.00 € are still due') });
    expect((await pay('20.00', 'cheque')).status).toBe(201);
    const partly = await getPdf(receipted, accountant);
    expect(partly.status).toBe(409);
    expect(partly.json().message).toContain('100.00 € of 120.00 € are still due');
    expect((await pay('100.00', 'transfer')).status).toBe(201);

    const copy = await getPdf(receipted, accountant);
    expect(copy.status).toBe(200);
    expect(copy.headers.get('content-type')).toBe('application/pdf');
    expect(copy.headers.get('content-disposition')).toBe(`inline; filename="${invoice.number}_acquittee.pdf"`);
    expect(copy.headers.get('etag')).toBe(`"${createHash('sha256').update(copy.bytes).digest('hex')}"`);
    const text = flat((await pdfText(copy.bytes)).text);
    const day = today().split('-').reverse().join('/');
    for (const expected of [
      'FACTURE ACQUITTÉE',
      `Acquittée le ${day}`,
      `N° ${invoice.number}`,
      `${day} Paiement — Chèque 20,00 €`,
      `${day} Paiement — Virement 100,00 €`,
      'Total des règlements 120,00 €',
    ]) {
      expect(text).toContain(expected);
    }
    // The invoice's own PDF stays as issued: no mark, another file.
    const original = await getPdf(`/v1/sites/${site.a.id}/invoices/${invoice.id}/pdf`, accountant);
    expect(flat((await pdfText(original.bytes)).text)).not.toContain('ACQUITTÉE');
    expect(original.headers.get('etag')).not.toBe(copy.headers.get('etag'));
    // Stored: the same bytes on the next read, for another role.
    expect((await getPdf(receipted, member)).bytes.equals(copy.bytes)).toBe(true);
    // Another site's coordinator: 404.
    expect((await getPdf(`/v1/sites/${site.b.id}/invoices/${invoice.id}/receipted.pdf`, site.b.coordinator)).status).toBe(404);
  });
});
