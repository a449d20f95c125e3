import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { usePreferences, useT } from '../preferences';
import { ApiError } from '../api/api-error';
import { ROUTES } from '../routes';
import { Button, ButtonLink } from './Button';
import { Notice } from './Notice';
import { errorText } from './error-text';

/** A query's states: loading (announced politely), not found (404: absent or another site's), failed (the message and a retry), or its data. */
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
  if (query.isError && query.error instanceof ApiError && query.error.status === 404) {
    // Not there, or not this account's (another site's id answers 404 too): one wording for both.
    return (
      <Notice tone="error" title={t('app.notFound.title')}>
        <p>{t('app.notFound.body')}</p>
        <ButtonLink href={ROUTES.today} icon="home">
          {t('app.notFound.back')}
        </ButtonLink>
      </Notice>
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
