import { useQuery } from '@tanstack/react-query';
import { equipmentControllerList, networkDirectoryControllerGet } from '../../api/generated/sdk.gen';
import { unwrap } from '../../api/client';
import { frenchShortDate } from '../../format';
import { useT } from '../../preferences';
import { ROUTES } from '../../routes';
import { ButtonLink } from '../../ui/Button';
import { EmptyState } from '../../ui/Notice';
import { Section } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { NetworkPage } from './NetworkPage';

/** `/reseau/kpa/:siteId`: one KPA's published profile — presentation, poles, what it offers, contact, the equipment it lends. */
export function NetworkSiteScreen({ siteId }: { siteId: string }) {
  const t = useT();
  const site = useQuery({
    queryKey: ['network-site', siteId],
    queryFn: () => unwrap(networkDirectoryControllerGet({ path: { networkSiteId: siteId } })),
  });
  const equipment = useQuery({
    queryKey: ['network-equipment', 'all'],
    queryFn: () => unwrap(equipmentControllerList({ query: { limit: 100 } })),
  });
  return (
    <NetworkPage title={site.data ? site.data.name : t('network.site.title')}>
      <QueryState query={site}>
        {(profile) => (
          <>
            <p className="card__meta">
              {profile.city} · {t(`network.status.${profile.status}`)}
              {profile.published ? '' : ` · ${t('network.site.unpublished')}`}
            </p>
            {profile.presentation ? <p>{profile.presentation}</p> : <EmptyState>{t('network.site.noPresentation')}</EmptyState>}
            <Section title={t('network.site.poles')}>
              {profile.poles.length === 0 ? (
                <EmptyState>{t('network.site.noPoles')}</EmptyState>
              ) : (
                <ul>
                  {profile.poles.map((pole) => (
                    <li key={pole.name}>
                      <strong>{pole.name}</strong>
                      {pole.description ? ` — ${pole.description}` : ''}
                    </li>
                  ))}
                </ul>
              )}
            </Section>
            <Section title={t('network.site.offers')}>
              {profile.offers.length === 0 ? (
                <EmptyState>{t('network.site.noOffers')}</EmptyState>
              ) : (
                <ul>
                  {profile.offers.map((offer) => (
                    <li key={`${offer.kind}-${offer.label}`}>
                      <strong>{t('network.offer.line', { kind: t(`network.offer.${offer.kind}`), label: offer.label })}</strong>
                      {offer.description ? ` — ${offer.description}` : ''}
                    </li>
                  ))}
                </ul>
              )}
            </Section>
            <Section title={t('network.site.contact')}>
              <dl className="network-facts">
                <dt>{t('network.site.email')}</dt>
                <dd>{profile.contactEmail ? <a href={`mailto:${profile.contactEmail}`}>{profile.contactEmail}</a> : t('network.site.none')}</dd>
                <dt>{t('network.site.openingHours')}</dt>
                <dd>{profile.openingHours ?? t('network.site.none')}</dd>
                {profile.profileUpdatedAt ? (
                  <>
                    <dt>{t('network.site.updated')}</dt>
                    <dd>{frenchShortDate(profile.profileUpdatedAt.slice(0, 10))}</dd>
                  </>
                ) : null}
              </dl>
            </Section>
            <Section title={t('network.site.equipment')}>
              <QueryState query={equipment}>
                {(page) => {
                  const items = page.items.filter((item) => item.siteId === siteId);
                  return items.length === 0 ? (
                    <EmptyState>{t('network.site.noEquipment')}</EmptyState>
                  ) : (
                    <ul>
                      {items.map((item) => (
                        <li key={item.id}>
                          <strong>{item.name}</strong> — {item.description}
                        </li>
                      ))}
                    </ul>
                  );
                }}
              </QueryState>
              <ButtonLink href={ROUTES.networkEquipment}>{t('network.site.toEquipment')}</ButtonLink>
            </Section>
          </>
        )}
      </QueryState>
      <ButtonLink href={ROUTES.network} icon="arrow">
        {t('network.site.back')}
      </ButtonLink>
    </NetworkPage>
  );
}
