import { addDays, FollowUpItem } from '@kpa/contracts';
import { capeThreshold, digestItems, digestText, DigestSources, LINES_PER_HEADING, newDigest, shortDate, shortName } from './digest';

const TODAY = '2026-12-05';
const INES = '0192a000-0000-7000-8000-000000000001';
const MARC = '0192a000-0000-7000-8000-000000000002';

function sources(over: Partial<DigestSources> = {}): DigestSources {
  return {
    siteName: 'La Cape',
    board: [],
    members: [
      { memberId: INES, firstName: 'Ines', lastName: 'Benali', birthDate: '1990-04-02' },
      { memberId: MARC, firstName: 'Marc', lastName: 'dupont', birthDate: '1985-06-30' },
    ],
    capeContracts: [],
    dunningDrafts: [],
    contributionsToValidate: [],
    openObjections: [],
    helpRequests: [],
    ...over,
  };
}

function boardItem(memberId: string, firstName: string, lastName: string, attention: FollowUpItem['attention']): FollowUpItem {
  return { memberId, firstName, lastName, stage: 'exploration', attention };
}

const keys = (s: DigestSources, today = TODAY, told: string[] = []) => newDigest(s, today, new Set(told)).flatMap((section) => section.items.map((item) => item.key));

describe('the daily digest', () => {
  it('says nothing when nothing is due: no empty digest', () => {
    expect(newDigest(sources(), TODAY, new Set())).toEqual([]);
  });

  it('says nothing when every item was already told', () => {
    const s = sources({ board: [boardItem(INES, 'Ines', 'Benali', [{ code: 'interview_overdue', message: '', dueOn: '2026-11-28' }])] });
    expect(keys(s)).toEqual([`interview_overdue:${INES}:2026-11-28`]);
    expect(newDigest(s, TODAY, new Set([`interview_overdue:${INES}:2026-11-28`]))).toEqual([]);
  });

  it('tells an overdue interview again only when its due day moves (a new interview was held, then missed)', () => {
    const s = (dueOn: string) => sources({ board: [boardItem(INES, 'Ines', 'Benali', [{ code: 'interview_overdue', message: '', dueOn }])] });
    const told = keys(s('2026-11-28'));
    expect(keys(s('2026-11-28'), addDays(TODAY, 1), told)).toEqual([]);
    expect(keys(s('2027-01-10'), '2027-01-12', told)).toEqual([`interview_overdue:${INES}:2027-01-10`]);
  });

  it('writes short sentences in French and English, with the first name and initial only', () => {
    const s = sources({
      board: [
        boardItem(INES, 'Ines', 'Benali', [
          { code: 'interview_overdue', message: 'x', dueOn: '2026-11-28' },
          { code: 'minor_without_guardian', message: 'x' },
        ]),
      ],
      capeContracts: [{ memberId: MARC, endsOn: addDays(TODAY, 7), status: 'active' }],
    });
    const sections = newDigest(s, TODAY, new Set());
    expect(digestText(sections, 'La Cape', 'fr')).toEqual({
      title: 'La Cape : 3 points à voir aujourd’hui',
      paragraphs: [
        'Suivi des parcours :',
        '– Entretien en retard : Ines B. (prévu le 28 nov.)',
        '– Accord du représentant légal à recueillir : Ines B. (mineur·e)',
        'Contrats CAPE :',
        '– Le CAPE de Marc D. se termine dans 7 jours (le 12 déc.)',
      ],
    });
    expect(digestText(sections, 'La Cape', 'en')).toEqual({
      title: 'La Cape: 3 new items to look at today',
      paragraphs: [
        'Follow-up:',
        '– Interview overdue: Ines B. (due 28 Nov)',
        "– Guardian's consent to record: Ines B. (a minor)",
        'CAPE contracts:',
        "– Marc D.'s CAPE ends in 7 days (12 Dec)",
      ],
    });
    expect(JSON.stringify(sections)).not.toContain('Benali');
  });

  describe('CAPE endings at 60, 30 and 7 days', () => {
    const endsOn = addDays(TODAY, 60);
    const contract = [{ memberId: INES, endsOn, status: 'active' as const }];

    it('picks the tightest threshold crossed', () => {
      expect([61, 60, 31, 30, 8, 7, 0, -1].map(capeThreshold)).toEqual([null, 60, 60, 30, 30, 7, 7, null]);
    });

    it('tells one item per threshold crossed, not every day', () => {
      const told = new Set<string>();
      const toldOn: Record<string, string[]> = {};
      for (let day = 0; day <= 62; day++) {
        const today = addDays(TODAY, day);
        const fresh = keys(sources({ capeContracts: contract }), today, [...told]);
        fresh.forEach((key) => told.add(key));
        if (fresh.length > 0) toldOn[today] = fresh;
      }
      expect(toldOn).toEqual({
        [TODAY]: [`cape_ending:${INES}:${endsOn}:60`],
        [addDays(TODAY, 30)]: [`cape_ending:${INES}:${endsOn}:30`],
        [addDays(TODAY, 53)]: [`cape_ending:${INES}:${endsOn}:7`],
      });
    });

    it('first seen 25 days before its end: told at 30, not also at 60', () => {
      expect(keys(sources({ capeContracts: contract }), addDays(endsOn, -25))).toEqual([`cape_ending:${INES}:${endsOn}:30`]);
    });

    it('says nothing of a contract followed by an upcoming one, and a renewal is a new ending', () => {
      expect(keys(sources({ capeContracts: [...contract, { memberId: INES, endsOn: addDays(endsOn, 180), status: 'upcoming' }] }))).toEqual([]);
      expect(keys(sources({ capeContracts: [{ memberId: INES, endsOn: addDays(TODAY, 20), status: 'active' }] }), TODAY, [`cape_ending:${INES}:${endsOn}:60`])).toEqual([
        `cape_ending:${INES}:${addDays(TODAY, 20)}:30`,
      ]);
    });

    it('takes the board’s cape_ending_soon too, once with the contract', () => {
      const end = addDays(TODAY, 7);
      const board = [boardItem(INES, 'Ines', 'Benali', [{ code: 'cape_ending_soon', message: '', dueOn: end }])];
      expect(keys(sources({ board, members: [] }))).toEqual([`cape_ending:${INES}:${end}:7`]);
      expect(keys(sources({ board, capeContracts: [{ memberId: INES, endsOn: end, status: 'active' }] }))).toEqual([`cape_ending:${INES}:${end}:7`]);
    });
  });

  it('tells the members turning 18 this month, once', () => {
    const s = sources({
      members: [
        { memberId: INES, firstName: 'Ines', lastName: 'Benali', birthDate: '2008-12-20' },
        { memberId: MARC, firstName: 'Marc', lastName: 'Dupont', birthDate: '2008-11-30' },
      ],
    });
    const sections = newDigest(s, TODAY, new Set());
    expect(sections.flatMap((section) => section.items.map((item) => [item.key, item.text.fr]))).toEqual([[`turns_18:${INES}:2026-12-20`, 'Ines B. aura 18 ans le 20 déc.']]);
  });

  it('lists drafts, contributions, objections and other sites’ help requests under their headings, with stable keys', () => {
    const s = sources({
      dunningDrafts: [{ invoiceId: 'inv-1', number: 'F-2026-0012', dueOn: '2026-10-03' }],
      contributionsToValidate: [{ id: 'c-1', memberName: 'Ines Benali', date: '2026-12-02', hours: '3.50' }],
      openObjections: [{ id: 'o-1', periodId: 'p-1', name: 'Marc Dupont' }],
      helpRequests: [{ id: 'h-1', siteName: 'Kpa-Moulins', title: 'Traiteur pour 80', startsOn: '2027-01-08' }],
    });
    const sections = newDigest(s, TODAY, new Set());
    expect(sections.map((section) => section.heading)).toEqual(['dunning', 'contributions', 'objections', 'help']);
    expect(keys(s)).toEqual(['dunning_draft:inv-1', 'contribution:c-1', 'objection:o-1', 'help_request:h-1']);
    expect(digestText(sections, 'La Cape', 'fr').paragraphs).toEqual([
      'Mises en demeure à relire :',
      '– Facture F-2026-0012 (échue le 3 oct.)',
      'Contributions à valider :',
      '– Ines B. : 3,50 h le 2 déc.',
      'Contestations à traiter :',
      '– Marc D. conteste la répartition',
      'Demandes d’aide d’autres KPA :',
      '– Kpa-Moulins : « Traiteur pour 80 » (à partir du 8 janv. 2027)',
    ]);
    expect(digestText(sections, 'La Cape', 'en').paragraphs[3]).toBe('– Ines B.: 3.50 h on 2 Dec');
  });

  it('counts what does not fit under a heading', () => {
    const many = Array.from({ length: LINES_PER_HEADING + 3 }, (_, i) => ({ id: `o-${i}`, periodId: 'p', name: 'Marc Dupont' }));
    const text = digestText(newDigest(sources({ openObjections: many }), TODAY, new Set()), 'La Cape', 'fr');
    expect(text.title).toBe('La Cape : 13 points à voir aujourd’hui');
    expect(text.paragraphs).toHaveLength(1 + LINES_PER_HEADING + 1);
    expect(text.paragraphs[text.paragraphs.length - 1]).toBe('– … et 3 autres');
  });

  it('keys do not depend on the order of the sources', () => {
    const a = sources({
      board: [
        boardItem(INES, 'Ines', 'Benali', [{ code: 'no_first_interview', message: '', dueOn: '2026-11-01' }]),
        boardItem(MARC, 'Marc', 'Dupont', [{ code: 'exit_interview_due', message: '', dueOn: '2026-10-01' }]),
      ],
    });
    const b = { ...a, board: [...a.board].reverse() };
    expect(new Set(digestItems(a, TODAY).map((item) => item.key))).toEqual(new Set(digestItems(b, TODAY).map((item) => item.key)));
  });

  it('names and dates', () => {
    expect(shortName('Ines', 'benali')).toBe('Ines B.');
    expect(shortName('Ines', '')).toBe('Ines');
    expect(shortDate('2026-11-28', TODAY, 'fr')).toBe('28 nov.');
    expect(shortDate('2027-02-01', TODAY, 'en')).toBe('1 Feb 2027');
  });
});
