import { addDays, DomainError } from '@kpa/contracts';
import {
  computedStage,
  currentStage,
  FIRST_INTERVIEW_WITHIN_DAYS,
  interviewDueOn,
  JOURNEY_STAGES,
  JourneyStage,
  milestones,
  stageStartsOn,
  StageOverride,
} from './journey';

const joinedOn = '2026-01-15';

function anOverride(overrides: Partial<StageOverride> = {}): StageOverride {
  return { stage: 'focus_and_test', reason: 'Already tested her activity at the market', on: '2026-02-01', ...overrides };
}

function refusal(fn: () => unknown): { code: string; field?: unknown } {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, field: (error.details as { field?: unknown } | undefined)?.field };
  }
  throw new Error('expected a refusal');
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
});
