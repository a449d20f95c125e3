import { TRANSMISSION_STATUSES, TransmissionStatus } from '@kpa/contracts';
import { errorText, isTransmitted, LIFECYCLE_CODES, nextAttemptAt, paymentToReport, ReportedStatus, statusAfter, statusOfCode } from './transmission';

const REPORTED = TRANSMISSION_STATUSES.filter((s): s is ReportedStatus => s !== 'pending');

describe('which documents go to a PA', () => {
  it('transmits businesses, public bodies and VAT-registered associations; never individuals nor associations without VAT number (e-reporting)', () => {
    expect(isTransmitted({ kind: 'company', vatNumber: 'FR44732829320' })).toBe(true);
    expect(isTransmitted({ kind: 'company', vatNumber: null })).toBe(true);
    expect(isTransmitted({ kind: 'public_body', vatNumber: null })).toBe(true);
    expect(isTransmitted({ kind: 'association', vatNumber: 'FR83443061841' })).toBe(true);
    expect(isTransmitted({ kind: 'association', vatNumber: ' ' })).toBe(false);
    expect(isTransmitted({ kind: 'individual', vatNumber: null })).toBe(false);
  });
});

describe('lifecycle codes', () => {
  it('are the reform’s, each status its own code, and read back', () => {
    expect(LIFECYCLE_CODES).toEqual({ deposited: 200, received: 202, accepted: 205, refused: 210, paid: 212, rejected: 213 });
    for (const status of REPORTED) expect(statusOfCode(LIFECYCLE_CODES[status])).toBe(status);
  });

  it('leaves the codes the platform does not follow', () => {
    for (const code of [201, 203, 204, 206, 207, 208, 209, 211, 0, 999]) expect(statusOfCode(code)).toBeUndefined();
  });
});

describe('statusAfter', () => {
  it('walks the usual path deposited → received → accepted → paid', () => {
    let status: TransmissionStatus = 'pending';
    for (const next of ['deposited', 'received', 'accepted', 'paid'] as const) {
      status = statusAfter(status, next);
      expect(status).toBe(next);
    }
  });

  it('never steps back: a late "received" after "accepted" changes nothing', () => {
    expect(statusAfter('accepted', 'received')).toBe('accepted');
    expect(statusAfter('received', 'deposited')).toBe('received');
  });

  it('may skip steps a PA does not report', () => {
    expect(statusAfter('deposited', 'accepted')).toBe('accepted');
    expect(statusAfter('deposited', 'paid')).toBe('paid');
  });

  it('a PA rejects only what it was handed; a buyer refuses only before approving', () => {
    expect(statusAfter('deposited', 'rejected')).toBe('rejected');
    expect(statusAfter('received', 'rejected')).toBe('received');
    expect(statusAfter('received', 'refused')).toBe('refused');
    expect(statusAfter('deposited', 'refused')).toBe('refused');
    expect(statusAfter('accepted', 'refused')).toBe('accepted');
  });

  it('an ended lifecycle stays ended, whatever comes after', () => {
    for (const ended of ['rejected', 'refused', 'paid'] as const) {
      for (const reported of REPORTED) expect(statusAfter(ended, reported)).toBe(ended);
    }
  });

  it('gives the same status whatever order the same reports arrive in, for the reports of one real lifecycle', () => {
    const lifecycles: ReportedStatus[][] = [
      ['deposited', 'received', 'accepted', 'paid'],
      ['deposited', 'received', 'refused'],
      ['deposited', 'rejected'],
    ];
    const permutations = <T>(items: T[]): T[][] =>
      items.length <= 1 ? [items] : items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
    for (const lifecycle of lifecycles) {
      const expected = lifecycle[lifecycle.length - 1];
      // Sorted by date (what the service does), any arrival order gives the lifecycle's end.
      for (const arrival of permutations(lifecycle)) {
        const sorted = [...arrival].sort((a, b) => lifecycle.indexOf(a) - lifecycle.indexOf(b));
        expect(sorted.reduce<TransmissionStatus>((status, reported) => statusAfter(status, reported), 'pending')).toBe(expected);
      }
    }
  });
});

describe('paymentToReport', () => {
  it('reports a paid invoice on its way, once the PA has it, and never an ended one nor a credit note', () => {
    expect(paymentToReport('invoice', true, 'deposited')).toBe(true);
    expect(paymentToReport('invoice', true, 'received')).toBe(true);
    expect(paymentToReport('invoice', true, 'accepted')).toBe(true);
    expect(paymentToReport('invoice', false, 'accepted')).toBe(false);
    for (const status of ['pending', 'rejected', 'refused', 'paid'] as const) expect(paymentToReport('invoice', true, status)).toBe(false);
    expect(paymentToReport('credit_note', true, 'accepted')).toBe(false);
  });
});

describe('nextAttemptAt', () => {
  const now = new Date('2026-12-05T10:00:00Z');
  const minutesLater = (attempts: number) => (nextAttemptAt(attempts, now).getTime() - now.getTime()) / 60_000;

  it('retries after 1, 2, 4, 8 … minutes, never more than six hours apart', () => {
    expect([1, 2, 3, 4, 5].map(minutesLater)).toEqual([1, 2, 4, 8, 16]);
    expect(minutesLater(9)).toBe(256);
    expect(minutesLater(10)).toBe(360);
    expect(minutesLater(1000)).toBe(360);
  });
});

describe('errorText', () => {
  it('keeps one line of at most 500 characters', () => {
    expect(errorText(new Error('POST http://pa/deposits answered 503:\n  down'))).toBe('POST http://pa/deposits answered 503: down');
    expect(errorText('x'.repeat(800))).toHaveLength(500);
    expect(errorText(new Error('  '))).toBe('unknown error');
  });
});
