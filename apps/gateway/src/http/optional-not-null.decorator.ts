import { ValidateIf } from 'class-validator';

/**
 * May be left out, but not sent as null: the field's rules then refuse null (`dryRun: null` is not
 * "no"). For fields where null means nothing; class-validator's @IsOptional() lets null through.
 * A PartialType of a DTO using it needs `{ skipNullProperties: false }`, or its @IsOptional() comes back.
 */
export function IsOptionalNotNull(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}
