import { EReportingFigures, frenchDate, LineNature } from '@kpa/contracts';
import { VAT_ON_DEBITS_SENTENCE } from '../documents/legal-mentions';

/**
 * The e-reporting figures as a CSV an accountant or a PA's import screen reads (docs/e-reporting.md):
 * the project's French spreadsheet conventions — UTF-8 with a byte order mark, `;` between fields,
 * CRLF, dates DD/MM/YYYY, amounts with a decimal comma and no thousands separator ("-1234,50").
 * One line per period, data set (transactions / payments), VAT rate and nature (goods or services);
 * no customer identity. Under the option for VAT on debits, each period says in one line that it has
 * no payment data.
 *
 * Not through the platform's toCsv: it turns a leading "-" into "'-" (formula guard), which would
 * make a negative amount (credit notes over invoices, refunds over payments) text. Amounts here are
 * our own digits; the only free text (an exemption reason) is guarded and quoted below.
 */

export const E_REPORTING_CSV_HEADER = [
  'Début de période',
  'Fin de période',
  'Données',
  'Nature',
  'Catégorie TVA',
  'Taux TVA (%)',
  "Motif d'exonération",
  'Base HT',
  'TVA',
  'Montant TTC',
  'Facturé ou encaissé TTC',
  'Avoirs ou remboursements TTC',
] as const;

const NATURES: Record<LineNature, string> = { goods: 'Biens', service: 'Services' };

/** The line of a period under the option for VAT on debits: no payment data, and why. */
export const NO_PAYMENT_DATA = `Encaissements non déclarés : ${VAT_ON_DEBITS_SENTENCE}`;

/** "-1234.50" → "-1234,50". */
function amount(value: string): string {
  return value.replace('.', ',');
}

/** A text cell: a leading = + - @ gets an apostrophe (CSV injection), quoted when it holds ; " or a line break. */
function text(value: string): string {
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

function cents(value: string): number {
  const negative = value.startsWith('-');
  const [units, decimals] = (negative ? value.slice(1) : value).split('.');
  const result = Number(units) * 100 + Number(decimals);
  return negative ? -result : result;
}

function format(total: number): string {
  const sign = total < 0 ? '-' : '';
  const abs = Math.abs(total);
  return `${sign}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

export function eReportingCsv(figures: EReportingFigures): string {
  const rows: string[][] = [[...E_REPORTING_CSV_HEADER]];
  for (const period of figures.periods) {
    const when = [frenchDate(period.from), frenchDate(period.to)];
    for (const rate of period.transactions.rates) {
      const credited = format(cents(rate.creditedBase) + cents(rate.creditedVat));
      const invoiced = format(cents(rate.invoicedBase) + cents(rate.invoicedVat));
      rows.push([
        ...when,
        'Opérations',
        NATURES[rate.nature],
        rate.category,
        amount(rate.rate),
        text(rate.exemptionReason ?? ''),
        amount(rate.base),
        amount(rate.vat),
        amount(rate.total),
        invoiced,
        credited,
      ]);
    }
    if (period.payments === null) {
      rows.push([...when, NO_PAYMENT_DATA, NATURES.service, '', '', '', '', '', '', '', '']);
      continue;
    }
    for (const rate of period.payments.rates) {
      rows.push([
        ...when,
        'Encaissements',
        NATURES.service,
        rate.category,
        amount(rate.rate),
        text(rate.exemptionReason ?? ''),
        amount(rate.base),
        amount(rate.vat),
        amount(rate.amount),
        amount(rate.received),
        amount(rate.refunded),
      ]);
    }
  }
  return `\ufeff${rows.map((row) => row.join(';')).join('\r\n')}\r\n`;
}

/** e-reporting-<from>-<to>.csv */
export function eReportingFilename(figures: Pick<EReportingFigures, 'from' | 'to'>): string {
  return `e-reporting-${figures.from}-${figures.to}.csv`;
}
