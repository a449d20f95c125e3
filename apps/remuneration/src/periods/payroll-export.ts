import { PeriodDates } from './period';
import { parseMoney, sumOf } from '../units';
import { toCsv } from '@kpa/platform';
import { StoredFigures } from './period-figures';

/**
 * The payroll export of an approved period: one line per member for the host structure's payroll
 * (docs/domain-rules.md §5.3: the host makes the payslips; this file says what each member should
 * receive and for which involvement).
 *
 * French spreadsheet and payroll tools read it as it is (toCsv: UTF-8 with a byte order mark, `;`
 * between fields, CRLF line ends, no cell a spreadsheet would run as a formula), with a decimal
 * comma, dates DD/MM/YYYY and a French header row. Amounts are written without thousands separators ("1520,50"); their
 * sum is the period's distributed amount exactly.
 */

export const PAYROLL_CSV_HEADER = [
  'Identifiant membre',
  'Nom',
  'Prénom',
  'Début de période',
  'Fin de période',
  'Montant (€)',
  'Heures missions',
  'Heures journées contributives',
  'Heures tâches collectives',
  'Heures formation entre pairs',
] as const;

/** "152.05" → "152,05"; hours "7.50" → "7,50". */
export function decimalComma(value: string): string {
  return value.replace('.', ',');
}

export function frenchDate(date: string): string {
  return date.split('-').reverse().join('/');
}

export interface PayrollCsv {
  content: string;
  lines: number;
  totalCents: bigint;
}

/** The CSV of frozen figures, members by last name then first name. `names` overrides a name (an erased member's pseudonym). */
export function payrollCsv(period: PeriodDates, figures: StoredFigures, names: ReadonlyMap<string, { firstName: string; lastName: string }> = new Map()): PayrollCsv {
  const split = new Map(figures.members.map((m) => [m.memberId, { firstName: m.firstName, lastName: m.lastName }]));
  const nameOf = (memberId: string) => names.get(memberId) ?? split.get(memberId) ?? { firstName: '', lastName: memberId };
  const rows = figures.shares
    .map((share) => ({ share, ...nameOf(share.memberId) }))
    .sort((a, b) => a.lastName.localeCompare(b.lastName, 'fr') || a.firstName.localeCompare(b.firstName, 'fr') || (a.share.memberId < b.share.memberId ? -1 : 1));
  const content = toCsv([
    PAYROLL_CSV_HEADER,
    ...rows.map(({ share, firstName, lastName }) => [
      share.memberId,
      lastName,
      firstName,
      frenchDate(period.startsOn),
      frenchDate(period.endsOn),
      decimalComma(share.total),
      decimalComma(share.hours.mission),
      decimalComma(share.hours.contributiveDay),
      decimalComma(share.hours.collectiveTask),
      decimalComma(share.hours.peerTraining),
    ]),
  ]);
  return { content, lines: rows.length, totalCents: sumOf(rows.map((r) => parseMoney(r.share.total, 'total'))) };
}
