import { DomainError, formatCents, isValidSiren } from '@kpa/contracts';
import { PrintableDocument } from '../documents/printable';
import { En16931Invoice, en16931Invoice, toCents } from './en16931';

/**
 * The EN 16931 business rules (CEN schematron) and French CIUS rules (BR-FR-…) that the platform's
 * data can break, checked on the e-invoice an issued document would make. Issuing runs them
 * (checkEInvoiceRules) so that an invoice is refused with 422 EINVOICE_RULE_BROKEN naming the rule,
 * rather than rejected later by the client's PA. Pure. docs/e-invoicing.md lists them.
 */

export interface BrokenRule {
  rule: string;
  /** In English, for the API: what is wrong and what to fix. */
  message: string;
}

type Body = En16931Invoice['ubl:Invoice'];

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function amount(value: unknown): number {
  return typeof value === 'string' ? toCents(value) : 0;
}

/** BR-CO-10 to BR-CO-16: the document totals add up exactly (no document-level allowances or charges here). */
function totalsRules(body: Body): BrokenRule[] {
  const broken: BrokenRule[] = [];
  const totals = body['cac:LegalMonetaryTotal'];
  const lines = sum(body['cac:InvoiceLine'].map((l) => amount(l['cbc:LineExtensionAmount'])));
  const lineTotal = amount(totals['cbc:LineExtensionAmount']);
  const allowances = sum((body['cac:AllowanceCharge'] ?? []).filter((a) => a['cbc:ChargeIndicator'] === 'false').map((a) => amount(a['cbc:Amount'])));
  const charges = sum((body['cac:AllowanceCharge'] ?? []).filter((a) => a['cbc:ChargeIndicator'] === 'true').map((a) => amount(a['cbc:Amount'])));
  const taxExclusive = amount(totals['cbc:TaxExclusiveAmount']);
  const vat = amount(body['cac:TaxTotal'][0]['cbc:TaxAmount']);
  const breakdownVat = sum((body['cac:TaxTotal'][0]['cac:TaxSubtotal'] ?? []).map((g) => amount(g['cbc:TaxAmount'])));
  const taxInclusive = amount(totals['cbc:TaxInclusiveAmount']);
  const prepaid = amount(totals['cbc:PrepaidAmount']);
  const rounding = amount(totals['cbc:PayableRoundingAmount']);
  const payable = amount(totals['cbc:PayableAmount']);
  const check = (rule: string, ok: boolean, message: string) => (ok ? undefined : broken.push({ rule, message }));

  check('BR-CO-10', lineTotal === lines, `The sum of the line net amounts (${formatCents(lines)}) differs from the total excluding VAT of the lines (${formatCents(lineTotal)}).`);
  check('BR-CO-11', amount(totals['cbc:AllowanceTotalAmount']) === allowances, 'The sum of the document-level allowances differs from their total.');
  check('BR-CO-12', amount(totals['cbc:ChargeTotalAmount']) === charges, 'The sum of the document-level charges differs from their total.');
  check(
    'BR-CO-13',
    taxExclusive === lineTotal - allowances + charges,
    `The total excluding VAT (${formatCents(taxExclusive)}) is not the lines' total (${formatCents(lineTotal)}) minus allowances plus charges.`,
  );
  check('BR-CO-14', vat === breakdownVat, `The total VAT (${formatCents(vat)}) differs from the sum of the VAT per rate (${formatCents(breakdownVat)}).`);
  check(
    'BR-CO-15',
    taxInclusive === taxExclusive + vat,
    `The total including VAT (${formatCents(taxInclusive)}) is not the total excluding VAT plus the VAT (${formatCents(taxExclusive + vat)}).`,
  );
  check(
    'BR-CO-16',
    payable === taxInclusive - prepaid + rounding,
    `The amount due (${formatCents(payable)}) is not the total including VAT minus the deposits already paid (${formatCents(taxInclusive - prepaid + rounding)}).`,
  );
  return broken;
}

/** BR-S-08 / BR-E-08 (and their VAT: BR-S-09, BR-E-09), BR-E-10: one breakdown per (category, rate) matching its lines. */
function breakdownRules(body: Body): BrokenRule[] {
  const broken: BrokenRule[] = [];
  const groups = body['cac:TaxTotal'][0]['cac:TaxSubtotal'] ?? [];
  for (const group of groups) {
    const category = group['cac:TaxCategory'];
    const rate = category['cbc:Percent'] ?? '0';
    const lines = body['cac:InvoiceLine'].filter(
      (l) =>
        l['cac:Item']['cac:ClassifiedTaxCategory']['cbc:ID'] === category['cbc:ID'] && Number(l['cac:Item']['cac:ClassifiedTaxCategory']['cbc:Percent'] ?? '0') === Number(rate),
    );
    const base = sum(lines.map((l) => amount(l['cbc:LineExtensionAmount'])));
    const taxable = amount(group['cbc:TaxableAmount']);
    const tax = amount(group['cbc:TaxAmount']);
    if (category['cbc:ID'] === 'S') {
      if (taxable !== base)
        broken.push({ rule: 'BR-S-08', message: `The base at ${rate} % (${formatCents(taxable)}) differs from the sum of the lines at that rate (${formatCents(base)}).` });
      const expected = Math.round((taxable * Number(rate)) / 100);
      if (Math.abs(tax - expected) > 1)
        broken.push({ rule: 'BR-S-09', message: `The VAT at ${rate} % (${formatCents(tax)}) is not its base × ${rate} % (${formatCents(expected)}).` });
    }
    if (category['cbc:ID'] === 'E') {
      if (taxable !== base) broken.push({ rule: 'BR-E-08', message: `The exempt base (${formatCents(taxable)}) differs from the sum of the exempt lines (${formatCents(base)}).` });
      if (tax !== 0) broken.push({ rule: 'BR-E-09', message: 'An exempt breakdown carries no VAT.' });
      const reason = (category as { 'cbc:TaxExemptionReasonCode'?: string; 'cbc:TaxExemptionReason'?: string }) ?? {};
      if (!reason['cbc:TaxExemptionReasonCode'] && !reason['cbc:TaxExemptionReason']?.trim()) {
        broken.push({
          rule: 'BR-E-10',
          message: 'The lines at 0 % VAT give no exemption reason: set exemptionReason on them (an EN 16931 code such as "VATEX-EU-132", or the article of the CGI).',
        });
      }
    }
  }
  for (const line of body['cac:InvoiceLine']) {
    const tax = line['cac:Item']['cac:ClassifiedTaxCategory'];
    const covered = groups.some(
      (g) => g['cac:TaxCategory']['cbc:ID'] === tax['cbc:ID'] && Number(g['cac:TaxCategory']['cbc:Percent'] ?? '0') === Number(tax['cbc:Percent'] ?? '0'),
    );
    if (!covered)
      broken.push({ rule: tax['cbc:ID'] === 'E' ? 'BR-E-01' : 'BR-S-01', message: `Line ${line['cbc:ID']} has a VAT rate (${tax['cbc:Percent']} %) with no VAT breakdown.` });
  }
  return broken;
}

/** BR-FR-10 (seller SIREN, BT-30) and BR-FR-11 (buyer SIREN, BT-47, for businesses and public bodies since the reform). */
function frenchRules(doc: PrintableDocument, body: Body): BrokenRule[] {
  const broken: BrokenRule[] = [];
  const sellerSiren = body['cac:AccountingSupplierParty']['cac:Party']['cac:PartyLegalEntity']['cbc:CompanyID'];
  if (!sellerSiren || !isValidSiren(sellerSiren)) {
    broken.push({ rule: 'BR-FR-10', message: "The host structure's SIREN (BT-30) is missing or invalid: correct its SIRET with PATCH /v1/host-structures/:id." });
  }
  if (doc.client.kind === 'company' || doc.client.kind === 'public_body') {
    const buyerSiren = body['cac:AccountingCustomerParty']['cac:Party']['cac:PartyLegalEntity']['cbc:CompanyID'];
    if (!buyerSiren || !isValidSiren(buyerSiren)) {
      const what = doc.client.kind === 'company' ? 'a business' : 'a public body';
      broken.push({
        rule: 'BR-FR-11',
        message: `The client ${doc.client.name} is ${what}: since the e-invoicing reform its invoices carry its SIREN (BT-47). Add its SIRET to the client (PATCH /v1/sites/:siteId/clients/:clientId), then issue again.`,
      });
    }
  }
  return broken;
}

/** Every rule the e-invoice of this frozen document breaks (empty when it is valid). */
export function brokenEInvoiceRules(doc: PrintableDocument, invoice: En16931Invoice = en16931Invoice(doc)): BrokenRule[] {
  const body = invoice['ubl:Invoice'];
  return [...frenchRules(doc, body), ...totalsRules(body), ...breakdownRules(body)];
}

/**
 * Refuses, with 422 EINVOICE_RULE_BROKEN naming the first broken rule (all of them in
 * details.rules), a document whose e-invoice would be invalid. `doc` is the would-be frozen
 * document; its number may still be unknown (the issue allocates it last).
 */
export function checkEInvoiceRules(doc: PrintableDocument): void {
  const broken = brokenEInvoiceRules({ ...doc, number: doc.number ?? 'NUMERO-A-VENIR' });
  if (broken.length === 0) return;
  const [first] = broken;
  throw new DomainError('EINVOICE_RULE_BROKEN', `This document would make an invalid e-invoice (EN 16931 rule ${first.rule}): ${first.message}`, {
    rule: first.rule,
    rules: broken.map((b) => b.rule),
  });
}
