import { DomainError, HELP_REQUEST_STATUSES, HelpContributionStatus, HelpRequestInput, HelpRequestStatus } from '@kpa/contracts';
import { codeOf, refusalOf } from '@kpa/testing/refusal';
import {
  amountDueCents,
  checkStarted,
  contributionTransition,
  doneHours,
  effectiveStatus,
  HELP_ACTIONS,
  HelpAction,
  helpTransition,
  isVisibleTo,
  newHelpRequest,
  newOffer,
  settlementOf,
  statusAfterDecline,
} from './help-request';

const A = '0190a000-0000-7000-8000-00000000000a';
const B = '0190a000-0000-7000-8000-00000000000b';
const C = '0190a000-0000-7000-8000-00000000000c';

/**
 * The whole table, written out: every status × every action, the next status or the refusal code.
 * A change to the lifecycle has to change this table on purpose.
 */
const EXPECTED: Record<HelpRequestStatus, Record<HelpAction, HelpRequestStatus | string>> = {
  open: {
    offer: 'offers',
    accept: 'HELP_OFFER_NOT_ACCEPTABLE',
    decline: 'HELP_OFFER_NOT_DECLINABLE',
    record_done: 'HELP_REQUEST_NOT_ACCEPTED',
    confirm: 'HELP_REQUEST_NOT_DONE',
    cancel: 'cancelled',
    expire: 'expired',
  },
  offers: {
    offer: 'offers',
    accept: 'accepted',
    decline: 'offers',
    record_done: 'HELP_REQUEST_NOT_ACCEPTED',
    confirm: 'HELP_REQUEST_NOT_DONE',
    cancel: 'cancelled',
    expire: 'expired',
  },
  accepted: {
    offer: 'accepted',
    accept: 'accepted',
    decline: 'accepted',
    record_done: 'done',
    confirm: 'HELP_REQUEST_NOT_DONE',
    cancel: 'cancelled',
    expire: 'HELP_REQUEST_NOT_EXPIRABLE',
  },
  done: {
    offer: 'HELP_REQUEST_NOT_OPEN',
    accept: 'HELP_OFFER_NOT_ACCEPTABLE',
    decline: 'HELP_OFFER_NOT_DECLINABLE',
    record_done: 'HELP_REQUEST_NOT_ACCEPTED',
    confirm: 'done',
    cancel: 'HELP_REQUEST_NOT_CANCELLABLE',
    expire: 'HELP_REQUEST_NOT_EXPIRABLE',
  },
  confirmed: {
    offer: 'HELP_REQUEST_NOT_OPEN',
    accept: 'HELP_OFFER_NOT_ACCEPTABLE',
    decline: 'HELP_OFFER_NOT_DECLINABLE',
    record_done: 'HELP_REQUEST_NOT_ACCEPTED',
    confirm: 'HELP_REQUEST_NOT_DONE',
    cancel: 'HELP_REQUEST_NOT_CANCELLABLE',
    expire: 'HELP_REQUEST_NOT_EXPIRABLE',
  },
  cancelled: {
    offer: 'HELP_REQUEST_NOT_OPEN',
    accept: 'HELP_OFFER_NOT_ACCEPTABLE',
    decline: 'HELP_OFFER_NOT_DECLINABLE',
    record_done: 'HELP_REQUEST_NOT_ACCEPTED',
    confirm: 'HELP_REQUEST_NOT_DONE',
    cancel: 'HELP_REQUEST_NOT_CANCELLABLE',
    expire: 'HELP_REQUEST_NOT_EXPIRABLE',
  },
  expired: {
    offer: 'HELP_REQUEST_NOT_OPEN',
    accept: 'HELP_OFFER_NOT_ACCEPTABLE',
    decline: 'HELP_OFFER_NOT_DECLINABLE',
    record_done: 'HELP_REQUEST_NOT_ACCEPTED',
    confirm: 'HELP_REQUEST_NOT_DONE',
    cancel: 'HELP_REQUEST_NOT_CANCELLABLE',
    expire: 'HELP_REQUEST_NOT_EXPIRABLE',
  },
};

describe('help request lifecycle', () => {
  const cases = HELP_REQUEST_STATUSES.flatMap((status) => HELP_ACTIONS.map((action) => [status, action, EXPECTED[status][action]] as const));

  it('covers every status × action', () => {
    expect(cases).toHaveLength(HELP_REQUEST_STATUSES.length * HELP_ACTIONS.length);
  });

  it.each(cases)('%s + %s → %s', (status, action, expected) => {
    if ((HELP_REQUEST_STATUSES as readonly string[]).includes(expected)) {
      expect(helpTransition(status, action)).toBe(expected);
    } else {
      const refusal = refusalOf(() => helpTransition(status, action));
      expect(refusal.code).toBe(expected);
      expect(refusal.details).toEqual({ status, action });
      expect(refusal.message.length).toBeGreaterThan(20);
    }
  });

  it('gives every action its own refusal code', () => {
    const codes = HELP_ACTIONS.map((action) => codeOf(() => helpTransition('confirmed', action)));
    expect(new Set(codes).size).toBe(HELP_ACTIONS.length);
  });

  it('expires on read an open request past its end date, never an accepted or finished one', () => {
    expect(effectiveStatus('open', '2026-12-10', '2026-12-10')).toBe('open');
    expect(effectiveStatus('open', '2026-12-10', '2026-12-11')).toBe('expired');
    expect(effectiveStatus('offers', '2026-12-10', '2026-12-11')).toBe('expired');
    for (const status of ['accepted', 'done', 'confirmed', 'cancelled'] as const) expect(effectiveStatus(status, '2026-12-10', '2027-01-01')).toBe(status);
  });

  it('goes back to open when the last pending offer is declined, and stays accepted once one was accepted', () => {
    expect(statusAfterDecline('offers', 0)).toBe('open');
    expect(statusAfterDecline('offers', 1)).toBe('offers');
    expect(statusAfterDecline('accepted', 0)).toBe('accepted');
    expect(codeOf(() => statusAfterDecline('done', 0))).toBe('HELP_OFFER_NOT_DECLINABLE');
  });
});

describe("a helping site's hours", () => {
  const STATUSES: HelpContributionStatus[] = ['awaiting_helper', 'awaiting_requester', 'confirmed'];
  const EXPECTED_C: Record<HelpContributionStatus, Record<'confirm' | 'correct' | 'confirm_correction', string>> = {
    awaiting_helper: { confirm: 'confirmed', correct: 'awaiting_requester', confirm_correction: 'HELP_HOURS_NOT_AWAITING' },
    awaiting_requester: { confirm: 'HELP_HOURS_NOT_AWAITING', correct: 'HELP_HOURS_NOT_AWAITING', confirm_correction: 'confirmed' },
    confirmed: { confirm: 'HELP_HOURS_ALREADY_CONFIRMED', correct: 'HELP_HOURS_ALREADY_CONFIRMED', confirm_correction: 'HELP_HOURS_ALREADY_CONFIRMED' },
  };
  it.each(STATUSES.flatMap((s) => (['confirm', 'correct', 'confirm_correction'] as const).map((a) => [s, a, EXPECTED_C[s][a]] as const)))(
    '%s + %s → %s',
    (status, action, expected) => {
      if (STATUSES.includes(expected as HelpContributionStatus)) expect(contributionTransition(status, action)).toBe(expected);
      else expect(codeOf(() => contributionTransition(status, action))).toBe(expected);
    },
  );
});

describe('what a help request says', () => {
  const valid: HelpRequestInput = {
    title: 'Renfort traiteur pour un mariage',
    skills: ['cuisine', 'service', 'cuisine'],
    startsOn: '2026-12-12',
    endsOn: '2026-12-13',
    place: 'Salle des fêtes, Roubaix',
    peopleNeeded: 3,
    returnKind: 'reciprocity',
    visibility: 'region',
  };
  const today = '2026-12-04';

  it('keeps a valid request, skills once each', () => {
    const data = newHelpRequest(valid, A, today);
    expect(data).toEqual(
      expect.objectContaining({ title: valid.title, skills: ['cuisine', 'service'], peopleNeeded: 3, hoursNeeded: null, amountPerHourCents: null, visibleToSiteIds: [] }),
    );
  });

  it.each<[string, Partial<HelpRequestInput>, string]>([
    ['end before start', { endsOn: '2026-12-11' }, 'endsOn'],
    ['end already past', { startsOn: '2026-11-01', endsOn: '2026-12-03' }, 'endsOn'],
    ['neither people nor hours', { peopleNeeded: null, hoursNeeded: null }, 'peopleNeeded'],
    ['zero hours', { peopleNeeded: null, hoursNeeded: '0' }, 'hoursNeeded'],
    ['three decimals', { peopleNeeded: null, hoursNeeded: '1.234' }, 'hoursNeeded'],
    ['paid without amount', { returnKind: 'paid' }, 'amountPerHour'],
    ['amount on reciprocity help', { amountPerHour: '18' }, 'amountPerHour'],
    ['chosen sites without sites', { visibility: 'sites' }, 'visibleToSiteIds'],
    ['chosen sites: only itself', { visibility: 'sites', visibleToSiteIds: [A] }, 'visibleToSiteIds'],
    ['blank title', { title: '  ' }, 'title'],
    ['over a year', { endsOn: '2028-01-01' }, 'endsOn'],
  ])('refuses %s', (_, change, field) => {
    const refusal = refusalOf(() => newHelpRequest({ ...valid, ...change }, A, today));
    expect(refusal.code).toBe('VALIDATION_FAILED');
    expect(refusal.details).toEqual({ field });
  });

  it('visible to the region, to chosen sites, to its own site and to a network admin only', () => {
    const chosen = { siteId: A, visibility: 'sites' as const, visibleToSiteIds: [B] };
    expect(isVisibleTo(chosen, { networkAdmin: false, siteIds: [B] })).toBe(true);
    expect(isVisibleTo(chosen, { networkAdmin: false, siteIds: [C] })).toBe(false);
    expect(isVisibleTo(chosen, { networkAdmin: false, siteIds: [A] })).toBe(true);
    expect(isVisibleTo(chosen, { networkAdmin: true, siteIds: [] })).toBe(true);
    const region = { ...chosen, visibility: 'region' as const, visibleToSiteIds: [] };
    expect(isVisibleTo(region, { networkAdmin: false, siteIds: [C] })).toBe(true);
    expect(isVisibleTo(region, { networkAdmin: false, siteIds: [] })).toBe(false);
  });

  it('refuses an offer on its own request, and keeps only first names and member ids of the people', () => {
    expect(codeOf(() => newOffer({ fromSiteId: A, people: [], hours: '4' }, A))).toBe('HELP_OFFER_OWN_REQUEST');
    expect(newOffer({ fromSiteId: B.toUpperCase(), people: [{ firstName: ' Inès ' }], hours: '7.5', note: ' ' }, A)).toEqual({
      fromSiteId: B,
      people: [{ memberId: null, firstName: 'Inès' }],
      hours: 750,
      note: null,
    });
  });

  it('records hours only for accepted sites, each once', () => {
    expect(doneHours([{ siteId: B, hours: '7.5' }], [B, C])).toEqual([{ siteId: B, hours: 750 }]);
    expect(codeOf(() => doneHours([{ siteId: C, hours: '2' }], [B]))).toBe('HELP_HOURS_SITE_NOT_ACCEPTED');
    expect(
      codeOf(() =>
        doneHours(
          [
            { siteId: B, hours: '2' },
            { siteId: B, hours: '3' },
          ],
          [B],
        ),
      ),
    ).toBe('VALIDATION_FAILED');
    expect(codeOf(() => doneHours([], [B]))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => doneHours([{ siteId: B, hours: '0' }], [B]))).toBe('VALIDATION_FAILED');
  });

  it('is recorded as done from its first day on', () => {
    expect(() => checkStarted('2026-12-04', '2026-12-04')).not.toThrow();
    expect(codeOf(() => checkStarted('2026-12-05', '2026-12-04'))).toBe('HELP_REQUEST_NOT_STARTED');
  });

  it('computes the amount due to the cent and an internal transfer when one host structure hosts both sites', () => {
    expect(amountDueCents(750, 1850)).toBe(13875);
    expect(amountDueCents(333, 1001)).toBe(3333); // 33.3333 → 33.33
    expect(amountDueCents(5, 101)).toBe(5); // 0.0505 → 0.05
    expect(settlementOf('h1', 'h1')).toBe('internal_transfer');
    expect(settlementOf('h1', 'h2')).toBe('between_host_structures');
    expect(settlementOf(null, null)).toBe('between_host_structures');
  });

  it('refusals are domain errors', () => {
    expect(() => helpTransition('cancelled', 'cancel')).toThrow(DomainError);
  });
});
