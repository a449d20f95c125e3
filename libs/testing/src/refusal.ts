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

/** The refusal `run` throws, or undefined when it accepts; any other error goes through (a bug is not a refusal). */
export function refusalIfAny(run: () => unknown): Refusal | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const details = error.details !== null && typeof error.details === 'object' && !Array.isArray(error.details) ? error.details : {};
    return { code: error.code, message: error.message, details, field: details.field, error };
  }
}

/**
 * Runs a rule that must refuse: its refusal. Fails the test when the rule accepts.
 * Imported as `@kpa/testing/refusal` by unit tests: the package's index loads the databases' drivers.
 */
export function refusalOf(run: () => unknown): Refusal {
  const refusal = refusalIfAny(run);
  if (!refusal) throw new Error('expected a refusal, but the rule accepted');
  return refusal;
}

/** The code of the DomainError `run` throws, or undefined when it accepts. */
export function codeOf(run: () => unknown): ErrorCode | undefined {
  return refusalIfAny(run)?.code;
}
