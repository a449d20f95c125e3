import { DomainError, NOTIFICATION_KINDS, NotificationPreferences } from '@kpa/contracts';
import { checkPreferences, DEFAULT_PREFERENCES, wantsEmail } from './notification-preferences';

describe('notification preferences', () => {
  const valid = (over: Partial<NotificationPreferences> = {}): NotificationPreferences => ({ ...DEFAULT_PREFERENCES, ...over });

  it('keeps each kind once, in the catalogue order', () => {
    expect(checkPreferences(valid({ emailOff: ['period_closed', 'digest', 'period_closed'] })).emailOff).toEqual(['digest', 'period_closed']);
  });

  it.each([
    [{ emailOff: ['newsletter'] as never }, 'emailOff'],
    [{ digestHour: 24 }, 'digestHour'],
    [{ digestHour: -1 }, 'digestHour'],
    [{ digestHour: 8.5 }, 'digestHour'],
    [{ language: 'de' as never }, 'language'],
  ])('refuses %j naming the field', (over, field) => {
    expect(() => checkPreferences(valid(over))).toThrow(DomainError);
    try {
      checkPreferences(valid(over));
    } catch (error) {
      expect((error as DomainError).details).toEqual({ field });
    }
  });

  it('sends every kind by e-mail unless turned off', () => {
    for (const kind of NOTIFICATION_KINDS) expect(wantsEmail(DEFAULT_PREFERENCES, kind)).toBe(true);
    expect(wantsEmail(valid({ emailOff: ['digest'] }), 'digest')).toBe(false);
    expect(wantsEmail(valid({ emailOff: ['digest'] }), 'quote_expired')).toBe(true);
  });
});
