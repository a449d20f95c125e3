import fc from 'fast-check';
import { afterFailure, isPermanentRefusal, parseMailFrom, RETRY_DELAYS_SECONDS, senderOf } from './mail-delivery';

const NOW = new Date('2026-03-02T09:00:00Z');

describe('after a failed send', () => {
  it('fails at once on a permanent SMTP refusal (5xx), whatever the attempts left', () => {
    expect(afterFailure({ responseCode: 550, message: '550 5.1.1 User unknown' }, 1, 6, NOW)).toEqual({
      kind: 'failed',
      error: 'refused by the mail server: 550 5.1.1 User unknown',
    });
    expect(isPermanentRefusal({ responseCode: 554, message: 'no' })).toBe(true);
  });

  it('retries a temporary refusal (4xx) or a lost connection after a growing delay', () => {
    expect(afterFailure({ responseCode: 451, message: 'try later' }, 1, 6, NOW)).toEqual({ kind: 'retry', at: new Date('2026-03-02T09:01:00Z'), error: '451 try later' });
    expect(afterFailure({ message: 'connect ECONNREFUSED 127.0.0.1:1025' }, 2, 6, NOW)).toMatchObject({ kind: 'retry', at: new Date('2026-03-02T09:05:00Z') });
    expect(afterFailure({ message: 'timeout' }, 5, 6, NOW)).toMatchObject({ kind: 'retry', at: new Date('2026-03-02T12:00:00Z') });
  });

  it('gives up when the attempts are spent', () => {
    expect(afterFailure({ responseCode: 421, message: 'busy' }, 6, 6, NOW)).toEqual({ kind: 'failed', error: 'gave up after 6 attempts: 421 busy' });
  });

  it('never retries sooner than the previous delay, never later than the longest one, and always fails a 5xx', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.option(fc.integer({ min: 200, max: 599 }), { nil: undefined }), (attempts, code) => {
        const next = afterFailure({ responseCode: code, message: 'x' }, attempts, 51, NOW);
        if (code !== undefined && code >= 500) return next.kind === 'failed';
        if (next.kind !== 'retry') return false;
        const delay = (next.at.getTime() - NOW.getTime()) / 1000;
        const previous = attempts === 1 ? 0 : RETRY_DELAYS_SECONDS[Math.min(attempts - 2, RETRY_DELAYS_SECONDS.length - 1)];
        return delay >= previous && delay <= RETRY_DELAYS_SECONDS[RETRY_DELAYS_SECONDS.length - 1];
      }),
    );
  });
});

describe('the sender', () => {
  const region = { name: 'KPA-Cité Hauts-de-France', address: 'ne-pas-repondre@kpa-cite.fr' };

  it('names the site before the region’s address', () => {
    expect(senderOf(region, 'KPA Roubaix')).toEqual({ name: 'KPA Roubaix (KPA-Cité Hauts-de-France)', address: 'ne-pas-repondre@kpa-cite.fr' });
    expect(senderOf(region, null)).toEqual(region);
  });

  it('keeps a site name from breaking the header', () => {
    expect(senderOf(region, 'Evil"\r\nBcc: x@y.z <a>').name).toBe('Evil Bcc: x@y.z a (KPA-Cité Hauts-de-France)');
  });

  it('reads MAIL_FROM with or without a name', () => {
    expect(parseMailFrom('"KPA-Cité" <ne-pas-repondre@kpa-cite.fr>')).toEqual({ name: 'KPA-Cité', address: 'ne-pas-repondre@kpa-cite.fr' });
    expect(parseMailFrom('KPA Nord <a@b.fr>')).toEqual({ name: 'KPA Nord', address: 'a@b.fr' });
    expect(parseMailFrom('a@b.fr')).toEqual({ name: 'KPA-Cité', address: 'a@b.fr' });
    expect(parseMailFrom('not an address')).toBeUndefined();
  });
});
