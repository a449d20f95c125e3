import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { missionsControllerList, missionsControllerSignUp, missionsControllerWithdraw } from '../../api/generated/sdk.gen';
import type { MissionDto } from '../../api/generated/types.gen';
import { unwrap } from '../../api/client';
import { frenchShortDate } from '../../format';
import { usePreferences, useT } from '../../preferences';
import { useSession } from '../../session';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { EmptyState, Notice } from '../../ui/Notice';
import { Page } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { errorText } from '../../ui/error-text';
import { isoDay, missionPlace } from './member-rules';
import { useOwnMember } from './own-member';
import './member.css';

export function MissionCard({ mission, siteId, memberId }: { mission: MissionDto; siteId: string; memberId: string }) {
  const t = useT();
  const { language } = usePreferences();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['missions', siteId] });
  const signUp = useMutation({
    mutationFn: () => unwrap(missionsControllerSignUp({ path: { siteId, missionId: mission.id }, body: {} })),
    onSuccess: refresh,
  });
  const withdraw = useMutation({
    mutationFn: () => unwrap(missionsControllerWithdraw({ path: { siteId, missionId: mission.id, memberId } })),
    onSuccess: refresh,
  });
  const place = missionPlace(mission, memberId);
  const failure = signUp.error ?? withdraw.error;
  return (
    <li className="card">
      <h2 className="card__title member-card__title">{mission.title}</h2>
      {mission.activityPole ? <p className="card__meta">{mission.activityPole}</p> : null}
      <p>
        {mission.startsOn === mission.endsOn
          ? t('member.missions.oneDay', { date: frenchShortDate(mission.startsOn) })
          : t('member.missions.dates', { from: frenchShortDate(mission.startsOn), to: frenchShortDate(mission.endsOn) })}
      </p>
      {mission.place ? <p>{t('member.missions.place', { place: mission.place })}</p> : null}
      {mission.description ? <p className="card__meta">{mission.description}</p> : null}
      <p className="card__meta">
        {t(`member.missions.status.${mission.status}`)} · {t('member.missions.people', { signedUp: mission.signUps.length, needed: mission.peopleNeeded })}
      </p>
      {place === 'team' ? <Notice tone="success">{t('member.missions.inTeam')}</Notice> : null}
      {place === 'signed-up' ? (
        <>
          <Notice tone="success">{signUp.isSuccess ? t('member.missions.done', { title: mission.title }) : t('member.missions.signedUp')}</Notice>
          {mission.status === 'planned' ? (
            <ConfirmDialog
              triggerLabel={t('member.missions.withdraw')}
              icon="door"
              title={t('member.missions.withdraw.title')}
              sentence={t('member.missions.withdraw.sentence', { title: mission.title })}
              confirmLabel={t('member.missions.withdraw.confirm')}
              cancelLabel={t('app.cancel')}
              onConfirm={() =>
                withdraw.mutateAsync().then(
                  () => undefined,
                  () => undefined,
                )
              }
            />
          ) : null}
        </>
      ) : null}
      {place === 'out' && mission.status === 'planned' ? (
        <Button icon="check" isPending={signUp.isPending} onPress={() => signUp.mutate()} aria-label={t('member.missions.signUpTo', { title: mission.title })}>
          {t('member.missions.signUp')}
        </Button>
      ) : null}
      {failure ? (
        <Notice tone="error" title={t('app.error.title')}>
          {errorText(failure, language, t)}
        </Notice>
      ) : null}
    </li>
  );
}

/** The missions a member may join (one tap to sign up) and the ones they are already in. */
export function MissionsScreen() {
  const t = useT();
  const { site } = useSession();
  const siteId = site?.siteId ?? '';
  const own = useOwnMember(siteId);
  const today = isoDay(new Date());
  const missions = useQuery({
    queryKey: ['missions', siteId, 'from', today],
    queryFn: () => unwrap(missionsControllerList({ path: { siteId }, query: { from: today, limit: 100 } })),
    enabled: Boolean(site),
  });
  if (!site) return null;
  return (
    <Page title={t('member.missions.title')}>
      <p>{t('member.missions.intro')}</p>
      <QueryState query={own}>
        {(mine) => (
          <QueryState query={missions}>
            {(page) => {
              const shown = page.items.filter(
                (mission) => mission.status === 'planned' || (mission.status === 'team_confirmed' && missionPlace(mission, mine.member.id) !== 'out'),
              );
              return shown.length === 0 ? (
                <EmptyState>{t('member.missions.empty')}</EmptyState>
              ) : (
                <ul className="cards">
                  {shown.map((mission) => (
                    <MissionCard key={mission.id} mission={mission} siteId={siteId} memberId={mine.member.id} />
                  ))}
                </ul>
              );
            }}
          </QueryState>
        )}
      </QueryState>
    </Page>
  );
}
