import { pdfText } from '@kpa/testing/pdf-text';
import { VAT_FRANCHISE_NOTE } from '@kpa/contracts';
import { capeMention, legalMentions, RECOVERY_INDEMNITY_SENTENCE } from '../legal-mentions';
import { PrintableDocument, PrintableLine } from '../printable';
import { aPrintableInvoice } from '../printable.test-helpers';
import { renderPdf } from './render-pdf';

function aConsumerInvoice(): PrintableDocument {
  const invoice = aPrintableInvoice();
  return {
    ...invoice,
    client: { ...invoice.client, kind: 'individual', name: 'Mme Durand', siret: null, vatNumber: null, purchaseOrderNumber: null },
    // 40.00 € of lines: the amount may print, the indemnity never.
    lines: [{ description: 'Repassage', quantity: '2', unit: 'heure', unitPrice: '20', vatRate: '20', net: '40.00' }],
    totals: {
      net: '40.00',
      vat: '8.00',
      total: '48.00',
      vatBreakdown: [{ category: 'S', rate: '20', exemptionReason: null, base: '40.00', vat: '8.00' }],
      deposits: [],
      amountDue: '48.00',
    },
    mentions: legalMentions({ clientKind: 'individual', vatFranchise: false, issueDate: '2026-11-21' }),
  };
}

function manyLines(count: number): PrintableLine[] {
  return Array.from({ length: count }, (_, i) => ({
    description:
      i % 7 === 0
        ? `Atelier n° ${i + 1} : accompagnement au numérique des habitants du quartier, préparation du matériel, animation de la séance et rangement de la salle`
        : `Prestation n° ${i + 1}`,
    quantity: '1',
    unit: 'heure',
    unitPrice: '10',
    vatRate: '20',
    net: '10.00',
  }));
}

function aQuote(overrides: Partial<PrintableDocument> = {}): PrintableDocument {
  const invoice = aPrintableInvoice();
  return {
    ...invoice,
    kind: 'quote',
    title: 'Devis',
    number: 'LACAPE-D-2026-00001',
    facts: [{ label: "Valable jusqu'au", value: '2027-06-30' }],
    mentions: [],
    acceptanceArea: true,
    ...overrides,
  };
}

/** The text with every run of white space as one space, as a person reads it. */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

describe('renderPdf', () => {
  it('prints a business invoice in French on A4: seller identity, client, figures the French way, the 40 € indemnity', async () => {
    const pdf = await renderPdf(aPrintableInvoice());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { text, pageSizes, info } = await pdfText(pdf);
    expect(pageSizes).toEqual([{ width: 595.28, height: 841.89 }]);
    const words = flat(text);
    for (const expected of [
      'CAE Grand Nord',
      'SCOP SARL à capital variable au capital de 15 000,00 €',
      'SIREN 120027016',
      'SIRET 12002701600357',
      'RCS Lille',
      'N° TVA intracommunautaire : FR85120027016',
      'La Cape, Roubaix',
      'Boulangerie du Pile',
      '3 place de la Liberté',
      'Bon de commande : BC-2026-117',
      'Facture',
      'N° LACAPE-F-2026-00042',
      'Date : 21/11/2026',
      '21/12/2026',
      'du 02/11/2026 au 06/11/2026',
      'Prestations de services',
      'Repassage à domicile',
      '2,5',
      '18,1234 €',
      '45,31 €',
      '5,5 %',
      '1 234,56 €',
      '246,91 €',
      'Total TTC',
      '1 529,27 €',
      RECOVERY_INDEMNITY_SENTENCE,
      "Pas d'escompte pour paiement anticipé",
    ]) {
      expect(words).toContain(expected);
    }
    expect(words).toContain('40 €');
    expect(info).toMatchObject({ Title: 'Facture LACAPE-F-2026-00042', Author: 'CAE Grand Nord' });
  });

  it('a consumer invoice never shows the 40 € indemnity, even when an amount is 40,00 €', async () => {
    const words = flat((await pdfText(await renderPdf(aConsumerInvoice()))).text);
    expect(words).toContain('Mme Durand');
    expect(words).toContain('40,00 €');
    expect(words).not.toContain('40 €');
    expect(words).not.toContain('recouvrement');
    expect(words).not.toContain('pénalités');
  });

  it('prints the franchise sentence when the seller is under the VAT franchise', async () => {
    const invoice = aPrintableInvoice();
    const pdf = await renderPdf({
      ...invoice,
      seller: { ...invoice.seller, vatNumber: null },
      lines: [{ description: 'Couture', quantity: '1', unit: 'forfait', unitPrice: '30', vatRate: '0', net: '30.00' }],
      totals: {
        net: '30.00',
        vat: '0.00',
        total: '30.00',
        vatBreakdown: [{ category: 'E', rate: '0', exemptionReason: 'VATEX-FR-FRANCHISE', base: '30.00', vat: '0.00' }],
        deposits: [],
        amountDue: '30.00',
      },
      mentions: legalMentions({ clientKind: 'company', vatFranchise: true, issueDate: '2026-11-21' }),
    });
    const words = flat((await pdfText(pdf)).text);
    expect(words).toContain(VAT_FRANCHISE_NOTE);
    expect(words).not.toContain('N° TVA intracommunautaire');
  });

  it('a 120-line invoice breaks into pages, each with the number and page x/y, every line printed once', async () => {
    const lines = manyLines(120);
    const pdf = await renderPdf(aPrintableInvoice({ lines, totals: { ...aPrintableInvoice().totals } }));
    const { pages, pageSizes } = await pdfText(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(4);
    expect(pageSizes.every((size) => size.width === 595.28 && size.height === 841.89)).toBe(true);
    pages.forEach((page, index) => {
      expect(page).toContain('N° LACAPE-F-2026-00042');
      expect(page).toContain(`Page ${index + 1}/${pages.length}`);
    });
    const all = flat(pages.join(' '));
    for (let i = 1; i <= 120; i++) expect(all.split(`Prestation n° ${i} `).length + all.split(`Atelier n° ${i} :`).length - 2).toBe(1);
    // The totals and the mentions come after the last line.
    expect(all.indexOf('Total TTC')).toBeGreaterThan(all.indexOf('Prestation n° 120'));
    expect(flat(pages[pages.length - 1])).toContain(RECOVERY_INDEMNITY_SENTENCE);
  });

  it('the same document renders the same bytes; another date, other bytes', async () => {
    const first = await renderPdf(aPrintableInvoice({ lines: manyLines(40) }));
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = await renderPdf(aPrintableInvoice({ lines: manyLines(40) }));
    expect(second.equals(first)).toBe(true);
    const other = await renderPdf(aPrintableInvoice({ lines: manyLines(40), issueDate: '2026-11-22' }));
    expect(other.equals(first)).toBe(false);
  });

  it('a quote has the "Bon pour accord" area and its validity', async () => {
    const words = flat((await pdfText(await renderPdf(aQuote()))).text);
    expect(words).toContain('Devis');
    expect(words).toContain('N° LACAPE-D-2026-00001');
    expect(words).toContain('Bon pour accord');
    expect(words).toContain('mention manuscrite « bon pour accord »');
    expect(words).toContain('30/06/2027');
    expect(words).not.toContain('Net à payer');
  });

  it('prints the CAPE sentence (C. com. R127-3) when given', async () => {
    const cape = capeMention(
      {
        beneficiaryName: 'Inès Martin',
        hostLegalName: 'CAE Grand Nord',
        hostAddress: '12 rue de la Paix, 59000 Lille',
        hostIdentifier: '12002701600357',
        contractEndDate: '2027-03-31',
      },
      '2026-11-21',
    );
    const words = flat((await pdfText(await renderPdf(aQuote({ mentions: [cape] })))).text);
    expect(words).toContain(cape);
    expect(words).toContain("contrat d'appui au projet d'entreprise");
    expect(words).toContain('31/03/2027');
  });

  it('a draft is marked "BROUILLON — document sans valeur" on every page and has no number', async () => {
    const { pages } = await pdfText(await renderPdf(aQuote({ number: null, lines: manyLines(60) })));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page).toContain('BROUILLON — document sans valeur');
    expect(pages.join(' ')).not.toContain('LACAPE-D');
  });

  it('an off-premises quote to an individual carries the 14-day withdrawal notice and form', async () => {
    const words = flat((await pdfText(await renderPdf(aQuote({ withdrawalNotice: true })))).text);
    expect(words).toContain('Droit de rétractation');
    expect(words).toContain('quatorze jours');
    expect(words).toContain('Formulaire de rétractation');
    expect(words).toContain("À l'attention de CAE Grand Nord, 12 rue de la Paix, 59000 Lille");
    expect(flat((await pdfText(await renderPdf(aQuote()))).text)).not.toContain('rétractation');
  });

  it('a final invoice deducts its deposits and shows what is left to pay; public bodies print their Chorus references', async () => {
    const invoice = aPrintableInvoice();
    const pdf = await renderPdf({
      ...invoice,
      kind: 'final_invoice',
      title: 'Facture de solde',
      client: { ...invoice.client, kind: 'public_body', name: 'Mairie de Roubaix', serviceCode: 'SERV-EDU', commitmentNumber: 'EJ-778899', purchaseOrderNumber: null },
      totals: { ...invoice.totals, deposits: [{ number: 'LACAPE-F-2026-00030', issuedOn: '2026-10-01', total: '500.00' }], amountDue: '1029.27' },
    });
    const words = flat((await pdfText(pdf)).text);
    expect(words).toContain('Facture de solde');
    expect(words).toContain('Code service : SERV-EDU');
    expect(words).toContain("N° d'engagement : EJ-778899");
    expect(words).toContain('Acompte N° LACAPE-F-2026-00030 du 01/10/2026');
    expect(words).toContain('-500,00 €');
    expect(words).toContain('Reste à payer');
    expect(words).toContain('1 029,27 €');
  });

  it('prints text outside the standard fonts legibly instead of wrong glyphs', async () => {
    const invoice = aPrintableInvoice();
    const words = flat((await pdfText(await renderPdf({ ...invoice, client: { ...invoice.client, name: 'Łukasz Wałęsa\u202fSARL' } }))).text);
    expect(words).toContain('Lukasz Walesa SARL');
  });
});
