import { applyDecorators } from '@nestjs/common';
import { IsString, Matches } from 'class-validator';
import { ISO_DATE_SHAPE } from '@kpa/contracts';

/**
 * A calendar date written YYYY-MM-DD, with a message naming the field. Only the shape is checked
 * here: the service refuses a day that does not exist (2026-02-30) with its own coded error.
 */
export function IsCalendarDate(): PropertyDecorator {
  return (target, propertyKey) => {
    const message = `${String(propertyKey)} must be a date written YYYY-MM-DD`;
    applyDecorators(IsString({ message }), Matches(ISO_DATE_SHAPE, { message }))(target, propertyKey);
  };
}
