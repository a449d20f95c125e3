import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { launchesControllerCompleteStep, launchesControllerConfirm, launchesControllerList, launchesControllerSessions } from '../../api/generated/sdk.gen';
import type { AccompanimentSessionDto, LaunchDto } from '../../api/generated/types.gen';
import { unwrap } from '../../api/client';
import { frenchNumber, frenchShortDate } from '../../format';
import { usePreferences, useT } from '../../preferences';
import { useSession } from '../../session';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { EmptyState, Notice } from '../../ui/Notice';
import { Section } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { errorText } from '../../ui/error-text';
import { NetworkPage, useNetworkRole } from './NetworkPage';

/** One new KPA's path: steps in the seeds' order, each done with its day; the site's coordinators tick the next one. */
function LaunchCard({ launch, mayComplete }: { launch: LaunchDto; mayComplete: boolean }) {
  const t = useT();
  const { language } = usePreferences();
  const queryClient = useQueryClient();
  const complete = useMutation({
    mutationFn: (step: LaunchDto['steps'][number]['step']) => unwrap(launchesControllerCompleteStep({ path: { siteId: launch.siteId }, body: { step } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['launches'] }),
  });
  const next = launch.steps.find((step) => step.completedOn === null);
  return (
    <li className="card">
      <h3 className="card__title">{launch.name}</h3>
      <p className="card__meta">
        {launch.city} · {t('network.launches.progress', { done: launch.completedSteps, total: launch.totalSteps })} ·{' '}
        {launch.mentorName ? t('network.launches.mentor', { site: launch.mentorName }) : t('network.launches.noMentor')}
      </p>
      <ol className="network-steps">
        {launch.steps.map((step) => (
          <li key={step.step} className={step.completedOn ? 'network-step network-step--done' : 'network-step'}>
            {t(`network.launches.step.${step.step}`)} — {step.completedOn ? t('network.launches.doneOn', { date: frenchShortDate(step.completedOn) }) : t('network.launches.todo')}
          </li>
        ))}
      </ol>
      {mayComplete && next ? (
        <div className="actions">
          <ConfirmDialog
            triggerLabel={t('network.launches.complete', { step: t(`network.launches.step.${next.step}`) })}
            triggerVariant="primary"
            icon="check"
            title={t('network.launches.complete.title')}
            sentence={t('network.launches.complete.sentence', { step: t(`network.launches.step.${next.step}`) })}
            confirmLabel={t('network.launches.complete.confirm')}
            cancelLabel={t('network.cancel')}
            onConfirm={() => complete.mutate(next.step)}
          />
        </div>
      ) : null}
      {complete.isError ? <Notice tone="error">{errorText(complete.error, language, t)}</Notice> : null}
    </li>
  );
}

/** A mentor's session with my new KPA, to confirm (its hours then enter the reciprocity ledger). */
function SessionLine({ session, siteId, names }: { session: AccompanimentSessionDto; siteId: string; names: Map<string, string> }) {
  const t = useT();
  const { language } = usePreferences();
  const queryClient = useQueryClient();
  const confirm = useMutation({
    mutationFn: () => unwrap(launchesControllerConfirm({ path: { siteId, sessionId: session.id } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['accompaniment'] }),
  });
  const mentor = names.get(session.mentorSiteId) ?? '';
  const mentee = names.get(session.menteeSiteId) ?? '';
  return (
    <li className="network-offer">
      <p>
        {t('network.launches.session', { date: frenchShortDate(session.on), hours: frenchNumber(session.hours), topic: session.topic, mentor, mentee })} ·{' '}
        {t(`network.launches.sessionStatus.${session.status}`)}
      </p>
      {session.status === 'logged' && session.menteeSiteId === siteId ? (
        <ConfirmDialog
          triggerLabel={t('network.launches.confirmSession')}
          triggerVariant="primary"
          icon="check"
          title={t('network.launches.confirmSession.title')}
          sentence={t('network.launches.confirmSession.sentence', { hours: frenchNumber(session.hours), mentor })}
          confirmLabel={t('network.launches.confirmSession')}
          cancelLabel={t('network.cancel')}
          onConfirm={() => confirm.mutate()}
        />
      ) : null}
      {confirm.isError ? <Notice tone="error">{errorText(confirm.error, language, t)}</Notice> : null}
    </li>
  );
}

/** `/reseau/lancements`: the launch path of the region's new KPAs, their mentor, and my site's mentoring sessions. */
export function LaunchesScreen() {
  const t = useT();
  const { siteId, mayAct } = useNetworkRole();
  const { site } = useSession();
  const launches = useQuery({ queryKey: ['launches'], queryFn: () => unwrap(launchesControllerList()) });
  const sessions = useQuery({
    queryKey: ['accompaniment', siteId],
    queryFn: () => unwrap(launchesControllerSessions({ path: { siteId } })),
    enabled: mayAct,
  });
  const names = new Map(
    (launches.data?.items ?? []).flatMap((launch) => [
      [launch.siteId, launch.name] as const,
      ...(launch.mentorSiteId ? [[launch.mentorSiteId, launch.mentorName ?? ''] as const] : []),
    ]),
  );
  if (site) names.set(site.siteId, site.name);
  return (
    <NetworkPage title={t('network.launches.title')}>
      <p>{t('network.launches.intro')}</p>
      <Section title={t('network.launches.paths')}>
        <QueryState query={launches}>
          {(page) =>
            page.items.length === 0 ? (
              <EmptyState>{t('network.launches.empty')}</EmptyState>
            ) : (
              <ul className="cards">
                {page.items.map((launch) => (
                  <LaunchCard key={launch.siteId} launch={launch} mayComplete={mayAct && (launch.siteId === siteId || site?.role === 'admin')} />
                ))}
              </ul>
            )
          }
        </QueryState>
      </Section>
      {mayAct ? (
        <Section title={t('network.launches.sessions')}>
          <QueryState query={sessions}>
            {(page) =>
              page.items.length === 0 ? (
                <EmptyState>{t('network.launches.sessions.empty')}</EmptyState>
              ) : (
                <ul className="network-offers">
                  {page.items.map((session) => (
                    <SessionLine key={session.id} session={session} siteId={siteId} names={names} />
                  ))}
                </ul>
              )
            }
          </QueryState>
        </Section>
      ) : null}
    </NetworkPage>
  );
}
