import { DomainError, EquipmentValue, formatCents, parseCents, RESERVATION_ACTIONS, ReservationAction, ReservationStatus } from '@kpa/contracts';

/**
 * The rules of a shared-equipment reservation, without Nest or SQL: which side may take which step
 * from which status, which statuses hold the item's time range, how long a reservation may be and
 * what a loan is worth in reciprocity hours.
 */

/** Which site acts on a reservation: the one lending the equipment or the one borrowing it. */
export type ReservationSide = 'owner' | 'borrower';

/** Statuses whose range no other reservation of the item may overlap (declined and cancelled free it). */
export const SLOT_HOLDING_STATUSES: readonly ReservationStatus[] = ['requested', 'accepted', 'checked_out', 'returned'];

const TRANSITIONS: Record<ReservationAction, { from: readonly ReservationStatus[]; to: ReservationStatus; sides: readonly ReservationSide[] }> = {
  accept: { from: ['requested'], to: 'accepted', sides: ['owner'] },
  decline: { from: ['requested'], to: 'declined', sides: ['owner'] },
  // Either side may call it off until the equipment has left its owner.
  cancel: { from: ['requested', 'accepted'], to: 'cancelled', sides: ['owner', 'borrower'] },
  check_out: { from: ['accepted'], to: 'checked_out', sides: ['owner'] },
  return: { from: ['checked_out'], to: 'returned', sides: ['owner'] },
};

const ACTION_WORDS: Record<ReservationAction, string> = {
  accept: 'accepted',
  decline: 'declined',
  cancel: 'cancelled',
  check_out: 'checked out',
  return: 'returned',
};

/**
 * The status after `action` by `side`. A side that may never take this step gets FORBIDDEN (the
 * borrower cannot accept its own request), a step out of order RESERVATION_TRANSITION_REFUSED.
 */
export function nextReservationStatus(status: ReservationStatus, action: ReservationAction, side: ReservationSide, reservationId: string): ReservationStatus {
  const rule = TRANSITIONS[action];
  if (!rule.sides.includes(side)) {
    throw new DomainError('FORBIDDEN', `Only the site lending the equipment may mark a reservation ${ACTION_WORDS[action]}.`, { reservationId, action });
  }
  if (!rule.from.includes(status)) {
    throw new DomainError('RESERVATION_TRANSITION_REFUSED', `A ${status.replace('_', ' ')} reservation cannot be ${ACTION_WORDS[action]}.`, {
      reservationId,
      status,
      action,
      allowedFrom: rule.from,
    });
  }
  return rule.to;
}

export function isReservationAction(value: unknown): value is ReservationAction {
  return typeof value === 'string' && (RESERVATION_ACTIONS as readonly string[]).includes(value);
}

/** Half-open ranges [start, end): a reservation ending at 12:00 and one starting at 12:00 do not overlap. */
export function rangesOverlap(a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

const HOUR_MS = 3_600_000;

/** A new reservation: ends after it starts, does not start in the past, not longer than the item allows. */
export function checkReservationRange(startsAt: Date, endsAt: Date, now: Date, maxDurationHours: number | null): void {
  if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime())) {
    throw new DomainError('RESERVATION_INVALID_RANGE', 'startsAt and endsAt must be ISO 8601 instants with a zone (2026-12-05T08:00:00+01:00).');
  }
  if (endsAt.getTime() <= startsAt.getTime()) {
    throw new DomainError('RESERVATION_INVALID_RANGE', 'endsAt must be after startsAt.', { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() });
  }
  if (startsAt.getTime() < now.getTime() - 5 * 60_000) {
    throw new DomainError('RESERVATION_INVALID_RANGE', 'A reservation cannot start in the past: choose a start from now on.', { startsAt: startsAt.toISOString() });
  }
  if (maxDurationHours !== null && endsAt.getTime() - startsAt.getTime() > maxDurationHours * HOUR_MS) {
    throw new DomainError('RESERVATION_TOO_LONG', `This equipment is lent for at most ${maxDurationHours} hours at a time: shorten the reservation.`, {
      maxDurationHours,
    });
  }
}

/**
 * What a loan is worth in reciprocity hours, in hundredths, from the reserved range: per started
 * 24-hour day, per started 12-hour half-day, or a flat value per loan. Null when not valued.
 */
export function loanHundredths(value: EquipmentValue | null, startsAt: Date, endsAt: Date): number | null {
  if (!value) return null;
  const perUnit = parseCents(value.hours);
  if (perUnit === undefined) throw new Error(`Equipment value hours not a decimal: ${value.hours}`);
  const duration = endsAt.getTime() - startsAt.getTime();
  if (duration <= 0) throw new RangeError('A loan ends after it starts.');
  const units = value.per === 'loan' ? 1 : Math.ceil(duration / ((value.per === 'day' ? 24 : 12) * HOUR_MS));
  return perUnit * units;
}

export function loanHours(value: EquipmentValue | null, startsAt: Date, endsAt: Date): string | null {
  const hundredths = loanHundredths(value, startsAt, endsAt);
  return hundredths === null ? null : formatCents(hundredths);
}
