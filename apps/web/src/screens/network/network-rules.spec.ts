import { balanceTone, byWeek, entriesToLines, helpProblems, linesToEntries, mondayOf, parseCoordinate, parseHours, projectSites, wordsOf, type HelpDraft } from './network-rules';

describe('projectSites (the map)', () => {
  const roubaix = { siteId: 'roubaix', latitude: 50.69, longitude: 3.18 };
  const lille = { siteId: 'lille', latitude: 50.63, longitude: 3.06 };
  const rochelle = { siteId: 'rochelle', latitude: 46.16, longitude: -1.15 };

  it('keeps every point inside the drawing and its margin', () => {
    const points = projectSites([roubaix, lille, rochelle], 600, 420, 24);
    expect(points).toHaveLength(3);
    for (const point of points) {
      expect(point.x).toBeGreaterThanOrEqual(24);
      expect(point.x).toBeLessThanOrEqual(576);
      expect(point.y).toBeGreaterThanOrEqual(24);
      expect(point.y).toBeLessThanOrEqual(396);
    }
  });

  it('puts the north at the top and the east on the right', () => {
    const [north, south] = projectSites([roubaix, rochelle], 600, 420);
    expect(north.y).toBeLessThan(south.y);
    expect(north.x).toBeGreaterThan(south.x);
  });

  it('keeps distances in proportion: a degree of longitude is shorter than one of latitude up north', () => {
    const points = projectSites(
      [
        { siteId: 'a', latitude: 50, longitude: 3 },
        { siteId: 'b', latitude: 51, longitude: 4 },
      ],
      1000,
      1000,
      0,
    );
    const width = Math.abs(points[1].x - points[0].x);
    const height = Math.abs(points[1].y - points[0].y);
    expect(width / height).toBeCloseTo(Math.cos((50.5 * Math.PI) / 180), 2);
  });

  it('leaves out sites without coordinates and centres a lone site', () => {
    expect(projectSites([{ siteId: 'none', latitude: null, longitude: null }], 600, 420)).toEqual([]);
    expect(projectSites([roubaix, { siteId: 'none', latitude: null, longitude: null }], 600, 420)).toEqual([{ siteId: 'roubaix', x: 300, y: 210 }]);
  });
});

describe('list fields', () => {
  it('reads one entry a line, with an optional description after a colon', () => {
    expect(linesToEntries('Couture : retouches et créations\n\n  Traiteur  \nJardin:potager')).toEqual([
      { name: 'Couture', description: 'retouches et créations' },
      { name: 'Traiteur', description: '' },
      { name: 'Jardin', description: 'potager' },
    ]);
  });

  it('writes back what it reads', () => {
    const entries = [
      { name: 'Couture', description: 'retouches' },
      { name: 'Traiteur', description: '' },
    ];
    expect(linesToEntries(entriesToLines(entries))).toEqual(entries);
  });

  it('splits skills on commas and lines, without blanks or repeats', () => {
    expect(wordsOf('Cuisine, service,,\ncuisine, Couture ')).toEqual(['Cuisine', 'service', 'Couture']);
  });
});

describe('parseHours and parseCoordinate', () => {
  it('takes a French or an English decimal, above 0, two decimals at most', () => {
    expect(parseHours('2,5')).toBe('2.5');
    expect(parseHours(' 7 ')).toBe('7');
    expect(parseHours('07.25')).toBe('7.25');
    expect(parseHours('0')).toBeNull();
    expect(parseHours('1.234')).toBeNull();
    expect(parseHours('-3')).toBeNull();
    expect(parseHours('deux')).toBeNull();
    expect(parseHours('13', 12)).toBeNull();
  });

  it('reads coordinates within their range', () => {
    expect(parseCoordinate('50,69', 90)).toBe(50.69);
    expect(parseCoordinate('-1.15', 180)).toBe(-1.15);
    expect(parseCoordinate('91', 90)).toBeNull();
    expect(parseCoordinate('nord', 90)).toBeNull();
  });
});

describe('helpProblems', () => {
  const good: HelpDraft = {
    title: 'Renfort traiteur',
    skills: 'cuisine, service',
    startsOn: '2026-12-10',
    endsOn: '2026-12-10',
    place: 'Roubaix',
    peopleNeeded: '2',
    hoursNeeded: '',
    returnKind: 'reciprocity',
    amountPerHour: '',
  };

  it('accepts a complete request', () => {
    expect(helpProblems(good, '2026-12-05')).toEqual({});
  });

  it('names each field to fix', () => {
    expect(helpProblems({ ...good, title: 'ab', place: ' ', peopleNeeded: '', hoursNeeded: '' }, '2026-12-05')).toEqual({ title: true, place: true, need: true });
    expect(helpProblems({ ...good, endsOn: '2026-12-09' }, '2026-12-05')).toEqual({ endsOn: true });
    expect(helpProblems({ ...good, startsOn: '2026-12-01', endsOn: '2026-12-02' }, '2026-12-05')).toEqual({ endsOn: true });
    expect(helpProblems({ ...good, peopleNeeded: '1,5', hoursNeeded: '0' }, '2026-12-05')).toEqual({ peopleNeeded: true, hoursNeeded: true });
    expect(helpProblems({ ...good, returnKind: 'paid', amountPerHour: 'quinze' }, '2026-12-05')).toEqual({ amountPerHour: true });
    expect(helpProblems({ ...good, returnKind: 'paid', amountPerHour: '15,50' }, '2026-12-05')).toEqual({});
  });
});

describe('reservations by week', () => {
  it('finds the Monday of a week', () => {
    expect(mondayOf('2026-12-05')).toBe('2026-11-30'); // a Saturday
    expect(mondayOf('2026-12-06')).toBe('2026-11-30'); // a Sunday
    expect(mondayOf('2026-12-07')).toBe('2026-12-07');
    expect(mondayOf('2027-01-01')).toBe('2026-12-28');
  });

  it('groups by week in order, each week by start', () => {
    const dayOf = (instant: string) => instant.slice(0, 10);
    const weeks = byWeek(
      [
        { id: 'c', startsAt: '2026-12-14T08:00:00Z' },
        { id: 'b', startsAt: '2026-12-09T08:00:00Z' },
        { id: 'a', startsAt: '2026-12-07T08:00:00Z' },
      ],
      dayOf,
    );
    expect(weeks.map((week) => [week.monday, week.items.map((item) => item.id)])).toEqual([
      ['2026-12-07', ['a', 'b']],
      ['2026-12-14', ['c']],
    ]);
  });
});

describe('balanceTone', () => {
  it('says whether a site gave more, received more or is even', () => {
    expect(balanceTone('7.50')).toBe('gave-more');
    expect(balanceTone('-7.50')).toBe('received-more');
    expect(balanceTone('0.00')).toBe('even');
  });
});
