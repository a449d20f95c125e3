import { ERASED_FIRST_NAME, pseudonymOf } from '@kpa/contracts';
import { newMember, leave } from './member';
import { assertErasable, assertNotErased, birthYearOnly, ERASED_TEXT, ErasableMember, eraseContract, erasedValuesOf, eraseMember } from './member-privacy';
import { refusalOf } from '@kpa/testing/refusal';

const today = '2026-11-21';
const id = '019a8f3c-1d2e-7abc-8def-0123456789ab';
const now = new Date('2026-11-21T10:00:00.000Z');

function aLeftMember(): ErasableMember {
  const data = newMember(
    {
      firstName: 'Inès',
      lastName: 'Benali',
      email: 'ines@example.org',
      phone: '06 12 34 56 78',
      birthDate: '2009-05-14',
      gender: 'female',
      address: { line: '12 rue de l’Épeule', postalCode: '59100', city: 'Roubaix' },
      priorityNeighbourhood: true,
      situation: 'student',
      referredBy: 'other',
      referredByDetail: 'sa tante',
      charterSignedOn: '2026-09-01',
      guardian: { name: 'Nadia Benali', relationship: 'mère', consentedOn: '2026-09-01' },
      joinedOn: '2026-09-01',
      skills: [{ name: 'cuisine', level: 3, wantsToLearn: false }],
      passions: ['couture'],
    },
    today,
  );
  return {
    ...leave(data, '2026-10-15', 'training', today),
    history: [{ joinedOn: '2025-01-01', leftOn: '2025-06-01', outcome: 'other' }],
    stageOverride: { stage: 'opening', reason: 'a trouvé un stage chez son oncle', on: '2026-10-01' },
    nextPath: 'training',
    journeyHistory: [{ kind: 'override', stage: 'opening', nextPath: null, reason: 'a trouvé un stage chez son oncle', on: '2026-10-01', by: 'user-1' }],
    erasedAt: null,
  };
}

describe('member erasure', () => {
  it('gives a short stable pseudonym from the random end of the id', () => {
    expect(pseudonymOf(id)).toBe('#456789ab');
    expect(pseudonymOf(id)).toBe(pseudonymOf(id));
    // Two members created in the same minute share the start of their uuid v7, not its end.
    expect(pseudonymOf('019a8f3c-1d2e-7abc-8def-aaaaaaaaaaaa')).not.toBe(pseudonymOf('019a8f3c-1d2e-7abc-8def-bbbbbbbbbbbb'));
  });

  it('keeps only the birth year (age bands), on the 1st of January', () => {
    expect(birthYearOnly('2009-05-14')).toBe('2009-01-01');
    expect(birthYearOnly('2009-12-31')).toBe('2009-01-01');
  });

  it('removes every personal field and keeps what the statistics need', () => {
    const erased = eraseMember(id, aLeftMember(), now);
    expect(erased).toEqual({
      firstName: ERASED_FIRST_NAME,
      lastName: '#456789ab',
      email: null,
      phone: null,
      birthDate: '2009-01-01',
      gender: 'female',
      address: null,
      priorityNeighbourhood: false,
      situation: 'other',
      referredBy: 'other',
      referredByDetail: null,
      charterSignedOn: '2026-09-01',
      guardian: null,
      joinedOn: '2026-09-01',
      leftOn: '2026-10-15',
      leavingOutcome: 'training',
      history: [{ joinedOn: '2025-01-01', leftOn: '2025-06-01', outcome: 'other' }],
      skills: [],
      passions: [],
      stageOverride: { stage: 'opening', reason: ERASED_TEXT, on: '2026-10-01' },
      nextPath: 'training',
      journeyHistory: [{ kind: 'override', stage: 'opening', nextPath: null, reason: null, on: '2026-10-01', by: 'user-1' }],
      erasedAt: now,
    });
    expect(JSON.stringify(erased)).not.toMatch(/Inès|Benali|ines@|06 12|Épeule|59100|Roubaix|tante|oncle|Nadia|cuisine|couture/);
  });

  it('refuses an active member (409 MEMBER_STILL_ACTIVE) and a second erasure (MEMBER_ERASED)', () => {
    expect(refusalOf(() => eraseMember(id, { ...aLeftMember(), leftOn: null, leavingOutcome: null }, now)).code).toBe('MEMBER_STILL_ACTIVE');
    const erased = eraseMember(id, aLeftMember(), now);
    expect(refusalOf(() => eraseMember(id, erased, now)).code).toBe('MEMBER_ERASED');
    expect(refusalOf(() => assertErasable(erased)).code).toBe('MEMBER_ERASED');
  });

  it('guards every change of an erased member', () => {
    expect(() => assertNotErased({ erasedAt: null })).not.toThrow();
    expect(refusalOf(() => assertNotErased({ erasedAt: now })).code).toBe('MEMBER_ERASED');
  });

  it('keeps contracts but drops their free-text reason', () => {
    const contract = { id: 'c', periods: [{ startsOn: '2026-09-01', endsOn: '2027-08-31' }], terminatedOn: '2026-10-15', terminationReason: 'a trouvé un CDI chez Leroy' };
    expect(eraseContract(contract)).toEqual({ ...contract, terminationReason: null });
  });

  it('clears nullable free text of other records (interview notes), never their keys or dates', () => {
    expect(
      erasedValuesOf([
        { propertyName: 'id', type: 'uuid', nullable: false },
        { propertyName: 'memberId', type: 'uuid', nullable: false },
        { propertyName: 'notes', type: 'text', nullable: true },
        { propertyName: 'kind', type: 'text', nullable: false },
        { propertyName: 'heldAt', type: 'timestamptz', nullable: true },
        { propertyName: 'replacedById', type: 'text', nullable: true },
        { propertyName: 'skillsAssessment', type: 'jsonb', nullable: false },
      ]),
    ).toEqual({ notes: null, skillsAssessment: [] });
  });
});
