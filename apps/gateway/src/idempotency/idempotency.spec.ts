import { canonicalJson, isAcceptableKey, requestFingerprint } from './idempotency';

describe('idempotency fingerprints', () => {
  it('is the same whatever the order of keys', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: 'x' } })).toBe('{"a":{"c":"x","d":[1,2]},"b":1}');
    expect(requestFingerprint('POST', '/v1/sites', { name: 'A', code: 'B' })).toBe(requestFingerprint('POST', '/v1/sites', { code: 'B', name: 'A' }));
  });

  it('differs when the body, the path or the method differs', () => {
    const base = requestFingerprint('POST', '/v1/sites', { name: 'A' });
    expect(requestFingerprint('POST', '/v1/sites', { name: 'B' })).not.toBe(base);
    expect(requestFingerprint('POST', '/v1/host-structures', { name: 'A' })).not.toBe(base);
    expect(requestFingerprint('PATCH', '/v1/sites', { name: 'A' })).not.toBe(base);
  });

  it('accepts uuids and refuses empty or exotic keys', () => {
    expect(isAcceptableKey('0b7c7c5e-2f4e-4a53-9a52-7a9d0d4f8a11')).toBe(true);
    expect(isAcceptableKey('short')).toBe(false);
    expect(isAcceptableKey('with space in it')).toBe(false);
  });
});
