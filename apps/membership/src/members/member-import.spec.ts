import { detectSeparator, parseCsv } from './csv-reader';
import {
  checkMemberSheet,
  isoDate,
  MAX_IMPORT_CELL_CHARACTERS,
  MAX_IMPORT_COLUMNS,
  MAX_IMPORT_FILE_BYTES,
  MAX_IMPORT_HEADER_CHARACTERS,
  MAX_IMPORT_LINES,
  MAX_IMPORT_ROWS,
  personKey,
  readMemberSheet,
} from './member-import';
import { normalise } from './member-import-headers';
import { refusalOf } from '@kpa/testing/refusal';

const today = '2026-11-21';

const FRENCH_HEADER = 'prénom;nom;date de naissance;situation;orienté par';

describe('parseCsv (RFC 4180)', () => {
  it('reads plain fields with either separator', () => {
    expect(parseCsv('a;b;c\n1;2;3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
    expect(parseCsv('a,b,c\n1,2,3')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('detects the separator from the header line only, outside quotes', () => {
    expect(detectSeparator('prénom;nom;ville\nA,B;C,D;E')).toBe(';');
    expect(detectSeparator('firstName,lastName\n"a;b;c";d')).toBe(',');
    expect(detectSeparator('"a;b",c,d\n')).toBe(',');
    expect(detectSeparator('alone')).toBe(',');
  });

  it('keeps separators, doubled quotes and line breaks inside quoted fields', () => {
    expect(parseCsv('a;b\n"x;y";"il a dit ""bonjour"""\n"deux\nlignes";z')).toEqual([
      ['a', 'b'],
      ['x;y', 'il a dit "bonjour"'],
      ['deux\nlignes', 'z'],
    ]);
  });

  it('accepts CRLF, LF and CR line ends, and no line end at the end', () => {
    expect(parseCsv('a,b\r\n1,2\r\n3,4')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(parseCsv('a,b\r1,2\r')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsv('"a\r\nb",c\r\n')).toEqual([['a\r\nb', 'c']]);
  });

  it('strips a UTF-8 byte order mark', () => {
    expect(parseCsv('\uFEFFprénom;nom\nA;B')).toEqual([
      ['prénom', 'nom'],
      ['A', 'B'],
    ]);
  });

  it('keeps empty fields, including a trailing one and an empty quoted one', () => {
    expect(parseCsv('a;;c;\n"";x;;')).toEqual([
      ['a', '', 'c', ''],
      ['', 'x', '', ''],
    ]);
  });

  it('keeps text after a closing quote, as spreadsheets do, and quotes inside an unquoted field', () => {
    expect(parseCsv('"a"b,c"d')).toEqual([['ab', 'c"d']]);
  });

  it('refuses a quote never closed, naming the row where it opened', () => {
    const error = refusalOf(() => parseCsv('a;b\n1;2\n"3;4\n5;6'));
    expect(error.code).toBe('IMPORT_FILE_REFUSED');
    expect(error.details).toEqual({ row: 3 });
  });
});

describe('normalise and dates', () => {
  it('makes French and English headers comparable', () => {
    expect(normalise("Date d'entrée")).toBe('date d entree');
    expect(normalise('joinedOn')).toBe('joined on');
    expect(normalise('  Orienté(e) par ')).toBe('oriente e par');
    expect(normalise('E-mail')).toBe('e mail');
  });

  it('reads JJ/MM/AAAA and YYYY-MM-DD, nothing else', () => {
    expect(isoDate('14/05/2009')).toBe('2009-05-14');
    expect(isoDate('4/5/2009')).toBe('2009-05-04');
    expect(isoDate('14.05.2009')).toBe('2009-05-14');
    expect(isoDate('2009-05-14')).toBe('2009-05-14');
    expect(isoDate('14/05/09')).toBeUndefined();
    expect(isoDate('mai 2009')).toBeUndefined();
  });
});

describe('readMemberSheet', () => {
  it('maps French headers and values to a member', () => {
    const csv = [
      "\uFEFFPrénom;Nom;Date de naissance;Téléphone;Courriel;Situation;Orienté par;QPV;Date d'entrée;Compétences;Passions;Adresse;Code postal;Ville;Sexe",
      'Inès;Benali;14/05/2009;06 12 34 56 78;ines@example.org;Demandeuse d\'emploi;Mission locale;oui;01/09/2026;"cuisine:3, couture (2); jardin";couture, football;12 rue de l\'Épeule;59100;Roubaix;F',
    ].join('\r\n');
    const sheet = readMemberSheet(csv);
    expect(sheet.refused).toEqual([]);
    expect(sheet.ignoredColumns).toEqual([]);
    expect(sheet.rows).toEqual([
      {
        row: 2,
        input: {
          firstName: 'Inès',
          lastName: 'Benali',
          birthDate: '2009-05-14',
          phone: '06 12 34 56 78',
          email: 'ines@example.org',
          situation: 'job_seeker',
          referredBy: 'mission_locale',
          referredByDetail: null,
          priorityNeighbourhood: true,
          joinedOn: '2026-09-01',
          skills: [
            { name: 'cuisine', level: 3, wantsToLearn: false },
            { name: 'couture', level: 2, wantsToLearn: false },
            { name: 'jardin', level: 1, wantsToLearn: false },
          ],
          passions: ['couture', 'football'],
          address: { line: "12 rue de l'Épeule", postalCode: '59100', city: 'Roubaix' },
          gender: 'female',
          charterSignedOn: null,
        },
      },
    ]);
  });

  it('maps English headers (the API field names) and API values, with commas', () => {
    const sheet = readMemberSheet('firstName,lastName,birthDate,situation,referredBy,priorityNeighbourhood,joinedOn\nSam,Durand,2001-02-03,rsa,word_of_mouth,no,2026-10-01\n');
    expect(sheet.rows[0].input).toMatchObject({
      firstName: 'Sam',
      birthDate: '2001-02-03',
      situation: 'rsa',
      referredBy: 'word_of_mouth',
      priorityNeighbourhood: false,
      joinedOn: '2026-10-01',
    });
  });

  it.each([
    ["demandeur d'emploi", 'job_seeker'],
    ['RSA', 'rsa'],
    ['étudiant', 'student'],
    ['Étudiante', 'student'],
    ['salarié à temps partiel', 'employed_part_time'],
    ['autre', 'other'],
    ['job seeker', 'job_seeker'],
  ])('situation "%s" is %s', (text, value) => {
    expect(readMemberSheet(`${FRENCH_HEADER}\nA;B;01/01/2000;${text};mission locale`).rows[0].input.situation).toBe(value);
  });

  it.each([
    ['mission locale', 'mission_locale', null],
    ['Centre social', 'social_centre', null],
    ['bouche à oreille', 'word_of_mouth', null],
    ["bouche-à-l'oreille", 'word_of_mouth', null],
    ['France Travail', 'other', 'France Travail'],
  ])('referrer "%s" is %s', (text, value, detail) => {
    expect(readMemberSheet(`${FRENCH_HEADER}\nA;B;01/01/2000;RSA;${text}`).rows[0].input).toMatchObject({ referredBy: value, referredByDetail: detail });
  });

  it.each([
    ['oui', true],
    ['Non', false],
    ['yes', true],
    ['no', false],
    ['1', true],
    ['0', false],
  ])('QPV "%s" is %s', (text, value) => {
    expect(readMemberSheet(`${FRENCH_HEADER};QPV\nA;B;01/01/2000;RSA;ml;${text}`).rows[0].input.priorityNeighbourhood).toBe(value);
  });

  it('reports unknown columns and ignores them', () => {
    const sheet = readMemberSheet(`${FRENCH_HEADER};Pointure;\nA;B;01/01/2000;RSA;ml;42;`);
    expect(sheet.ignoredColumns).toEqual(['Pointure']);
    expect(sheet.rows).toHaveLength(1);
  });

  it('refuses the whole file when a required column is missing, naming it', () => {
    const error = refusalOf(() => readMemberSheet('prénom;nom;situation\nA;B;RSA'));
    expect(error.code).toBe('IMPORT_FILE_REFUSED');
    expect(error.message).toContain('birthDate ("date de naissance")');
    expect(error.message).toContain('referredBy ("oriente par")');
    expect(error.details).toMatchObject({ missingColumns: ['birthDate', 'referredBy'] });
  });

  it('refuses an empty file, a header alone, two columns for one field, and too many rows', () => {
    expect(refusalOf(() => readMemberSheet('\uFEFF  \r\n')).code).toBe('IMPORT_FILE_REFUSED');
    expect(refusalOf(() => readMemberSheet(`${FRENCH_HEADER}\n;;;;\n`)).message).toContain('no one');
    expect(refusalOf(() => readMemberSheet(`${FRENCH_HEADER};firstName\nA;B;01/01/2000;RSA;ml;C`)).details).toMatchObject({ field: 'firstName' });
    const many = `${FRENCH_HEADER}\n${'A;B;01/01/2000;RSA;ml\n'.repeat(MAX_IMPORT_ROWS + 1)}`;
    expect(refusalOf(() => readMemberSheet(many)).message).toContain(`at most ${MAX_IMPORT_ROWS}`);
  });

  describe('limits: a refusal or a report stays small (one NATS message, 1 MiB), whatever the file holds', () => {
    /** What travels back to the gateway, as bytes of JSON. */
    const wireBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');
    const row = 'Inès;Benali;14/05/2009;étudiant;mission locale\n';

    it('refuses a file above 512 KiB counted in UTF-8 bytes (400,000 é are 800 KB), naming the limit, without echoing it', () => {
      const error = refusalOf(() => readMemberSheet('é'.repeat(400_000)));
      expect(error.code).toBe('IMPORT_FILE_REFUSED');
      expect(error.message).toBe('The file is 781 KiB (800,000 bytes); import at most 512 KiB at a time (split the file).');
      expect(error.details).toEqual({ bytes: 800_000, maxBytes: MAX_IMPORT_FILE_BYTES });
      // One byte over refuses; the limit itself is read (as ASCII, 1 byte a character).
      const exactly = `${FRENCH_HEADER}\n${'A;B;01/01/2000;RSA;ml\n'.repeat(20)}`;
      const room = MAX_IMPORT_FILE_BYTES - Buffer.byteLength(exactly);
      const padded = exactly + `${';'.repeat(99)}\n`.repeat(Math.floor(room / 100)) + ' '.repeat(room % 100);
      expect(readMemberSheet(padded).rows).toHaveLength(20);
      expect(refusalOf(() => readMemberSheet(`${padded}\n`)).details).toMatchObject({ bytes: MAX_IMPORT_FILE_BYTES + 1 });
    });

    it('refuses a cell longer than 5,000 characters, naming its row and column, without echoing it', () => {
      const long = 'é'.repeat(MAX_IMPORT_CELL_CHARACTERS + 1);
      const inHeader = refusalOf(() => readMemberSheet(long));
      expect(inHeader.message).toBe('Row 1, column 1 holds 5,001 characters; a cell holds at most 5,000: check that cell, then send the file again.');
      const inRow = refusalOf(() => readMemberSheet(`${FRENCH_HEADER}\n${row}A;B;01/01/2000;"${long}";ml\n`));
      expect(inRow.details).toEqual({ row: 3, column: 4, characters: 5001, maxCharacters: MAX_IMPORT_CELL_CHARACTERS });
      expect(wireBytes(inRow)).toBeLessThan(1000);
      // At the limit, the cell is read (and the rules of the field then refuse the row, not the file).
      const atLimit = readMemberSheet(`${FRENCH_HEADER}\nA;B;01/01/2000;${'x'.repeat(MAX_IMPORT_CELL_CHARACTERS)};ml\n`);
      expect(atLimit.refused).toEqual([expect.objectContaining({ row: 2, field: 'situation' })]);
      expect(wireBytes(atLimit.refused)).toBeLessThan(500);
    });

    it('refuses a header line of more than 100 columns, or with a header longer than 200 characters', () => {
      const wide = `${FRENCH_HEADER}${';'.repeat(MAX_IMPORT_COLUMNS - 4)}\n${row}`;
      expect(refusalOf(() => readMemberSheet(wide)).details).toEqual({ row: 1, maxColumns: MAX_IMPORT_COLUMNS });
      expect(readMemberSheet(`${FRENCH_HEADER}${';'.repeat(MAX_IMPORT_COLUMNS - 5)}\n${row}`).rows).toHaveLength(1);
      // A person's line too (a wrong separator or a stray quote): refused as soon as met, in linear time.
      const started = performance.now();
      const manyCells = refusalOf(() => readMemberSheet(`${FRENCH_HEADER}\n${row}${';'.repeat(500_000)}`));
      expect(performance.now() - started).toBeLessThan(2000);
      expect(manyCells.message).toBe('Row 3 has more than 100 cells; a file has at most 100 columns: check the separator, or remove the unused columns.');
      const longHeader = refusalOf(() => readMemberSheet(`${FRENCH_HEADER};${'n'.repeat(MAX_IMPORT_HEADER_CHARACTERS + 1)}\n${row}`));
      expect(longHeader.message).toContain('Column 6 of the header line is 201 characters long');
      expect(longHeader.message).toContain('is the first line the header line?');
      expect(wireBytes(longHeader)).toBeLessThan(1000);
    });

    it('a file at the limits (2,000 people, every one refused with a long value) reads fast and answers well under 1 MiB', () => {
      const people = Array.from({ length: MAX_IMPORT_ROWS }, (_, i) => `P${i};Q${i};01/01/2000;${'z'.repeat(100)};ml;${'y'.repeat(100)}`).join('\n');
      const csv = `${FRENCH_HEADER};${'c'.repeat(MAX_IMPORT_HEADER_CHARACTERS)}\n${people}`;
      expect(Buffer.byteLength(csv)).toBeLessThanOrEqual(MAX_IMPORT_FILE_BYTES);
      const started = performance.now();
      const sheet = readMemberSheet(csv);
      const { refused } = checkMemberSheet(sheet, today, new Set());
      expect(performance.now() - started).toBeLessThan(2000);
      expect(refused).toHaveLength(MAX_IMPORT_ROWS);
      expect(refused[0].message).toBe(`"situation" is "${'z'.repeat(40)}…": write demandeur d'emploi, RSA, étudiant, salarié à temps partiel or autre.`);
      expect(wireBytes({ refused, ignoredColumns: sheet.ignoredColumns })).toBeLessThan(512 * 1024);
    });

    it('refuses a file of more than 10,000 lines (blank ones count) without reading it all: 512 KiB of line breaks is refused fast', () => {
      const blank = `${FRENCH_HEADER}\n${row}${'\n'.repeat(MAX_IMPORT_FILE_BYTES - 200)}`;
      const started = performance.now();
      const error = refusalOf(() => readMemberSheet(blank));
      expect(performance.now() - started).toBeLessThan(2000);
      expect(error.details).toEqual({ maxLines: MAX_IMPORT_LINES });
      expect(error.message).toContain('more than 10,000 lines');
      const lines = (n: number) => `${FRENCH_HEADER}\n${row}${'\n'.repeat(n - 2)}`;
      expect(readMemberSheet(lines(MAX_IMPORT_LINES)).rows).toHaveLength(1);
      expect(refusalOf(() => readMemberSheet(lines(MAX_IMPORT_LINES + 1))).details).toEqual({ maxLines: MAX_IMPORT_LINES });
    });

    it('2,000 valid people are read and checked fast', () => {
      const csv = `${FRENCH_HEADER}\n${Array.from({ length: MAX_IMPORT_ROWS }, (_, i) => `Prénom${i};Nom${i};01/01/2000;étudiant;mission locale`).join('\n')}`;
      const started = performance.now();
      const { accepted, refused } = checkMemberSheet(readMemberSheet(csv), today, new Set());
      expect(performance.now() - started).toBeLessThan(2000);
      expect(refused).toEqual([]);
      expect(accepted).toHaveLength(MAX_IMPORT_ROWS);
    });
  });

  it('numbers rows as the spreadsheet does (header row 1), skipping blank lines but counting them', () => {
    const sheet = readMemberSheet(`${FRENCH_HEADER}\nA;B;01/01/2000;RSA;ml\n\n;;;;\nC;D;1er mai;RSA;ml\n"E\nF";G;01/01/2000;RSA;ml\nH;I;01/01/2000;RSA;ml`);
    expect(sheet.rows.map((r) => r.row)).toEqual([2, 6, 7]);
    expect(sheet.refused).toEqual([{ row: 5, field: 'birthDate', column: 'date de naissance', message: expect.stringContaining('JJ/MM/AAAA') }]);
  });

  it('refuses a row with unknown values or more cells than the header, and tells what to write', () => {
    const sheet = readMemberSheet(
      `${FRENCH_HEADER};QPV;sexe\nA;B;01/01/2000;chômeur;ml;;\nA;B;01/01/2000;RSA;ml;peut-être;\nA;B;01/01/2000;RSA;ml;;x\nA;B;01/01/2000;RSA;ml;;;en trop\nA;B;01/01/2000;;ml;;`,
    );
    expect(sheet.refused.map(({ row, field }) => ({ row, field }))).toEqual([
      { row: 2, field: 'situation' },
      { row: 3, field: 'priorityNeighbourhood' },
      { row: 4, field: 'gender' },
      { row: 5, field: undefined },
      { row: 6, field: 'situation' },
    ]);
    expect(sheet.refused[0].message).toContain("demandeur d'emploi");
    expect(sheet.refused[4].message).toContain('is empty');
  });

  it('refuses a row with a control or direction character in a cell, naming its row and field, and keeps the others', () => {
    const sheet = readMemberSheet(
      `${FRENCH_HEADER};ville\nA;B;01/01/2000;RSA;ml;Lille\nC\u0000;D;01/01/2000;RSA;ml;Lille\nE;F;01/01/2000;RSA;ml;Roubaix\u202e\nG;H;01/01/2000;RSA;ml;"Tour\u0085coing"\nI;J;01/01/2000;RSA;ml;"Lille\tNord"`,
    );
    expect(sheet.rows.map((r) => r.row)).toEqual([2, 6]);
    expect(sheet.refused).toEqual([
      { row: 3, field: 'firstName', column: 'prénom', message: expect.stringContaining('U+0000') },
      { row: 4, field: 'address.city', column: 'ville', message: expect.stringContaining('U+202E') },
      { row: 5, field: 'address.city', column: 'ville', message: expect.stringContaining('U+0085') },
    ]);
  });
});

describe('checkMemberSheet', () => {
  it('passes each row through the member rules and reports the field and the column', () => {
    const sheet = readMemberSheet(
      `${FRENCH_HEADER};courriel;code postal;compétences\nA;B;01/01/2000;RSA;ml;;;\nC;D;01/01/2099;RSA;ml;;;\nE;F;01/01/2000;RSA;ml;pas-un-mail;;\nG;H;01/01/2000;RSA;ml;;591;\nI;J;01/01/2000;RSA;ml;;;cuisine:9`,
    );
    const checked = checkMemberSheet(sheet, today);
    expect(checked.accepted.map((a) => a.row)).toEqual([2]);
    expect(checked.accepted[0].data).toMatchObject({ firstName: 'A', joinedOn: today, priorityNeighbourhood: false });
    expect(checked.refused.map(({ row, field, column }) => ({ row, field, column }))).toEqual([
      { row: 3, field: 'birthDate', column: 'date de naissance' },
      { row: 4, field: 'email', column: 'courriel' },
      { row: 5, field: 'address.postalCode', column: 'code postal' },
      { row: 6, field: 'skills[0].level', column: 'compétences' },
    ]);
  });

  it('refuses a person twice in the file, or already on the site, so a file may be sent again', () => {
    const sheet = readMemberSheet(`${FRENCH_HEADER}\nInès;Benali;14/05/2009;RSA;ml\nines;BENALI;2009-05-14;RSA;ml\nSam;Durand;01/01/2000;RSA;ml`);
    const checked = checkMemberSheet(sheet, today, new Set([personKey('Sam', 'Durand', '2000-01-01')]));
    expect(checked.accepted.map((a) => a.row)).toEqual([2]);
    expect(checked.refused).toEqual([
      { row: 3, message: expect.stringContaining('already on row 2') },
      { row: 4, message: expect.stringContaining('already a member') },
    ]);
  });

  it('keeps the refusals of reading and of the rules in row order', () => {
    const sheet = readMemberSheet(`${FRENCH_HEADER}\nA;B;2099-01-01;RSA;ml\nC;D;hier;RSA;ml\nE;F;01/01/2000;RSA;ml`);
    expect(checkMemberSheet(sheet, today).refused.map((r) => r.row)).toEqual([2, 3]);
  });
});
