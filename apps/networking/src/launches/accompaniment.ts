import { AccompanimentStatus, compareDates, DomainError, formatCents, parseCents } from '@kpa/contracts';

/**
 * Accompaniment sessions of a mentor site with a new KPA, without Nest or SQL: the mentor logs
 * them, the new site confirms, and only a confirmed session counts in the reciprocity ledger.
 */

/** At most a long day of accompaniment per session (the seeds' "micro-accompagnement de 2 jours" is two sessions). */
export const MAX_SESSION_HUNDREDTHS = 12_00;

export function sessionHours(hours: string): string {
  const hundredths = parseCents(hours);
  if (hundredths === undefined || hundredths <= 0 || hundredths > MAX_SESSION_HUNDREDTHS) {
    throw new DomainError('VALIDATION_FAILED', 'hours must be more than 0 and at most 12 per session, written like "3" or "3.5".', { field: 'hours' });
  }
  return formatCents(hundredths);
}

/** Who may log a session for whom: only the mentor the network admin named for that new KPA. */
export function assertMentorOf(mentorSiteId: string | null, siteId: string, menteeSiteId: string): void {
  if (mentorSiteId === null || mentorSiteId.toLowerCase() !== siteId.toLowerCase()) {
    throw new DomainError('ACCOMPANIMENT_NOT_MENTOR', 'Only the site named mentor of this new KPA by the network admin logs its accompaniment sessions.', {
      menteeSiteId,
    });
  }
}

export function assertSessionDate(on: string, today: string): void {
  if (compareDates(on, today) > 0) {
    throw new DomainError('VALIDATION_FAILED', `A session is logged once held: ${on} is after today (${today}).`, { field: 'on' });
  }
}

export function confirmSession(status: AccompanimentStatus, sessionId: string): AccompanimentStatus {
  if (status === 'confirmed') throw new DomainError('ACCOMPANIMENT_ALREADY_CONFIRMED', 'This session is already confirmed: its hours are in the ledger.', { sessionId });
  return 'confirmed';
}
