import { usePreferences, useT } from '../preferences';
import { fieldErrorText } from './error-text';

/** `fieldErrorText()` in the console's language: the sentence under a field when the API's refusal names it. */
export function useFieldErrorText(): (error: unknown, field: string) => string | undefined {
  const t = useT();
  const { language } = usePreferences();
  return (error, field) => fieldErrorText(error, field, language, t);
}
