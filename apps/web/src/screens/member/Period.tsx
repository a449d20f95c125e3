import { useQuery } from '@tanstack/react-query';
import { useParams } from 'wouter';
import { periodsControllerGet } from '../../api/generated/sdk.gen';
import type { MemberShareDto, PotTermDto, RulePartDto } from '../../api/generated/types.gen';
import { unwrap } from '../../api/client';
import { frenchAmount, frenchShortDate } from '../../format';
import { useT } from '../../preferences';
import { useSession } from '../../session';
import { EmptyState, Notice } from '../../ui/Notice';
import { Page, Section } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { Table } from '../../ui/Table';
import { potBars } from './member-rules';
import { useOwnMember } from './own-member';
import { Objections } from '../remuneration/Objections';
import { PeriodActions } from '../remuneration/PeriodActions';
import { RecognitionRound } from '../remuneration/Recognition';
import { RemunerationNav } from '../remuneration/RemunerationNav';
import './member.css';

/** A share's explanation in the API's own French words: one sentence per rule, then the cap if any. */
function Explanation({ share }: { share: MemberShareDto }) {
  const t = useT();
  return (
    <ul className="member-list">
      {share.byRule.map((part) => (
        <li key={part.rule}>
          <strong>
            {t(`rule.${part.rule}`)} ({frenchAmount(part.amount)})
          </strong>{' '}
          {part.explanation}
        </li>
      ))}
      {share.capAdjustment ? (
        <li>
          <strong>
            {t('member.period.cap')} ({frenchAmount(share.capAdjustment.amount)})
          </strong>{' '}
          {share.capAdjustment.explanation}
        </li>
      ) : null}
    </ul>
  );
}

/** The pot as plain CSS bars (no chart library): one line per term, its length against the largest. */
function PotChart({ terms, total }: { terms: PotTermDto[]; total: string }) {
  const t = useT();
  const bars = potBars(terms.map((term) => term.amount));
  return (
    <figure className="pot-chart">
      <figcaption className="pot-chart__caption">{t('member.period.pot.chart')}</figcaption>
      <ul className="pot-chart__rows">
        {terms.map((term, index) => (
          <li key={`${term.kind}-${index}`} className="pot-chart__row">
            <span className="pot-chart__label">{term.label}</span>
            <span className="pot-chart__track" aria-hidden="true">
              <span className={`pot-chart__bar${bars[index].negative ? ' pot-chart__bar--negative' : ''}`} style={{ width: `${bars[index].percent}%` }} />
            </span>
            <span className="pot-chart__amount">{frenchAmount(term.amount)}</span>
          </li>
        ))}
      </ul>
      <p className="member-figure">{t('member.period.pot.total', { amount: frenchAmount(total) })}</p>
    </figure>
  );
}

/** The period page: the pot's breakdown (chart and table), how it is shared, and everyone's share with its explanation. */
export function PeriodScreen() {
  const t = useT();
  const { site } = useSession();
  const params = useParams<{ id: string }>();
  const siteId = site?.siteId ?? '';
  // A coordinator opens this page too (a notification's link): only a member has a share of their own.
  const own = useOwnMember(siteId, site?.role === 'member');
  const query = useQuery({
    queryKey: ['period', siteId, params.id],
    queryFn: () => unwrap(periodsControllerGet({ path: { siteId, periodId: params.id } })),
    enabled: Boolean(site),
  });
  if (!site) return null;
  const title = query.data ? t('member.period.title', { from: frenchShortDate(query.data.startsOn), to: frenchShortDate(query.data.endsOn) }) : t('nav.period');
  const memberId = own.data?.member.id;
  return (
    <Page title={title}>
      <RemunerationNav />
      <QueryState query={query}>
        {(period) => {
          const { figures } = period;
          const mine = figures.shares.find((share) => share.memberId === memberId);
          const terms = figures.pot.terms.map((term, index) => ({ ...term, id: `${term.kind}-${index}` }));
          const rules = figures.distribution.rules.map((rule) => ({ ...rule, id: rule.rule }));
          const shares = figures.shares.map((share) => ({ ...share, id: share.memberId }));
          return (
            <>
              <Notice>{t(`member.period.status.${period.status}`)}</Notice>
              {site.role !== 'member' ? (
                <div className="pay-block">
                  <Section title={t('period.steps')}>
                    <PeriodActions period={period} openObjections={period.openObjections} />
                  </Section>
                </div>
              ) : null}
              {mine ? (
                <Section title={t('member.period.myShare')}>
                  <p className="member-figure">{t('member.period.myShare.amount', { amount: frenchAmount(mine.total) })}</p>
                  <h3 className="member-subtitle">{t('member.period.how')}</h3>
                  <Explanation share={mine} />
                </Section>
              ) : null}
              <div className="board">
                <Section title={t('member.period.pot')}>
                  <PotChart terms={figures.pot.terms} total={figures.pot.pot} />
                  <Table<PotTermDto & { id: string }>
                    label={t('member.period.pot')}
                    rows={terms}
                    columns={[
                      { id: 'label', title: t('member.period.pot.line'), isRowHeader: true, cell: (term) => term.label },
                      { id: 'amount', title: t('member.period.pot.amount'), align: 'end', cell: (term) => frenchAmount(term.amount) },
                      { id: 'detail', title: t('member.period.pot.detail'), cell: (term) => term.detail },
                    ]}
                  />
                </Section>
                <Section title={t('member.period.rules')}>
                  <Table<RulePartDto & { id: string }>
                    label={t('member.period.rules')}
                    rows={rules}
                    columns={[
                      { id: 'rule', title: t('member.period.rules.rule'), isRowHeader: true, cell: (rule) => t(`rule.${rule.rule}`) },
                      { id: 'amount', title: t('member.period.rules.amount'), align: 'end', cell: (rule) => frenchAmount(rule.amount) },
                      { id: 'explanation', title: t('member.period.rules.explanation'), cell: (rule) => rule.explanation },
                    ]}
                  />
                  {Number(figures.distribution.undistributed) > 0 ? <p>{t('member.period.undistributed', { amount: frenchAmount(figures.distribution.undistributed) })}</p> : null}
                </Section>
              </div>
              <div className="pay-block pay-stack">
                <Objections periodId={period.id} status={period.status} />
                <RecognitionRound periodId={period.id} status={period.status} people={figures.shares} memberId={memberId} />
              </div>
              <Section title={t('member.period.shares')}>
                {shares.length === 0 ? (
                  <EmptyState>{t('member.period.shares.empty')}</EmptyState>
                ) : (
                  // One line per person, the explanation opened on demand: as a table its sentences were
                  // squeezed into a column a phone had to scroll sideways, and the page was 7 screens long.
                  <>
                    <p className="hint">{t('member.period.shares.hint')}</p>
                    <ul className="share-list">
                      {shares.map((share) => (
                        <li key={share.id} className="share">
                          <details>
                            <summary className="share__summary">
                              <span className="share__name">{share.name}</span>
                              <span className="share__total">{frenchAmount(share.total)}</span>
                            </summary>
                            <Explanation share={share} />
                          </details>
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </Section>
            </>
          );
        }}
      </QueryState>
    </Page>
  );
}
