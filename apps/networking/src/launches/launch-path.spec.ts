import fc from 'fast-check';
import { LAUNCH_STEPS, LaunchStep } from '@kpa/contracts';
import { codeOf } from '@kpa/testing/refusal';
import { automaticStepOf, CompletedStep, completeStepByHand, completeStepFromEvent, launchStage, launchStepViews } from './launch-path';
import { assertMentorOf, confirmSession, sessionHours } from './accompaniment';

const progressOf = (entries: [LaunchStep, CompletedStep][]) => new Map<LaunchStep, CompletedStep>(entries);

describe('launch path', () => {
  it('starts at the first step of the seeds and is launched once every step is done', () => {
    expect(launchStage(progressOf([]))).toBe('carrying_structure_found');
    const all = progressOf(LAUNCH_STEPS.map((step) => [step, { completedOn: '2026-11-01', source: 'manual' }]));
    expect(launchStage(all)).toBe('launched');
  });

  it('stage is the first step not yet done, even when later ones came first', () => {
    const progress = progressOf([
      ['carrying_structure_found', { completedOn: '2026-09-01', source: 'manual' }],
      ['first_members', { completedOn: '2026-10-01', source: 'event' }],
    ]);
    expect(launchStage(progress)).toBe('host_structure_agreed');
    const views = launchStepViews(progress);
    expect(views.map((view) => view.step)).toEqual([...LAUNCH_STEPS]);
    expect(views.find((view) => view.step === 'first_members')).toEqual({ step: 'first_members', completedOn: '2026-10-01', source: 'event' });
    expect(views.find((view) => view.step === 'venue_found')).toEqual({ step: 'venue_found', completedOn: null, source: null });
  });

  it('a step completed by hand keeps its first date: a second time is refused, a future date too', () => {
    const progress = progressOf([['venue_found', { completedOn: '2026-10-02', source: 'manual' }]]);
    expect(codeOf(() => completeStepByHand(progress, 'venue_found', '2026-11-01', '2026-12-04'))).toBe('LAUNCH_STEP_ALREADY_COMPLETED');
    expect(codeOf(() => completeStepByHand(progress, 'charter_written', '2026-12-05', '2026-12-04'))).toBe('LAUNCH_STEP_DATE_INVALID');
    expect(codeOf(() => completeStepByHand(progress, 'charter_written', '2026-02-30', '2026-12-04'))).toBe('LAUNCH_STEP_DATE_INVALID');
    expect(completeStepByHand(progress, 'charter_written', '2026-12-04', '2026-12-04')).toEqual({ completedOn: '2026-12-04', source: 'manual' });
  });

  it('events complete their step once: any replay or later event keeps the first date (property)', () => {
    const dates = fc.array(
      fc.date({ min: new Date('2026-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      {
        minLength: 1,
        maxLength: 20,
      },
    );
    fc.assert(
      fc.property(dates, fc.constantFrom(...LAUNCH_STEPS), (days, step) => {
        const progress = new Map<LaunchStep, CompletedStep>();
        for (const day of days) {
          const done = completeStepFromEvent(progress, step, day);
          if (done) progress.set(step, done);
        }
        return progress.get(step)?.completedOn === days[0] && progress.size === 1;
      }),
    );
  });

  it('maps the other services’ events to their automatic steps, and nothing else', () => {
    expect(automaticStepOf('membership.member.joined')).toBe('first_members');
    expect(automaticStepOf('commerce.mission.completed')).toBe('first_mission');
    expect(automaticStepOf('commerce.invoice.issued')).toBe('first_invoice');
    expect(automaticStepOf('membership.member.left')).toBeNull();
  });
});

describe('accompaniment sessions', () => {
  it('only the named mentor logs sessions', () => {
    expect(codeOf(() => assertMentorOf(null, 'a', 'n'))).toBe('ACCOMPANIMENT_NOT_MENTOR');
    expect(codeOf(() => assertMentorOf('b', 'a', 'n'))).toBe('ACCOMPANIMENT_NOT_MENTOR');
    expect(() => assertMentorOf('A', 'a', 'n')).not.toThrow();
  });

  it('hours are more than 0 and at most 12 a session, normalised to two decimals', () => {
    expect(sessionHours('3.5')).toBe('3.50');
    expect(sessionHours('12')).toBe('12.00');
    for (const bad of ['0', '12.01', '-1', 'abc', '1.234']) expect(codeOf(() => sessionHours(bad))).toBe('VALIDATION_FAILED');
  });

  it('a session is confirmed once', () => {
    expect(confirmSession('logged', 's')).toBe('confirmed');
    expect(codeOf(() => confirmSession('confirmed', 's'))).toBe('ACCOMPANIMENT_ALREADY_CONFIRMED');
  });
});
