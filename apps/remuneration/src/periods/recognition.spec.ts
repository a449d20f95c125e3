import fc from 'fast-check';
import {
  checkGift,
  DEFAULT_RECOGNITION_BUDGET,
  giftsVisibleTo,
  parseRecognitionBudget,
  pointsReceived,
  receivedTotalsVisible,
  RecognitionContext,
  remainingPoints,
} from './recognition';
import { refusalIfAny } from '@kpa/testing/refusal';

const context: RecognitionContext = { fromMemberId: 'ana', periodStatus: 'open', giverActive: true, recipientActive: true, budget: DEFAULT_RECOGNITION_BUDGET, alreadyGiven: 0 };

describe('checkGift', () => {
  it('accepts points to another active member, with an optional word of thanks', () => {
    expect(checkGift({ toMemberId: 'bilal', points: 30, note: ' Merci pour la compta ! ' }, context)).toEqual({
      fromMemberId: 'ana',
      toMemberId: 'bilal',
      points: 30,
      note: 'Merci pour la compta !',
    });
    expect(checkGift({ toMemberId: 'bilal', points: 100 }, context)).toMatchObject({ points: 100, note: null });
  });

  it('refuses a gift to oneself', () => {
    expect(refusalIfAny(() => checkGift({ toMemberId: 'ana', points: 1 }, context))).toMatchObject({ code: 'SELF_RECOGNITION_REFUSED', details: { field: 'toMemberId' } });
  });

  it('refuses more than the budget left', () => {
    expect(checkGift({ toMemberId: 'bilal', points: 40 }, { ...context, alreadyGiven: 60 }).points).toBe(40);
    const error = refusalIfAny(() => checkGift({ toMemberId: 'bilal', points: 41 }, { ...context, alreadyGiven: 60 }));
    expect(error).toMatchObject({ code: 'RECOGNITION_BUDGET_EXCEEDED', details: { budget: 100, alreadyGiven: 60, remaining: 40 } });
    expect(error?.message).toContain('give at most 40');
    expect(refusalIfAny(() => checkGift({ toMemberId: 'bilal', points: 1 }, { ...context, giverActive: false }))).toMatchObject({
      code: 'RECOGNITION_BUDGET_EXCEEDED',
      message: 'Only active members of the site have recognition points to give.',
    });
  });

  it('refuses a gift to a member who is no longer active', () => {
    expect(refusalIfAny(() => checkGift({ toMemberId: 'bilal', points: 1 }, { ...context, recipientActive: false }))?.code).toBe('RECOGNITION_RECIPIENT_INACTIVE');
  });

  it('takes gifts only while the period is open', () => {
    for (const periodStatus of ['closed', 'approved', 'exported', 'paid'] as const) {
      expect(refusalIfAny(() => checkGift({ toMemberId: 'bilal', points: 1 }, { ...context, periodStatus }))?.code).toBe('PERIOD_NOT_OPEN');
    }
  });

  it.each([
    [{ points: 1 }, 'toMemberId'],
    [{ toMemberId: 'bilal', points: 0 }, 'points'],
    [{ toMemberId: 'bilal', points: 1.5 }, 'points'],
    [{ toMemberId: 'bilal', points: '10' }, 'points'],
    [{ toMemberId: 'bilal', points: 1, note: 'x'.repeat(501) }, 'note'],
    [{ toMemberId: 'bilal', points: 1, note: 7 }, 'note'],
  ])('refuses %j (%s)', (raw, field) => {
    expect(refusalIfAny(() => checkGift(raw, context))).toMatchObject({ code: 'VALIDATION_FAILED', details: { field } });
  });

  it('never lets a giver exceed the budget, whatever the sequence of gifts (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.array(fc.integer({ min: 1, max: 200 }), { maxLength: 30 }), (budget, attempts) => {
        let given = 0;
        for (const points of attempts) {
          const error = refusalIfAny(() => checkGift({ toMemberId: 'bilal', points }, { ...context, budget, alreadyGiven: given }));
          if (error) expect(error.code).toBe('RECOGNITION_BUDGET_EXCEEDED');
          else given += points;
          expect(given).toBeLessThanOrEqual(budget);
        }
        expect(remainingPoints(budget, given, true)).toBe(budget - given);
      }),
    );
  });
});

describe('recognition totals and privacy', () => {
  const gifts = [
    { fromMemberId: 'ana', toMemberId: 'chloe', points: 30, note: null },
    { fromMemberId: 'bilal', toMemberId: 'chloe', points: 50, note: 'Bravo' },
    { fromMemberId: 'ana', toMemberId: 'bilal', points: 20, note: null },
  ];

  it('sums the points each member received', () => {
    expect([...pointsReceived(gifts)]).toEqual([
      ['bilal', 20],
      ['chloe', 80],
    ]);
  });

  it('shows totals once the period is closed, and each giver only their own gifts', () => {
    expect(receivedTotalsVisible('open')).toBe(false);
    expect(receivedTotalsVisible('closed')).toBe(true);
    expect(giftsVisibleTo(gifts, 'ana').map((g) => g.toMemberId)).toEqual(['chloe', 'bilal']);
    expect(giftsVisibleTo(gifts, 'chloe')).toEqual([]);
  });

  it('loses unspent points; inactive members have none', () => {
    expect(remainingPoints(100, 70, true)).toBe(30);
    expect(remainingPoints(100, 120, true)).toBe(0);
    expect(remainingPoints(100, 0, false)).toBe(0);
  });

  it('reads the site’s budget setting', () => {
    expect(parseRecognitionBudget(undefined)).toBe(100);
    expect(parseRecognitionBudget(250)).toBe(250);
    for (const bad of [0, 10_001, 2.5, '100'])
      expect(refusalIfAny(() => parseRecognitionBudget(bad))).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'recognitionBudget' } });
  });
});
