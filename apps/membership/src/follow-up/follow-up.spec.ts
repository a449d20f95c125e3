import { DEFAULT_SITE_SETTINGS } from '@kpa/contracts';
import { CapeContractState } from '../cape-contracts/cape-contract';
import { attentionFor, CAPE_ENDING_WITHIN_DAYS, FollowUpInterview, FollowUpMember, followUpBoard } from './follow-up';

const today = '2026-11-22';
const settings = DEFAULT_SITE_SETTINGS; // cadence 60 days, mid-term after 8 months, exit after 15

function aMember(overrides: Partial<FollowUpMember> = {}): FollowUpMember {
  return {
    id: 'member-1',
    firstName: 'Inès',
    lastName: 'Benali',
    birthDate: '1995-07-14',
    joinedOn: '2026-11-01',
    leftOn: null,
    guardianRecorded: false,
    stageOverride: null,
    ...overrides,
  };
}

function held(kind: FollowUpInterview['kind'], heldOn: string): FollowUpInterview {
  return { kind, status: 'held', heldOn };
}

function contract(startsOn: string, endsOn: string, overrides: Partial<CapeContractState> = {}): CapeContractState {
  return { id: `cape-${startsOn}`, memberId: 'member-1', periods: [{ startsOn, endsOn }], terminatedOn: null, terminationReason: null, ...overrides };
}

function codes(member: FollowUpMember, interviews: FollowUpInterview[] = [], contracts: CapeContractState[] = [], on = today): string[] {
  return attentionFor(member, interviews, contracts, settings, on).map((a) => a.code);
}

describe('follow-up board rules', () => {
  describe('first interview', () => {
    it('is flagged from the 15th day after joining, not on the 14th', () => {
      const member = aMember({ joinedOn: '2026-11-08' });
      expect(codes(member)).toEqual([]);
      expect(attentionFor(member, [], [], settings, '2026-11-23')).toEqual([{ code: 'no_first_interview', message: expect.stringContaining('2026-11-22'), dueOn: '2026-11-22' }]);
    });

    it('is satisfied by a held first interview of this participation only', () => {
      const member = aMember({ joinedOn: '2026-10-01' });
      expect(codes(member, [held('first', '2026-10-05')])).toEqual([]);
      expect(codes(member, [held('follow_up', '2026-10-05')])).toEqual(['no_first_interview']);
      expect(codes(member, [{ kind: 'first', status: 'scheduled', heldOn: null }])).toEqual(['no_first_interview']);
      // Held before this participation began (the member came back).
      expect(codes(member, [held('first', '2025-03-05'), held('follow_up', '2026-10-20')])).toEqual(['no_first_interview']);
    });
  });

  describe('interview cadence', () => {
    it('flags the last held interview when older than the cadence, the day after it was due', () => {
      const member = aMember({ joinedOn: '2026-01-05' });
      const interviews = [held('first', '2026-01-10'), held('mid_term_review', '2026-09-05'), held('follow_up', '2026-09-23')];
      expect(codes(member, interviews, [], '2026-11-22')).toEqual([]); // due 2026-11-22: not yet overdue
      expect(attentionFor(member, interviews, [], settings, '2026-11-23')).toEqual([
        { code: 'interview_overdue', message: expect.stringContaining('2026-09-23, 61 days ago'), dueOn: '2026-11-22' },
      ]);
    });

    it('counts from joining when no interview was held (a member who joined long ago)', () => {
      const member = aMember({ joinedOn: '2026-08-01' });
      const attention = attentionFor(member, [], [], settings, today);
      expect(attention.map((a) => a.code)).toEqual(['no_first_interview', 'interview_overdue']);
      expect(attention[1]).toMatchObject({ dueOn: '2026-09-30', message: expect.stringContaining('No interview held since joining on 2026-08-01') });
    });

    it("follows the site's cadence", () => {
      const member = aMember({ joinedOn: '2026-10-01' });
      const interviews = [held('first', '2026-10-10')];
      expect(attentionFor(member, interviews, [], { ...settings, interviewCadenceDays: 30 }, today).map((a) => a.code)).toEqual(['interview_overdue']);
      expect(attentionFor(member, interviews, [], { ...settings, interviewCadenceDays: 60 }, today)).toEqual([]);
    });
  });

  describe('journey milestones', () => {
    const member = aMember({ joinedOn: '2026-03-22' }); // mid-term review due 2026-11-22
    const recent = [held('first', '2026-03-30'), held('follow_up', '2026-11-01')];

    it('flags the mid-term review from its due day until one is held', () => {
      expect(codes(member, recent, [], '2026-11-21')).toEqual([]);
      expect(attentionFor(member, recent, [], settings, today)).toEqual([{ code: 'mid_term_review_due', message: expect.stringContaining('2026-11-22'), dueOn: '2026-11-22' }]);
      expect(codes(member, [...recent, held('mid_term_review', '2026-11-15')])).toEqual([]);
    });

    it('flags the exit interview after 15 months, and follows the site settings', () => {
      const longAgo = aMember({ joinedOn: '2025-08-22' }); // exit due 2026-11-22
      const interviews = [held('first', '2025-08-25'), held('mid_term_review', '2026-04-22'), held('follow_up', '2026-11-01')];
      expect(codes(longAgo, interviews)).toEqual(['exit_interview_due']);
      expect(codes(longAgo, [...interviews, held('exit', '2026-11-20')])).toEqual([]);
      expect(attentionFor(longAgo, interviews, [], { ...settings, exitInterviewAfterMonths: 18 }, today)).toEqual([]);
    });
  });

  describe('CAPE contracts', () => {
    const member = aMember({ joinedOn: '2026-11-10' });

    it(`flags an active contract ending within ${CAPE_ENDING_WITHIN_DAYS} days, unless another follows`, () => {
      expect(codes(member, [], [contract('2026-01-01', '2026-12-23')])).toEqual([]);
      expect(attentionFor(member, [], [contract('2026-01-01', '2026-12-22')], settings, today)).toEqual([
        { code: 'cape_ending_soon', message: expect.stringContaining('in 30 days'), dueOn: '2026-12-22' },
      ]);
      expect(codes(member, [], [contract('2026-01-01', '2026-11-22')])).toEqual(['cape_ending_soon']);
      expect(codes(member, [], [contract('2026-01-01', '2026-12-22'), contract('2026-12-23', '2027-06-30')])).toEqual([]);
    });

    it('counts a termination announced for a later day as the end', () => {
      expect(codes(member, [], [contract('2026-01-01', '2026-12-31', { terminatedOn: '2026-12-01', terminationReason: 'CDI' })])).toEqual(['cape_ending_soon']);
    });

    it('flags a member still active whose last contract ended or was terminated', () => {
      const ended = attentionFor(member, [], [contract('2025-12-01', '2026-11-21')], settings, today);
      expect(ended).toEqual([{ code: 'cape_ended_while_active', message: expect.stringContaining('ended on 2026-11-21') }]);
      const terminated = contract('2026-01-01', '2026-12-31', { terminatedOn: '2026-11-20', terminationReason: 'CDI' });
      expect(attentionFor(member, [], [terminated], settings, today)[0].message).toContain('was terminated on 2026-11-20');
    });

    it('does not flag an ended contract when another is active or upcoming, or none was ever signed', () => {
      const old = contract('2025-12-01', '2026-11-11');
      expect(codes(member, [], [old, contract('2026-11-12', '2027-06-30')])).toEqual([]);
      expect(codes(member, [], [old, contract('2026-12-01', '2027-06-30')])).toEqual([]);
      expect(codes(member)).toEqual([]);
    });

    it('ignores contracts of an earlier participation', () => {
      expect(codes(member, [], [contract('2024-01-01', '2024-12-31')])).toEqual([]);
    });
  });

  describe('guardian', () => {
    const member = aMember({ joinedOn: '2026-11-10' });

    it('flags a member under 18 without guardian consent, until the 18th birthday', () => {
      expect(attentionFor({ ...member, birthDate: '2008-11-23' }, [], [], settings, today)).toEqual([
        { code: 'minor_without_guardian', message: expect.stringContaining('is 17') },
      ]);
      expect(codes({ ...member, birthDate: '2008-11-22' })).toEqual([]);
      expect(codes({ ...member, birthDate: '2009-05-01', guardianRecorded: true })).toEqual([]);
    });
  });

  it('leaves out a member who left', () => {
    expect(codes(aMember({ joinedOn: '2025-01-01', leftOn: '2026-10-01', birthDate: '2009-01-01' }))).toEqual([]);
  });

  describe('the board', () => {
    it('lists the members with something to look at, by last then first name, with their stage', () => {
      const board = followUpBoard(
        [
          { member: aMember({ id: 'm-ok', lastName: 'Arnaud', joinedOn: '2026-11-15' }), interviews: [], contracts: [] },
          { member: aMember({ id: 'm-z', lastName: 'Zerrouki', joinedOn: '2026-01-05' }), interviews: [], contracts: [] },
          { member: aMember({ id: 'm-b2', firstName: 'Yanis', lastName: 'Benali', joinedOn: '2026-11-01', birthDate: '2010-02-01' }), interviews: [], contracts: [] },
          { member: aMember({ id: 'm-b1', firstName: 'Éloïse', lastName: 'Benali', joinedOn: '2026-10-01' }), interviews: [], contracts: [] },
        ],
        settings,
        today,
      );
      expect(board.map((item) => [item.memberId, item.stage, item.attention.map((a) => a.code)])).toEqual([
        ['m-b1', 'immersion', ['no_first_interview']],
        ['m-b2', 'immersion', ['no_first_interview', 'minor_without_guardian']],
        ['m-z', 'focus_and_test', ['no_first_interview', 'interview_overdue', 'mid_term_review_due']],
      ]);
      expect(board[0]).toEqual({ memberId: 'm-b1', firstName: 'Éloïse', lastName: 'Benali', stage: 'immersion', attention: expect.any(Array) });
    });

    it("shows the coordinator's stage override", () => {
      const member = aMember({ joinedOn: '2026-01-05', stageOverride: { stage: 'opening', reason: 'avance vite', on: '2026-10-01' } });
      expect(followUpBoard([{ member, interviews: [], contracts: [] }], settings, today)[0].stage).toBe('opening');
    });
  });
});
