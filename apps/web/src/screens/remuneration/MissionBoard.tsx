import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { missionsControllerList } from '../../api/generated/sdk.gen';
import type { MissionDto } from '../../api/generated/types.gen';
import { unwrap } from '../../api/client';
import { frenchNumber, frenchShortDate } from '../../format';
import { useT } from '../../preferences';
import { ROUTES } from '../../routes';
import { useSession } from '../../session';
import { ButtonLink } from '../../ui/Button';
import { EmptyState } from '../../ui/Notice';
import { Page, Section } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { RemunerationNav } from './RemunerationNav';
import { BOARD_COLUMNS, coordinates, missionBoard, type MissionStatus } from './remuneration-rules';
import './remuneration.css';

/** The missions query of the board (every status, newest pages first), shared with the mission page's refresh. */
export function useSiteMissions(siteId: string) {
  return useQuery({
    queryKey: ['missions', siteId, 'board'],
    queryFn: () => unwrap(missionsControllerList({ path: { siteId }, query: { limit: 100 } })),
    enabled: Boolean(siteId),
  });
}

/** The dates of a mission in words: "Le 4 déc. 2026", or "Du … au …". */
export function MissionDates({ mission }: { mission: Pick<MissionDto, 'startsOn' | 'endsOn'> }) {
  const t = useT();
  return (
    <>
      {mission.startsOn === mission.endsOn
        ? t('member.missions.oneDay', { date: frenchShortDate(mission.startsOn) })
        : t('member.missions.dates', { from: frenchShortDate(mission.startsOn), to: frenchShortDate(mission.endsOn) })}
    </>
  );
}

function MissionCard({ mission }: { mission: MissionDto }) {
  const t = useT();
  return (
    <li className="card">
      <h3 className="card__title member-card__title">
        <Link href={ROUTES.mission(mission.id)}>{mission.title}</Link>
      </h3>
      <p>
        <MissionDates mission={mission} />
      </p>
      {mission.activityPole ? <p className="card__meta">{mission.activityPole}</p> : null}
      <p className="card__meta">
        {mission.status === 'planned'
          ? t('member.missions.people', { signedUp: mission.signUps.length, needed: mission.peopleNeeded })
          : mission.status === 'completed'
            ? t('missionBoard.hours', { hours: frenchNumber(mission.totalHours) })
            : t('missionBoard.team', { count: mission.team.length, needed: mission.peopleNeeded })}
      </p>
    </li>
  );
}

function Column({ status, missions }: { status: MissionStatus; missions: MissionDto[] }) {
  const t = useT();
  return (
    <Section title={`${t(`missionBoard.column.${status}`)} (${missions.length})`}>
      {missions.length === 0 ? (
        <EmptyState>{t('missionBoard.column.empty')}</EmptyState>
      ) : (
        <ul className="cards">
          {missions.map((mission) => (
            <MissionCard key={mission.id} mission={mission} />
          ))}
        </ul>
      )}
    </Section>
  );
}

/** `/missions` for the coordination: the site's missions by step, planned → team confirmed → completed, the cancelled apart. */
export function MissionBoardScreen() {
  const t = useT();
  const { site } = useSession();
  const siteId = site?.siteId ?? '';
  const missions = useSiteMissions(siteId);
  if (!site) return null;
  return (
    <Page title={t('missionBoard.title')}>
      <RemunerationNav />
      <p>{t('missionBoard.intro')}</p>
      {coordinates(site.role) ? (
        <div className="actions">
          <ButtonLink href={ROUTES.newMission} variant="primary" icon="save">
            {t('missionBoard.new')}
          </ButtonLink>
        </div>
      ) : null}
      <QueryState query={missions}>
        {(page) => {
          if (page.items.length === 0) return <EmptyState>{t('missionBoard.empty')}</EmptyState>;
          const board = missionBoard(page.items);
          return (
            <>
              <div className="mission-board">
                {BOARD_COLUMNS.map((status) => (
                  <Column key={status} status={status} missions={board[status]} />
                ))}
              </div>
              {board.cancelled.length > 0 ? (
                <div className="mission-board">
                  <Column status="cancelled" missions={board.cancelled} />
                </div>
              ) : null}
            </>
          );
        }}
      </QueryState>
    </Page>
  );
}
