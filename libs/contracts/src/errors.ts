/**
 * Error codes that cross the wire (RPC replies, HTTP bodies). Stable: never rename one.
 * The gateway maps each code to an HTTP status in one exhaustive switch (http-status.ts).
 */
export const ERROR_CODES = [
  // 400
  'VALIDATION_FAILED',
  'MALFORMED_REQUEST',
  'INVALID_CURSOR',
  // 401
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'INVALID_REFRESH_TOKEN',
  // 403
  'FORBIDDEN',
  // 403: networking: acting for a site (named in the body or owning the object) the caller does not coordinate
  'NETWORK_SITE_NOT_YOURS',
  // 404
  'NOT_FOUND',
  'ROUTE_NOT_FOUND',
  'HOST_STRUCTURE_NOT_FOUND',
  'SITE_NOT_FOUND',
  'USER_NOT_FOUND',
  'MEMBER_NOT_FOUND',
  'CAPE_CONTRACT_NOT_FOUND',
  'INTERVIEW_NOT_FOUND',
  'CLIENT_NOT_FOUND',
  'CATALOGUE_ITEM_NOT_FOUND',
  'QUOTE_NOT_FOUND',
  'EXPENSE_NOT_FOUND',
  'RECEIPT_NOT_FOUND',
  // 404: the host structure has no logo
  'LOGO_NOT_FOUND',
  'INVOICE_NOT_FOUND',
  'CREDIT_NOTE_NOT_FOUND',
  'MISSION_NOT_FOUND',
  // 404: a draft invoice has no Factur-X nor CII file (only an issued document has one)
  'DOCUMENT_NOT_ISSUED',
  // 404: an issued document that is not transmitted to a PA (B2C, or issued while none was connected)
  'TRANSMISSION_NOT_FOUND',
  // 404: remuneration
  'CONTRIBUTION_NOT_FOUND',
  'PERIOD_NOT_FOUND',
  'OBJECTION_NOT_FOUND',
  // 404: networking (help requests, reciprocity)
  'HELP_REQUEST_NOT_FOUND',
  'HELP_OFFER_NOT_FOUND',
  'HELP_CONTRIBUTION_NOT_FOUND',
  'RECIPROCITY_MOVEMENT_NOT_FOUND',
  'RECIPROCITY_TEMPLATE_NOT_FOUND',
  'RECIPROCITY_ENTRY_NOT_FOUND',
  // 404: networking (directory & map, skill pools): an unpublished profile is not found by other sites
  'NETWORK_SITE_NOT_FOUND',
  'POOL_PERSON_NOT_FOUND',
  // 404: networking: equipment, launches
  'EQUIPMENT_NOT_FOUND',
  'RESERVATION_NOT_FOUND',
  'LAUNCH_NOT_FOUND',
  'ACCOMPANIMENT_NOT_FOUND',
  // 404: worker: dunning
  'DUNNING_INVOICE_NOT_FOUND',
  'DUNNING_DRAFT_NOT_FOUND',
  // 404: worker: reports (another scope's report reads as not found)
  'REPORT_NOT_FOUND',
  // 404: worker: notifications (another user's reads as not found)
  'NOTIFICATION_NOT_FOUND',
  'SESSION_NOT_FOUND',
  // 409
  'HOST_STRUCTURE_SIRET_TAKEN',
  'SITE_CODE_TAKEN',
  'USER_EMAIL_TAKEN',
  'IDEMPOTENCY_KEY_IN_USE',
  'MEMBER_ALREADY_LEFT',
  'MEMBER_HAS_ACCOUNT',
  'CAPE_ALREADY_TERMINATED',
  'MEMBER_STILL_ACTIVE',
  'MEMBER_ERASED',
  'CLIENT_SIRET_TAKEN',
  'QUOTE_NOT_EDITABLE',
  'QUOTE_TRANSITION_REFUSED',
  // 409: expenses (only a submitted expense changes; approve/reject, then reimburse)
  'EXPENSE_NOT_EDITABLE',
  'EXPENSE_TRANSITION_REFUSED',
  // 409: invoices (an issued invoice is frozen; credit notes correct it)
  'INVOICE_NOT_EDITABLE',
  'INVOICE_ALREADY_ISSUED',
  'INVOICE_NOT_ISSUED',
  'INVOICE_QUOTE_NOT_ACCEPTED',
  // 409: a receipted copy (facture acquittée) exists only once the invoice is fully paid
  'INVOICE_NOT_PAID',
  'DEPOSIT_ALREADY_DEDUCTED',
  'MISSION_NOT_OPEN',
  'MISSION_TRANSITION_REFUSED',
  'MISSION_QUOTE_NOT_ACCEPTED',
  // 409: remuneration (periods, contributions)
  'PERIOD_TRANSITION_REFUSED',
  'PERIOD_NOT_OPEN',
  'PERIOD_NOT_CLOSED',
  'PERIOD_OVERLAP',
  'PERIOD_OBJECTIONS_PENDING',
  'PERIOD_OUT_OF_ORDER',
  'CONTRIBUTION_TRANSITION_REFUSED',
  // 409: networking help requests (one code per refused step of the lifecycle) and reciprocity
  'HELP_REQUEST_NOT_OPEN',
  'HELP_OFFER_NOT_ACCEPTABLE',
  'HELP_OFFER_NOT_DECLINABLE',
  'HELP_REQUEST_NOT_ACCEPTED',
  'HELP_REQUEST_NOT_DONE',
  'HELP_REQUEST_NOT_CANCELLABLE',
  'HELP_REQUEST_NOT_EXPIRABLE',
  'HELP_OFFER_ALREADY_DECIDED',
  'HELP_OFFER_ALREADY_MADE',
  'HELP_HOURS_NOT_AWAITING',
  'HELP_HOURS_ALREADY_CONFIRMED',
  'RECIPROCITY_ALREADY_REVERSED',
  'RECIPROCITY_ENTRY_ALREADY_DECIDED',
  // 409: networking skill pools (a member's listing is their own choice)
  'POOL_PERSON_IS_MEMBER',
  // 409: networking: equipment, launches (an overlapping reservation names the range it overlaps)
  'RESERVATION_OVERLAP',
  'RESERVATION_TRANSITION_REFUSED',
  'EQUIPMENT_WITHDRAWN',
  'LAUNCH_STEP_ALREADY_COMPLETED',
  'ACCOMPANIMENT_ALREADY_CONFIRMED',
  // 409: worker: reports (its files exist once it is done)
  'REPORT_NOT_READY',
  // 408: the request did not arrive in time
  'REQUEST_TIMEOUT',
  // 413
  'PAYLOAD_TOO_LARGE',
  'RECEIPT_TOO_LARGE',
  // 413: a host structure's logo (300 KB, 2000 px per side at most)
  'LOGO_TOO_LARGE',
  // 414: a path parameter longer than any id
  'URI_TOO_LONG',
  // 415
  'UNSUPPORTED_MEDIA_TYPE',
  // 431
  'HEADERS_TOO_LARGE',
  // 409: worker: dunning (pause/resume, a level-3 draft is sent once)
  'DUNNING_ALREADY_PAUSED',
  'DUNNING_NOT_PAUSED',
  'DUNNING_DRAFT_ALREADY_SENT',
  // 422
  'WEAK_PASSWORD',
  'WRONG_CURRENT_PASSWORD',
  'IDEMPOTENCY_KEY_REUSED',
  'ISSUE_DATE_BEFORE_LAST',
  // 422: CAPE rules (C. com. L127-1 ff.); each code names the rule that refused the contract
  'CAPE_MEMBER_TOO_YOUNG',
  'CAPE_GUARDIAN_CONSENT_MISSING',
  'CAPE_CHARTER_NOT_SIGNED',
  'CAPE_INVALID_DATES',
  'CAPE_PERIOD_TOO_LONG',
  'CAPE_TOO_MANY_RENEWALS',
  'CAPE_TOTAL_TOO_LONG',
  'CAPE_ALREADY_ACTIVE',
  'CAPE_NOT_RENEWABLE',
  // 422: the spreadsheet cannot be read at all (missing column, broken quotes); nothing imported
  'IMPORT_FILE_REFUSED',
  // 422: interview rules
  'INTERVIEW_TRANSITION_REFUSED',
  'INTERVIEW_FIRST_ALREADY_EXISTS',
  // 422: quotes
  'QUOTE_EXPIRED',
  // 422: expenses (a receipt is a PDF, JPEG or PNG, recognised by its first bytes)
  'RECEIPT_TYPE_NOT_ALLOWED',
  // 422: a host structure's logo is a readable PNG or JPEG, recognised by its first bytes
  'LOGO_TYPE_NOT_ALLOWED',
  // 422: invoices, credit notes, payments
  'COMMITMENT_NUMBER_REQUIRED',
  /** Issuing an invoice that does not say when the service was performed or the goods delivered (CGI ann. II 242 nonies A 10°). */
  'SUPPLY_DATE_REQUIRED',
  'PAYMENT_TERM_TOO_LONG',
  'PAYMENT_EXCEEDS_BALANCE',
  'CREDIT_EXCEEDS_INVOICE',
  'PAYMENT_BEFORE_WITHDRAWAL_DELAY',
  'REFUND_EXCEEDS_AMOUNT_DUE',
  'CAPE_NOT_RUNNING',
  'SELLER_IDENTITY_INCOMPLETE',
  'DEPOSIT_INVOICE_INVALID',
  // 422: the invoice would make an invalid EN 16931 e-invoice; details.rule names the business rule (BR-CO-10, BR-FR-…)
  'EINVOICE_RULE_BROKEN',
  // 422: missions
  'MISSION_MEMBER_NOT_SIGNED_UP',
  'MISSION_TEAM_EMPTY',
  'MISSION_NOT_STARTED',
  'MINOR_DAILY_HOURS_EXCEEDED',
  // 422: remuneration (periods, minors' working time, peer recognition, simulator)
  'PERIOD_INVALID_DATES',
  'MINOR_WEEKLY_HOURS_EXCEEDED',
  'MINOR_NIGHT_WORK',
  'SELF_RECOGNITION_REFUSED',
  'RECOGNITION_BUDGET_EXCEEDED',
  'RECOGNITION_RECIPIENT_INACTIVE',
  'PAYROLL_RATES_MISSING',
  'CONTRIBUTION_OUTSIDE_MEMBERSHIP',
  // 422: networking help requests and reciprocity
  'HELP_OFFER_OWN_REQUEST',
  'HELP_HOURS_SITE_NOT_ACCEPTED',
  'HELP_REQUEST_NOT_STARTED',
  'NETWORK_SITE_UNKNOWN',
  'RECIPROCITY_ENTRY_SAME_SITE',
  'RECIPROCITY_TEMPLATE_INACTIVE',
  'RECIPROCITY_REVERSAL_NOT_REVERSIBLE',
  // 422: networking: equipment, launches
  'RESERVATION_INVALID_RANGE',
  'RESERVATION_TOO_LONG',
  'RESERVATION_OWN_EQUIPMENT',
  'LAUNCH_STEP_DATE_INVALID',
  'MENTOR_NOT_ESTABLISHED',
  'ACCOMPANIMENT_NOT_MENTOR',
  // 422: worker: dunning policy
  'DUNNING_POLICY_INVALID',
  // 429
  'RATE_LIMITED',
  'TOO_MANY_LOGIN_ATTEMPTS',
  // 500
  'INTERNAL_ERROR',
  // 503
  'SERVICE_UNAVAILABLE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** The body of every error, over NATS and over HTTP (HTTP adds statusCode). */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown> | unknown[];
}

/**
 * What domain code throws. Plain TypeScript: no HTTP, no Nest. The message is written for the
 * person who must fix the input; details carry machine-readable context (field names, ids).
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown> | unknown[],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  toBody(): ErrorBody {
    return this.details === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, details: this.details };
  }

  static fromBody(body: ErrorBody): DomainError {
    return new DomainError(body.code, body.message, body.details);
  }
}

export function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && isErrorCode((value as ErrorBody).code) && typeof (value as ErrorBody).message === 'string';
}
