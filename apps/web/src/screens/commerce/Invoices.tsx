import { useState } from 'react';
import { Link } from 'wouter';
import { useQuery } from '@tanstack/react-query';
import { invoicesControllerList } from '../../api/generated/sdk.gen';
import type { InvoiceDto } from '../../api/generated/types.gen';
import { unwrap } from '../../api/client';
import { frenchAmount, frenchShortDate } from '../../format';
import { useT } from '../../preferences';
import { useSession } from '../../session';
import { ButtonLink } from '../../ui/Button';
import { EmptyState } from '../../ui/Notice';
import { Page } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { Select } from '../../ui/Select';
import { Table } from '../../ui/Table';
import { ROUTES } from '../../routes';
import { CommerceNav, useClients } from './document-parts';

export const INVOICE_STATUSES = ['draft', 'issued', 'partially_paid', 'paid', 'cancelled'] as const;
type Status = (typeof INVOICE_STATUSES)[number];

/** `/factures`: the site's invoices, filtered by status, each a link to its page. */
export function InvoicesScreen() {
  const t = useT();
  const { site } = useSession();
  const [status, setStatus] = useState<Status | 'all'>('all');
  const siteId = site?.siteId ?? '';
  const invoices = useQuery({
    queryKey: ['invoices', siteId, status],
    queryFn: () => unwrap(invoicesControllerList({ path: { siteId }, query: { limit: 100, ...(status === 'all' ? {} : { status }) } })),
    enabled: Boolean(site),
  });
  const clients = useClients(siteId);
  if (!site) return null;
  const clientName = (id: string) => clients.data?.items.find((client) => client.id === id)?.name ?? '';
  const label = (invoice: InvoiceDto) => invoice.number ?? t('invoices.draftNumber', { date: frenchShortDate(invoice.createdAt.slice(0, 10)) });
  return (
    <Page title={t('invoices.title')}>
      <CommerceNav />
      <p>{t('invoices.intro')}</p>
      <div className="actions">
        <ButtonLink href={ROUTES.newInvoice} variant="primary" icon="arrow">
          {t('invoices.new')}
        </ButtonLink>
        <ButtonLink href={ROUTES.quotes}>{t('quotes.link')}</ButtonLink>
      </div>
      <Select
        label={t('invoices.filter')}
        options={[{ id: 'all', label: t('invoices.filter.all') }, ...INVOICE_STATUSES.map((id) => ({ id, label: t(`invoice.status.${id}`) }))]}
        value={status}
        onChange={(value) => setStatus(value as Status | 'all')}
      />
      <QueryState query={invoices}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>{t('invoices.empty')}</EmptyState>
          ) : (
            <Table<InvoiceDto>
              label={t('invoices.title')}
              rows={page.items}
              columns={[
                {
                  id: 'number',
                  title: t('invoices.col.number'),
                  isRowHeader: true,
                  cell: (invoice) => (
                    <Link href={ROUTES.invoice(invoice.id)} aria-label={t('invoices.open', { what: label(invoice) })}>
                      {label(invoice)}
                    </Link>
                  ),
                },
                { id: 'client', title: t('invoices.col.client'), cell: (invoice) => clientName(invoice.clientId) },
                { id: 'status', title: t('invoices.col.status'), cell: (invoice) => t(`invoice.status.${invoice.status}`) },
                { id: 'total', title: t('invoices.col.total'), align: 'end', cell: (invoice) => frenchAmount(invoice.totals.total) },
                { id: 'outstanding', title: t('invoices.col.outstanding'), align: 'end', cell: (invoice) => frenchAmount(invoice.outstanding) },
              ]}
            />
          )
        }
      </QueryState>
    </Page>
  );
}
