import { useState } from 'react';
import { Link } from 'wouter';
import { useQuery } from '@tanstack/react-query';
import { receivablesControllerSite } from '../../api/generated/sdk.gen';
import type { ReceivableDto } from '../../api/generated/types.gen';
import { unwrap } from '../../api/client';
import { frenchAmount, frenchShortDate } from '../../format';
import { useT } from '../../preferences';
import { useSession } from '../../session';
import { ROUTES } from '../../routes';
import { Button } from '../../ui/Button';
import { EmptyState, Notice } from '../../ui/Notice';
import { Page, Section } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { Table } from '../../ui/Table';
import { type Bucket, bucketRows } from './commerce-rules';
import { CommerceNav } from './document-parts';

/** `/encours`: what clients still owe, by age (not yet due, 1–30 days late… over 90), each invoice one click away. */
export function ReceivablesScreen() {
  const t = useT();
  const { site } = useSession();
  const siteId = site?.siteId ?? '';
  const [bucket, setBucket] = useState<Bucket | null>(null);
  const board = useQuery({
    queryKey: ['receivables', siteId, bucket],
    queryFn: () => unwrap(receivablesControllerSite({ path: { siteId }, query: { limit: 100, ...(bucket ? { bucket } : {}) } })),
    enabled: Boolean(site) && site?.role !== 'member',
  });
  if (!site) return null;
  if (site.role === 'member') {
    return (
      <Page title={t('receivables.title')}>
        <CommerceNav />
        <Notice>{t('receivables.forCoordination')}</Notice>
      </Page>
    );
  }
  return (
    <Page title={t('receivables.title')}>
      <CommerceNav />
      <p>{t('receivables.intro')}</p>
      <QueryState query={board}>
        {(data) => (
          <>
            <p className="receivables__total">{t('receivables.total', { amount: frenchAmount(data.outstanding), count: data.count, date: frenchShortDate(data.asOf) })}</p>
            <Section title={t('receivables.byAge')}>
              <ul className="buckets">
                {bucketRows(data.buckets).map((row) => (
                  <li key={row.bucket} className={`bucket bucket--${row.bucket}`}>
                    <Button
                      variant={bucket === row.bucket ? 'primary' : 'secondary'}
                      onPress={() => setBucket(bucket === row.bucket ? null : row.bucket)}
                      aria-pressed={bucket === row.bucket}
                    >
                      {t('receivables.bucket.line', { bucket: t(`receivables.bucket.${row.bucket}`), count: row.count, amount: frenchAmount(row.outstanding) })}
                    </Button>
                  </li>
                ))}
              </ul>
            </Section>
            <Section title={bucket ? t('receivables.invoicesIn', { bucket: t(`receivables.bucket.${bucket}`) }) : t('receivables.invoices')}>
              {data.items.length === 0 ? (
                <EmptyState>{bucket ? t('receivables.empty.bucket') : t('receivables.empty')}</EmptyState>
              ) : (
                <Table<ReceivableDto & { id: string }>
                  label={t('receivables.invoices')}
                  rows={data.items.map((item) => ({ ...item, id: item.invoiceId }))}
                  columns={[
                    {
                      id: 'number',
                      title: t('invoices.col.number'),
                      isRowHeader: true,
                      cell: (item) => (
                        <Link href={ROUTES.invoice(item.invoiceId)} aria-label={t('invoices.open', { what: item.number })}>
                          {item.number}
                        </Link>
                      ),
                    },
                    { id: 'client', title: t('invoices.col.client'), cell: (item) => item.clientName },
                    { id: 'due', title: t('receivables.col.due'), cell: (item) => frenchShortDate(item.dueOn) },
                    {
                      id: 'late',
                      title: t('receivables.col.late'),
                      cell: (item) => (item.daysOverdue > 0 ? t('receivables.daysLate', { days: item.daysOverdue }) : t('receivables.bucket.not_due')),
                    },
                    { id: 'outstanding', title: t('invoices.col.outstanding'), align: 'end', cell: (item) => frenchAmount(item.outstanding) },
                  ]}
                />
              )}
            </Section>
          </>
        )}
      </QueryState>
    </Page>
  );
}
