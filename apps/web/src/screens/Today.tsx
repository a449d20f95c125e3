import { Link } from 'wouter';
import { useQuery } from '@tanstack/react-query';
import {
  contributionsControllerList,
  interviewsControllerFollowUp,
  periodsControllerList,
  periodsControllerObjections,
  quotesControllerList,
  receivablesControllerSite,
} from '../api/generated/sdk.gen';
import type { ReceivableDto } from '../api/generated/types.gen';
import { unwrap } from '../api/client';
import { frenchAmount, frenchNumber, frenchShortDate } from '../format';
import { useT } from '../preferences';
import { useSession } from '../session';
import { ButtonLink } from '../ui/Button';
import { Notice, EmptyState } from '../ui/Notice';
import { Page, Section } from '../ui/Page';
import { QueryState } from '../ui/QueryState';
import { Table } from '../ui/Table';
import { dunningStep } from './dunning-step';
import { dueIsPast } from './due-date';
import { isoDay } from './member/member-rules';
import { ROUTES } from '../routes';

function FollowUp({ siteId }: { siteId: string }) {
  const t = useT();
  const query = useQuery({ queryKey: ['follow-up', siteId], queryFn: () => unwrap(interviewsControllerFollowUp({ path: { siteId } })) });
  const today = isoDay(new Date());
  return (
    <Section title={t('today.followUp.title')}>
      <QueryState query={query}>
        {(board) =>
          board.items.length === 0 ? (
            <EmptyState>{t('today.followUp.empty')}</EmptyState>
          ) : (
            <ul className="todo-list">
              {board.items.map((item) => {
                const name = `${item.firstName} ${item.lastName}`;
                return (
                  <li key={item.memberId} className="todo">
                    <Link href={ROUTES.member(item.memberId)} className="todo__link">
                      <span className="todo__title">{name}</span>
                      <span className="todo__meta">{t(`stage.${item.stage}`)}</span>
                    </Link>
                    <ul className="todo__reasons">
                      {item.attention.map((reason) => (
                        <li key={reason.code}>
                          {reason.dueOn
                            ? t(dueIsPast(reason.dueOn, today) ? 'attention.lateSince' : 'attention.dueOn', {
                                what: t(`attention.${reason.code}`),
                                date: frenchShortDate(reason.dueOn),
                              })
                            : t(`attention.${reason.code}`)}
                        </li>
                      ))}
                    </ul>
                  </li>
                );
              })}
            </ul>
          )
        }
      </QueryState>
    </Section>
  );
}

function OverdueInvoices({ siteId }: { siteId: string }) {
  const t = useT();
  const query = useQuery({ queryKey: ['receivables', siteId], queryFn: () => unwrap(receivablesControllerSite({ path: { siteId }, query: { limit: 100 } })) });
  const dunningText = (row: ReceivableDto) => {
    const step = dunningStep(row.dunning);
    const values = step.values && typeof step.values.date === 'string' ? { ...step.values, date: frenchShortDate(step.values.date) } : step.values;
    return t(step.key, values);
  };
  return (
    <Section title={t('today.overdue.title')}>
      <QueryState query={query}>
        {(board) => {
          const overdue = board.items.filter((row) => row.daysOverdue > 0).map((row) => ({ ...row, id: row.invoiceId }));
          return overdue.length === 0 ? (
            <EmptyState>{t('today.overdue.empty')}</EmptyState>
          ) : (
            <Table<ReceivableDto & { id: string }>
              label={t('today.overdue.title')}
              rows={overdue}
              columns={[
                {
                  id: 'number',
                  title: t('today.overdue.number'),
                  isRowHeader: true,
                  cell: (row) => (
                    <Link href={ROUTES.invoice(row.invoiceId)} aria-label={t('today.overdue.open', { number: row.number })}>
                      {row.number}
                    </Link>
                  ),
                },
                { id: 'client', title: t('today.overdue.client'), cell: (row) => row.clientName },
                { id: 'outstanding', title: t('today.overdue.outstanding'), align: 'end', cell: (row) => frenchAmount(row.outstanding) },
                { id: 'late', title: t('today.overdue.late'), align: 'end', cell: (row) => t('today.overdue.days', { days: row.daysOverdue }) },
                { id: 'dunning', title: t('today.overdue.dunning'), cell: dunningText },
              ]}
            />
          );
        }}
      </QueryState>
    </Section>
  );
}

function QuotesToValidate({ siteId }: { siteId: string }) {
  const t = useT();
  const query = useQuery({
    queryKey: ['quotes', siteId, 'submitted'],
    queryFn: () => unwrap(quotesControllerList({ path: { siteId }, query: { status: 'submitted', limit: 50 } })),
  });
  return (
    <Section title={t('today.quotes.title')}>
      <QueryState query={query}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>{t('today.quotes.empty')}</EmptyState>
          ) : (
            <ul className="todo-list">
              {page.items.map((quote) => (
                <li key={quote.id} className="todo">
                  {/* The quotes list opens on those waiting for validation; a quote's own page (/devis/:id) is still to come. */}
                  <Link href={ROUTES.quote(quote.id)} className="todo__link">
                    <span className="todo__title">{t('today.quotes.line', { date: frenchShortDate(quote.createdAt.slice(0, 10)), total: frenchAmount(quote.totals.total) })}</span>
                    <span className="todo__meta">{t('today.quotes.open')}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </Section>
  );
}

function ContributionsToValidate({ siteId }: { siteId: string }) {
  const t = useT();
  const query = useQuery({
    queryKey: ['contributions', siteId, 'submitted'],
    queryFn: () => unwrap(contributionsControllerList({ path: { siteId }, query: { status: 'submitted', limit: 50 } })),
  });
  return (
    <Section title={t('today.contributions.title')}>
      <QueryState query={query}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>{t('today.contributions.empty')}</EmptyState>
          ) : (
            <ul className="todo-list">
              {page.items.map((contribution) => (
                <li key={contribution.id} className="todo">
                  <Link href={ROUTES.contribution(contribution.id)} className="todo__link">
                    <span className="todo__title">
                      {t('today.contributions.line', { name: contribution.memberName, hours: frenchNumber(contribution.hours), date: frenchShortDate(contribution.date) })}
                    </span>
                    <span className="todo__meta">{t('today.contributions.open')}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </Section>
  );
}

/** The text of an objection as a line of the board: its first words. */
function firstWords(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** Objections of the closed periods still unanswered (a period cannot be approved before every one is). */
function ObjectionsToAnswer({ siteId }: { siteId: string }) {
  const t = useT();
  const query = useQuery({
    queryKey: ['objections', siteId, 'open'],
    queryFn: async () => {
      const closed = await unwrap(periodsControllerList({ path: { siteId }, query: { status: 'closed', limit: 20 } }));
      const lists = await Promise.all(closed.items.map((period) => unwrap(periodsControllerObjections({ path: { siteId, periodId: period.id } }))));
      return lists.flatMap((list) => list.items.filter((objection) => objection.status === 'open'));
    },
  });
  return (
    <Section title={t('today.objections.title')}>
      <QueryState query={query}>
        {(objections) =>
          objections.length === 0 ? (
            <EmptyState>{t('today.objections.empty')}</EmptyState>
          ) : (
            <ul className="todo-list">
              {objections.map((objection) => (
                <li key={objection.id} className="todo">
                  <Link href={ROUTES.period(objection.periodId)} className="todo__link">
                    <span className="todo__title">{t('today.objections.line', { name: objection.name, text: firstWords(objection.text) })}</span>
                    <span className="todo__meta">{t('today.objections.open')}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </Section>
  );
}

/** The coordinator's day: who needs an interview, what is overdue, what waits for validation — each line a link to the thing to do. */
export function TodayScreen() {
  const t = useT();
  const { site } = useSession();
  if (!site) return null;
  // The coordination's board (a network admin may act on any site as its coordination does).
  // The host structure's accountant: no board to run, but the two places their work is.
  if (site.role === 'accountant') {
    return (
      <Page title={t('today.title')}>
        <p>{t('today.accountantIntro', { site: site.name })}</p>
        <div className="actions">
          <ButtonLink href={ROUTES.invoices} variant="primary" icon="list">
            {t('today.accountant.invoices')}
          </ButtonLink>
          <ButtonLink href={ROUTES.periods} icon="list">
            {t('today.accountant.periods')}
          </ButtonLink>
        </div>
      </Page>
    );
  }
  if (site.role !== 'coordinator' && site.role !== 'admin') {
    return (
      <Page title={t('today.title')}>
        <Notice>{t('today.memberIntro')}</Notice>
      </Page>
    );
  }
  return (
    <Page title={t('today.title')}>
      <p>{t('today.intro', { site: site.name })}</p>
      <div className="board">
        <FollowUp siteId={site.siteId} />
        <OverdueInvoices siteId={site.siteId} />
        <QuotesToValidate siteId={site.siteId} />
        <ContributionsToValidate siteId={site.siteId} />
        <ObjectionsToAnswer siteId={site.siteId} />
      </div>
    </Page>
  );
}
