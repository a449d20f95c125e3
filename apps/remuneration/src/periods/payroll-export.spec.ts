import { StoredFigures } from './period-figures';
import { PAYROLL_CSV_HEADER, payrollCsv } from './payroll-export';

function share(memberId: string, total: string, mission = '0.00') {
  return {
    memberId,
    name: '',
    total,
    beforeCap: total,
    byRule: [],
    capAdjustment: null,
    hours: { mission, contributiveDay: '1.50', collectiveTask: '0.00', peerTraining: '2.25' },
  };
}

const figures = {
  shares: [share('b', '1520.50', '12.00'), share('a', '0.05'), share('c', '7.45')],
  members: [
    { memberId: 'a', firstName: 'Élodie', lastName: 'Zidane' },
    { memberId: 'b', firstName: 'Jean; "Jo"', lastName: 'Émile' },
    { memberId: 'c', firstName: 'Ana', lastName: '=HYPERLINK("x")' },
  ],
} as unknown as StoredFigures;

describe('payrollCsv', () => {
  const csv = payrollCsv({ startsOn: '2026-03-01', endsOn: '2026-03-31' }, figures);
  const lines = csv.content.slice(1).split('\r\n');

  it('UTF-8 BOM, ";" separated, French header, decimal comma, DD/MM/YYYY, CRLF, names by French order', () => {
    expect(csv.content.startsWith('\ufeff')).toBe(true);
    expect(lines[0]).toBe(PAYROLL_CSV_HEADER.join(';'));
    expect(lines[0]).toBe(
      'Identifiant membre;Nom;Prénom;Début de période;Fin de période;Montant (€);Heures missions;Heures journées contributives;Heures tâches collectives;Heures formation entre pairs',
    );
    // "'=HYPERLINK" (neutralised) sorts before "Émile" before "Zidane".
    expect(lines.slice(1)).toEqual([
      `c;"'=HYPERLINK(""x"")";Ana;01/03/2026;31/03/2026;7,45;0,00;1,50;0,00;2,25`,
      'b;Émile;"Jean; ""Jo""";01/03/2026;31/03/2026;1520,50;12,00;1,50;0,00;2,25',
      'a;Zidane;Élodie;01/03/2026;31/03/2026;0,05;0,00;1,50;0,00;2,25',
      '',
    ]);
    expect(csv.lines).toBe(3);
    expect(csv.totalCents).toBe(152_800n);
  });

  it('a name given for an erased member replaces the one frozen', () => {
    const erased = payrollCsv({ startsOn: '2026-03-01', endsOn: '2026-03-31' }, figures, new Map([['a', { firstName: 'Membre effacé', lastName: '#0000000a' }]]));
    expect(erased.content).toContain('a;#0000000a;Membre effacé;');
    expect(erased.content).not.toContain('Zidane');
  });
});
