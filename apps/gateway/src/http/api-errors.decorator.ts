import { applyDecorators, Type } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorDto } from './error.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request or invalid field (code VALIDATION_FAILED, details.fields)',
  401: 'Not logged in, or the token expired (UNAUTHENTICATED)',
  403: 'Your role may not do this (FORBIDDEN)',
  404: 'Absent, or belongs to a site you cannot see',
  409: 'Conflicts with the current state (taken code or e-mail, idempotency key in use)',
  422: 'Refused by a rule (weak password, idempotency key reused)',
  429: 'Too many requests (Retry-After)',
};

/** OpenAPI: the success response and the error responses of a route, all errors in the same shape. */
export function ApiErrors(successStatus: number, success: Type<unknown> | undefined, ...errors: number[]) {
  return applyDecorators(
    ApiResponse({ status: successStatus, type: success, description: success ? undefined : 'No content' }),
    ...[...errors, 429].map((status) => ApiResponse({ status, type: ErrorDto, description: DESCRIPTIONS[status] })),
  );
}
