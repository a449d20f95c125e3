import { createHash } from 'node:crypto';
import { pdfText } from '@kpa/testing/pdf-text';
import { eventually } from '@kpa/testing';
import { aPng } from '../../apps/commerce/src/host-logos/logo.test-helpers';
import { setUpRegion, today, untilCommerceKnows, usePlatform } from './platform';

/** The image XObjects of a PDF with their size in pixels (PDFKit writes dictionaries uncompressed). */
function images(pdf: Buffer): string[] {
  return [...pdf.toString('latin1').matchAll(/<<([^>]*\/Subtype \/Image[^>]*)>>/g)].map((m) => `${/\/Width (\d+)/.exec(m[1])?.[1]}x${/\/Height (\d+)/.exec(m[1])?.[1]}`);
}

const flat = (text: string) => text.replace(/\s+/g, ' ');

const MEDIATOR_SENTENCE = 'En cas de litige, le client consommateur peut recourir gratuitement au médiateur de la consommation : CM2C, www.cm2c.net (C. consom. L612-1).';

/**
 * What the documents print besides the figures (issue 15, audit items 5 and 6), over HTTP: the
 * network admin uploads the host's logo and names its consumer mediator, the coordinator gives the
 * site its address; an invoice to an individual prints the logo, the mediator and the issuing site,
 * and keeps the logo it was issued with when the host changes it.
 */
describe('the host structure on its documents: logo, consumer mediator, issuing site', () => {
  const platform = usePlatform('e2e_host_print');
  let region: Awaited<ReturnType<typeof setUpRegion>>;
  let siteId: string;
  let coordinator: string;
  let logoPath: string;
  const address = { line: '3 place de la Liberté', postalCode: '59100', city: 'Roubaix' };

  async function request(method: string, path: string, token: string, body?: Buffer, contentType?: string) {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (contentType) headers['content-type'] = contentType;
    const response = await fetch(`${platform.gatewayUrl}${path}`, { method, headers, body });
    const bytes = Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, bytes, json: () => JSON.parse(bytes.toString('utf8')) };
  }

  async function issuedInvoice(kind: 'individual' | 'company'): Promise<{ id: string; number: string }> {
    const client = await platform.http('POST', `/v1/sites/${siteId}/clients`, {
      token: coordinator,
      body:
        kind === 'individual'
          ? { kind, name: 'Mme Durand', billingAddress: address }
          : { kind, name: 'Boulangerie du Pile', billingAddress: address, siret: '12002701600357', vatNumber: 'FR85120027016' },
    });
    expect(client.status).toBe(201);
    const draft = await platform.http('POST', `/v1/sites/${siteId}/invoices`, {
      token: coordinator,
      body: { clientId: client.body.id, supplyDate: today(), lines: [{ description: 'Repassage à domicile', quantity: '2', unit: 'hour', unitPrice: '20', vatRate: '20' }] },
    });
    expect(draft.status).toBe(201);
    const issued = await platform.http('POST', `/v1/sites/${siteId}/invoices/${draft.body.id}/issue`, { token: coordinator });
    expect(issued.status).toBe(200);
    return { id: issued.body.id, number: issued.body.number };
  }

  beforeAll(async () => {
    region = await setUpRegion(platform);
    siteId = region.sites.a.id;
    coordinator = region.sites.a.coordinator;
    logoPath = `/v1/host-structures/${region.hostStructureId}/logo`;
    await untilCommerceKnows(platform, [siteId]);
  });

  it('the network admin uploads a PNG logo, reads it back and gets clear 4xx for anything else; a coordinator may not', async () => {
    const absent = await request('GET', logoPath, region.admin);
    expect(absent.status).toBe(404);
    expect(absent.json().code).toBe('LOGO_NOT_FOUND');

    const png = aPng(300, 120);
    const put = await request('PUT', logoPath, region.admin, png, 'image/png');
    expect(put.status).toBe(200);
    expect(put.json()).toMatchObject({ hostStructureId: region.hostStructureId, contentType: 'image/png', width: 300, height: 120, size: png.length });
    expect(put.json().sha256).toBe(createHash('sha256').update(png).digest('hex'));

    const read = await request('GET', logoPath, region.admin);
    expect(read.status).toBe(200);
    expect(read.headers.get('content-type')).toBe('image/png');
    expect(read.bytes.equals(png)).toBe(true);

    // A GIF declared as a PNG: its first bytes decide.
    const gif = await request('PUT', logoPath, region.admin, Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00', 'latin1'), 'image/png');
    expect(gif.status).toBe(422);
    expect(gif.json()).toMatchObject({ code: 'LOGO_TYPE_NOT_ALLOWED' });
    const heavy = await request('PUT', logoPath, region.admin, Buffer.alloc(300 * 1024 + 1, 0xff), 'image/jpeg');
    expect(heavy.status).toBe(413);
    expect(heavy.json()).toMatchObject({ code: 'LOGO_TOO_LARGE', details: { maxBytes: 307200 } });
    const json = await request('PUT', logoPath, region.admin, Buffer.from('{}'), 'application/json');
    expect(json.status).toBe(400);
    expect((await request('PUT', logoPath, coordinator, png, 'image/png')).status).toBe(403);
  });

  it('an invoice to an individual prints the logo, the consumer mediator and the issuing site; a business invoice no mediator; the logo stays the one it was issued with', async () => {
    const host = await platform.http('PATCH', `/v1/host-structures/${region.hostStructureId}`, {
      token: region.admin,
      body: { legalForm: 'SCOP SARL à capital variable', addressLine: '12 rue de la Paix', postalCode: '59000', mediatorName: 'CM2C', mediatorContact: 'www.cm2c.net' },
    });
    expect(host.status).toBe(200);
    expect(host.body).toMatchObject({ mediatorName: 'CM2C', mediatorContact: 'www.cm2c.net' });
    const halfMediator = await platform.http('PATCH', `/v1/host-structures/${region.hostStructureId}`, { token: region.admin, body: { mediatorContact: '' } });
    expect(halfMediator.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'mediatorContact' } });
    const site = await platform.http('PATCH', `/v1/sites/${siteId}`, { token: coordinator, body: { addressLine: '64 rue de l’Épeule', postalCode: '59100', city: 'Roubaix' } });
    expect(site.status).toBe(200);
    await eventually(
      async () =>
        (
          await platform.query(
            "SELECT 1 FROM commerce.seller_site s JOIN commerce.seller_host_structure h ON h.id = s.host_structure_id WHERE s.id = $1 AND s.address_line IS NOT NULL AND h.identity->>'mediatorName' = 'CM2C'",
            [siteId],
          )
        ).length === 1,
      { what: 'the mediator and the site address known by commerce' },
    );

    const invoice = await issuedInvoice('individual');
    // The host changes its logo before anyone opened the invoice's PDF: the invoice keeps its own.
    expect((await request('PUT', logoPath, region.admin, aPng(90, 30), 'image/png')).status).toBe(200);
    const pdf = await request('GET', `/v1/sites/${siteId}/invoices/${invoice.id}/pdf`, coordinator);
    expect(pdf.status).toBe(200);
    expect(images(pdf.bytes)).toEqual(['300x120']);
    const words = flat((await pdfText(pdf.bytes)).text);
    expect(words).toContain(MEDIATOR_SENTENCE);
    expect(words).toContain('Établissement émetteur : KPA LACAPE, 64 rue de l’Épeule, 59100 Roubaix');
    expect(words).toContain('12 rue de la Paix');

    // Removed: the next invoice prints no logo, no mediator for a business; the first one is unchanged.
    expect((await request('DELETE', logoPath, region.admin)).json()).toEqual({ hostStructureId: region.hostStructureId, removed: true });
    const business = await issuedInvoice('company');
    const businessPdf = await request('GET', `/v1/sites/${siteId}/invoices/${business.id}/pdf`, coordinator);
    expect(images(businessPdf.bytes)).toEqual([]);
    expect(flat((await pdfText(businessPdf.bytes)).text)).not.toContain('médiateur');
    expect((await request('GET', `/v1/sites/${siteId}/invoices/${invoice.id}/pdf`, coordinator)).bytes.equals(pdf.bytes)).toBe(true);
  });
});
