import { QUOTE_ACTIONS, QuoteAction, QuoteActor, QuoteStatus } from '@kpa/contracts';
import {
  allowedActions,
  assertEditable,
  CatalogueDefaults,
  checkQuote,
  effectiveStatus,
  isDueToExpire,
  isExpired,
  QuoteState,
  quoteTotals,
  resolveLines,
  StoredQuoteStatus,
  transition,
} from './quote';
import { refusalOf } from '@kpa/testing/refusal';

const TODAY = '2026-11-22';
const ITEM_ID = '0190a000-0000-7000-8000-000000000001';
const item: CatalogueDefaults = { label: 'Repassage à domicile', unit: 'hour', unitPrice: '18.1234', vatRate: '5.5', exemptionReason: null, nature: 'service', archived: false };
const items = new Map([[ITEM_ID, item]]);
const free = { description: 'Déplacement', quantity: '1', unit: 'flat_rate', unitPrice: '15', vatRate: '20' } as const;

describe('quote lines and totals', () => {
  it('fills a catalogue line from its item, keeps a free line, and totals with the money engine', () => {
    const lines = resolveLines([{ catalogueItemId: ITEM_ID, quantity: '2.5' }, free], items);
    expect(lines[0]).toEqual({
      description: 'Repassage à domicile',
      quantity: '2.5',
      unit: 'hour',
      unitPrice: '18.1234',
      vatRate: '5.5',
      exemptionReason: null,
      catalogueItemId: ITEM_ID,
      nature: 'service',
    });
    expect(lines[1].catalogueItemId).toBeNull();
    const { totals, lineNets } = quoteTotals(lines, false);
    expect(lineNets).toEqual(['45.31', '15.00']);
    expect(totals).toEqual({
      net: '60.31',
      vat: '5.49',
      total: '65.80',
      vatBreakdown: [
        { category: 'S', rate: '20', exemptionReason: null, base: '15.00', vat: '3.00' },
        { category: 'S', rate: '5.5', exemptionReason: null, base: '45.31', vat: '2.49' },
      ],
      vatFranchise: false,
      vatExemptionNote: null,
    });
  });

  it('lets a line override its item, and charges no VAT under the franchise', () => {
    const [line] = resolveLines([{ catalogueItemId: ITEM_ID, quantity: '1', unitPrice: '20', vatRate: '10', description: 'Repassage (forfait)' }], items);
    expect(line).toMatchObject({ description: 'Repassage (forfait)', unitPrice: '20', vatRate: '10', unit: 'hour' });
    const { totals } = quoteTotals([line], true);
    expect(totals).toMatchObject({ net: '20.00', vat: '0.00', total: '20.00', vatFranchise: true, vatExemptionNote: 'TVA non applicable, art. 293 B du CGI' });
  });

  it('refuses an unknown or archived item, a missing unit, no lines, and a price with 5 decimals', () => {
    expect(refusalOf(() => resolveLines([{ catalogueItemId: '0190a000-0000-7000-8000-000000000009', quantity: '1' }], items)).code).toBe('CATALOGUE_ITEM_NOT_FOUND');
    expect(refusalOf(() => resolveLines([{ catalogueItemId: ITEM_ID, quantity: '1' }], new Map([[ITEM_ID, { ...item, archived: true }]]))).details).toEqual({
      field: 'lines[0].catalogueItemId',
    });
    expect(refusalOf(() => resolveLines([{ ...free, unit: undefined }], items)).details).toEqual({ field: 'lines[0].unit' });
    expect(refusalOf(() => resolveLines([], items)).details).toEqual({ field: 'lines' });
    const lines = resolveLines([{ ...free, unitPrice: '1.12345' }], items);
    expect(refusalOf(() => quoteTotals(lines, false)).details).toEqual({ field: 'lines[0].unitPrice' });
  });
});

describe('quote fields', () => {
  const lines = resolveLines([free], items);
  const base = { clientId: 'c', lines, validUntil: '2026-12-31' };

  it('needs validUntil after today and execution dates in order', () => {
    expect(checkQuote(base, 'company', TODAY)).toMatchObject({ validUntil: '2026-12-31', signedAtClientHome: false, executionPlace: null });
    expect(refusalOf(() => checkQuote({ ...base, validUntil: TODAY }, 'company', TODAY)).details).toEqual({ field: 'validUntil' });
    expect(refusalOf(() => checkQuote({ ...base, validUntil: '2026-02-30' }, 'company', TODAY)).details).toEqual({ field: 'validUntil' });
    expect(refusalOf(() => checkQuote({ ...base, executionStartsOn: '2027-01-10', executionEndsOn: '2027-01-09' }, 'company', TODAY)).details).toEqual({
      field: 'executionEndsOn',
    });
  });

  it('asks for a deposit in percent of the total, above 0 and at most 100, 2 decimals at most', () => {
    expect(checkQuote(base, 'company', TODAY).depositPercent).toBeNull();
    expect(checkQuote({ ...base, depositPercent: '30' }, 'company', TODAY).depositPercent).toBe('30');
    expect(checkQuote({ ...base, depositPercent: '12.5' }, 'company', TODAY).depositPercent).toBe('12.5');
    for (const wrong of ['0', '100.01', '30.123', '-5', 'trente', 30]) {
      expect(refusalOf(() => checkQuote({ ...base, depositPercent: wrong as never }, 'company', TODAY)).details).toEqual({ field: 'depositPercent' });
    }
  });

  it('names a delivery address for goods only, as the invoice made from it will', () => {
    const goods = resolveLines([{ ...free, nature: 'goods' }], items);
    expect(checkQuote({ ...base, lines: goods, deliveryAddress: ' 14 rue de Lannoy, 59100 Roubaix ' }, 'individual', TODAY).deliveryAddress).toBe(
      '14 rue de Lannoy, 59100 Roubaix',
    );
    expect(refusalOf(() => checkQuote({ ...base, deliveryAddress: '14 rue de Lannoy' }, 'individual', TODAY)).details).toEqual({ field: 'deliveryAddress' });
    expect(checkQuote(base, 'individual', TODAY).deliveryAddress).toBeNull();
  });

  it('takes signedAtClientHome from individual clients only', () => {
    expect(checkQuote({ ...base, signedAtClientHome: true }, 'individual', TODAY).signedAtClientHome).toBe(true);
    expect(refusalOf(() => checkQuote({ ...base, signedAtClientHome: true }, 'company', TODAY)).details).toEqual({ field: 'signedAtClientHome' });
  });
});

describe('quote flow', () => {
  const STORED: StoredQuoteStatus[] = ['draft', 'submitted', 'validated', 'sent', 'accepted', 'declined'];
  const ROLES: QuoteActor['role'][] = ['coordinator', 'member'];
  const state = (status: StoredQuoteStatus, createdByRole: QuoteActor['role'] = 'member', validUntil = '2026-12-31'): QuoteState => ({ status, validUntil, createdByRole });

  // Every (status, drafter, role, action): the one table of what is allowed.
  const EXPECTED: Record<string, StoredQuoteStatus> = {
    'draft/member/member/submit': 'submitted',
    'draft/member/coordinator/submit': 'submitted',
    'draft/coordinator/member/submit': 'submitted',
    'draft/coordinator/coordinator/submit': 'submitted',
    'draft/coordinator/coordinator/send': 'sent',
    'submitted/member/coordinator/validate': 'validated',
    'submitted/coordinator/coordinator/validate': 'validated',
    'validated/member/coordinator/send': 'sent',
    'validated/coordinator/coordinator/send': 'sent',
    'sent/member/coordinator/accept': 'accepted',
    'sent/coordinator/coordinator/accept': 'accepted',
    'sent/member/coordinator/decline': 'declined',
    'sent/coordinator/coordinator/decline': 'declined',
  };

  for (const status of STORED) {
    for (const drafter of ROLES) {
      for (const role of ROLES) {
        for (const action of QUOTE_ACTIONS) {
          const key = `${status}/${drafter}/${role}/${action}`;
          it(key, () => {
            const s = state(status, drafter);
            if (EXPECTED[key]) {
              expect(transition(s, action, role, TODAY)).toBe(EXPECTED[key]);
              expect(allowedActions(s, role, TODAY)).toContain(action);
            } else {
              const error = refusalOf(() => transition(s, action, role, TODAY));
              expect(error.code).toBe('QUOTE_TRANSITION_REFUSED');
              expect(error.message).toContain(`The quote is ${status}`);
              expect(error.details).toEqual({ status, action, allowed: allowedActions(s, role, TODAY) });
            }
          });
        }
      }
    }
  }

  it("says why a member's draft cannot be sent directly, and what is allowed", () => {
    const error = refusalOf(() => transition(state('draft', 'member'), 'send', 'coordinator', TODAY));
    expect(error.message).toBe('The quote is draft: a draft written by a member must be submitted and validated before it is sent. Allowed now: submit.');
    expect(refusalOf(() => transition(state('accepted'), 'decline', 'coordinator', TODAY)).message).toContain('Allowed now: nothing');
  });

  it('reads a sent quote past validUntil as expired: it cannot be accepted (422) nor declined', () => {
    expect(effectiveStatus('sent', '2026-11-22', TODAY)).toBe('sent');
    expect(effectiveStatus('sent', '2026-11-21', TODAY)).toBe('expired');
    expect(effectiveStatus('accepted', '2026-11-21', TODAY)).toBe('accepted');
    expect(effectiveStatus('draft', '2026-11-21', TODAY)).toBe('draft');
    const expired = state('sent', 'member', '2026-11-21');
    expect(allowedActions(expired, 'coordinator', TODAY)).toEqual([]);
    const error = refusalOf(() => transition(expired, 'accept', 'coordinator', TODAY));
    expect(error.code).toBe('QUOTE_EXPIRED');
    expect(error.details).toEqual({ validUntil: '2026-11-21' });
    expect(refusalOf(() => transition(expired, 'decline', 'coordinator', TODAY)).code).toBe('QUOTE_TRANSITION_REFUSED');
  });

  it('does not send a quote whose validity has passed', () => {
    expect(refusalOf(() => transition(state('validated', 'member', '2026-11-21'), 'send', 'coordinator', TODAY)).code).toBe('QUOTE_EXPIRED');
  });

  it('edits drafts only', () => {
    expect(() => assertEditable('draft', '2026-12-31', TODAY)).not.toThrow();
    for (const status of ['submitted', 'validated', 'sent', 'accepted', 'declined'] as StoredQuoteStatus[]) {
      const error = refusalOf(() => assertEditable(status, '2026-12-31', TODAY));
      expect(error.code).toBe('QUOTE_NOT_EDITABLE');
      expect(error.details).toEqual({ status: status as QuoteStatus });
    }
  });

  it('refuses an unknown action', () => {
    expect(refusalOf(() => transition(state('draft'), 'cancel' as QuoteAction, 'coordinator', TODAY)).details).toEqual({ field: 'action' });
  });
});

describe('quote expiry', () => {
  const STATUSES: StoredQuoteStatus[] = ['draft', 'submitted', 'validated', 'sent', 'accepted', 'declined'];

  it('a sent quote expires the day after its last valid day, not on it', () => {
    expect(isExpired('sent', '2026-11-23', TODAY)).toBe(false);
    expect(isExpired('sent', '2026-11-22', TODAY)).toBe(false);
    expect(isExpired('sent', '2026-11-21', TODAY)).toBe(true);
    expect(isExpired('sent', '2025-11-22', TODAY)).toBe(true);
  });

  it('across month and year ends (dates compared as days, not as text of another shape)', () => {
    expect(isExpired('sent', '2026-12-31', '2027-01-01')).toBe(true);
    expect(isExpired('sent', '2026-02-28', '2026-03-01')).toBe(true);
    expect(isExpired('sent', '2028-02-29', '2028-02-29')).toBe(false);
  });

  it('only a sent quote expires: drafts, validated, accepted and declined ones never do', () => {
    for (const status of STATUSES.filter((s) => s !== 'sent')) expect(isExpired(status, '2020-01-01', TODAY)).toBe(false);
  });

  it('reads and the sweep agree: due to expire exactly when it reads expired and was not published yet', () => {
    for (const status of STATUSES) {
      for (const validUntil of ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23']) {
        const reads = effectiveStatus(status, validUntil, TODAY) === 'expired';
        expect(isDueToExpire({ status, validUntil, expiredPublishedAt: null }, TODAY)).toBe(reads);
        expect(isDueToExpire({ status, validUntil, expiredPublishedAt: new Date('2026-11-22T05:00:00Z') }, TODAY)).toBe(false);
      }
    }
  });
});
