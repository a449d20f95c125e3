import { pdfText } from '@kpa/testing/pdf-text';
import { ClientEntity } from '../../clients/client.entity';
import { aPng } from '../../host-logos/logo.test-helpers';
import { QuoteEntity } from '../../quotes/quote.entity';
import { quoteDocument } from '../../quotes/quote-printable';
import { quoteTotals } from '../../quotes/quote';
import { consumerMediatorSentence, legalMentions } from '../legal-mentions';
import { issuingSiteLine, PrintableDocument, printableSeller } from '../printable';
import { aPrintableInvoice, aSellerIdentity } from '../printable.test-helpers';
import { logoSize, renderPdf } from './render-pdf';

/** The seller block of the documents' audit (issue 15, items 5 and 6): the host's logo, the issuing site, the consumer mediator. */

const MEDIATOR = { name: 'CM2C', contact: 'www.cm2c.net' };
const MEDIATOR_SENTENCE = 'En cas de litige, le client consommateur peut recourir gratuitement au médiateur de la consommation : CM2C, www.cm2c.net (C. consom. L612-1).';

function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** The image XObjects a PDF holds, with their size in pixels (PDFKit writes dictionaries uncompressed). */
function images(pdf: Buffer): { width: number; height: number }[] {
  const found: { width: number; height: number }[] = [];
  for (const match of pdf.toString('latin1').matchAll(/<<([^>]*\/Subtype \/Image[^>]*)>>/g)) {
    const width = /\/Width (\d+)/.exec(match[1]);
    const height = /\/Height (\d+)/.exec(match[1]);
    if (width && height) found.push({ width: Number(width[1]), height: Number(height[1]) });
  }
  return found;
}

function anIndividualInvoice(mediator: { name: string; contact: string } | null): PrintableDocument {
  const invoice = aPrintableInvoice();
  return {
    ...invoice,
    client: { ...invoice.client, kind: 'individual', name: 'Mme Durand', siret: null, vatNumber: null, purchaseOrderNumber: null },
    mentions: legalMentions({ clientKind: 'individual', vatFranchise: false, issueDate: '2026-11-21', consumerMediator: mediator }),
  };
}

describe('the seller block', () => {
  it('prints the host logo in the header, scaled into its box, and no image without one', async () => {
    const doc = aPrintableInvoice({ seller: { ...aPrintableInvoice().seller, logoSha256: 'a'.repeat(64) } });
    const withLogo = await renderPdf(doc, { logo: aPng(600, 240) });
    expect(images(withLogo)).toEqual([{ width: 600, height: 240 }]);
    // The seller's identity is still printed under it.
    expect(flat((await pdfText(withLogo)).text)).toContain('CAE Grand Nord');
    expect(images(await renderPdf(aPrintableInvoice()))).toEqual([]);
  });

  it('a logo of any shape stays inside its 150 × 56 pt box, its proportions kept', async () => {
    const points = (size: { width: number; height: number }) => ({ width: Number(size.width.toFixed(2)), height: Number(size.height.toFixed(2)) });
    expect(points(logoSize({ width: 20, height: 400 }))).toEqual({ width: 2.8, height: 56 });
    expect(points(logoSize({ width: 1500, height: 10 }))).toEqual({ width: 150, height: 1 });
    expect(points(logoSize({ width: 600, height: 240 }))).toEqual({ width: 140, height: 56 });
    // Smaller images are enlarged to the box: a 60 × 24 logo prints as large as a 600 × 240 one.
    expect(points(logoSize({ width: 60, height: 24 }))).toEqual({ width: 140, height: 56 });
    expect(images(await renderPdf(aPrintableInvoice(), { logo: aPng(20, 400) }))).toEqual([{ width: 20, height: 400 }]);
  });

  it('names the issuing KPA site with its address, the host staying the seller; a site without address prints its name as before', async () => {
    const seller = { ...aPrintableInvoice().seller, siteName: 'La Cape', siteAddress: ['1 rue de l’Épeule', '59100 Roubaix'] };
    expect(issuingSiteLine(seller)).toBe('Établissement émetteur : KPA La Cape, 1 rue de l’Épeule, 59100 Roubaix');
    expect(issuingSiteLine({ siteName: 'Kpa-Moulins', siteAddress: ['5 rue de Wazemmes', '59000 Lille'] })).toBe(
      'Établissement émetteur : Kpa-Moulins, 5 rue de Wazemmes, 59000 Lille',
    );
    expect(issuingSiteLine({ siteName: 'La Cape, Roubaix' })).toBe('Établissement : La Cape, Roubaix');

    const words = flat((await pdfText(await renderPdf(aPrintableInvoice({ seller })))).text);
    expect(words).toContain('Établissement émetteur : KPA La Cape, 1 rue de l’Épeule, 59100 Roubaix');
    expect(words).toContain('12 rue de la Paix');
  });

  it('freezes the logo hash, the site address and the mediator with the seller', () => {
    const seller = printableSeller(aSellerIdentity({ logoSha256: 'b'.repeat(64), siteAddress: ['1 rue de l’Épeule', '59100 Roubaix'], consumerMediator: MEDIATOR }));
    expect(seller).toMatchObject({ logoSha256: 'b'.repeat(64), siteAddress: ['1 rue de l’Épeule', '59100 Roubaix'], consumerMediator: MEDIATOR });
  });

  it('prints the consumer mediator on invoices to individuals only (C. consom. L616-1, R616-1)', async () => {
    expect(consumerMediatorSentence(MEDIATOR)).toBe(MEDIATOR_SENTENCE);
    expect(flat((await pdfText(await renderPdf(anIndividualInvoice(MEDIATOR)))).text)).toContain(MEDIATOR_SENTENCE);
    expect(flat((await pdfText(await renderPdf(anIndividualInvoice(null)))).text)).not.toContain('médiateur');
    for (const clientKind of ['company', 'association', 'public_body'] as const) {
      expect(legalMentions({ clientKind, vatFranchise: false, issueDate: '2026-11-21', consumerMediator: MEDIATOR })).not.toContain(MEDIATOR_SENTENCE);
    }
  });

  it('prints the consumer mediator on quotes to individuals only', () => {
    const seller = aSellerIdentity({ consumerMediator: MEDIATOR });
    const line = {
      description: 'Repassage',
      quantity: '2',
      unit: 'hour' as const,
      unitPrice: '20',
      vatRate: '20' as const,
      exemptionReason: null,
      catalogueItemId: null,
      nature: 'service' as const,
    };
    const quote = Object.assign(new QuoteEntity(), {
      number: 'LACAPE-D-2026-00001',
      sentOn: '2026-11-21',
      validUntil: '2027-06-30',
      executionPlace: null,
      executionStartsOn: null,
      executionEndsOn: null,
      signedAtClientHome: false,
      lines: [line],
      totals: quoteTotals([line], false).totals,
    });
    const client = (kind: ClientEntity['kind']) =>
      Object.assign(new ClientEntity(), {
        kind,
        name: 'Mme Durand',
        billingAddress: { line: '8 rue Jules Guesde', postalCode: '59100', city: 'Roubaix' },
        siret: null,
        vatNumber: null,
      });
    expect(quoteDocument(quote, client('individual'), seller, '2026-11-21').mentions).toContain(MEDIATOR_SENTENCE);
    expect(quoteDocument(quote, client('company'), seller, '2026-11-21').mentions).not.toContain(MEDIATOR_SENTENCE);
  });
});
