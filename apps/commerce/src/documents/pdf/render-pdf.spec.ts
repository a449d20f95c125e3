import { pdfFonts } from '@kpa/testing/pdf-fonts';
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
      vatFranchise: false,
      deposits: [],
      depositDeductions: [],
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

  it('a franchise document prints no VAT column nor VAT table, "Total" and the 293 B sentence', async () => {
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
        vatFranchise: true,
        deposits: [],
        depositDeductions: [],
        amountDue: '30.00',
      },
      mentions: legalMentions({ clientKind: 'company', vatFranchise: true, issueDate: '2026-11-21' }),
    });
    const words = flat((await pdfText(pdf)).text);
    expect(words).toContain(VAT_FRANCHISE_NOTE);
    expect(words).not.toContain('N° TVA intracommunautaire');
    expect(words).toContain('Désignation Qté Unité Prix unit. Montant');
    expect(words).toContain('Total 30,00 €');
    for (const vatWord of ['0 %', 'TTC', 'HT', 'Taux de TVA', 'Total TVA', 'Montant TVA']) expect(words).not.toContain(vatWord);
    // "TVA" only in the franchise sentences (seller identity, by the total, legal mentions) and the client's VAT number.
    const count = (part: string): number => words.split(part).length - 1;
    expect(count('TVA')).toBe(count('TVA non applicable') + count('Franchise en base de TVA') + count('N° TVA : '));
    expect(count('TVA non applicable')).toBe(2);
  });

  it('prints an exemption reason in full under the VAT table, and rates the French way', async () => {
    const reason = 'Exonération de TVA, article 261-4-4° du Code général des impôts (formation professionnelle continue)';
    const invoice = aPrintableInvoice();
    const pdf = await renderPdf({
      ...invoice,
      lines: [...invoice.lines, { description: 'Formation', quantity: '1', unit: 'forfait', unitPrice: '100', vatRate: '0', net: '100.00' }],
      totals: {
        ...invoice.totals,
        vatBreakdown: [...invoice.totals.vatBreakdown, { category: 'E', rate: '0', exemptionReason: reason, base: '100.00', vat: '0.00' }],
      },
    });
    const words = flat((await pdfText(pdf)).text);
    expect(words).toContain(`TVA à 0 % : exonération — ${reason}`);
    expect(words).toContain('20 % 1 234,56 € 246,91 €');
    expect(words).toContain('5,5 % 45,31 € 2,49 €');
    expect(words).toContain('0 % 100,00 € 0,00 €');
    expect(words).not.toMatch(/\d%/);
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

  it('a final invoice deducts its deposits per VAT rate and shows the VAT still due; public bodies print their Chorus references', async () => {
    const invoice = aPrintableInvoice();
    const pdf = await renderPdf({
      ...invoice,
      kind: 'final_invoice',
      title: 'Facture de solde',
      client: { ...invoice.client, kind: 'public_body', name: 'Mairie de Roubaix', serviceCode: 'SERV-EDU', commitmentNumber: 'EJ-778899', purchaseOrderNumber: null },
      totals: {
        ...invoice.totals,
        deposits: [{ number: 'LACAPE-F-2026-00030', issuedOn: '2026-10-01', total: '500.00' }],
        depositDeductions: [
          { category: 'S', rate: '20', exemptionReason: null, depositBase: '400.00', depositVat: '80.00', dueBase: '834.56', dueVat: '166.91' },
          { category: 'S', rate: '5.5', exemptionReason: null, depositBase: '18.96', depositVat: '1.04', dueBase: '26.35', dueVat: '1.45' },
        ],
        amountDue: '1029.27',
      },
    });
    const words = flat((await pdfText(pdf)).text);
    expect(words).toContain('Facture de solde');
    expect(words).toContain('Code service : SERV-EDU');
    expect(words).toContain("N° d'engagement : EJ-778899");
    expect(words).toContain('Acompte N° LACAPE-F-2026-00030 du 01/10/2026');
    expect(words).toContain('-500,00 €');
    expect(words).toContain('Reste à payer');
    expect(words).toContain('1 029,27 €');
    expect(words).toContain('Acomptes déduits et TVA restant due, par taux');
    expect(words).toContain('Taux de TVA Base HT des acomptes TVA des acomptes Base HT restant due TVA restant due');
    expect(words).toContain('20 % 400,00 € 80,00 € 834,56 € 166,91 €');
    expect(words).toContain('5,5 % 18,96 € 1,04 € 26,35 € 1,45 €');
    expect(words).toContain('Total 418,96 € 81,04 € 860,91 € 168,36 €');
  });

  it('a final invoice frozen before the per-rate deduction existed still prints its deposits', async () => {
    const invoice = aPrintableInvoice();
    const { depositDeductions: _deductions, vatFranchise: _franchise, ...legacyTotals } = invoice.totals;
    const legacy = {
      ...invoice,
      kind: 'final_invoice',
      totals: { ...legacyTotals, deposits: [{ number: 'LACAPE-F-2026-00030', issuedOn: '2026-10-01', total: '500.00' }], amountDue: '1029.27' },
    } as unknown as PrintableDocument;
    const words = flat((await pdfText(await renderPdf(legacy))).text);
    expect(words).toContain('Acompte N° LACAPE-F-2026-00030 du 01/10/2026');
    expect(words).toContain('Total TTC');
    expect(words).not.toContain('Acomptes déduits');
  });

  it('prints Latin Extended, Greek, Cyrillic and Arabic names exactly, with embedded fonts only', async () => {
    const invoice = aPrintableInvoice();
    const names = ['Łukasz Dağlı', 'Γιώργος Παπαδόπουλος', 'Дмитрий Иванов', 'محمد عبد الله'];
    const pdf = await renderPdf({
      ...invoice,
      client: { ...invoice.client, name: 'Łukasz Dağlı', address: ['Γιώργος Παπαδόπουλος', 'Дмитрий Иванов', '59100 Roubaix'] },
      lines: [
        { description: 'Traduction pour محمد عبد الله SARL', quantity: '1', unit: 'forfait', unitPrice: '45.31', vatRate: '5.5', net: '45.31' },
        { description: 'Déplacement', quantity: '1', unit: 'forfait', unitPrice: '1234.56', vatRate: '20', net: '1234.56' },
      ],
    });
    const { text, info } = await pdfText(pdf);
    const words = flat(text);
    for (const name of names) expect(words).toContain(name);
    // The Arabic run is shaped right to left (rlig) and reads back in logical order, words in order,
    // the Latin text around it in place. What pdfkit does not do (no bidi algorithm): reorder the runs
    // of a line whose base direction is right to left; a line is always laid left to right.
    expect(words).toContain('Traduction pour محمد عبد الله SARL');
    expect(info).toMatchObject({ Subject: 'Facture — Łukasz Dağlı' });

    const fonts = pdfFonts(pdf);
    expect(fonts.map((font) => font.baseFont).sort()).toEqual(['NotoSans-Bold', 'NotoSans-Regular', 'NotoSansArabic-Regular']);
    expect(fonts.every((font) => font.embedded && font.subtype === 'Type0')).toBe(true);
    expect(pdf.toString('latin1')).not.toMatch(/\/BaseFont \/Helvetica/);
  });

  it('every kind of document embeds every font it uses', async () => {
    for (const doc of [aPrintableInvoice(), aQuote({ withdrawalNotice: true }), aConsumerInvoice(), aQuote({ number: null, lines: manyLines(60) })]) {
      const fonts = pdfFonts(await renderPdf(doc));
      expect(fonts.length).toBeGreaterThan(0);
      expect(fonts.filter((font) => !font.embedded)).toEqual([]);
    }
  });

  it('a 60-line invoice: each designation that fits the wide column holds on one row, and the net is carried from page to page', async () => {
    // 58 characters: two rows each in the former 207-point column.
    const lines: PrintableLine[] = Array.from({ length: 60 }, (_, i) => ({
      description: `Atelier ${String(i + 1).padStart(2, '0')} : accompagnement au numérique des habitants`,
      quantity: '1',
      unit: 'heure',
      unitPrice: '10',
      vatRate: '20',
      net: '10.00',
    }));
    const { pages } = await pdfText(await renderPdf(aPrintableInvoice({ lines })));
    // 60 rows of 16 points fill two pages (at three rows each they took five); the mentions may go to a third.
    expect(pages.length).toBeLessThanOrEqual(3);
    expect(pages[1]).toContain('Atelier 60');
    expect(pages[1]).toContain('Total TTC');
    const rows = pages.flatMap((page) => page.split('\n'));
    for (let i = 1; i <= 60; i++) {
      const designation = `Atelier ${String(i).padStart(2, '0')} : accompagnement au numérique des habitants`;
      expect(rows.filter((row) => row.includes(designation))).toHaveLength(1);
    }
    // The lines of page 1, their net at its foot, the same at the head of page 2.
    const onFirstPage = (pages[0].match(/Atelier \d\d/g) ?? []).length;
    expect(onFirstPage).toBeGreaterThan(20);
    const carried = `${onFirstPage * 10},00 €`;
    expect(flat(pages[0])).toContain(`Total HT à reporter ${carried}`);
    expect(flat(pages[1])).toContain(`Report total HT ${carried}`);
    expect(flat(pages[1]).indexOf(`Report total HT ${carried}`)).toBeLessThan(flat(pages[1]).indexOf(`Atelier ${String(onFirstPage + 1).padStart(2, '0')}`));
    pages.forEach((page, index) => {
      expect(page).toContain('N° LACAPE-F-2026-00042');
      expect(page).toContain(`Page ${index + 1}/${pages.length}`);
    });
  });

  it('a one-page document carries nothing forward', async () => {
    const words = flat((await pdfText(await renderPdf(aPrintableInvoice()))).text);
    expect(words).not.toContain('reporter');
    expect(words).not.toContain('Report');
  });

  it('a quote to an individual prints its prices including VAT (PU TTC, Total TTC) and keeps the VAT table per rate', async () => {
    const quote = aQuote({
      client: { ...aPrintableInvoice().client, kind: 'individual', name: 'Mme Durand', siret: null, vatNumber: null, purchaseOrderNumber: null },
      lines: [
        {
          description: 'Repassage à domicile',
          quantity: '2.5',
          unit: 'heure',
          unitPrice: '18.1234',
          vatRate: '5.5',
          net: '45.31',
          unitPriceInclVat: '19.12',
          totalInclVat: '47.80',
        },
        { description: 'Déplacement', quantity: '1', unit: 'forfait', unitPrice: '1234.56', vatRate: '20', net: '1234.56', unitPriceInclVat: '1481.47', totalInclVat: '1481.47' },
      ],
    });
    const words = flat((await pdfText(await renderPdf(quote))).text);
    for (const expected of [
      'PU TTC',
      'Total TTC',
      'Repassage à domicile 2,5 heure 19,12 € 5,5 % 47,80 €',
      'Déplacement 1 forfait 1 481,47 € 20 % 1 481,47 €',
      'Taux de TVA Base HT Montant TVA',
    ]) {
      expect(words).toContain(expected);
    }
    expect(words).not.toContain('PU HT');
    // The business quote: prices excluding VAT.
    expect(flat((await pdfText(await renderPdf(aQuote()))).text)).toContain('PU HT');
  });
});
