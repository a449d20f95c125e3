import { MemberInput } from '@kpa/contracts';
import { asSeen, changeMember, leave, newMember, rejoin } from './member';
import { refusalOf } from '@kpa/testing/refusal';

/** The parts of a refusal these tests compare. */
function refusal(run: () => unknown) {
  const { code, field } = refusalOf(run);
  return { code, field };
}

const today = '2026-11-21';

function aMember(overrides: Partial<MemberInput> = {}): MemberInput {
  return { firstName: 'Inès', lastName: 'Benali', birthDate: '2009-05-14', situation: 'student', referredBy: 'mission_locale', ...overrides };
}

describe('member rules', () => {
  it('fills the defaults: today as joining date, gender not said, no history', () => {
    const member = newMember(aMember({ firstName: '  Inès ' }), today);
    expect(member).toMatchObject({ firstName: 'Inès', gender: 'not_said', joinedOn: today, leftOn: null, history: [], skills: [], passions: [], guardian: null });
  });

  it('refuses a birth date in the future or more than 100 years ago, and impossible dates', () => {
    expect(refusal(() => newMember(aMember({ birthDate: '2026-11-22' }), today))).toEqual({ code: 'VALIDATION_FAILED', field: 'birthDate' });
    expect(refusal(() => newMember(aMember({ birthDate: '1920-01-01' }), today)).field).toBe('birthDate');
    expect(refusal(() => newMember(aMember({ birthDate: '2009-02-30' }), today)).field).toBe('birthDate');
    expect(newMember(aMember({ birthDate: today }), today).birthDate).toBe(today);
  });

  it('checks skills: level 1 to 4, no name twice', () => {
    expect(refusal(() => newMember(aMember({ skills: [{ name: 'cuisine', level: 5, wantsToLearn: false }] }), today)).field).toBe('skills[0].level');
    expect(
      refusal(() =>
        newMember(
          aMember({
            skills: [
              { name: 'Cuisine', level: 2, wantsToLearn: false },
              { name: 'cuisine', level: 3, wantsToLearn: true },
            ],
          }),
          today,
        ),
      ).field,
    ).toBe('skills[1].name');
  });

  it('wants to know who referred the member when it is "other", and a French postal code', () => {
    expect(refusal(() => newMember(aMember({ referredBy: 'other' }), today)).field).toBe('referredByDetail');
    expect(newMember(aMember({ referredBy: 'other', referredByDetail: 'le club de foot' }), today).referredByDetail).toBe('le club de foot');
    expect(refusal(() => newMember(aMember({ address: { line: '1 rue', postalCode: '5910', city: 'Roubaix' } }), today)).field).toBe('address.postalCode');
  });

  it('changes only what is sent and keeps the participation', () => {
    const member = leave(newMember(aMember({ joinedOn: '2026-01-05' }), today), '2026-06-30', 'employment', today);
    const changed = changeMember(member, { phone: '06 12 34 56 78' }, today);
    expect(changed).toMatchObject({ phone: '06 12 34 56 78', firstName: 'Inès', joinedOn: '2026-01-05', leftOn: '2026-06-30', leavingOutcome: 'employment' });
    expect(refusal(() => changeMember(member, {}, today)).code).toBe('VALIDATION_FAILED');
  });

  it('leaves once, not before joining; comes back with the history kept', () => {
    const member = newMember(aMember({ joinedOn: '2026-01-05' }), today);
    expect(refusal(() => leave(member, '2026-01-04', 'training', today)).field).toBe('leftOn');
    const left = leave(member, '2026-06-30', 'training', today);
    expect(refusal(() => leave(left, '2026-07-01', 'training', today)).code).toBe('MEMBER_ALREADY_LEFT');
    expect(refusal(() => rejoin(left, '2026-06-29', today)).field).toBe('joinedOn');
    const back = rejoin(left, '2026-09-01', today);
    expect(back).toMatchObject({ joinedOn: '2026-09-01', leftOn: null, leavingOutcome: null, history: [{ joinedOn: '2026-01-05', leftOn: '2026-06-30', outcome: 'training' }] });
    expect(refusal(() => rejoin(back, '2026-10-01', today)).code).toBe('VALIDATION_FAILED');
  });

  it('shows the whole file, the profile or the name', () => {
    const file = {
      ...newMember(aMember({ skills: [{ name: 'cuisine', level: 2, wantsToLearn: false }] }), today),
      id: 'm',
      siteId: 's',
      active: true,
      createdAt: 'c',
      updatedAt: 'u',
    };
    expect(asSeen(file, 'file')).toBe(file);
    expect(asSeen(file, 'profile')).toEqual({ id: 'm', siteId: 's', firstName: 'Inès', lastName: 'Benali', skills: file.skills, passions: [], active: true });
    expect(asSeen(file, 'name')).toEqual({ id: 'm', siteId: 's', firstName: 'Inès', lastName: 'Benali' });
  });
});
