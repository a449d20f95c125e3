import { InterviewInput } from '@kpa/contracts';
import { becameHeld, changeInterview, InterviewState, isoInstant, newInterview, NOTES_MAX_LENGTH, skillsAssessmentOf, TRANSITIONS } from './interview';
import { refusalOf } from '@kpa/testing/refusal';

/** The parts of a refusal these tests compare. */
function refusal(run: () => unknown) {
  const { code, details, message } = refusalOf(run);
  return { code, details, message };
}

const now = '2026-11-22T10:00:00.000Z';
const context = { now };
const past = '2026-11-20T09:00:00.000Z';
const future = '2026-11-25T09:00:00.000Z';

function input(overrides: Partial<InterviewInput> = {}): InterviewInput & { id: string; memberId: string; participationJoinedOn: string } {
  return { id: 'interview-1', memberId: 'member-1', participationJoinedOn: '2026-11-02', kind: 'follow_up', scheduledAt: future, conductedBy: 'Camille Durand', ...overrides };
}

function schedule(overrides: Partial<InterviewInput> = {}, others: InterviewState[] = []): InterviewState {
  return newInterview(input(overrides), context, others);
}

describe('interview rules', () => {
  describe('scheduling', () => {
    it('makes a scheduled interview, not private, with no notes or assessment by default', () => {
      expect(schedule()).toEqual({
        id: 'interview-1',
        memberId: 'member-1',
        participationJoinedOn: '2026-11-02',
        kind: 'follow_up',
        scheduledAt: future,
        heldAt: null,
        status: 'scheduled',
        conductedBy: 'Camille Durand',
        notes: null,
        private: false,
        skillsAssessment: [],
      });
    });

    it('normalises instants to UTC and refuses dates without a time or a zone', () => {
      expect(schedule({ scheduledAt: '2026-12-03T10:00:00+01:00' }).scheduledAt).toBe('2026-12-03T09:00:00.000Z');
      expect(isoInstant('2026-12-03T10:00Z', 'x')).toBe('2026-12-03T10:00:00.000Z');
      for (const bad of ['2026-12-03', '2026-12-03T10:00:00', '03/12/2026 10:00', '2026-13-03T10:00:00Z', 42]) {
        expect(refusal(() => schedule({ scheduledAt: bad as string }))).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'scheduledAt' } });
      }
    });

    it('names the field of an unknown kind or status', () => {
      expect(refusal(() => schedule({ kind: 'coffee' as never }))).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'kind' } });
      expect(refusal(() => schedule({ status: 'done' as never }))).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'status' } });
    });

    it('records an interview that took place, with heldAt not in the future', () => {
      const held = schedule({ scheduledAt: past, status: 'held', heldAt: '2026-11-20T09:10:00+01:00' });
      expect(held).toMatchObject({ status: 'held', heldAt: '2026-11-20T08:10:00.000Z' });
      expect(schedule({ status: 'held', heldAt: now }).heldAt).toBe(now);
      expect(refusal(() => schedule({ status: 'held', heldAt: '2026-11-22T10:00:01.000Z' }))).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'heldAt' } });
      expect(refusal(() => schedule({ status: 'held' }))).toMatchObject({ code: 'INTERVIEW_TRANSITION_REFUSED', details: { field: 'heldAt' } });
    });

    it('refuses a new interview already missed or cancelled, and heldAt without the status held', () => {
      expect(refusal(() => schedule({ status: 'missed', scheduledAt: past })).code).toBe('INTERVIEW_TRANSITION_REFUSED');
      expect(refusal(() => schedule({ status: 'cancelled' })).code).toBe('INTERVIEW_TRANSITION_REFUSED');
      expect(refusal(() => schedule({ heldAt: past }))).toMatchObject({ code: 'INTERVIEW_TRANSITION_REFUSED', details: { field: 'heldAt', status: 'scheduled' } });
    });

    it('keeps conductedBy a name of 1 to 100 characters, trimmed', () => {
      expect(schedule({ conductedBy: '  Camille  ' }).conductedBy).toBe('Camille');
      expect(refusal(() => schedule({ conductedBy: '   ' }))).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'conductedBy' } });
      expect(refusal(() => schedule({ conductedBy: 'x'.repeat(101) })).details).toEqual({ field: 'conductedBy' });
    });

    it('keeps notes up to 5000 characters; blank notes are none', () => {
      expect(schedule({ notes: 'x'.repeat(NOTES_MAX_LENGTH) }).notes).toHaveLength(5000);
      expect(refusal(() => schedule({ notes: 'x'.repeat(NOTES_MAX_LENGTH + 1) }))).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'notes' } });
      expect(schedule({ notes: '   ' }).notes).toBeNull();
      expect(schedule({ notes: ' Veut tester la vente. ' }).notes).toBe('Veut tester la vente.');
      expect(refusal(() => schedule({ notes: 12 as never })).details).toEqual({ field: 'notes' });
    });

    it('takes the private flag as a boolean only', () => {
      expect(schedule({ private: true }).private).toBe(true);
      expect(refusal(() => schedule({ private: 'yes' as never })).details).toEqual({ field: 'private' });
    });
  });

  describe('skills self-assessment', () => {
    it('keeps names trimmed and levels 1 to 4', () => {
      expect(
        skillsAssessmentOf([
          { name: ' cuisine ', level: 1 },
          { name: 'couture', level: 4 },
        ]),
      ).toEqual([
        { name: 'cuisine', level: 1 },
        { name: 'couture', level: 4 },
      ]);
      expect(skillsAssessmentOf(undefined)).toEqual([]);
    });

    it.each([0, 5, 2.5, '3', null])('refuses level %p, naming the line', (level) => {
      expect(
        refusal(() =>
          skillsAssessmentOf([
            { name: 'cuisine', level: 2 },
            { name: 'vente', level },
          ]),
        ),
      ).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { field: 'skillsAssessment[1].level' },
      });
    });

    it('refuses an empty name, a skill assessed twice (case-insensitive), more than 50 lines', () => {
      expect(refusal(() => skillsAssessmentOf([{ name: ' ', level: 2 }])).details).toEqual({ field: 'skillsAssessment[0].name' });
      expect(
        refusal(() =>
          skillsAssessmentOf([
            { name: 'Cuisine', level: 2 },
            { name: 'cuisine', level: 3 },
          ]),
        ).details,
      ).toEqual({ field: 'skillsAssessment[1].name' });
      const many = Array.from({ length: 51 }, (_, i) => ({ name: `skill ${i}`, level: 1 }));
      expect(refusal(() => skillsAssessmentOf(many)).details).toEqual({ field: 'skillsAssessment' });
      expect(refusal(() => skillsAssessmentOf('cuisine')).details).toEqual({ field: 'skillsAssessment' });
    });
  });

  describe('status transitions', () => {
    const scheduledPast = () => schedule({ scheduledAt: past });

    it('states the graph: held is final, missed and cancelled come back through a new time', () => {
      expect(TRANSITIONS).toEqual({
        scheduled: ['scheduled', 'held', 'missed', 'cancelled'],
        held: ['held'],
        missed: ['missed', 'scheduled', 'held'],
        cancelled: ['cancelled', 'scheduled', 'held'],
      });
    });

    it('holds a scheduled interview with heldAt; without heldAt or with a future one it is refused', () => {
      const held = changeInterview(scheduledPast(), { status: 'held', heldAt: past, notes: 'Bon échange.' }, context, []);
      expect(held).toMatchObject({ status: 'held', heldAt: past, notes: 'Bon échange.' });
      expect(refusal(() => changeInterview(scheduledPast(), { status: 'held' }, context, []))).toMatchObject({
        code: 'INTERVIEW_TRANSITION_REFUSED',
        details: { field: 'heldAt' },
      });
      expect(refusal(() => changeInterview(scheduledPast(), { status: 'held', heldAt: future }, context, [])).code).toBe('VALIDATION_FAILED');
    });

    it('may hold an interview earlier than scheduled (moved forward)', () => {
      expect(changeInterview(schedule({ scheduledAt: future }), { status: 'held', heldAt: past }, context, []).status).toBe('held');
    });

    it('marks missed only once the scheduled time has come', () => {
      expect(changeInterview(scheduledPast(), { status: 'missed' }, context, []).status).toBe('missed');
      expect(changeInterview(schedule({ scheduledAt: now }), { status: 'missed' }, context, []).status).toBe('missed');
      expect(refusal(() => changeInterview(schedule({ scheduledAt: future }), { status: 'missed' }, context, []))).toMatchObject({
        code: 'INTERVIEW_TRANSITION_REFUSED',
        details: { scheduledAt: future },
      });
    });

    it('cancels a scheduled interview at any time, and reschedules one', () => {
      expect(changeInterview(schedule(), { status: 'cancelled' }, context, []).status).toBe('cancelled');
      expect(changeInterview(schedule(), { scheduledAt: '2026-12-01T09:00:00Z' }, context, []).scheduledAt).toBe('2026-12-01T09:00:00.000Z');
    });

    it('keeps a held interview held, while its notes, assessment and heldAt may be corrected', () => {
      const held = changeInterview(scheduledPast(), { status: 'held', heldAt: past }, context, []);
      for (const status of ['scheduled', 'missed', 'cancelled'] as const) {
        expect(refusal(() => changeInterview(held, { status }, context, []))).toMatchObject({
          code: 'INTERVIEW_TRANSITION_REFUSED',
          details: { from: 'held', to: status, allowed: [] },
        });
      }
      const corrected = changeInterview(held, { notes: 'Corrigé', heldAt: '2026-11-20T10:00:00Z', skillsAssessment: [{ name: 'vente', level: 2 }] }, context, []);
      expect(corrected).toMatchObject({ status: 'held', notes: 'Corrigé', heldAt: '2026-11-20T10:00:00.000Z', skillsAssessment: [{ name: 'vente', level: 2 }] });
      expect(refusal(() => changeInterview(held, { heldAt: null }, context, [])).details).toEqual({ field: 'heldAt' });
    });

    it.each(['missed', 'cancelled'] as const)('brings a %s interview back only with a new scheduledAt', (status) => {
      const gone = changeInterview(scheduledPast(), { status }, context, []);
      expect(refusal(() => changeInterview(gone, { status: 'held', heldAt: past }, context, []))).toMatchObject({
        code: 'INTERVIEW_TRANSITION_REFUSED',
        details: { field: 'scheduledAt', from: status, to: 'held' },
      });
      expect(refusal(() => changeInterview(gone, { status: 'scheduled' }, context, [])).details).toMatchObject({ field: 'scheduledAt' });
      expect(refusal(() => changeInterview(gone, { status: 'scheduled', scheduledAt: past }, context, [])).details).toMatchObject({ field: 'scheduledAt' });
      expect(changeInterview(gone, { status: 'scheduled', scheduledAt: future }, context, []).status).toBe('scheduled');
      expect(changeInterview(gone, { status: 'held', scheduledAt: '2026-11-21T09:00:00Z', heldAt: '2026-11-21T09:00:00Z' }, context, []).status).toBe('held');
      // Its notes may still be written without changing anything else.
      expect(changeInterview(gone, { notes: 'Pas venu.' }, context, []).notes).toBe('Pas venu.');
    });

    it('never moves between missed and cancelled', () => {
      const missed = changeInterview(scheduledPast(), { status: 'missed' }, context, []);
      expect(refusal(() => changeInterview(missed, { status: 'cancelled' }, context, []))).toMatchObject({
        code: 'INTERVIEW_TRANSITION_REFUSED',
        details: { from: 'missed', to: 'cancelled', allowed: ['scheduled', 'held'] },
      });
    });

    it('refuses heldAt on an interview that is not held', () => {
      expect(refusal(() => changeInterview(scheduledPast(), { heldAt: past }, context, []))).toMatchObject({
        code: 'INTERVIEW_TRANSITION_REFUSED',
        details: { field: 'heldAt', status: 'scheduled' },
      });
    });

    it('tells when an interview became held (the event), once', () => {
      const scheduled = scheduledPast();
      const held = changeInterview(scheduled, { status: 'held', heldAt: past }, context, []);
      expect(becameHeld(scheduled, held)).toBe(true);
      expect(becameHeld(held, changeInterview(held, { notes: 'x' }, context, []))).toBe(false);
      expect(becameHeld(undefined, schedule({ status: 'held', heldAt: past }))).toBe(true);
      expect(becameHeld(undefined, scheduled)).toBe(false);
    });
  });

  describe('one first interview per participation', () => {
    const first = schedule({ kind: 'first' });
    const other = (overrides: Partial<InterviewState> = {}): InterviewState => ({ ...first, id: 'interview-0', ...overrides });

    it('refuses a second first interview scheduled or held in the same participation', () => {
      expect(refusal(() => newInterview({ ...input({ kind: 'first' }), id: 'interview-2' }, context, [other()]))).toEqual({
        code: 'INTERVIEW_FIRST_ALREADY_EXISTS',
        message: expect.stringContaining('follow_up'),
        details: { field: 'kind', interviewId: 'interview-0', status: 'scheduled' },
      });
      expect(refusal(() => schedule({ kind: 'first' }, [other({ status: 'held', heldAt: past })])).details).toMatchObject({ status: 'held' });
    });

    it('does not count a missed or cancelled first, nor one of an earlier participation', () => {
      expect(schedule({ kind: 'first' }, [other({ status: 'missed' }), other({ id: 'i-3', status: 'cancelled' })]).kind).toBe('first');
      expect(schedule({ kind: 'first' }, [other({ participationJoinedOn: '2024-01-08', status: 'held', heldAt: past })]).kind).toBe('first');
    });

    it('does not let a follow-up become a second first, nor a cancelled first come back beside another', () => {
      const followUp = schedule();
      expect(refusal(() => changeInterview(followUp, { kind: 'first' }, context, [other()])).code).toBe('INTERVIEW_FIRST_ALREADY_EXISTS');
      const cancelled = changeInterview(first, { status: 'cancelled' }, context, []);
      expect(refusal(() => changeInterview(cancelled, { status: 'scheduled', scheduledAt: '2026-12-01T09:00:00Z' }, context, [other()])).code).toBe(
        'INTERVIEW_FIRST_ALREADY_EXISTS',
      );
      // The interview itself among the others is not a duplicate.
      expect(changeInterview(first, { notes: 'ok' }, context, [first]).notes).toBe('ok');
    });

    it('lets any number of other kinds be scheduled', () => {
      const monthly = schedule({ kind: 'monthly' });
      expect(schedule({ kind: 'monthly' }, [monthly, { ...monthly, id: 'x' }]).kind).toBe('monthly');
    });
  });
});
