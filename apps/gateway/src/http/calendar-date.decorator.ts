import { ValidateBy } from 'class-validator';
import { isIsoDate } from '@kpa/contracts';

/**
 * A calendar date written YYYY-MM-DD that exists (not 2026-02-30), in a body or a query, with a
 * message naming the field: the same rule as the services' (isIsoDate), so an impossible day is a
 * 400 at the edge wherever it is sent.
 */
export function IsCalendarDate(): PropertyDecorator {
  return ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: (value: unknown) => isIsoDate(value),
      defaultMessage: (args) => `${args?.property ?? 'date'} must be a date written YYYY-MM-DD that exists in the calendar`,
    },
  });
}
