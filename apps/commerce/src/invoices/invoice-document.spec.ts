import { legalMentions, RECOVERY_INDEMNITY_SENTENCE } from '../documents/legal-mentions';
import { aSellerIdentity } from '../documents/printable.test-helpers';
import { InvoiceLineData, invoiceTotals } from './invoice';
import { depositLines } from './invoice-deposits';
import { ClientSnapshot, creditNoteDocument, creditNoteMentions, depositDeductions, invoiceDocument } from './invoice-document';

const seller = aSellerIdentity();

const town: ClientSnapshot = {
  kind: 'public_body',
  name: 'Ville de Roubaix',
  billingAddress: { line: '17 Grand Place', postalCode: '59100', city: 'Roubaix' },
  siret: '21590512800015',
  vatNumber: null,
  chorusServiceCode: 'SERV-JARDINS',
};
const lines: InvoiceLineData[] = [
  { description: 'Taille de haie', quantity: '2', unit: 'hour', unitPrice: '25', vatRate: '20', exemptionReason: null, catalogueItemId: null, nature: 'service' },
  { description: 'Évacuation', quantity: '1', unit: 'flat_rate', unitPrice: '10.005', vatRate: '10', exemptionReason: null, catalogueItemId: null, nature: 'service' },
];

describe('the printable invoice', () => {
  const totals = invoiceTotals(lines, false).totals;
  const input = {
    kind: 'standard' as const,
    number: 'LACAPE-F-2026-00007',
    issueDate: '2026-11-22',
    dueOn: '2026-12-22',
    paymentTermDays: 30,
    seller,
    client: town,
    purchaseOrderNumber: 'BC-42',
    commitmentNumber: 'EJ-2026-0042',
    quoteNumber: 'LACAPE-D-2026-00003',
    deliveryStartsOn: '2026-11-02',
    deliveryEndsOn: '2026-11-06',
    supplyDate: null,
    operationCategory: 'services' as const,
    deliveryAddress: null,
    lines,
    totals,
    mentions: legalMentions({ clientKind: 'public_body', vatFranchise: false, issueDate: '2026-11-22' }),
  };

  it('prints goods as a delivery, with the delivery address when the goods go elsewhere', () => {
    const doc = invoiceDocument({
      ...input,
      operationCategory: 'goods',
      deliveryStartsOn: null,
      deliveryEndsOn: null,
      supplyDate: '2026-11-05',
      deliveryAddress: '3 quai du Port, 13002 Marseille',
    });
    expect(doc.facts).toEqual(
      expect.arrayContaining([
        { label: 'Date de livraison', value: '2026-11-05' },
        { label: "Nature de l'opération", value: 'Livraison de biens' },
        { label: 'Adresse de livraison', value: '3 quai du Port, 13002 Marseille' },
      ]),
    );
    expect(invoiceDocument({ ...input, operationCategory: 'mixed' }).facts).toContainEqual({
      label: "Nature de l'opération",
      value: 'Livraison de biens et prestations de services',
    });
  });

  it('prints the seller, the public body with its service code and commitment number, the facts and the totals', () => {
    const doc = invoiceDocument(input);
    expect(doc).toMatchObject({ kind: 'invoice', title: 'Facture', number: 'LACAPE-F-2026-00007', issueDate: '2026-11-22', acceptanceArea: false, withdrawalNotice: false });
    expect(doc.seller).toMatchObject({ legalName: 'CAE Grand Nord', siren: '120027016', address: ['12 rue de la Paix', '59000 Lille'], siteName: 'La Cape, Roubaix' });
    expect(doc.client).toEqual({
      kind: 'public_body',
      name: 'Ville de Roubaix',
      address: ['17 Grand Place', '59100 Roubaix'],
      siret: '21590512800015',
      vatNumber: null,
      serviceCode: 'SERV-JARDINS',
      commitmentNumber: 'EJ-2026-0042',
      purchaseOrderNumber: 'BC-42',
    });
    expect(doc.facts).toEqual([
      { label: "Date d'échéance", value: '2026-12-22' },
      { label: 'Conditions de paiement', value: 'Paiement à 30 jours' },
      { label: "Période d'exécution", value: 'du 2026-11-02 au 2026-11-06' },
      { label: 'Devis', value: 'LACAPE-D-2026-00003' },
      { label: "Nature de l'opération", value: 'Prestations de services' },
    ]);
    expect(doc.lines[1]).toEqual({ description: 'Évacuation', quantity: '1', unit: 'forfait', unitPrice: '10.005', vatRate: '10', net: '10.01' });
    expect(doc.totals).toEqual({
      net: '60.01',
      vat: '11.00',
      total: '71.01',
      vatBreakdown: totals.vatBreakdown,
      vatFranchise: false,
      deposits: [],
      depositDeductions: [],
      amountDue: '71.01',
    });
    expect(doc.mentions).toContain(RECOVERY_INDEMNITY_SENTENCE);
  });

  it('a consumer invoice has no 40 € indemnity; under the VAT franchise lines print 0 % and the 293 B mention', () => {
    const individual: ClientSnapshot = { ...town, kind: 'individual', name: 'Mme Durand', siret: null, chorusServiceCode: 'ignored' };
    const franchise = invoiceTotals(lines, true).totals;
    const doc = invoiceDocument({
      ...input,
      client: individual,
      commitmentNumber: null,
      totals: franchise,
      paymentTermDays: 0,
      mentions: legalMentions({ clientKind: 'individual', vatFranchise: true, issueDate: '2026-11-22' }),
    });
    expect(doc.client.serviceCode).toBeNull();
    expect(doc.facts[1]).toEqual({ label: 'Conditions de paiement', value: 'Paiement à réception' });
    expect(doc.mentions).toEqual(['TVA non applicable, art. 293 B du CGI']);
    expect(doc.mentions.join(' ')).not.toContain('40 €');
    expect(doc.lines.map((l) => l.vatRate)).toEqual(['0', '0']);
    expect(doc.totals.vat).toBe('0.00');
    expect(doc.totals.vatFranchise).toBe(true);
  });

  it('a final invoice lists the deposits it deducts and the amount still due', () => {
    const depositTotals = invoiceTotals(depositLines({ number: 'Q', lines }, { depositPercent: '50' }), false).totals;
    const deposits = [
      {
        invoiceId: 'x',
        number: 'LACAPE-F-2026-00002',
        issuedOn: '2026-10-01',
        net: depositTotals.net,
        vat: depositTotals.vat,
        total: depositTotals.total,
        vatBreakdown: depositTotals.vatBreakdown,
      },
    ];
    const doc = invoiceDocument({ ...input, kind: 'final', totals: invoiceTotals(lines, false, deposits).totals });
    expect(doc).toMatchObject({ kind: 'final_invoice', title: 'Facture de solde' });
    expect(doc.totals.deposits).toEqual([{ number: 'LACAPE-F-2026-00002', issuedOn: '2026-10-01', total: depositTotals.total }]);
    expect(doc.totals.amountDue).toBe('35.50'); // 71.01 − 35.51
  });

  it('a final invoice prints, per VAT rate, the base and VAT its deposits charged and what remains due (CGI art. 283-3)', () => {
    // Two deposits of 30 % and 20 % of the quote: 50.00 and 10.01 of net at 20 % and 10 %, split by rate.
    const deposit = (number: string, percent: string) => {
      const t = invoiceTotals(depositLines({ number: 'Q', lines }, { depositPercent: percent }), false).totals;
      return { invoiceId: number, number, issuedOn: '2026-10-01', net: t.net, vat: t.vat, total: t.total, vatBreakdown: t.vatBreakdown };
    };
    const deposits = [deposit('LACAPE-F-2026-00002', '30'), deposit('LACAPE-F-2026-00003', '20')];
    expect(deposits.map((d) => d.vatBreakdown.map((g) => [g.rate, g.base, g.vat]))).toEqual([
      [
        ['20', '15.00', '3.00'],
        ['10', '3.00', '0.30'],
      ],
      [
        ['20', '10.00', '2.00'],
        ['10', '2.00', '0.20'],
      ],
    ]);
    const final = invoiceTotals(lines, false, deposits).totals;
    const doc = invoiceDocument({ ...input, kind: 'final', totals: final });
    // Invoice: 20 % 50.00 + 10.00 VAT; 10 % 10.01 + 1.00 VAT.
    expect(doc.totals.depositDeductions).toEqual([
      { category: 'S', rate: '20', exemptionReason: null, depositBase: '25.00', depositVat: '5.00', dueBase: '25.00', dueVat: '5.00' },
      { category: 'S', rate: '10', exemptionReason: null, depositBase: '5.00', depositVat: '0.50', dueBase: '5.01', dueVat: '0.50' },
    ]);
    // What remains due per rate adds up to what the invoice asks, to the cent.
    const cents = (v: string) => Math.round(Number(v) * 100);
    const due = doc.totals.depositDeductions.reduce((sum, g) => sum + cents(g.dueBase) + cents(g.dueVat), 0);
    expect(due).toBe(cents(doc.totals.amountDue));
    const deducted = doc.totals.depositDeductions.reduce((sum, g) => sum + cents(g.depositBase) + cents(g.depositVat), 0);
    expect(deducted).toBe(cents(final.depositsDeducted));
  });

  it('depositDeductions: none without deposits; a deposit rate the invoice lacks still shows (what is due there goes negative)', () => {
    expect(depositDeductions(totals.vatBreakdown, [])).toEqual([]);
    const odd = {
      invoiceId: 'y',
      number: 'N',
      issuedOn: '2026-10-01',
      net: '10.00',
      vat: '0.55',
      total: '10.55',
      vatBreakdown: [{ category: 'S' as const, rate: '5.5' as const, exemptionReason: null, base: '10.00', vat: '0.55' }],
    };
    expect(depositDeductions(totals.vatBreakdown, [odd]).map((g) => [g.rate, g.depositBase, g.dueBase, g.dueVat])).toEqual([
      ['20', '0.00', '50.00', '10.00'],
      ['10', '0.00', '10.01', '1.00'],
      ['5.5', '10.00', '-10.00', '-0.55'],
    ]);
  });

  it('a credit note prints the invoice it corrects, its reason, and no payment mentions', () => {
    const mentions = [...legalMentions({ clientKind: 'company', vatFranchise: true, issueDate: '2026-11-22' })];
    expect(creditNoteMentions(mentions)).toEqual(['TVA non applicable, art. 293 B du CGI']);
    const doc = creditNoteDocument({
      number: 'LACAPE-A-2026-00001',
      issueDate: '2026-11-23',
      invoiceNumber: 'LACAPE-F-2026-00007',
      invoiceIssuedOn: '2026-11-22',
      operationCategory: 'mixed',
      reason: 'Erreur de quantité',
      seller,
      client: invoiceDocument(input).client,
      lines: [lines[0]],
      totals: {
        net: '50.00',
        vat: '10.00',
        total: '60.00',
        vatBreakdown: [{ category: 'S', rate: '20', exemptionReason: null, base: '50.00', vat: '10.00' }],
        vatFranchise: false,
        vatExemptionNote: null,
      },
      invoiceMentions: mentions,
    });
    expect(doc).toMatchObject({ kind: 'credit_note', title: 'Avoir', number: 'LACAPE-A-2026-00001' });
    expect(doc.facts).toEqual([
      { label: 'Facture rectifiée', value: 'LACAPE-F-2026-00007 du 2026-11-22' },
      { label: 'Motif', value: 'Erreur de quantité' },
      { label: "Nature de l'opération", value: 'Livraison de biens et prestations de services' },
    ]);
    expect(doc.totals.amountDue).toBe('60.00');
  });

  const individual: ClientSnapshot = { ...town, kind: 'individual', name: 'Mme Durand', siret: null, chorusServiceCode: null };

  it('an off-premises contract: payable from the first allowed day, the due date not earlier, the L221-10 sentence; never on the credit note', () => {
    const mentions = legalMentions({
      clientKind: 'individual',
      vatFranchise: false,
      issueDate: '2026-12-07',
      offPremises: { concludedOn: '2026-12-07', firstPaymentOn: '2026-12-15' },
    });
    expect(mentions).toEqual(['Contrat conclu hors établissement le 07/12/2026 : aucun paiement ne peut être reçu avant le 15/12/2026 (C. consom. L221-10).']);
    const doc = invoiceDocument({ ...input, client: individual, issueDate: '2026-12-07', dueOn: '2026-12-15', paymentTermDays: 0, firstPaymentOn: '2026-12-15', mentions });
    expect(doc.facts.slice(0, 2)).toEqual([
      { label: "Date d'échéance", value: '2026-12-15' },
      { label: 'Conditions de paiement', value: 'Paiement à partir du 2026-12-15' },
    ]);
    expect(doc.mentions).toEqual(mentions);
    // A term agreed beyond the first allowed day keeps its wording.
    expect(
      invoiceDocument({ ...input, client: individual, issueDate: '2026-12-07', dueOn: '2027-01-06', paymentTermDays: 30, firstPaymentOn: '2026-12-15', mentions }).facts[1],
    ).toEqual({
      label: 'Conditions de paiement',
      value: 'Paiement à 30 jours',
    });
    expect(creditNoteMentions(mentions)).toEqual([]);
  });
});
