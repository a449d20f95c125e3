import {
  DomainError,
  ENTRY_SITUATIONS,
  forbiddenCharacterIn,
  forbiddenCharacterMessage,
  Gender,
  GENDERS,
  MEMBER_IMPORT_MAX_FILE_BYTES,
  MemberInput,
  REFERRERS,
  Referrer,
  RefusedRow,
  Skill,
} from '@kpa/contracts';
import { parseCsv, refuseFile, stripBom } from './csv-reader';
import { MemberData, newMember } from './member';
import { Column, COLUMN_HEADERS, enumValue, FIELD_OF, GENDER_NAMES, NO, normalise, REFERRER_NAMES, REQUIRED, SITUATIONS, YES } from './member-import-headers';

/**
 * Reading a spreadsheet of members saved as CSV: pure rules, no I/O.
 *
 * - `parseCsv` (csv-reader.ts) splits the file into cells.
 * - `readMemberSheet`: French or English headers mapped to member fields, French values to the
 *   enumerations (the tables of member-import-headers.ts); a file that cannot be read as a whole
 *   (missing required column…) is refused.
 * - `checkMemberSheet`: each row through the same `newMember` rules as the API, plus duplicates.
 *
 * Row numbers are those a person sees in the spreadsheet: the header is row 1.
 */

/**
 * The limits of one file. The request carrying the file and the report answering it each travel in
 * one NATS message (1 MiB at most): past it the reply is dropped and the caller waits out its
 * timeout (a 503 for a file that was only too big). Every limit is checked before the file is
 * read further, and no refusal echoes more than a short excerpt of what it refuses, so the answer
 * stays small whatever the file holds.
 */
export const MAX_IMPORT_ROWS = 2000;
/** The file as saved (UTF-8 bytes): 2,000 people of about 260 bytes each. */
export const MAX_IMPORT_FILE_BYTES = MEMBER_IMPORT_MAX_FILE_BYTES;
/** A cell: the longest field (a list of 50 skills) fits well within it. */
export const MAX_IMPORT_CELL_CHARACTERS = 5000;
/** Cells in a line, the header's and every person's. */
export const MAX_IMPORT_COLUMNS = 100;
/**
 * Lines, blank ones and the header included (a quoted cell's line breaks aside). Reading costs about
 * 10 µs a line whatever it holds: 512 KiB of line breaks alone would take seconds.
 */
export const MAX_IMPORT_LINES = 10_000;
export const MAX_IMPORT_HEADER_CHARACTERS = 200;
/** How much of a refused value a message quotes. */
const EXCERPT_CHARACTERS = 40;

/** A value as a refusal quotes it: at most EXCERPT_CHARACTERS, then an ellipsis. */
function excerpt(value: string): string {
  const characters = [...value.slice(0, EXCERPT_CHARACTERS + 1)];
  return characters.length > EXCERPT_CHARACTERS ? `${characters.slice(0, EXCERPT_CHARACTERS).join('')}…` : value;
}

const kib = (bytes: number) => `${Math.floor(bytes / 1024).toLocaleString('en')} KiB`;

/** Refuses a file too big to take at once, before reading it. */
function assertFileSize(csv: string): void {
  const bytes = Buffer.byteLength(csv, 'utf8');
  if (bytes > MAX_IMPORT_FILE_BYTES) {
    throw refuseFile(`The file is ${kib(bytes)} (${bytes.toLocaleString('en')} bytes); import at most ${kib(MAX_IMPORT_FILE_BYTES)} at a time (split the file).`, {
      bytes,
      maxBytes: MAX_IMPORT_FILE_BYTES,
    });
  }
}

/** Refuses a cell longer than any field takes: a broken file, not a person to import. */
function assertCellLengths(records: string[][]): void {
  records.forEach((cells, i) => {
    const column = cells.findIndex((cell) => cell.length > MAX_IMPORT_CELL_CHARACTERS);
    if (column === -1) return;
    const row = i + 1;
    throw refuseFile(
      `Row ${row}, column ${column + 1} holds ${cells[column].length.toLocaleString('en')} characters; a cell holds at most ${MAX_IMPORT_CELL_CHARACTERS.toLocaleString('en')}: check that cell, then send the file again.`,
      { row, column: column + 1, characters: cells[column].length, maxCharacters: MAX_IMPORT_CELL_CHARACTERS },
    );
  });
}

/** Refuses a header line that cannot be one: a header as long as a text (parseCsv counts the columns). */
function assertHeaderLine(header: string[]): void {
  const column = header.findIndex((name) => name.trim().length > MAX_IMPORT_HEADER_CHARACTERS);
  if (column !== -1) {
    throw refuseFile(
      `Column ${column + 1} of the header line is ${header[column].trim().length} characters long ("${excerpt(header[column].trim())}"); a header has at most ${MAX_IMPORT_HEADER_CHARACTERS}: is the first line the header line?`,
      { row: 1, column: column + 1, maxCharacters: MAX_IMPORT_HEADER_CHARACTERS },
    );
  }
}

/** `JJ/MM/AAAA` (or with `.` or `-`) and `YYYY-MM-DD` to `YYYY-MM-DD`; undefined when neither. */
export function isoDate(raw: string): string | undefined {
  const value = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  return french ? `${french[3]}-${french[2].padStart(2, '0')}-${french[1].padStart(2, '0')}` : undefined;
}

function list(raw: string): string[] {
  return raw
    .split(/[,;|]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** `cuisine:3, couture (2), jardin`: a level 1–4 after `:` or in brackets, 1 (discovering) when absent. */
function skillList(raw: string): Skill[] {
  const skills: Skill[] = [];
  for (const item of list(raw)) {
    const match = /^(.*?)\s*(?::\s*(\d+)|\(\s*(\d+)\s*\))?$/.exec(item) ?? [item, item];
    const level = match[2] ?? match[3];
    skills.push({ name: match[1].trim(), level: level === undefined ? 1 : Number(level), wantsToLearn: false });
  }
  return skills;
}

export interface SheetRow {
  row: number;
  input: MemberInput;
}

export interface MemberSheet {
  rows: SheetRow[];
  refused: RefusedRow[];
  /** Headers not recognised, as written in the file: not imported. */
  ignoredColumns: string[];
  /** The header of each member field as written in the file, for messages. */
  headers: Record<string, string>;
}

class RowRefused extends Error {
  constructor(
    readonly field: string,
    readonly column: string,
    message: string,
  ) {
    super(message);
  }
}

/** Reads the spreadsheet into member inputs; a file that cannot be read as a whole is refused (IMPORT_FILE_REFUSED). */
export function readMemberSheet(csv: string): MemberSheet {
  if (typeof csv !== 'string' || stripBom(csv).trim() === '') throw refuseFile('The file is empty: send the spreadsheet saved as CSV, with its header line first.');
  assertFileSize(csv);
  const all = parseCsv(csv, undefined, { maxRecords: MAX_IMPORT_LINES, maxFields: MAX_IMPORT_COLUMNS });
  if (all.length > MAX_IMPORT_LINES) {
    throw refuseFile(
      `The file has more than ${MAX_IMPORT_LINES.toLocaleString('en')} lines (blank ones included); import at most ${MAX_IMPORT_ROWS.toLocaleString('en')} people at a time and remove the blank lines.`,
      { maxLines: MAX_IMPORT_LINES },
    );
  }
  assertCellLengths(all);
  const [header, ...records] = all;
  assertHeaderLine(header);
  const columns = new Map<number, Column>();
  const headers: Record<string, string> = {};
  const ignoredColumns: string[] = [];
  header.forEach((name, index) => {
    const key = normalise(name);
    if (key === '') return;
    const column = (Object.keys(COLUMN_HEADERS) as Column[]).find((candidate) => COLUMN_HEADERS[candidate].includes(key) || normalise(candidate) === key);
    if (column === undefined) {
      ignoredColumns.push(name.trim());
      return;
    }
    if (headers[column] !== undefined) {
      throw refuseFile(`The columns "${headers[column]}" and "${name.trim()}" both give ${column}: keep only one of them.`, {
        field: column,
        columns: [headers[column], name.trim()],
      });
    }
    columns.set(index, column);
    headers[column] = name.trim();
  });
  const missing = REQUIRED.filter((column) => headers[column] === undefined);
  if (missing.length > 0) {
    const names = missing.map((column) => `${column} ("${COLUMN_HEADERS[column][0]}")`).join(', ');
    throw refuseFile(
      `The header line lacks the column${missing.length > 1 ? 's' : ''} ${names}: add ${missing.length > 1 ? 'them' : 'it'} and send the file again. Nothing was imported.`,
      {
        missingColumns: missing,
        headerLine: header.map((name) => name.trim()),
        ...(ignoredColumns.length > 0 ? { ignoredColumns } : {}),
      },
    );
  }
  const people = records.map((cells, i) => ({ row: i + 2, cells })).filter(({ cells }) => cells.some((cell) => cell.trim() !== ''));
  if (people.length === 0) throw refuseFile('The file has a header line but no one under it.');
  if (people.length > MAX_IMPORT_ROWS)
    throw refuseFile(`The file lists ${people.length} people; import at most ${MAX_IMPORT_ROWS} at a time (split the file).`, { rows: people.length });

  const sheet: MemberSheet = { rows: [], refused: [], ignoredColumns, headers };
  for (const { row, cells } of people) {
    if (cells.length > header.length && cells.slice(header.length).some((cell) => cell.trim() !== '')) {
      sheet.refused.push({ row, message: `Row ${row} has ${cells.length} cells but the header has ${header.length} columns: a separator or a quote is probably missing.` });
      continue;
    }
    try {
      sheet.rows.push({ row, input: memberInput(cells, columns, headers) });
    } catch (error) {
      if (!(error instanceof RowRefused)) throw error;
      sheet.refused.push({ row, field: error.field, column: error.column, message: error.message });
    }
  }
  return sheet;
}

function memberInput(cells: string[], columns: Map<number, Column>, headers: Record<string, string>): MemberInput {
  const value: Partial<Record<Column, string>> = {};
  columns.forEach((column, index) => {
    const cell = (cells[index] ?? '').trim();
    if (cell !== '') value[column] = cell;
  });
  const refused = (column: Column, message: string) => new RowRefused(FIELD_OF[column] ?? column, headers[column], message);
  // The same characters the API refuses in every text: one NUL in a cell refuses its row, not the file.
  for (const [column, cell] of Object.entries(value) as [Column, string][]) {
    const forbidden = forbiddenCharacterIn(cell);
    if (forbidden) throw refused(column, forbiddenCharacterMessage(`"${headers[column]}"`, forbidden.codePoint));
  }
  const date = (column: Column): string | undefined => {
    const raw = value[column];
    if (raw === undefined) return undefined;
    const iso = isoDate(raw);
    if (iso === undefined) throw refused(column, `"${headers[column]}" must be a date written JJ/MM/AAAA or YYYY-MM-DD, not "${excerpt(raw)}".`);
    return iso;
  };
  const required = (column: Column, hint: string): string => {
    const raw = value[column];
    if (raw === undefined) throw refused(column, `"${headers[column]}" is empty: ${hint}`);
    return raw;
  };

  const situationText = required('situation', "write demandeur d'emploi, RSA, étudiant, salarié à temps partiel or autre.");
  const situation = enumValue(situationText, SITUATIONS, ENTRY_SITUATIONS);
  if (situation === undefined) {
    throw refused('situation', `"${headers.situation}" is "${excerpt(situationText)}": write demandeur d'emploi, RSA, étudiant, salarié à temps partiel or autre.`);
  }

  // An unknown referrer ("France Travail", "CCAS") is kept as `other` with its name as the detail.
  const referrerText = required('referredBy', 'write mission locale, centre social, bouche à oreille, or who referred the person.');
  const known = enumValue(referrerText, REFERRER_NAMES, REFERRERS);
  const referredBy: Referrer = known ?? 'other';
  const referredByDetail = value.referredByDetail ?? (known === undefined ? referrerText : null);

  let gender: Gender | undefined;
  if (value.gender !== undefined) {
    gender = enumValue(value.gender, GENDER_NAMES, GENDERS);
    if (gender === undefined) throw refused('gender', `"${headers.gender}" is "${excerpt(value.gender)}": write femme, homme, non binaire or non précisé (or leave it empty).`);
  }

  let priorityNeighbourhood: boolean | undefined;
  if (value.priorityNeighbourhood !== undefined) {
    const answer = normalise(value.priorityNeighbourhood);
    if (YES.includes(answer)) priorityNeighbourhood = true;
    else if (NO.includes(answer)) priorityNeighbourhood = false;
    else throw refused('priorityNeighbourhood', `"${headers.priorityNeighbourhood}" is "${excerpt(value.priorityNeighbourhood)}": write oui or non.`);
  }

  const hasAddress = value.addressLine !== undefined || value.postalCode !== undefined || value.city !== undefined;
  const skills = value.skills === undefined ? undefined : skillList(value.skills);
  return {
    firstName: value.firstName ?? '',
    lastName: value.lastName ?? '',
    email: value.email ?? null,
    phone: value.phone ?? null,
    birthDate: date('birthDate') ?? '',
    ...(gender === undefined ? {} : { gender }),
    address: hasAddress ? { line: value.addressLine ?? '', postalCode: value.postalCode ?? '', city: value.city ?? '' } : null,
    ...(priorityNeighbourhood === undefined ? {} : { priorityNeighbourhood }),
    situation,
    referredBy,
    referredByDetail,
    charterSignedOn: date('charterSignedOn') ?? null,
    ...(value.joinedOn === undefined ? {} : { joinedOn: date('joinedOn') }),
    ...(skills === undefined ? {} : { skills }),
    ...(value.passions === undefined ? {} : { passions: list(value.passions) }),
  };
}

/** Who a person is for duplicates: names (case and accents aside) and birth date. */
export function personKey(firstName: string, lastName: string, birthDate: string): string {
  return `${normalise(firstName)}|${normalise(lastName)}|${birthDate}`;
}

export interface AcceptedRow {
  row: number;
  data: MemberData;
}

export interface CheckedSheet {
  accepted: AcceptedRow[];
  refused: RefusedRow[];
}

/**
 * Each row through the member rules (`newMember`, as `POST …/members`); a person already on the
 * site (`existing`: their `personKey`s) or twice in the file is refused, so a file can be sent
 * again after fixing its refused rows.
 */
export function checkMemberSheet(sheet: MemberSheet, today: string, existing: ReadonlySet<string> = new Set()): CheckedSheet {
  const accepted: AcceptedRow[] = [];
  const refused: RefusedRow[] = [...sheet.refused];
  const seen = new Map<string, number>();
  const columnOf = (field: string | undefined): string | undefined => {
    if (field === undefined) return undefined;
    const column = (Object.keys(FIELD_OF) as Column[]).find((candidate) => FIELD_OF[candidate] === field) ?? field.replace(/\[\d+\].*$/, '');
    return sheet.headers[column];
  };
  for (const { row, input } of sheet.rows) {
    let data: MemberData;
    try {
      data = newMember(input, today);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const field = typeof (error.details as { field?: unknown } | undefined)?.field === 'string' ? (error.details as { field: string }).field : undefined;
      const column = columnOf(field);
      refused.push({ row, ...(field === undefined ? {} : { field }), ...(column === undefined ? {} : { column }), message: error.message });
      continue;
    }
    const key = personKey(data.firstName, data.lastName, data.birthDate);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      refused.push({ row, message: `${data.firstName} ${data.lastName}, born ${data.birthDate}, is already on row ${earlier}.` });
    } else if (existing.has(key)) {
      refused.push({ row, message: `${data.firstName} ${data.lastName}, born ${data.birthDate}, is already a member of this site.` });
    } else {
      seen.set(key, row);
      accepted.push({ row, data });
    }
  }
  return { accepted, refused: refused.sort((a, b) => a.row - b.row) };
}
