import type { ApiError } from '../../api/api-error';
import type { MessageKey } from '../../i18n/fr';
import type { Problems } from './member-rules';

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** The sentence under a field: our own check's, else the API's message when its error names that field. */
export function fieldMessage(field: string, problems: Problems, apiError: ApiError | null, apiText: string, t: Translate): string | undefined {
  const problem = problems[field];
  if (problem) return t(`members.error.${problem.key}`, problem.values);
  if (apiError?.field === field) return apiText;
  return undefined;
}
