import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { quotesControllerList, quotesControllerValidate } from '../../api/generated/sdk.gen';
import type { QuoteDto } from '../../api/generated/types.gen';
import { unwrap } from '../../api/client';
import { frenchAmount, frenchShortDate } from '../../format';
import { usePreferences, useT } from '../../preferences';
import { useSession } from '../../session';
import { Button, ButtonLink } from '../../ui/Button';
import { EmptyState, Notice } from '../../ui/Notice';
import { Page } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { Select } from '../../ui/Select';
import { Table } from '../../ui/Table';
import { errorText } from '../../ui/error-text';
import { CommerceNav, useClients } from './document-parts';
import { ROUTES } from '../../routes';
import { Link } from 'wouter';

const QUOTE_STATUSES = ['submitted', 'draft', 'validated', 'sent', 'accepted', 'declined', 'expired'] as const;
type Status = (typeof QUOTE_STATUSES)[number];

/** `/devis`: the site's quotes, opening on those a member submitted and the coordination must validate. */
export function QuotesScreen() {
  const t = useT();
  const { language } = usePreferences();
  const { site } = useSession();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<Status | 'all'>('submitted');
  const siteId = site?.siteId ?? '';
  const quotes = useQuery({
    queryKey: ['quotes', siteId, status],
    queryFn: () => unwrap(quotesControllerList({ path: { siteId }, query: { limit: 100, ...(status === 'all' ? {} : { status }) } })),
    enabled: Boolean(site),
  });
  const clients = useClients(siteId);
  const validate = useMutation({
    mutationFn: (quoteId: string) => unwrap(quotesControllerValidate({ path: { siteId, quoteId } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['quotes', siteId] }),
  });
  if (!site) return null;
  const mayValidate = site.role === 'coordinator' || site.role === 'admin';
  const clientName = (id: string) => clients.data?.items.find((client) => client.id === id)?.name ?? '';
  return (
    <Page title={t('quotes.title')}>
      <CommerceNav />
      <p>{t('quotes.intro')}</p>
      {site.role === 'accountant' ? null : (
        <div className="actions">
          <ButtonLink href={ROUTES.newQuote} variant="primary" icon="arrow">
            {t('quotes.new')}
          </ButtonLink>
        </div>
      )}
      <Select
        label={t('invoices.filter')}
        options={[...QUOTE_STATUSES.map((id) => ({ id, label: t(`quote.status.${id}`) })), { id: 'all', label: t('invoices.filter.all') }]}
        value={status}
        onChange={(value) => setStatus(value as Status | 'all')}
      />
      {validate.isError ? (
        <Notice tone="error" title={t('app.error.title')}>
          <p>{errorText(validate.error, language, t)}</p>
        </Notice>
      ) : null}
      {validate.isSuccess ? <Notice tone="success">{t('quotes.validated')}</Notice> : null}
      <QueryState query={quotes}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>{status === 'submitted' ? t('quotes.empty.submitted') : t('quotes.empty')}</EmptyState>
          ) : (
            <Table<QuoteDto>
              label={t('quotes.title')}
              rows={page.items}
              columns={[
                {
                  id: 'quote',
                  title: t('quotes.col.quote'),
                  isRowHeader: true,
                  cell: (quote) => {
                    const what = quote.number ?? t('quotes.draftOf', { date: frenchShortDate(quote.createdAt.slice(0, 10)) });
                    return (
                      <Link href={ROUTES.quote(quote.id)} aria-label={t('invoices.open', { what })}>
                        {what}
                      </Link>
                    );
                  },
                },
                { id: 'client', title: t('invoices.col.client'), cell: (quote) => clientName(quote.clientId) },
                { id: 'status', title: t('invoices.col.status'), cell: (quote) => t(`quote.status.${quote.status}`) },
                { id: 'total', title: t('invoices.col.total'), align: 'end', cell: (quote) => frenchAmount(quote.totals.total) },
                {
                  id: 'action',
                  title: t('quotes.col.action'),
                  cell: (quote) =>
                    quote.status === 'submitted' && mayValidate ? (
                      <Button variant="secondary" icon="check" isPending={validate.isPending && validate.variables === quote.id} onPress={() => validate.mutate(quote.id)}>
                        {t('quotes.validate', { client: clientName(quote.clientId) })}
                      </Button>
                    ) : null,
                },
              ]}
            />
          )
        }
      </QueryState>
    </Page>
  );
}
