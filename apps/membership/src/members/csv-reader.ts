import { parse } from 'csv-parse/sync';
import { CastingContext } from 'csv-parse';
import { DomainError } from '@kpa/contracts';

/**
 * Reading a spreadsheet saved as CSV, whatever it holds (csv-parse does the RFC 4180 work): quoted
 * fields may hold separators, doubled quotes and line breaks; CRLF, LF or CR line ends; the UTF-8
 * BOM is dropped; the separator, `;` (French spreadsheets) or `,`, is read from the header line.
 * Empty lines stay (as one empty field) so row numbers stay those a person sees.
 */

export type Separator = ';' | ',';

/** A file that cannot be read as a whole (IMPORT_FILE_REFUSED): nothing of it is imported. */
export function refuseFile(message: string, details?: Record<string, unknown>): DomainError {
  return new DomainError('IMPORT_FILE_REFUSED', message, details);
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The separator of the file: the one that appears (outside quotes) most often in the header line. */
export function detectSeparator(text: string): Separator {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char === ';') semicolons++;
    else if (!quoted && char === ',') commas++;
  }
  return semicolons >= commas && semicolons > 0 ? ';' : ',';
}

/**
 * Spreadsheets read text after a closing quote as more of the cell (`"a"b` is `ab`); csv-parse,
 * relaxed, keeps such a field as written. From the field as written (opening with a quote): the
 * quoted part unescaped, then the rest; undefined when the closing quote ends the field (a plain
 * quoted field, which csv-parse read right).
 */
function textAfterClosingQuote(written: string): string | undefined {
  let close = 1;
  while (close < written.length && !(written[close] === '"' && written[close + 1] !== '"')) close += written[close] === '"' ? 2 : 1;
  if (close >= written.length - 1) return undefined;
  return written.slice(1, close).replace(/""/g, '"') + written.slice(close + 1);
}

/**
 * Splits CSV text into records of fields. Text after a closing quote is kept (`"a"b` reads `ab`)
 * and a quote inside an unquoted field stays, as spreadsheets do; a quote never closed refuses the
 * file, naming the row where it opened.
 *
 * Limits keep the reading linear: csv-parse hands each field the record so far (a copy), so a
 * record's cost grows with its number of fields times its length; `maxFields` refuses a record of
 * more fields (naming its row) as soon as it is met. With `maxRecords`, reading stops at the record
 * after it (the caller refuses the file): a file of blank lines costs no more than that many records.
 */
export function parseCsv(
  input: string,
  separator: Separator = detectSeparator(stripBom(input)),
  { maxRecords, maxFields }: { maxRecords?: number; maxFields?: number } = {},
): string[][] {
  // Where the current field starts in the record as written (csv-parse gives the record so far).
  let fieldStart = 0;
  const cast = (value: string, context: CastingContext): string => {
    if (maxFields !== undefined && context.index >= maxFields) {
      const row = context.records + 1;
      throw refuseFile(`Row ${row} has more than ${maxFields} cells; a file has at most ${maxFields} columns: check the separator, or remove the unused columns.`, {
        row,
        maxColumns: maxFields,
      });
    }
    const raw = (context as CastingContext & { raw?: string }).raw ?? '';
    if (context.index === 0) fieldStart = 0;
    const terminator = raw.endsWith('\r\n') ? 2 : raw.endsWith('\n') || raw.endsWith('\r') || raw.endsWith(separator) ? 1 : 0;
    const written = raw.slice(fieldStart, raw.length - terminator);
    fieldStart = raw.length;
    return (context.quoting && written.startsWith('"') && textAfterClosingQuote(written)) || value;
  };
  try {
    // `raw` gives the cast the record as written (the records then come as {record, raw}).
    const records = parse(input, {
      delimiter: separator,
      bom: true,
      relax_quotes: true,
      relax_column_count: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      skip_empty_lines: false,
      raw: true,
      cast,
      ...(maxRecords === undefined ? {} : { to: maxRecords + 1 }),
    }) as unknown as { record: string[] }[];
    return records.map(({ record }) => record);
  } catch (error) {
    if ((error as { code?: string }).code !== 'CSV_QUOTE_NOT_CLOSED') throw error;
    const row = (error as { records: number }).records + 1;
    throw refuseFile(`Row ${row} opens a quote (") that is never closed: check that cell, then save the file again as CSV.`, { row });
  }
}
