import { useLocation } from 'wouter';
import { useT } from '../preferences';
import { useSession } from '../session';
import { Button } from '../ui/Button';
import { EmptyState } from '../ui/Notice';
import { Page } from '../ui/Page';
import { ROUTES } from '../routes';

export function ChooseSiteScreen() {
  const t = useT();
  const { sites, chooseSite } = useSession();
  const [, navigate] = useLocation();
  return (
    <Page title={t('chooseSite.title')}>
      {sites.length === 0 ? (
        <EmptyState>{t('chooseSite.empty')}</EmptyState>
      ) : (
        <>
          <p>{t('chooseSite.intro')}</p>
          <ul className="cards">
            {sites.map((choice) => (
              <li key={choice.siteId} className="card">
                <p className="card__title">{choice.name}</p>
                <p className="card__meta">{t(`role.${choice.role}`)}</p>
                <Button
                  icon="arrow"
                  onPress={() => {
                    chooseSite(choice.siteId);
                    navigate(ROUTES.today);
                  }}
                >
                  {t('chooseSite.open', { site: choice.name })}
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}
