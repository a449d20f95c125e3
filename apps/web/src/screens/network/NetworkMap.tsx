import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { networkDirectoryControllerList } from '../../api/generated/sdk.gen';
import type { NetworkSiteDto } from '../../api/generated/types.gen';
import { unwrap } from '../../api/client';
import { useT } from '../../preferences';
import { ROUTES } from '../../routes';
import { EmptyState } from '../../ui/Notice';
import { Section } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { TextField } from '../../ui/TextField';
import { NetworkPage, useNetworkRole } from './NetworkPage';
import { projectSites } from './network-rules';

const WIDTH = 600;
const HEIGHT = 420;

/**
 * The sites as points on an inline SVG (no tile server is reachable). A picture for the eyes
 * (`role="img"`, its caption says what it shows); the list beside it says the same with links,
 * for the keyboard and screen readers.
 */
function SitesMap({ sites, ownSiteId }: { sites: readonly NetworkSiteDto[]; ownSiteId: string }) {
  const t = useT();
  const points = projectSites(sites, WIDTH, HEIGHT);
  const byId = new Map(sites.map((site) => [site.siteId, site]));
  if (points.length === 0) return <p className="hint">{t('network.map.noPoints')}</p>;
  return (
    <figure className="network-map">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="network-map-caption" className="network-map__svg">
        <rect x="0" y="0" width={WIDTH} height={HEIGHT} className="network-map__ground" />
        {points.map((point) => {
          const site = byId.get(point.siteId)!;
          const own = site.siteId === ownSiteId;
          return (
            <g key={point.siteId}>
              <circle cx={point.x} cy={point.y} r={own ? 11 : 9} className={own ? 'network-map__dot network-map__dot--own' : 'network-map__dot'} />
              {/* Labels of the eastern sites go to the left of their point, so they stay in the drawing. */}
              <text x={point.x > WIDTH * 0.7 ? point.x - 14 : point.x + 14} y={point.y + 5} textAnchor={point.x > WIDTH * 0.7 ? 'end' : 'start'} className="network-map__label">
                {site.name}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption id="network-map-caption" className="hint">
        {t('network.map.caption', { count: points.length })}
      </figcaption>
    </figure>
  );
}

/** `/reseau`: the KPAs of the region on a map and as a list (the accessible alternative), each opening its profile. */
export function NetworkMapScreen() {
  const t = useT();
  const { siteId } = useNetworkRole();
  const [q, setQ] = useState('');
  const sites = useQuery({
    queryKey: ['network-sites', siteId, q],
    queryFn: () => unwrap(networkDirectoryControllerList({ query: { limit: 100, ...(q.trim() ? { q: q.trim() } : {}) } })),
  });
  return (
    <NetworkPage title={t('network.map.title')}>
      <p>{t('network.map.intro')}</p>
      <QueryState query={sites}>
        {(page) => (
          <div className="network-columns">
            <Section title={t('network.map.mapTitle')}>
              <SitesMap sites={page.items} ownSiteId={siteId} />
            </Section>
            <Section title={t('network.map.listTitle', { count: page.total })}>
              <TextField label={t('network.map.search')} description={t('network.map.searchHelp')} value={q} onChange={setQ} />
              {page.items.length === 0 ? (
                <EmptyState>{q ? t('network.map.emptySearch') : t('network.map.empty')}</EmptyState>
              ) : (
                <ul className="cards">
                  {page.items.map((site) => (
                    <li key={site.siteId} className="card">
                      <h3 className="card__title">
                        <Link href={ROUTES.networkSite(site.siteId)}>{site.name}</Link>
                      </h3>
                      <p className="card__meta">
                        {site.city} · {t(`network.status.${site.status}`)}
                        {site.published ? '' : ` · ${t('network.site.unpublished')}`}
                      </p>
                      {site.poles.length > 0 ? <p>{site.poles.map((pole) => pole.name).join(', ')}</p> : null}
                    </li>
                  ))}
                </ul>
              )}
            </Section>
          </div>
        )}
      </QueryState>
    </NetworkPage>
  );
}
