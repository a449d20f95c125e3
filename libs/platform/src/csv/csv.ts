import { stringify } from 'csv-stringify/sync';

/**
 * CSV files for people's spreadsheets (payroll exports, reports). French tools read them as they
 * are: UTF-8 with a byte order mark (without it Excel reads Windows-1252), `;` between fields
 * (the comma is the decimal separator), CRLF line ends. Fields are quoted only when they hold a
 * separator, a quote or a line break (RFC 4180).
 */
export interface CsvOptions {
  /** `;` by default. */
  delimiter?: string;
  /** A byte order mark first: true by default. */
  bom?: boolean;
}

/**
 * A text cell a spreadsheet must never run as a formula: a leading = + - @ (or tab, CR) gets an
 * apostrophe (OWASP "CSV injection"). Every cell of `toCsv` goes through it: write numbers as text
 * that starts with a digit (a negative amount would be neutralised too).
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The file: every row (header first) on its own line, CRLF after each, every cell guarded against formulas. */
export function toCsv(rows: readonly (readonly string[])[], options: CsvOptions = {}): string {
  return stringify(
    rows.map((row) => row.map(neutraliseFormula)),
    { delimiter: options.delimiter ?? ';', record_delimiter: '\r\n', bom: options.bom ?? true, quoted_match: /[\r\n]/ },
  );
}

/** One cell as `toCsv` writes it (guarded, quoted when needed). */
export function csvCell(value: string, options: Pick<CsvOptions, 'delimiter'> = {}): string {
  return toCsv([[value]], { ...options, bom: false }).slice(0, -2);
}
