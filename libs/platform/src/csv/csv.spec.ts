import { csvCell, neutraliseFormula, toCsv } from './csv';

describe('toCsv', () => {
  it('UTF-8 BOM, ";" between fields, CRLF after every line', () => {
    expect(
      toCsv([
        ['Nom', 'Montant (€)'],
        ['Benali', '1520,50'],
      ]),
    ).toBe('\ufeffNom;Montant (€)\r\nBenali;1520,50\r\n');
  });

  it('quotes a field only when it holds the separator, a quote or a line break', () => {
    expect(toCsv([['a;b', 'x"y', 'l\nm', 'c\rd', 'plain', '']], { bom: false })).toBe('"a;b";"x""y";"l\nm";"c\rd";plain;\r\n');
  });

  it('takes another separator, and no BOM when asked', () => {
    expect(toCsv([['a,b', 'c;d']], { delimiter: ',', bom: false })).toBe('"a,b",c;d\r\n');
  });

  it('neutralises what a spreadsheet would run as a formula, in every cell', () => {
    expect(['=1+1', '+33 6', '-1', '@x', '\tx', '\rx', 'Benali', "l'=x"].map(neutraliseFormula)).toEqual(["'=1+1", "'+33 6", "'-1", "'@x", "'\tx", "'\rx", 'Benali', "l'=x"]);
    expect(toCsv([['=HYPERLINK("x")']], { bom: false })).toBe(`"'=HYPERLINK(""x"")"\r\n`);
  });
});

describe('csvCell', () => {
  it('text fields are quoted only when needed, and formulas neutralised', () => {
    expect(csvCell('Benali')).toBe('Benali');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('+33 6')).toBe("'+33 6");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@x')).toBe("'@x");
  });
});
