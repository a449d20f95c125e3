/**
 * What the console knows of a failed request: the API's error body `{ statusCode, code, message,
 * details? }` — the code (which the console says in its own words, `ui/error-text.ts`), the API's
 * message, the form field it names (`details.field`, or the first of the validation pipe's
 * `details.fields`) and the details, which fill the French sentence's placeholders (a date, an
 * amount, a limit). Pure: no fetch, no React.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The request field the API blames, to show the message next to it. */
    readonly field?: string,
    /** The API's machine-readable context (`details`), when it is an object. */
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The request never got an answer (offline, gateway down). */
export const NETWORK_ERROR = 'NETWORK_ERROR';
/** An answer that is not the API's error shape (a proxy's HTML page…): its message is never shown. */
export const UNREADABLE_ERROR = 'UNREADABLE_ERROR';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fieldOf(details: unknown): string | undefined {
  if (!isRecord(details)) return undefined;
  if (typeof details.field === 'string' && details.field) return details.field;
  if (Array.isArray(details.fields)) {
    const first: unknown = details.fields[0];
    if (isRecord(first) && typeof first.field === 'string' && first.field) return first.field;
  }
  return undefined;
}

/** The API's error body (already parsed, or its text) for an answer with this status, as an ApiError. */
export function toApiError(status: number, body: unknown): ApiError {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = undefined;
    }
  }
  if (isRecord(parsed) && typeof parsed.code === 'string' && typeof parsed.message === 'string' && parsed.message.trim()) {
    return new ApiError(status, parsed.code, parsed.message, fieldOf(parsed.details), isRecord(parsed.details) ? parsed.details : undefined);
  }
  return new ApiError(status, UNREADABLE_ERROR, '');
}

/** A request that failed before any answer (fetch rejected). */
export function networkError(): ApiError {
  return new ApiError(0, NETWORK_ERROR, '');
}
