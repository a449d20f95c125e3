import { DomainError, ErrorCode } from '@kpa/contracts';

/** What a rule's refusal says, in the shape tests read it. */
export interface Refusal {
  code: ErrorCode;
  message: string;
  /** The error's details when they are an object, else empty. */
  details: Record<string, unknown>;
  /** `details.field`: the input field the message names. */
  field: unknown;
  error: DomainError;
}

/**
 * Runs a rule that must refuse: the DomainError it throws. Fails the test when it throws nothing,
 * and lets any other error through (a bug is not a refusal).
 * Imported as `@kpa/testing/refusal` by unit tests: the package's index loads the databases' drivers.
 */
export function refusalOf(run: () => unknown): Refusal {
  try {
    run();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const details = error.details !== null && typeof error.details === 'object' && !Array.isArray(error.details) ? error.details : {};
    return { code: error.code, message: error.message, details, field: details.field, error };
  }
  throw new Error('expected a refusal, but the rule accepted');
}

/** The code of the DomainError `run` throws, or undefined when it accepts. */
export function codeOf(run: () => unknown): ErrorCode | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

/** The refusal `run` throws, or undefined when it accepts (for rules tested both ways). */
export function refusalIfAny(run: () => unknown): Refusal | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof DomainError)
      return refusalOf(() => {
        throw error;
      });
    throw error;
  }
}
