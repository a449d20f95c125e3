import { InvoiceTotals } from '@kpa/contracts';
import { InvoiceLineData } from './invoice';
import { Balance } from './invoice-payments';

/** Values and helpers the unit tests of the invoice rules share. */

export const TODAY = '2026-11-22';
export const CLIENT = '0190a000-0000-7000-8000-0000000000c1';
export const QUOTE = '0190a000-0000-7000-8000-0000000000d1';

export function line(unitPrice: string, vatRate: InvoiceLineData['vatRate'] = '20', quantity = '1', description = 'Prestation'): InvoiceLineData {
  return { description, quantity, unit: 'flat_rate', unitPrice, vatRate, exemptionReason: vatRate === '0' ? 'VATEX-EU-132' : null, catalogueItemId: null, nature: 'service' };
}

export function balanceOf(totals: InvoiceTotals): Balance {
  const c = (v: string) => Math.round(Number(v) * 100);
  return {
    totalCents: c(totals.total),
    netCents: c(totals.net),
    depositsCents: c(totals.depositsDeducted),
    depositsNetCents: totals.deposits.reduce((s, d) => s + c(d.net), 0),
    creditedCents: 0,
    creditedNetCents: 0,
    paidCents: 0,
    paidNetCents: 0,
    refundedCents: 0,
    refundedNetCents: 0,
  };
}
