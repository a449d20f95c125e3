import { displayName, isMinorOn } from './known-member';

describe('known members', () => {
  it('is a minor until the day before turning 18, an adult from that day', () => {
    expect(isMinorOn({ adultOn: '2027-03-10' }, '2027-03-09')).toBe(true);
    expect(isMinorOn({ adultOn: '2027-03-10' }, '2027-03-10')).toBe(false);
    expect(isMinorOn({ adultOn: null }, '2020-01-01')).toBe(false);
  });

  it('prints first name then last name', () => {
    expect(displayName({ firstName: 'Inès', lastName: 'Belkacem' })).toBe('Inès Belkacem');
  });
});
