import { addDays } from '@kpa/contracts';
import {
  computedStage,
  currentStage,
  decideJourney,
  FIRST_INTERVIEW_WITHIN_DAYS,
  interviewDueOn,
  JOURNEY_STAGES,
  JourneyStage,
  journeyOf,
  MemberJourney,
  milestones,
  stageStartsOn,
  StageOverride,
} from './journey';
import { refusalOf } from '@kpa/testing/refusal';

/** The parts of a refusal these tests compare. */
function refusal(run: () => unknown) {
  const { code, field } = refusalOf(run);
  return { code, field };
}

const joinedOn = '2026-01-15';

function anOverride(overrides: Partial<StageOverride> = {}): StageOverride {
  return { stage: 'focus_and_test', reason: 'Already tested her activity at the market', on: '2026-02-01', ...overrides };
}

describe('journey', () => {
  describe('computed stage', () => {
    it.each([
      ['2026-01-15', 'immersion'],
      ['2026-03-14', 'immersion'],
      ['2026-03-15', 'exploration'],
      ['2026-09-14', 'exploration'],
      ['2026-09-15', 'focus_and_test'],
      ['2027-01-14', 'focus_and_test'],
      ['2027-01-15', 'opening'],
      ['2027-04-14', 'opening'],
      ['2027-04-15', 'next_step'],
      ['2030-01-01', 'next_step'],
    ])('joined 2026-01-15: on %s, %s', (today, stage) => {
      expect(computedStage(joinedOn, today)).toBe(stage);
    });

    it('begins a stage on the last day of a shorter month when joined on the 31st', () => {
      expect(computedStage('2026-01-31', '2026-09-29')).toBe('exploration');
      expect(computedStage('2026-01-31', '2026-09-30')).toBe('focus_and_test');
      expect(computedStage('2025-12-31', '2026-02-27')).toBe('immersion');
      expect(computedStage('2025-12-31', '2026-02-28')).toBe('exploration');
    });

    it('is immersion before the joining date', () => {
      expect(computedStage(joinedOn, '2026-01-14')).toBe('immersion');
    });
  });

  describe('stage start dates', () => {
    it.each<[JourneyStage, string]>([
      ['immersion', '2026-01-15'],
      ['exploration', '2026-03-15'],
      ['focus_and_test', '2026-09-15'],
      ['opening', '2027-01-15'],
      ['next_step', '2027-04-15'],
    ])('%s begins on %s', (stage, day) => {
      expect(stageStartsOn(joinedOn, stage)).toBe(day);
    });

    it('agrees with the computed stage on the start day and the day before, month ends included', () => {
      for (const joined of ['2026-01-15', '2026-01-31', '2023-12-31', '2024-02-29']) {
        JOURNEY_STAGES.forEach((stage, i) => {
          const startsOn = stageStartsOn(joined, stage);
          expect(computedStage(joined, startsOn)).toBe(stage);
          if (i > 0) expect(computedStage(joined, addDays(startsOn, -1))).toBe(JOURNEY_STAGES[i - 1]);
        });
      }
    });
  });

  describe('current stage', () => {
    it('is the computed stage without an override', () => {
      expect(currentStage(joinedOn, '2026-03-15')).toEqual({ stage: 'exploration', computed: 'exploration', overridden: false });
      expect(currentStage(joinedOn, '2026-03-15', null)).toEqual({ stage: 'exploration', computed: 'exploration', overridden: false });
    });

    it("is the coordinator's override from its date, with the computed stage alongside", () => {
      expect(currentStage(joinedOn, '2026-02-01', anOverride())).toEqual({ stage: 'focus_and_test', computed: 'immersion', overridden: true });
      expect(currentStage(joinedOn, '2026-01-31', anOverride())).toEqual({ stage: 'immersion', computed: 'immersion', overridden: false });
      expect(currentStage(joinedOn, '2027-06-01', anOverride({ stage: 'opening' }))).toEqual({ stage: 'opening', computed: 'next_step', overridden: true });
    });

    it('applies an override made on the joining day, ignores one from a previous participation', () => {
      expect(currentStage(joinedOn, '2026-02-01', anOverride({ on: joinedOn })).overridden).toBe(true);
      expect(currentStage(joinedOn, '2026-02-01', anOverride({ on: '2026-01-14' }))).toEqual({ stage: 'immersion', computed: 'immersion', overridden: false });
    });

    it('needs a reason of 3 to 500 characters, a known stage and a date', () => {
      expect(refusal(() => currentStage(joinedOn, '2026-02-01', anOverride({ reason: ' ok ' })))).toEqual({ code: 'VALIDATION_FAILED', field: 'override.reason' });
      expect(refusal(() => currentStage(joinedOn, '2026-02-01', anOverride({ reason: 'x'.repeat(501) }))).field).toBe('override.reason');
      expect(currentStage(joinedOn, '2026-02-01', anOverride({ reason: 'yes' })).overridden).toBe(true);
      expect(currentStage(joinedOn, '2026-02-01', anOverride({ reason: 'x'.repeat(500) })).overridden).toBe(true);
      expect(refusal(() => currentStage(joinedOn, '2026-02-01', anOverride({ stage: 'graduated' as JourneyStage }))).field).toBe('override.stage');
      expect(refusal(() => currentStage(joinedOn, '2026-02-01', anOverride({ on: '2026-02-30' }))).field).toBe('override.on');
    });
  });

  describe('milestones', () => {
    it('are due 8 and 15 months after joining by default', () => {
      expect(milestones(joinedOn)).toEqual([
        { kind: 'mid_term_review', dueOn: '2026-09-15' },
        { kind: 'exit_interview', dueOn: '2027-04-15' },
      ]);
    });

    it("follow the site's settings, month ends clamped, in date order", () => {
      expect(milestones('2026-01-31', { midTermReviewAfterMonths: 1, exitInterviewAfterMonths: 13 })).toEqual([
        { kind: 'mid_term_review', dueOn: '2026-02-28' },
        { kind: 'exit_interview', dueOn: '2027-02-28' },
      ]);
      expect(milestones(joinedOn, { midTermReviewAfterMonths: 12, exitInterviewAfterMonths: 6 }).map((m) => m.kind)).toEqual(['exit_interview', 'mid_term_review']);
    });
  });

  describe('interviews', () => {
    it('has the first one due two weeks after joining', () => {
      expect(FIRST_INTERVIEW_WITHIN_DAYS).toBe(14);
      expect(interviewDueOn(null, joinedOn, 60)).toBe('2026-01-29');
      expect(interviewDueOn(null, '2026-12-25', 60)).toBe('2027-01-08');
    });

    it('then one every cadence days after the last one held', () => {
      expect(interviewDueOn('2026-01-20', joinedOn, 60)).toBe('2026-03-21');
      expect(interviewDueOn(joinedOn, joinedOn, 30)).toBe('2026-02-14');
      expect(interviewDueOn('2028-01-31', joinedOn, 30)).toBe('2028-03-01');
    });

    it('does not count an interview from a previous participation', () => {
      expect(interviewDueOn('2026-01-14', joinedOn, 60)).toBe('2026-01-29');
    });
  });

  describe("a coordinator's decision", () => {
    const today = '2026-05-10';
    const by = 'coordinator-1';

    function aJourney(overrides: Partial<MemberJourney> = {}): MemberJourney {
      return { memberId: 'member-1', joinedOn, stageOverride: null, nextPath: null, journeyHistory: [], ...overrides };
    }

    it('sets the stage from today, with the reason trimmed, and writes it in the history', () => {
      expect(decideJourney(aJourney(), { stageOverride: { stage: 'opening', reason: '  Ready to sell at the market ' } }, today, by)).toEqual({
        stageOverride: { stage: 'opening', reason: 'Ready to sell at the market', on: today },
        nextPath: null,
        journeyHistory: [{ kind: 'override', stage: 'opening', nextPath: null, reason: 'Ready to sell at the market', on: today, by }],
      });
    });

    it('clears the stage and records the next path in one decision, after the earlier history', () => {
      const earlier = { kind: 'override' as const, stage: 'opening' as const, nextPath: null, reason: 'Ready', on: '2026-04-01', by };
      const decided = decideJourney(aJourney({ stageOverride: anOverride(), journeyHistory: [earlier] }), { stageOverride: null, nextPath: 'employment' }, today, by);
      expect(decided.stageOverride).toBeNull();
      expect(decided.nextPath).toBe('employment');
      expect(decided.journeyHistory.map((change) => change.kind)).toEqual(['override', 'cleared', 'next_path']);
    });

    it('keeps what the decision does not mention', () => {
      expect(decideJourney(aJourney({ stageOverride: anOverride() }), { nextPath: null }, today, by).stageOverride).toEqual(anOverride());
    });

    it('refuses an unknown stage or next path, a reason too short, or nothing to change', () => {
      expect(refusal(() => decideJourney(aJourney(), { stageOverride: { stage: 'flying' as JourneyStage, reason: 'A good reason' } }, today, by))).toEqual({
        code: 'VALIDATION_FAILED',
        field: 'override.stage',
      });
      expect(refusal(() => decideJourney(aJourney(), { stageOverride: { stage: 'opening', reason: ' ok ' } }, today, by))).toEqual({
        code: 'VALIDATION_FAILED',
        field: 'override.reason',
      });
      expect(refusal(() => decideJourney(aJourney(), { nextPath: 'astronaut' as 'other' }, today, by))).toEqual({ code: 'VALIDATION_FAILED', field: 'nextPath' });
      expect(refusal(() => decideJourney(aJourney(), {}, today, by))).toEqual({ code: 'VALIDATION_FAILED', field: undefined });
    });
  });

  describe('the journey as shown', () => {
    const settings = { interviewCadenceDays: 60, midTermReviewAfterMonths: 6, exitInterviewAfterMonths: 12 };

    it("gives the calendar's stage and what is due: the first interview, then the reviews", () => {
      expect(journeyOf({ memberId: 'member-1', joinedOn, stageOverride: null, nextPath: null, journeyHistory: [] }, settings, '2026-04-01')).toEqual({
        memberId: 'member-1',
        joinedOn,
        stage: 'exploration',
        computedStage: 'exploration',
        overridden: false,
        overrideReason: null,
        nextPath: null,
        history: [],
        due: [
          { kind: 'first_interview', dueOn: '2026-01-29' },
          { kind: 'mid_term_review', dueOn: '2026-07-15' },
          { kind: 'exit_interview', dueOn: '2027-01-15' },
        ],
      });
    });

    it("gives the coordinator's stage and reason once the override is in effect", () => {
      const journey = journeyOf({ memberId: 'member-1', joinedOn, stageOverride: anOverride(), nextPath: 'training', journeyHistory: [] }, settings, '2026-04-01');
      expect(journey).toMatchObject({ stage: 'focus_and_test', computedStage: 'exploration', overridden: true, overrideReason: anOverride().reason, nextPath: 'training' });
    });
  });
});
