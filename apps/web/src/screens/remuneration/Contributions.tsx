import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import { contributionsControllerList, contributionsControllerValidate } from '../../api/generated/sdk.gen';
import type { ContributionDto } from '../../api/generated/types.gen';
import { unwrap } from '../../api/client';
import { frenchNumber, frenchShortDate } from '../../format';
import { useT } from '../../preferences';
import { ROUTES } from '../../routes';
import { useSession } from '../../session';
import { Button } from '../../ui/Button';
import { EmptyState, Notice } from '../../ui/Notice';
import { Page } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { Select } from '../../ui/Select';
import { Table } from '../../ui/Table';
import { ActionError, RemunerationNav } from './RemunerationNav';
import { coordinates } from './remuneration-rules';

const STATUSES = ['submitted', 'validated', 'rejected'] as const;
type Status = (typeof STATUSES)[number];

/** `/contributions`: the hours members logged, opening on those to validate; validate in one click, refuse with a reason on the entry's page. */
export function ContributionsScreen() {
  const t = useT();
  const { site } = useSession();
  const queryClient = useQueryClient();
  const siteId = site?.siteId ?? '';
  const [status, setStatus] = useState<Status>('submitted');
  const list = useQuery({
    queryKey: ['contributions', siteId, 'status', status],
    queryFn: () => unwrap(contributionsControllerList({ path: { siteId }, query: { status, limit: 100 } })),
    enabled: Boolean(site),
  });
  const validate = useMutation({
    mutationFn: (contributionId: string) => unwrap(contributionsControllerValidate({ path: { siteId, contributionId } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['contributions', siteId] }),
  });
  if (!site) return null;
  const runs = coordinates(site.role);
  return (
    <Page title={t('contributions.title')}>
      <RemunerationNav />
      <p>{t('contributions.intro')}</p>
      <div className="narrow">
        <Select
          label={t('contributions.filter')}
          options={STATUSES.map((id) => ({ id, label: t(`contributions.filter.${id}`) }))}
          value={status}
          onChange={(value) => setStatus(value as Status)}
        />
      </div>
      {validate.isSuccess ? <Notice tone="success">{t('contributions.validated')}</Notice> : null}
      <ActionError error={validate.error} />
      <QueryState query={list}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>{status === 'submitted' ? t('contributions.empty.submitted') : t('contributions.empty')}</EmptyState>
          ) : (
            <Table<ContributionDto>
              label={t('contributions.title')}
              rows={page.items}
              columns={[
                {
                  id: 'name',
                  title: t('contributions.col.name'),
                  isRowHeader: true,
                  cell: (entry) => <Link href={ROUTES.contribution(entry.id)}>{entry.memberName}</Link>,
                },
                { id: 'date', title: t('contributions.col.date'), cell: (entry) => frenchShortDate(entry.date) },
                { id: 'kind', title: t('contributions.col.kind'), cell: (entry) => t(`kind.${entry.kind}`) },
                { id: 'hours', title: t('contributions.col.hours'), align: 'end', cell: (entry) => t('contributions.hours', { hours: frenchNumber(entry.hours) }) },
                { id: 'status', title: t('contributions.col.status'), cell: (entry) => t(`contribution.${entry.status}`) },
                {
                  id: 'action',
                  title: t('contributions.col.action'),
                  cell: (entry) =>
                    runs && entry.status === 'submitted' ? (
                      <Button
                        variant="secondary"
                        icon="check"
                        isPending={validate.isPending && validate.variables === entry.id}
                        onPress={() => validate.mutate(entry.id)}
                        aria-label={t('contributions.validateOf', { hours: frenchNumber(entry.hours), name: entry.memberName })}
                      >
                        {t('contributions.validate')}
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
