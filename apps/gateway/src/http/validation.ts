import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, findForbiddenText, findTooDeep, forbiddenCharacterMessage, MAX_NESTING_DEPTH } from '@kpa/contracts';

function flatten(errors: ValidationError[], parent = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

const WHOLE_FILE_FIELDS = Symbol('wholeFileFields');

/**
 * A DTO field that carries a whole file (the CSV of an import): the gateway does not refuse it
 * for a control character, its reader refuses the rows that hold one and keeps the others.
 */
export function WholeFileText(): PropertyDecorator {
  return (target, propertyKey) => {
    const fields = (Reflect.getMetadata(WHOLE_FILE_FIELDS, target.constructor) as string[] | undefined) ?? [];
    Reflect.defineMetadata(WHOLE_FILE_FIELDS, [...fields, String(propertyKey)], target.constructor);
  };
}

/**
 * The control and direction characters no text may hold (@kpa/contracts), refused in every body,
 * query and path parameter before any DTO rule: a new route is covered without a decorator.
 */
export function refuseForbiddenText(value: unknown, metadata: ArgumentMetadata): void {
  if (metadata.type === 'custom') return;
  const skip = new Set((metadata.metatype && (Reflect.getMetadata(WHOLE_FILE_FIELDS, metadata.metatype) as string[] | undefined)) ?? []);
  const found = findForbiddenText(value, metadata.data ?? '', skip);
  if (!found) return;
  const field = found.path === '' ? metadata.type : found.path;
  const message = forbiddenCharacterMessage(field, found.codePoint);
  throw new DomainError('VALIDATION_FAILED', message, { field, fields: [{ field, problems: [message] }] });
}

/** A body nested deeper than any of the API's shapes is refused before the DTO transformer, which would overflow the stack on it. */
export function refuseDeepNesting(value: unknown, metadata: ArgumentMetadata): void {
  if (metadata.type === 'custom') return;
  const path = findTooDeep(value);
  if (path === undefined) return;
  const field = path === '' ? metadata.type : path;
  const message = `${field} nests objects or arrays more than ${MAX_NESTING_DEPTH} levels deep: no field of this API does.`;
  throw new DomainError('VALIDATION_FAILED', message, { field, fields: [{ field, problems: [message] }] });
}

class GatewayValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    refuseDeepNesting(value, metadata);
    refuseForbiddenText(value, metadata);
    return super.transform(value, metadata);
  }
}

/**
 * Global validation: control characters are refused in every text (see refuseForbiddenText),
 * unknown properties are refused (named in the message), values are converted to the DTO types,
 * and every problem is listed per field in `details`.
 */
export function validationPipe(): ValidationPipe {
  return new GatewayValidationPipe({
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
