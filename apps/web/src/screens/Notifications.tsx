import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocation } from 'wouter';
import { meNotificationsControllerList, meNotificationsControllerRead, meNotificationsControllerReadAll } from '../api/generated/sdk.gen';
import { unwrap } from '../api/client';
import { frenchShortDate } from '../format';
import { usePreferences, useT } from '../preferences';
import { Button } from '../ui/Button';
import { EmptyState, Notice } from '../ui/Notice';
import { Page } from '../ui/Page';
import { QueryState } from '../ui/QueryState';
import { errorText } from '../ui/error-text';
import { consoleRouteFor } from '../routes';
import { useSession } from '../session';

export function NotificationsScreen() {
  const t = useT();
  const { language } = usePreferences();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: ['notifications', 'list'], queryFn: () => unwrap(meNotificationsControllerList({ query: { limit: 50 } })) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['notifications'] });
  const readOne = useMutation({ mutationFn: (notificationId: string) => unwrap(meNotificationsControllerRead({ path: { notificationId } })), onSuccess: refresh });
  const readAll = useMutation({ mutationFn: () => unwrap(meNotificationsControllerReadAll()), onSuccess: refresh });
  const failure = readOne.error ?? readAll.error;
  const { sites, chooseSite } = useSession();
  const [, navigate] = useLocation();
  // A notification belongs to a site: opening it works on that site.
  const open = (siteId: string, route: string) => {
    if (sites.some((choice) => choice.siteId === siteId)) chooseSite(siteId);
    navigate(route);
  };

  return (
    <Page title={t('notifications.title')}>
      {failure ? <Notice tone="error">{errorText(failure, language, t)}</Notice> : null}
      <QueryState query={query}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>{t('notifications.empty')}</EmptyState>
          ) : (
            <>
              <div className="actions">
                <p className="badge">{t('notifications.unread', { count: page.unread })}</p>
                {page.unread > 0 ? (
                  <Button variant="secondary" icon="check" onPress={() => readAll.mutate()} isPending={readAll.isPending}>
                    {t('notifications.readAll')}
                  </Button>
                ) : null}
              </div>
              <ul className="todo-list">
                {page.items.map((notification) => {
                  const route = consoleRouteFor(notification.link);
                  return (
                    <li key={notification.id} className={`todo ${notification.readAt ? 'todo--read' : ''}`}>
                      <p className="todo__title">
                        <span className="badge">{notification.readAt ? t('notifications.read') : t('notifications.new')}</span> {notification.title}
                      </p>
                      <p className="todo__body">{notification.body}</p>
                      <p className="todo__meta">{frenchShortDate(notification.createdAt.slice(0, 10))}</p>
                      <div className="actions">
                        {route ? (
                          <Button variant="secondary" icon="arrow" onPress={() => open(notification.siteId, route)}>
                            {t('notifications.open')}
                          </Button>
                        ) : null}
                        {notification.readAt ? null : (
                          <Button variant="quiet" icon="check" onPress={() => readOne.mutate(notification.id)}>
                            {t('notifications.markRead')}
                          </Button>
                        )}
                      </div>
                    </li>
                  );
                })}
              </ul>
            </>
          )
        }
      </QueryState>
    </Page>
  );
}
