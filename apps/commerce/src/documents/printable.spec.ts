import { printableSeller, sellerContactLines } from './printable';
import { aPrintableInvoice, aSellerIdentity } from './printable.test-helpers';

describe('the seller block: contact and bank lines', () => {
  const seller = printableSeller(aSellerIdentity({ iban: 'FR7630006000011234567890189', bic: 'BNPAFRPP', phone: '03 20 00 00 00', email: 'compta@cae.fr' }));

  it('freezes the e-invoicing fields with the seller', () => {
    expect(seller).toMatchObject({ iban: 'FR7630006000011234567890189', bic: 'BNPAFRPP', phone: '03 20 00 00 00', email: 'compta@cae.fr', vatOnDebits: false });
  });

  it('prints phone, e-mail and the transfer instructions (IBAN in groups of 4) on invoices', () => {
    for (const kind of ['invoice', 'deposit_invoice', 'final_invoice'] as const) {
      expect(sellerContactLines({ kind, seller })).toEqual([
        'Tél. 03 20 00 00 00 — compta@cae.fr',
        'Paiement par virement — IBAN FR76 3000 6000 0112 3456 7890 189 — BIC BNPAFRPP',
      ]);
    }
  });

  it('prints no bank details on quotes and credit notes, and nothing a document frozen before them lacks', () => {
    expect(sellerContactLines({ kind: 'quote', seller })).toEqual(['Tél. 03 20 00 00 00 — compta@cae.fr']);
    expect(sellerContactLines({ kind: 'credit_note', seller })).toEqual(['Tél. 03 20 00 00 00 — compta@cae.fr']);
    expect(sellerContactLines(aPrintableInvoice())).toEqual([]);
  });
});
