import { ClientEntity } from '../clients/client.entity';
import { computeTotals, VAT_FRANCHISE_NOTE } from '@kpa/contracts';
import { NO_EARLY_PAYMENT_DISCOUNT_SENTENCE, RECOVERY_INDEMNITY_SENTENCE } from '../documents/legal-mentions';
import { depositLines } from '../invoices/invoice-deposits';
import { aSellerIdentity } from '../documents/printable.test-helpers';
import { QuoteEntity } from './quote.entity';
import { quoteDocument } from './quote-printable';
import { quoteTotals } from './quote';

const seller = aSellerIdentity();

function aClient(overrides: Partial<ClientEntity> = {}): ClientEntity {
  return Object.assign(new ClientEntity(), {
    id: '0195f3a0-0000-7000-8000-000000000003',
    siteId: seller.siteId,
    kind: 'individual',
    name: 'Mme Durand',
    billingAddress: { line: '8 rue Jules Guesde', postalCode: '59100', city: 'Roubaix' },
    email: null,
    phone: null,
    siret: null,
    vatNumber: null,
    chorusServiceCode: null,
    commitmentNumberRequired: false,
    ...overrides,
  });
}

function aQuote(vatFranchise: boolean, overrides: Partial<QuoteEntity> = {}): QuoteEntity {
  const lines = [
    {
      description: 'Repassage à domicile',
      quantity: '2.5',
      unit: 'hour' as const,
      unitPrice: '18.1234',
      vatRate: '5.5' as const,
      exemptionReason: null,
      catalogueItemId: null,
      nature: 'service' as const,
    },
    {
      description: 'Déplacement',
      quantity: '1',
      unit: 'flat_rate' as const,
      unitPrice: '15',
      vatRate: '20' as const,
      exemptionReason: null,
      catalogueItemId: null,
      nature: 'service' as const,
    },
  ];
  return Object.assign(new QuoteEntity(), {
    id: '0195f3a0-0000-7000-8000-000000000004',
    siteId: seller.siteId,
    clientId: '0195f3a0-0000-7000-8000-000000000003',
    status: 'sent',
    number: 'LACAPE-D-2026-00001',
    sentOn: '2026-11-21',
    answeredOn: null,
    validUntil: '2027-06-30',
    executionPlace: '8 rue Jules Guesde, Roubaix',
    executionStartsOn: '2027-01-05',
    executionEndsOn: '2027-01-06',
    signedAtClientHome: false,
    capeHolderMemberId: null,
    depositPercent: null,
    deliveryAddress: null,
    lines,
    totals: quoteTotals(lines, vatFranchise).totals,
    ...overrides,
  });
}

describe('quoteDocument', () => {
  it('prints a sent quote as its host structure sells it: number, sent date, validity, execution, lines, totals per rate', () => {
    const doc = quoteDocument(aQuote(false), aClient(), seller, '2026-12-01');
    expect(doc).toMatchObject({
      kind: 'quote',
      title: 'Devis',
      number: 'LACAPE-D-2026-00001',
      issueDate: '2026-11-21',
      acceptanceArea: true,
      withdrawalNotice: false,
      mentions: [],
    });
    expect(doc.seller).toEqual({
      legalName: 'CAE Grand Nord',
      legalForm: 'SCOP SARL à capital variable',
      shareCapital: '15000.00',
      rcsCity: 'Lille',
      siren: '120027016',
      siret: '12002701600357',
      vatNumber: 'FR85120027016',
      address: ['12 rue de la Paix', '59000 Lille'],
      siteName: 'La Cape, Roubaix',
      // What the e-invoicing reform added: a quote freezes them too (it prints the phone and e-mail).
      iban: null,
      bic: null,
      electronicAddress: null,
      phone: null,
      email: null,
      vatOnDebits: false,
      // And what the documents' audit added: the host's logo, the issuing site's address, the mediator.
      logoSha256: null,
      siteAddress: [],
      consumerMediator: null,
    });
    expect(doc.client).toMatchObject({ kind: 'individual', name: 'Mme Durand', address: ['8 rue Jules Guesde', '59100 Roubaix'], siret: null });
    expect(doc.facts).toEqual([
      { label: "Valable jusqu'au", value: '2027-06-30' },
      { label: "Lieu d'exécution", value: '8 rue Jules Guesde, Roubaix' },
      { label: "Période d'exécution", value: 'du 2027-01-05 au 2027-01-06' },
      { label: 'Prix du devis', value: 'Devis gratuit' },
      { label: 'Conditions de paiement', value: 'Paiement à réception de la facture' },
    ]);
    // An individual reads prices including VAT: 5.5 % on 45.31 = 2.49, 20 % on 15.00 = 3.00.
    expect(doc.lines).toEqual([
      { description: 'Repassage à domicile', quantity: '2.5', unit: 'heure', unitPrice: '18.1234', vatRate: '5.5', net: '45.31', unitPriceInclVat: '19.12', totalInclVat: '47.80' },
      { description: 'Déplacement', quantity: '1', unit: 'forfait', unitPrice: '15', vatRate: '20', net: '15.00', unitPriceInclVat: '18.00', totalInclVat: '18.00' },
    ]);
    expect(doc.totals).toMatchObject({ net: '60.31', vat: '5.49', total: '65.80', deposits: [], amountDue: '65.80' });
    expect(doc.totals.vatBreakdown).toHaveLength(2);
  });

  it('under the VAT franchise: every line at 0 % and the franchise note', () => {
    const doc = quoteDocument(aQuote(true), aClient(), { ...seller, vatNumber: null, vatFranchise: true }, '2026-12-01');
    expect(doc.lines.map((l) => l.vatRate)).toEqual(['0', '0']);
    expect(doc.mentions).toEqual([VAT_FRANCHISE_NOTE]);
    expect(doc.totals.vat).toBe('0.00');
  });

  it('names the member carrying the work out under a CAPE with the R127-3 mention, dated the day it was sent', () => {
    const holder = {
      beneficiaryName: 'Karim Haddad',
      hostLegalName: 'CAE Grand Nord',
      hostAddress: '12 rue de la Paix, 59000 Lille',
      hostIdentifier: '12002701600357',
      contractEndDate: '2027-05-31',
    };
    const doc = quoteDocument(aQuote(false), aClient(), seller, '2026-12-01', holder);
    expect(doc.mentions).toEqual([expect.stringContaining("Activité exercée par Karim Haddad, bénéficiaire d'un contrat d'appui au projet d'entreprise")]);
    expect(doc.mentions[0]).toContain("jusqu'au 31/05/2027");
    expect(quoteDocument(aQuote(false), aClient(), seller, '2026-12-01').mentions).toEqual([]);
  });

  it("a draft previews with today's date and no number; signed at the client's home, the withdrawal notice", () => {
    const doc = quoteDocument(aQuote(false, { status: 'draft', number: null, sentOn: null, signedAtClientHome: true }), aClient(), seller, '2026-12-01');
    expect(doc).toMatchObject({ number: null, issueDate: '2026-12-01', withdrawalNotice: true });
  });

  it('a public body shows its Chorus service code; a company its SIRET and VAT number', () => {
    const publicBody = quoteDocument(aQuote(false), aClient({ kind: 'public_body', name: 'Mairie', siret: '12002701600357', chorusServiceCode: 'SERV-1' }), seller, '2026-12-01');
    expect(publicBody.client).toMatchObject({ serviceCode: 'SERV-1', siret: '12002701600357' });
    const company = quoteDocument(aQuote(false), aClient({ kind: 'company', siret: '12002701600357', vatNumber: 'FR85120027016', chorusServiceCode: null }), seller, '2026-12-01');
    expect(company.client).toMatchObject({ serviceCode: null, vatNumber: 'FR85120027016' });
  });

  it('prints the payment terms its invoice will carry: 30 days and the business sentences for a company, the 7-day rule when signed at home', () => {
    const company = quoteDocument(aQuote(false), aClient({ kind: 'company', siret: '12002701600357' }), seller, '2026-12-01');
    expect(company.facts).toContainEqual({ label: 'Conditions de paiement', value: 'Paiement à 30 jours à compter de la date de la facture' });
    expect(company.mentions).toEqual(expect.arrayContaining([NO_EARLY_PAYMENT_DISCOUNT_SENTENCE, RECOVERY_INDEMNITY_SENTENCE]));
    // A business reads prices excluding VAT.
    expect(company.lines[0]).not.toHaveProperty('totalInclVat');
    const publicBody = quoteDocument(aQuote(false), aClient({ kind: 'public_body', siret: '12002701600357' }), seller, '2026-12-01');
    expect(publicBody.facts).toContainEqual({ label: 'Conditions de paiement', value: 'Paiement à 30 jours à compter de la date de la facture' });
    const atHome = quoteDocument(aQuote(false, { signedAtClientHome: true }), aClient(), seller, '2026-12-01');
    expect(atHome.facts).toContainEqual({
      label: 'Conditions de paiement',
      value: "Paiement à réception de la facture, et au plus tôt le 8e jour après l'acceptation du devis (C. consom. L221-10)",
    });
    // Never the 40 € for an individual.
    expect(atHome.mentions).not.toContain(RECOVERY_INDEMNITY_SENTENCE);
  });

  it('prints the deposit it asks for with the very amount of the deposit invoice accepting it drafts, and the goods’ delivery address', () => {
    const quote = aQuote(false, { depositPercent: '33.33', deliveryAddress: '14 rue de Lannoy, 59100 Roubaix' });
    const doc = quoteDocument(quote, aClient(), seller, '2026-12-01');
    const deposit = computeTotals(depositLines(quote, { depositPercent: '33.33' }), { vatFranchise: false });
    // 33.33 % of 60.31 = 20.10 net, split 15.10 at 5.5 % and 5.00 at 20 %: 15.93 + 6.00 = 21.93.
    expect(deposit.totalCents).toBe(2193);
    expect(doc.facts).toContainEqual({
      label: 'Acompte à la commande',
      value: "33,33\u00a0% du total, soit 21,93\u00a0€ TTC, facturé à l'acceptation du devis ; le solde sur la facture finale, acompte déduit",
    });
    expect(doc.facts).toContainEqual({ label: 'Adresse de livraison', value: '14 rue de Lannoy, 59100 Roubaix' });
    const franchise = quoteDocument(aQuote(true, { depositPercent: '30' }), aClient(), { ...seller, vatNumber: null, vatFranchise: true }, '2026-12-01');
    expect(franchise.facts.find((f) => f.label === 'Acompte à la commande')?.value).toMatch(/^30\u00a0% du total, soit 18,09\u00a0€, facturé/);
    // Under the franchise a line's price is what the client pays: no separate TTC.
    expect(franchise.lines[0]).not.toHaveProperty('totalInclVat');
  });

  it('prices including VAT add up to the quote’s total TTC exactly, whatever the lines', () => {
    const lines = Array.from({ length: 7 }, (_, i) => ({
      description: `Ligne ${i + 1}`,
      quantity: String(i + 1),
      unit: 'hour' as const,
      unitPrice: ['0.05', '12.3456', '7.77'][i % 3],
      vatRate: (['20', '10', '5.5'] as const)[i % 3],
      exemptionReason: null,
      catalogueItemId: null,
      nature: 'service' as const,
    }));
    const quote = aQuote(false, { lines, totals: quoteTotals(lines, false).totals });
    const doc = quoteDocument(quote, aClient(), seller, '2026-12-01');
    const cents = (amount: string | undefined) => Math.round(Number(amount) * 100);
    expect(doc.lines.reduce((sum, line) => sum + cents(line.totalInclVat), 0)).toBe(cents(doc.totals.total));
  });
});
