import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import { periodsControllerCreate, periodsControllerList } from '../../api/generated/sdk.gen';
import type { PeriodSummaryDto } from '../../api/generated/types.gen';
import { unwrap } from '../../api/client';
import { frenchAmount, frenchShortDate } from '../../format';
import { useFieldErrorText } from '../../ui/useFieldErrorText';
import { useT } from '../../preferences';
import { ROUTES } from '../../routes';
import { useSession } from '../../session';
import { Button, ButtonLink } from '../../ui/Button';
import { EmptyState, Notice } from '../../ui/Notice';
import { Page, Section } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { Table } from '../../ui/Table';
import { TextField } from '../../ui/TextField';
import { PeriodActions } from './PeriodActions';
import { ActionError, RemunerationNav } from './RemunerationNav';
import { coordinates, periodProblems } from './remuneration-rules';
import './remuneration.css';

/** A period by hand (the current month's opens by itself): two days of one month. */
function NewPeriod({ siteId }: { siteId: string }) {
  const t = useT();
  const apiFieldError = useFieldErrorText();
  const queryClient = useQueryClient();
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [checked, setChecked] = useState(false);
  const create = useMutation({
    mutationFn: () => unwrap(periodsControllerCreate({ path: { siteId }, body: { startsOn, endsOn } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['periods', siteId] }),
  });
  const problems = checked ? periodProblems(startsOn, endsOn) : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(periodProblems(startsOn, endsOn)).length > 0) return;
    create.mutate();
  };
  const fieldError = apiFieldError(create.error, 'startsOn') ?? apiFieldError(create.error, 'endsOn');
  return (
    <Section title={t('periods.new')}>
      <form className="form narrow" onSubmit={submit} noValidate>
        <p>{t('periods.new.intro')}</p>
        <TextField
          label={t('periods.new.startsOn')}
          type="date"
          value={startsOn}
          onChange={(value) => {
            setStartsOn(value);
            create.reset();
          }}
          errorMessage={problems.startsOn ? t(`periods.problem.${problems.startsOn}`) : apiFieldError(create.error, 'startsOn')}
        />
        <TextField
          label={t('periods.new.endsOn')}
          type="date"
          value={endsOn}
          onChange={(value) => {
            setEndsOn(value);
            create.reset();
          }}
          errorMessage={problems.endsOn ? t(`periods.problem.${problems.endsOn}`) : apiFieldError(create.error, 'endsOn')}
        />
        {create.isSuccess ? <Notice tone="success">{t('periods.new.done')}</Notice> : null}
        {create.error && !fieldError ? <ActionError error={create.error} /> : null}
        <Button type="submit" icon="save" isPending={create.isPending}>
          {t('periods.new.submit')}
        </Button>
      </form>
    </Section>
  );
}

/** `/periodes`: the site's remuneration periods, newest first, each with its next step; a period by hand. */
export function PeriodsScreen() {
  const t = useT();
  const { site } = useSession();
  const siteId = site?.siteId ?? '';
  const list = useQuery({
    queryKey: ['periods', siteId, 'list'],
    queryFn: () => unwrap(periodsControllerList({ path: { siteId }, query: { limit: 100 } })),
    enabled: Boolean(site),
  });
  if (!site) return null;
  const range = (period: PeriodSummaryDto) => t('periods.range', { from: frenchShortDate(period.startsOn), to: frenchShortDate(period.endsOn) });
  return (
    <Page title={t('periods.title')}>
      <RemunerationNav />
      <p>{t('periods.intro')}</p>
      <div className="pay-stack">
        <QueryState query={list}>
          {(page) =>
            page.items.length === 0 ? (
              <EmptyState>{t('periods.empty')}</EmptyState>
            ) : (
              <Table<PeriodSummaryDto>
                label={t('periods.title')}
                rows={page.items}
                columns={[
                  { id: 'period', title: t('periods.col.period'), isRowHeader: true, cell: (period) => <Link href={ROUTES.period(period.id)}>{range(period)}</Link> },
                  { id: 'status', title: t('periods.col.status'), cell: (period) => t(`period.status.${period.status}`) },
                  { id: 'pot', title: t('periods.col.pot'), align: 'end', cell: (period) => (period.totals ? frenchAmount(period.totals.pot) : t('periods.notFrozen')) },
                  {
                    id: 'distributed',
                    title: t('periods.col.distributed'),
                    align: 'end',
                    cell: (period) => (period.totals ? frenchAmount(period.totals.distributed) : t('periods.notFrozen')),
                  },
                  { id: 'actions', title: t('periods.col.actions'), cell: (period) => <PeriodActions period={period} compact /> },
                ]}
              />
            )
          }
        </QueryState>
        {coordinates(site.role) ? <NewPeriod siteId={siteId} /> : null}
        <div className="actions">
          <ButtonLink href={ROUTES.remunerationSettings} icon="arrow">
            {t('settings.link')}
          </ButtonLink>
        </div>
      </div>
    </Page>
  );
}
