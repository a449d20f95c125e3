import { refusalOf } from '@kpa/testing/refusal';
import { en16931Invoice } from './en16931';
import { brokenEInvoiceRules, checkEInvoiceRules } from './en16931-rules';
import { aCreditNote, aDepositAndItsFinalInvoice, aLine, anInvoice, COMPANY, PERSON, TOWN } from './en16931.test-helpers';

type Body = ReturnType<typeof en16931Invoice>['ubl:Invoice'];

/** The rules broken once `change` tampered with the e-invoice of a valid document. */
function rulesAfter(change: (body: Body) => void, doc = anInvoice()): string[] {
  const invoice = en16931Invoice(doc);
  change(invoice['ubl:Invoice']);
  return brokenEInvoiceRules(doc, invoice).map((b) => b.rule);
}

describe('EN 16931 rules the platform’s data can break', () => {
  it('every kind of document the platform issues passes them', () => {
    const { deposit, final } = aDepositAndItsFinalInvoice();
    for (const doc of [
      anInvoice(),
      deposit,
      final,
      aCreditNote(),
      anInvoice({ vatFranchise: true }),
      anInvoice({ lines: [aLine('Atelier', '1', '100', '20'), aLine('Formation', '2', '50', '0', 'VATEX-EU-132'), aLine('Repas', '3', '12.3456', '10')] }),
      anInvoice({ client: TOWN, commitmentNumber: 'EJ-1' }),
      anInvoice({ client: PERSON }),
    ]) {
      expect(brokenEInvoiceRules(doc)).toEqual([]);
      expect(() => checkEInvoiceRules(doc)).not.toThrow();
    }
  });

  it('BR-CO-10 to BR-CO-16: each total must add up exactly', () => {
    expect(rulesAfter((b) => (b['cac:InvoiceLine'][0]['cbc:LineExtensionAmount'] = '45.32'))).toEqual(expect.arrayContaining(['BR-CO-10', 'BR-S-08']));
    expect(rulesAfter((b) => (b['cac:LegalMonetaryTotal']['cbc:TaxExclusiveAmount'] = '1.00'))).toEqual(expect.arrayContaining(['BR-CO-13', 'BR-CO-15']));
    expect(rulesAfter((b) => (b['cac:TaxTotal'][0]['cbc:TaxAmount'] = '0.01'))).toEqual(expect.arrayContaining(['BR-CO-14', 'BR-CO-15']));
    expect(rulesAfter((b) => (b['cac:LegalMonetaryTotal']['cbc:TaxInclusiveAmount'] = '1.00'))).toEqual(expect.arrayContaining(['BR-CO-15', 'BR-CO-16']));
    expect(rulesAfter((b) => (b['cac:LegalMonetaryTotal']['cbc:PayableAmount'] = '1.00'))).toEqual(['BR-CO-16']);
    expect(rulesAfter((b) => (b['cac:LegalMonetaryTotal']['cbc:AllowanceTotalAmount'] = '1.00'))).toContain('BR-CO-11');
    expect(rulesAfter((b) => (b['cac:LegalMonetaryTotal']['cbc:ChargeTotalAmount'] = '1.00'))).toContain('BR-CO-12');
  });

  it('BR-S-08: one breakdown per rate with the sum of its lines; a line whose rate has no breakdown', () => {
    expect(rulesAfter((b) => (b['cac:TaxTotal'][0]['cac:TaxSubtotal']![0]['cbc:TaxableAmount'] = '1.00'))).toContain('BR-S-08');
    expect(rulesAfter((b) => (b['cac:TaxTotal'][0]['cac:TaxSubtotal']![0]['cbc:TaxAmount'] = '99.99'))).toContain('BR-S-09');
    expect(rulesAfter((b) => b['cac:TaxTotal'][0]['cac:TaxSubtotal']!.pop())).toContain('BR-S-01');
  });

  it('BR-E-10: an exempt breakdown needs its exemption reason', () => {
    const doc = anInvoice({ lines: [aLine('Formation', '2', '50', '0', 'VATEX-EU-132')] });
    const broken = rulesAfter((b) => {
      const category = b['cac:TaxTotal'][0]['cac:TaxSubtotal']![0]['cac:TaxCategory'] as unknown as Record<string, unknown>;
      delete category['cbc:TaxExemptionReasonCode'];
    }, doc);
    expect(broken).toEqual(['BR-E-10']);
  });

  it('BR-FR-11: a business or public client without SIRET is refused at issue, with the rule and what to fix', () => {
    const refusal = refusalOf(() => checkEInvoiceRules(anInvoice({ client: { ...COMPANY, siret: null } })));
    expect(refusal).toMatchObject({ code: 'EINVOICE_RULE_BROKEN', details: { rule: 'BR-FR-11' } });
    expect(refusal.message).toMatch(/Boulangerie du Pile is a business.*SIREN \(BT-47\).*Add its SIRET to the client/);
    expect(refusalOf(() => checkEInvoiceRules(anInvoice({ client: { ...TOWN, siret: null } }))).details.rule).toBe('BR-FR-11');
    // An individual has no SIREN, and needs none.
    expect(() => checkEInvoiceRules(anInvoice({ client: PERSON }))).not.toThrow();
  });

  it('BR-FR-10: the seller’s SIREN must be valid', () => {
    expect(rulesAfter((b) => (b['cac:AccountingSupplierParty']['cac:Party']['cac:PartyLegalEntity']['cbc:CompanyID'] = '123456789'))).toEqual(['BR-FR-10']);
  });

  it('checks a would-be document whose number is not allocated yet', () => {
    expect(() => checkEInvoiceRules(anInvoice({ number: null }))).not.toThrow();
  });
});
