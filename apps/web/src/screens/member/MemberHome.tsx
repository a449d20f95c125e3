import { useQuery } from '@tanstack/react-query';
import { contributionsControllerList, missionsControllerList, periodsControllerGet, periodsControllerList } from '../../api/generated/sdk.gen';
import type { JourneyDto, MemberDto } from '../../api/generated/types.gen';
import { unwrap } from '../../api/client';
import { frenchAmount, frenchNumber, frenchShortDate } from '../../format';
import { useT } from '../../preferences';
import { useSession } from '../../session';
import { ButtonLink } from '../../ui/Button';
import { EmptyState } from '../../ui/Notice';
import { Page, Section } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { ROUTES } from '../../routes';
import { isoDay, lastSettledPeriod, localDayAndTime, missionPlace, monthOf, nextInterview, nextStage } from './member-rules';
import { useOwnMember, type OwnMember } from './own-member';
import { dueIsPast } from '../due-date';
import './member.css';

function Journey({ own }: { own: OwnMember }) {
  const t = useT();
  const journey: JourneyDto = own.journey;
  const next = nextStage(journey.stage);
  const interview = nextInterview(own.interviews, new Date());
  const when = interview ? localDayAndTime(interview.scheduledAt) : null;
  return (
    <Section title={t('member.journey.title')}>
      <p className="member-lead">{t('member.journey.stage', { stage: t(`stage.${journey.stage}`) })}</p>
      <p>{next ? t('member.journey.next', { stage: t(`stage.${next}`) }) : t('member.journey.last')}</p>
      {journey.due.length > 0 ? (
        <ul className="member-list">
          {journey.due.map((due) => (
            <li key={due.kind}>
              {t(dueIsPast(due.dueOn, isoDay(new Date())) ? 'member.journey.duePast' : 'member.journey.due', {
                what: t(`member.journey.due.${due.kind}`),
                date: frenchShortDate(due.dueOn),
              })}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="member-lead">{when ? t('member.interview.next', { date: frenchShortDate(when.day), time: when.time }) : t('member.interview.none')}</p>
    </Section>
  );
}

function MyMissions({ siteId, memberId }: { siteId: string; memberId: string }) {
  const t = useT();
  const today = isoDay(new Date());
  const query = useQuery({
    queryKey: ['missions', siteId, 'from', today],
    queryFn: () => unwrap(missionsControllerList({ path: { siteId }, query: { from: today, limit: 100 } })),
  });
  return (
    <Section title={t('member.myMissions.title')}>
      <QueryState query={query}>
        {(page) => {
          const mine = page.items.filter((mission) => mission.status !== 'cancelled' && missionPlace(mission, memberId) !== 'out');
          return mine.length === 0 ? (
            <EmptyState>{t('member.myMissions.empty')}</EmptyState>
          ) : (
            <ul className="todo-list">
              {mine.map((mission) => (
                <li key={mission.id} className="todo">
                  <span className="todo__title">{mission.title}</span>
                  <span className="todo__meta">
                    {' · '}
                    {mission.startsOn === mission.endsOn
                      ? t('member.missions.oneDay', { date: frenchShortDate(mission.startsOn) })
                      : t('member.missions.dates', { from: frenchShortDate(mission.startsOn), to: frenchShortDate(mission.endsOn) })}
                    {' · '}
                    {missionPlace(mission, memberId) === 'team' ? t('member.missions.inTeam') : t('member.missions.signedUp')}
                  </span>
                </li>
              ))}
            </ul>
          );
        }}
      </QueryState>
      <div className="actions member-actions">
        <ButtonLink href={ROUTES.missions} icon="list">
          {t('member.myMissions.see')}
        </ButtonLink>
      </div>
    </Section>
  );
}

function MyHours({ siteId, memberId }: { siteId: string; memberId: string }) {
  const t = useT();
  const month = monthOf(isoDay(new Date()));
  const query = useQuery({
    queryKey: ['contributions', siteId, memberId, month.from],
    queryFn: () => unwrap(contributionsControllerList({ path: { siteId }, query: { memberId, from: month.from, to: month.to, limit: 1 } })),
  });
  return (
    <Section title={t('member.hours.title')}>
      <QueryState query={query}>
        {(page) => {
          const { validated, submitted } = page.totals.all;
          const total = (Number(validated) + Number(submitted)).toFixed(2);
          return (
            <>
              <p className="member-figure">{t('member.hours.total', { hours: frenchNumber(total) })}</p>
              <p>{t('member.hours.detail', { validated: frenchNumber(validated), submitted: frenchNumber(submitted) })}</p>
            </>
          );
        }}
      </QueryState>
      <div className="actions member-actions">
        <ButtonLink href={ROUTES.myHours} variant="primary" icon="save">
          {t('member.hours.log')}
        </ButtonLink>
      </div>
    </Section>
  );
}

function LastShare({ siteId, memberId }: { siteId: string; memberId: string }) {
  const t = useT();
  const periods = useQuery({ queryKey: ['periods', siteId], queryFn: () => unwrap(periodsControllerList({ path: { siteId }, query: { limit: 24 } })) });
  const last = periods.data ? lastSettledPeriod(periods.data.items) : null;
  const current = periods.data?.items.find((item) => item.status === 'open');
  const period = useQuery({
    queryKey: ['period', siteId, last?.id],
    queryFn: () => unwrap(periodsControllerGet({ path: { siteId, periodId: last?.id ?? '' } })),
    enabled: Boolean(last),
  });
  return (
    <Section title={t('member.share.title')}>
      <QueryState query={periods}>
        {() =>
          !last ? (
            <EmptyState>{t('member.share.none')}</EmptyState>
          ) : (
            <QueryState query={period}>
              {(view) => {
                const share = view.figures.shares.find((line) => line.memberId === memberId);
                return (
                  <>
                    <p className="member-figure">
                      {t('member.share.amount', { amount: frenchAmount(share?.total ?? '0.00'), from: frenchShortDate(view.startsOn), to: frenchShortDate(view.endsOn) })}
                    </p>
                    <div className="actions member-actions">
                      <ButtonLink href={ROUTES.period(view.id)} icon="arrow">
                        {t('member.share.open')}
                      </ButtonLink>
                    </div>
                  </>
                );
              }}
            </QueryState>
          )
        }
      </QueryState>
      <div className="actions member-actions">
        {current ? (
          <ButtonLink href={ROUTES.period(current.id)} icon="check">
            {t('recognition.homeLink')}
          </ButtonLink>
        ) : null}
        <ButtonLink href={ROUTES.simulator} icon="arrow">
          {t('simulator.link')}
        </ButtonLink>
      </div>
    </Section>
  );
}

function Skills({ member }: { member: MemberDto }) {
  const t = useT();
  const skills = member.skills ?? [];
  return (
    <Section title={t('member.skills.title')}>
      {skills.length === 0 ? (
        <EmptyState>{t('member.skills.empty')}</EmptyState>
      ) : (
        <ul className="member-list">
          {skills.map((skill) => (
            <li key={skill.name}>
              <strong>{skill.name}</strong> — {t('member.skills.level', { level: skill.level })}
              {skill.wantsToLearn ? `, ${t('member.skills.wantsToLearn')}` : ''}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

/** The member's home on their phone: where they are, what comes next, their missions, hours, share and skills. */
export function MemberHomeScreen() {
  const t = useT();
  const { site } = useSession();
  const own = useOwnMember(site?.siteId ?? '');
  if (!site) return null;
  return (
    <Page title={t('member.home.title')}>
      <QueryState query={own}>
        {(mine) => (
          <>
            <p className="member-lead">{t('member.home.hello', { name: mine.member.firstName })}</p>
            <div className="board">
              <Journey own={mine} />
              <MyHours siteId={site.siteId} memberId={mine.member.id} />
              <MyMissions siteId={site.siteId} memberId={mine.member.id} />
              <LastShare siteId={site.siteId} memberId={mine.member.id} />
              <Skills member={mine.member} />
            </div>
          </>
        )}
      </QueryState>
    </Page>
  );
}
