import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError } from '@kpa/contracts';

function flatten(errors: ValidationError[], parent = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Global validation: unknown properties are refused (named in the message), values are
 * converted to the DTO types, and every problem is listed per field in `details`.
 */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      const message = fields.map(({ problems }) => problems.join('; ')).join('; ');
      return new DomainError('VALIDATION_FAILED', message || 'The request is not valid.', { fields });
    },
  });
}
