import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { meSessionsControllerEndSession, meSessionsControllerSessions } from '../../api/generated/sdk.gen';
import type { OpenSessionDto } from '../../api/generated/types.gen';
import { unwrap } from '../../api/client';
import { frenchShortDate } from '../../format';
import { usePreferences, useT } from '../../preferences';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Notice } from '../../ui/Notice';
import { Section } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { errorText } from '../../ui/error-text';
import { deviceOf } from './device-label';
import './account.css';

/** "Paris" time of an instant, as "4 déc. 2026 à 14 h 05" (the region's clock, whatever the device's). */
function parisDateTime(instant: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(instant));
  const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return { date: frenchShortDate(`${part('year')}-${part('month')}-${part('day')}`), time: `${part('hour')} h ${part('minute')}` };
}

function SessionRow({ session }: { session: OpenSessionDto }) {
  const t = useT();
  const { language } = usePreferences();
  const queryClient = useQueryClient();
  const end = useMutation({
    mutationFn: () => unwrap(meSessionsControllerEndSession({ path: { sessionId: session.id } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['sessions'] }),
  });
  const device = deviceOf(session.userAgent);
  const name =
    device.browser && device.system
      ? t('account.sessions.device', { browser: device.browser, system: device.system })
      : (device.browser ?? device.system ?? t('account.sessions.unknownDevice'));
  const active = parisDateTime(session.lastActiveAt);
  return (
    <li className="sessions__item">
      <p className="sessions__device">
        <strong>{name}</strong>
        {session.current ? <span className="sessions__current"> · {t('account.sessions.thisDevice')}</span> : null}
      </p>
      <p className="field__description">{t('account.sessions.lastActive', active)}</p>
      {session.current ? null : (
        <ConfirmDialog
          triggerLabel={t('account.sessions.end', { device: name })}
          icon="door"
          title={t('account.sessions.end.title')}
          sentence={t('account.sessions.end.sentence', { device: name })}
          confirmLabel={t('account.sessions.end.confirm')}
          cancelLabel={t('app.cancel')}
          onConfirm={() => end.mutateAsync().then(() => undefined)}
        />
      )}
      {end.isError ? <Notice tone="error">{errorText(end.error, language, t)}</Notice> : null}
    </li>
  );
}

/** "Appareils connectés": where the account is logged in, and a way to end any of them (a lost phone). */
export function SessionsSection() {
  const t = useT();
  const sessions = useQuery({ queryKey: ['sessions'], queryFn: () => unwrap(meSessionsControllerSessions()) });
  return (
    <Section title={t('account.sessions.title')}>
      <p>{t('account.sessions.intro')}</p>
      <QueryState query={sessions}>
        {(page) => (
          <ul className="sessions">
            {[...page.items.filter((session) => session.current), ...page.items.filter((session) => !session.current)].map((session) => (
              <SessionRow key={session.id} session={session} />
            ))}
          </ul>
        )}
      </QueryState>
    </Section>
  );
}
