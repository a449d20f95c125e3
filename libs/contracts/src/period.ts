import { compareDates, isIsoDate } from './dates';
import { DomainError } from './errors';

/** A period of figures (stats, reports): two calendar dates, `from` on or before `to`. */
export function checkPeriod(from: unknown, to: unknown): void {
  if (!isIsoDate(from)) throw new DomainError('VALIDATION_FAILED', 'from must be a date written YYYY-MM-DD.', { field: 'from' });
  if (!isIsoDate(to)) throw new DomainError('VALIDATION_FAILED', 'to must be a date written YYYY-MM-DD.', { field: 'to' });
  if (compareDates(from, to) > 0) throw new DomainError('VALIDATION_FAILED', 'from must be on or before to.', { field: 'from' });
}
