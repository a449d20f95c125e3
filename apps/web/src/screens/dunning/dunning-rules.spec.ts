import { checkNote, checkPolicy, entryMessage, type PolicyDraft, policyDraftOf } from './dunning-rules';

/** The worker's default policy (docs/worker.md): courtesy off 3 days before, levels at +7, +21, +45, 9:00–18:00. */
const DEFAULTS = {
  courtesy: { enabled: false, daysBefore: 3 },
  level1: { enabled: true, delayDays: 7 },
  level2: { enabled: true, delayDays: 21 },
  level3: { enabled: true, delayDays: 45 },
  sendFromHour: 9,
  sendUntilHour: 18,
};

const draft = (patch: Partial<PolicyDraft> = {}): PolicyDraft => ({ ...policyDraftOf(DEFAULTS), ...patch });
const fields = (check: ReturnType<typeof checkPolicy>) => (check.ok ? [] : check.problems.map((problem) => problem.field));

describe('the dunning policy form', () => {
  it('sends back the policy it was given, numbers as numbers', () => {
    expect(checkPolicy(draft())).toEqual({ ok: true, policy: DEFAULTS });
    expect(checkPolicy(draft({ level2: { enabled: true, delayDays: ' 30 ' } }))).toMatchObject({ ok: true, policy: { level2: { enabled: true, delayDays: 30 } } });
  });

  it('keeps enabled levels 7 days apart at least, as the worker does, skipping the disabled ones', () => {
    const close = checkPolicy(draft({ level2: { enabled: true, delayDays: '10' } }));
    expect(close).toEqual({ ok: false, problems: [{ field: 'level2.delayDays', key: 'dunning.policy.problem.gap', values: { level: 1, days: 14 } }] });
    // Level 2 off: level 3 is measured from level 1.
    expect(checkPolicy(draft({ level2: { enabled: false, delayDays: '10' }, level3: { enabled: true, delayDays: '14' } })).ok).toBe(true);
    expect(fields(checkPolicy(draft({ level2: { enabled: false, delayDays: '10' }, level3: { enabled: true, delayDays: '13' } })))).toEqual(['level3.delayDays']);
  });

  it('names each field to fix: delays 0–365, courtesy 1–30, hours with the start before the end', () => {
    expect(fields(checkPolicy(draft({ level1: { enabled: true, delayDays: '366' } })))).toEqual(['level1.delayDays']);
    expect(fields(checkPolicy(draft({ level1: { enabled: true, delayDays: '7,5' } })))).toEqual(['level1.delayDays']);
    expect(fields(checkPolicy(draft({ level1: { enabled: true, delayDays: '0' } })))).toEqual([]);
    expect(fields(checkPolicy(draft({ courtesy: { enabled: true, daysBefore: '0' } })))).toEqual(['courtesy.daysBefore']);
    expect(fields(checkPolicy(draft({ courtesy: { enabled: true, daysBefore: '31' } })))).toEqual(['courtesy.daysBefore']);
    expect(fields(checkPolicy(draft({ sendFromHour: '18', sendUntilHour: '9' })))).toEqual(['sendFromHour']);
    expect(fields(checkPolicy(draft({ sendFromHour: '0', sendUntilHour: '24' })))).toEqual([]);
    expect(fields(checkPolicy(draft({ sendFromHour: '', sendUntilHour: '25' })))).toEqual(['sendFromHour']);
  });
});

describe('the collection log', () => {
  it('says each entry in a sentence', () => {
    expect(entryMessage({ type: 'reminder', at: '', level: 2, status: 'queued' })).toEqual({ key: 'dunning.entry.reminder.queued', values: { level: 2 } });
    expect(entryMessage({ type: 'reminder', at: '', level: 3, status: 'draft' }).key).toBe('dunning.entry.reminder.draft');
    expect(entryMessage({ type: 'pause', at: '', reason: 'Litige', resumedAt: null })).toEqual({ key: 'dunning.entry.pause', values: { reason: 'Litige' } });
    expect(entryMessage({ type: 'pause', at: '', reason: 'Litige', resumedAt: '2026-12-01T10:00:00Z' }).key).toBe('dunning.entry.pauseEnded');
    expect(entryMessage({ type: 'promise_to_pay', at: '', text: 'Vendredi', promisedOn: '2026-12-11', promisedAmount: null })).toEqual({
      key: 'dunning.entry.promise',
      values: { text: 'Vendredi' },
    });
  });

  it('checks a note as the API does: text 1–2000, a promise needs its day, its amount is optional and above 0', () => {
    expect(checkNote({ kind: 'call', text: '  Client appelé  ', promisedOn: 'ignored', promisedAmount: '' })).toEqual({ ok: true, body: { kind: 'call', text: 'Client appelé' } });
    expect(checkNote({ kind: 'note', text: '   ', promisedOn: '', promisedAmount: '' })).toMatchObject({ ok: false, field: 'text' });
    expect(checkNote({ kind: 'note', text: 'x'.repeat(2001), promisedOn: '', promisedAmount: '' })).toMatchObject({ ok: false, field: 'text' });
    expect(checkNote({ kind: 'promise_to_pay', text: 'Paiera', promisedOn: '', promisedAmount: '' })).toMatchObject({ ok: false, field: 'promisedOn' });
    expect(checkNote({ kind: 'promise_to_pay', text: 'Paiera', promisedOn: '11/12/2026', promisedAmount: '' })).toEqual({
      ok: true,
      body: { kind: 'promise_to_pay', text: 'Paiera', promisedOn: '2026-12-11' },
    });
    expect(checkNote({ kind: 'promise_to_pay', text: 'Paiera', promisedOn: '2026-12-11', promisedAmount: '150,50' })).toEqual({
      ok: true,
      body: { kind: 'promise_to_pay', text: 'Paiera', promisedOn: '2026-12-11', promisedAmount: '150.50' },
    });
    for (const amount of ['0', '0,00', '-3', '1,234', 'cent']) {
      expect({ amount, check: checkNote({ kind: 'promise_to_pay', text: 'Paiera', promisedOn: '2026-12-11', promisedAmount: amount }) }).toMatchObject({
        amount,
        check: { ok: false, field: 'promisedAmount' },
      });
    }
  });
});
