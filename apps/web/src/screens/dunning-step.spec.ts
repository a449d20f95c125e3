import { dunningStep } from './dunning-step';

describe('dunningStep', () => {
  const base = { level: -1 as const, paused: false, settled: false, nextStep: null };

  it('says when the worker has not answered', () => {
    expect(dunningStep(null)).toEqual({ key: 'today.dunning.unknown' });
  });

  it('says when reminders are paused, before any next step', () => {
    expect(dunningStep({ ...base, level: 1, paused: true, nextStep: { level: 2, action: 'send', on: '2026-12-10' } }).key).toBe('today.dunning.paused');
  });

  it('gives the next step, a level-3 letter being a draft to review', () => {
    expect(dunningStep({ ...base, level: 1, nextStep: { level: 2, action: 'send', on: '2026-12-10' } })).toEqual({
      key: 'today.dunning.next',
      values: { level: 2, date: '2026-12-10' },
    });
    expect(dunningStep({ ...base, level: 2, nextStep: { level: 3, action: 'draft', on: '2026-12-20' } }).key).toBe('today.dunning.nextDraft');
  });

  it('gives the last level sent when nothing comes next, or none yet', () => {
    expect(dunningStep({ ...base, level: 3 })).toEqual({ key: 'today.dunning.level', values: { level: 3 } });
    expect(dunningStep(base)).toEqual({ key: 'today.dunning.none' });
  });
});
