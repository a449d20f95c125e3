import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { usePreferences, useT } from '../preferences';
import { Button } from './Button';
import { Notice } from './Notice';
import { errorText } from './error-text';

/** A query's three states: loading (announced politely), failed (the message and a retry), or its data. */
export function QueryState<T>({ query, children }: { query: UseQueryResult<T>; children(data: T): ReactNode }) {
  const t = useT();
  const { language } = usePreferences();
  if (query.isPending) {
    return (
      <p className="loading" role="status">
        {t('app.loading')}
      </p>
    );
  }
  if (query.isError) {
    return (
      <Notice tone="error" title={t('app.error.title')}>
        <p>{errorText(query.error, language, t)}</p>
        <Button variant="secondary" icon="retry" onPress={() => void query.refetch()}>
          {t('app.retry')}
        </Button>
      </Notice>
    );
  }
  return <>{children(query.data as T)}</>;
}
