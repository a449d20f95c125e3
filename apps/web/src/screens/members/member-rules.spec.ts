import {
  ageOn,
  byCape,
  capeBody,
  capeProblems,
  EMPTY_REGISTRATION,
  exportFileName,
  importFileProblem,
  guardianProblems,
  isIsoDate,
  lastDayAfterMonths,
  localDay,
  needsGuardian,
  registrationBody,
  registrationProblems,
  type RegistrationDraft,
} from './member-rules';

const TODAY = '2026-12-05';
const complete: RegistrationDraft = {
  ...EMPTY_REGISTRATION,
  firstName: ' Lina ',
  lastName: 'Haddad',
  birthDate: '2009-06-01',
  situation: 'student',
  referredBy: 'mission_locale',
};

describe('the members screens’ form rules', () => {
  it('counts whole years, a birthday counting on its day', () => {
    expect(ageOn('2009-12-05', TODAY)).toBe(17);
    expect(ageOn('2008-12-05', TODAY)).toBe(18);
    expect(ageOn('2008-12-06', TODAY)).toBe(17);
  });

  it('asks for a guardian under 18 only, and only for a real date', () => {
    expect(needsGuardian('2009-06-01', TODAY)).toBe(true);
    expect(needsGuardian('2008-12-05', TODAY)).toBe(false);
    expect(needsGuardian('2009-02-30', TODAY)).toBe(false);
    expect(needsGuardian(undefined, TODAY)).toBe(false);
  });

  it('reads calendar dates strictly', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('5/12/2026')).toBe(false);
    expect(localDay(new Date(2026, 0, 9, 23, 30))).toBe('2026-01-09');
  });

  it('ends a span of months on the eve of its anniversary, the day clamped to the month', () => {
    expect(lastDayAfterMonths('2026-01-15', 12)).toBe('2027-01-14');
    expect(lastDayAfterMonths('2026-08-31', 6)).toBe('2027-02-27');
  });

  it('accepts a complete registration and trims what it sends', () => {
    expect(registrationProblems(complete, TODAY)).toEqual({});
    expect(registrationBody(complete)).toEqual({ firstName: 'Lina', lastName: 'Haddad', birthDate: '2009-06-01', situation: 'student', referredBy: 'mission_locale' });
  });

  it('names every field to fix with the API’s limits', () => {
    const problems = registrationProblems({ ...EMPTY_REGISTRATION, firstName: 'x'.repeat(101), birthDate: '2027-01-01', email: 'lina@', phone: 'abc', referredBy: 'other' }, TODAY);
    expect(problems).toEqual({
      firstName: { key: 'length', values: { min: 1, max: 100 } },
      lastName: { key: 'required' },
      birthDate: { key: 'future' },
      email: { key: 'email' },
      phone: { key: 'phone' },
      situation: { key: 'required' },
      referredByDetail: { key: 'required' },
    });
    expect(registrationProblems({ ...complete, birthDate: '1920-01-01' }, TODAY).birthDate).toEqual({ key: 'tooOld', values: { max: 100 } });
  });

  it('checks a guardian’s consent as the API does, and sends it with the registration', () => {
    expect(guardianProblems({ name: 'M', relationship: '', consentedOn: '2026-12-06' }, TODAY)).toEqual({
      'guardian.name': { key: 'length', values: { min: 2, max: 120 } },
      'guardian.relationship': { key: 'required' },
      'guardian.consentedOn': { key: 'future' },
    });
    const guardian = { name: ' Samia Haddad ', relationship: 'mère', consentedOn: TODAY };
    expect(registrationBody({ ...complete, guardian }).guardian).toEqual({ name: 'Samia Haddad', relationship: 'mère', consentedOn: TODAY });
  });

  it('checks a CAPE’s activity and dates, leaving the law’s rules to the API', () => {
    expect(capeProblems({ activity: ' Couture ', startsOn: TODAY, endsOn: '2027-06-04' })).toEqual({});
    expect(capeBody({ activity: ' Couture ', startsOn: TODAY, endsOn: '2027-06-04' }).activity).toBe('Couture');
    expect(capeProblems({ activity: 'C', startsOn: '', endsOn: '2026-12-01' })).toEqual({
      activity: { key: 'length', values: { min: 2, max: 200 } },
      startsOn: { key: 'required' },
    });
    expect(capeProblems({ activity: 'Couture', startsOn: TODAY, endsOn: '2026-12-01' }).endsOn).toEqual({ key: 'endsBeforeStart' });
  });

  it('filters the list by a running CAPE', () => {
    const members = [{ id: 'a' }, { id: 'b' }];
    const under = new Set(['a']);
    expect(byCape(members, 'all', under)).toEqual(members);
    expect(byCape(members, 'with', under)).toEqual([{ id: 'a' }]);
    expect(byCape(members, 'without', under)).toEqual([{ id: 'b' }]);
  });

  it('names the export file after the person, in plain letters', () => {
    expect(exportFileName('Inès', 'Benali-Saïd')).toBe('donnees-ines-benali-said.json');
    expect(exportFileName('李', '')).toBe('donnees-membre.json');
  });

  it('refuses an import file the API would refuse before reading it', () => {
    expect(importFileProblem({ name: 'membres.csv', size: 512 * 1024 })).toBeNull();
    expect(importFileProblem({ name: 'membres.CSV', size: 512 * 1024 + 1 })).toBe('tooBig');
    expect(importFileProblem({ name: 'membres.xlsx', size: 10 })).toBe('notCsv');
    expect(importFileProblem({ name: 'membres.csv', size: 0 })).toBe('empty');
  });
});
