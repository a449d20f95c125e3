import { useLocation } from 'wouter';
import { useT } from '../preferences';
import { siteNameOf, useSession } from '../session';
import { Button } from '../ui/Button';
import { EmptyState } from '../ui/Notice';
import { Page } from '../ui/Page';

export function ChooseSiteScreen() {
  const t = useT();
  const { me, chooseSite } = useSession();
  const [, navigate] = useLocation();
  const sites = me?.sites ?? [];
  return (
    <Page title={t('chooseSite.title')}>
      {sites.length === 0 ? (
        <EmptyState>{t('chooseSite.empty')}</EmptyState>
      ) : (
        <>
          <p>{t('chooseSite.intro')}</p>
          <ul className="cards">
            {sites.map((grant) => (
              <li key={grant.siteId} className="card">
                <p className="card__title">{siteNameOf(grant)}</p>
                <p className="card__meta">{t(`role.${grant.role}`)}</p>
                <Button
                  icon="arrow"
                  onPress={() => {
                    chooseSite(grant.siteId);
                    navigate('/aujourdhui');
                  }}
                >
                  {t('chooseSite.open', { site: siteNameOf(grant) })}
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}
