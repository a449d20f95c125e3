import { ErrorCode } from '@kpa/contracts';

/** The one place where an error code becomes an HTTP status. Exhaustive: a new code does not compile until it is mapped. */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'MALFORMED_REQUEST':
      return 400;
    case 'UNAUTHENTICATED':
    case 'INVALID_CREDENTIALS':
    case 'INVALID_REFRESH_TOKEN':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
    case 'ROUTE_NOT_FOUND':
    case 'HOST_STRUCTURE_NOT_FOUND':
    case 'SITE_NOT_FOUND':
    case 'USER_NOT_FOUND':
    case 'MEMBER_NOT_FOUND':
    case 'CAPE_CONTRACT_NOT_FOUND':
    case 'INTERVIEW_NOT_FOUND':
    case 'CLIENT_NOT_FOUND':
    case 'CATALOGUE_ITEM_NOT_FOUND':
    case 'QUOTE_NOT_FOUND':
      return 404;
    case 'HOST_STRUCTURE_SIRET_TAKEN':
    case 'SITE_CODE_TAKEN':
    case 'USER_EMAIL_TAKEN':
    case 'IDEMPOTENCY_KEY_IN_USE':
    case 'MEMBER_ALREADY_LEFT':
    case 'MEMBER_HAS_ACCOUNT':
    case 'CAPE_ALREADY_TERMINATED':
    case 'MEMBER_STILL_ACTIVE':
    case 'MEMBER_ERASED':
    case 'CLIENT_SIRET_TAKEN':
    case 'QUOTE_NOT_EDITABLE':
    case 'QUOTE_TRANSITION_REFUSED':
      return 409;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'WEAK_PASSWORD':
    case 'IDEMPOTENCY_KEY_REUSED':
    case 'ISSUE_DATE_BEFORE_LAST':
    case 'CAPE_MEMBER_TOO_YOUNG':
    case 'CAPE_GUARDIAN_CONSENT_MISSING':
    case 'CAPE_CHARTER_NOT_SIGNED':
    case 'CAPE_INVALID_DATES':
    case 'CAPE_PERIOD_TOO_LONG':
    case 'CAPE_TOO_MANY_RENEWALS':
    case 'CAPE_TOTAL_TOO_LONG':
    case 'CAPE_ALREADY_ACTIVE':
    case 'CAPE_NOT_RENEWABLE':
    case 'IMPORT_FILE_REFUSED':
    case 'INTERVIEW_TRANSITION_REFUSED':
    case 'INTERVIEW_FIRST_ALREADY_EXISTS':
    case 'QUOTE_EXPIRED':
      return 422;
    case 'RATE_LIMITED':
    case 'TOO_MANY_LOGIN_ATTEMPTS':
      return 429;
    case 'INTERNAL_ERROR':
      return 500;
    case 'SERVICE_UNAVAILABLE':
      return 503;
    default: {
      const unmapped: never = code;
      throw new Error(`Error code without an HTTP status: ${String(unmapped)}`);
    }
  }
}
