import { PeriodDates } from './period';
import { parseMoney, sumOf } from '../units';
import { StoredFigures } from './period-figures';

/**
 * The payroll export of an approved period: one line per member for the host structure's payroll
 * (DOMAIN-RULES §5.3: the host makes the payslips; this file says what each member should
 * receive and for which involvement).
 *
 * French spreadsheet and payroll tools read it as it is: UTF-8 with a byte order mark (or Excel
 * reads it as Windows-1252), `;` between fields, a decimal comma, dates DD/MM/YYYY, CRLF line
 * ends, a French header row. Amounts are written without thousands separators ("1520,50"); their
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

const BOM = '\ufeff';
const SEPARATOR = ';';
const EOL = '\r\n';

/**
 * A text field: quoted when it holds a separator, a quote or a line break; a leading = + - @ (or
 * tab, CR) is neutralised with an apostrophe so a spreadsheet never runs a name as a formula
 * (OWASP "CSV injection").
 */
export function csvText(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

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
  const lines = [
    PAYROLL_CSV_HEADER.join(SEPARATOR),
    ...rows.map(({ share, firstName, lastName }) =>
      [
        share.memberId,
        csvText(lastName),
        csvText(firstName),
        frenchDate(period.startsOn),
        frenchDate(period.endsOn),
        decimalComma(share.total),
        decimalComma(share.hours.mission),
        decimalComma(share.hours.contributiveDay),
        decimalComma(share.hours.collectiveTask),
        decimalComma(share.hours.peerTraining),
      ].join(SEPARATOR),
    ),
  ];
  return { content: BOM + lines.join(EOL) + EOL, lines: rows.length, totalCents: sumOf(rows.map((r) => parseMoney(r.share.total, 'total'))) };
}
