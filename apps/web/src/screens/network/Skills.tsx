import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { networkSkillsControllerSearch, siteNetworkProfileControllerGet } from '../../api/generated/sdk.gen';
import { unwrap } from '../../api/client';
import { frenchNumber } from '../../format';
import { useT } from '../../preferences';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/Notice';
import { Section } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { TextField } from '../../ui/TextField';
import { CheckboxField, NetworkPage, useNetworkRole } from './NetworkPage';

/**
 * `/reseau/competences`: who can do what across the region (first name, initial, level,
 * availability — nothing more leaves a site), nearest first when my site has its coordinates.
 */
export function NetworkSkillsScreen() {
  const t = useT();
  const { siteId } = useNetworkRole();
  const [typed, setTyped] = useState('');
  const [skill, setSkill] = useState('');
  const [nearMe, setNearMe] = useState(false);
  const [available, setAvailable] = useState(true);
  const profile = useQuery({ queryKey: ['site-network-profile', siteId], queryFn: () => unwrap(siteNetworkProfileControllerGet({ path: { siteId } })) });
  const near = profile.data?.latitude != null && profile.data.longitude != null ? `${profile.data.latitude},${profile.data.longitude}` : null;
  const results = useQuery({
    queryKey: ['network-skills', skill, nearMe && near, available],
    queryFn: () =>
      unwrap(networkSkillsControllerSearch({ query: { ...(skill ? { skill } : {}), ...(nearMe && near ? { near, km: 100 } : {}), ...(available ? { available: true } : {}) } })),
  });
  return (
    <NetworkPage title={t('network.skills.title')}>
      <p>{t('network.skills.intro')}</p>
      <form
        className="form network-search"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setSkill(typed.trim());
        }}
      >
        <TextField label={t('network.skills.field')} description={t('network.skills.fieldHelp')} value={typed} onChange={setTyped} />
        <CheckboxField isSelected={available} onChange={setAvailable}>
          {t('network.skills.available')}
        </CheckboxField>
        {near ? (
          <CheckboxField isSelected={nearMe} onChange={setNearMe}>
            {t('network.skills.nearMe')}
          </CheckboxField>
        ) : (
          <p className="hint">{t('network.skills.noCoordinates')}</p>
        )}
        <div className="actions">
          <Button type="submit" icon="check">
            {t('network.skills.search')}
          </Button>
        </div>
      </form>
      <Section title={skill ? t('network.skills.resultsFor', { skill }) : t('network.skills.all')}>
        <QueryState query={results}>
          {(data) =>
            data.skills.length === 0 ? (
              <EmptyState>{skill ? t('network.skills.empty', { skill }) : t('network.skills.emptyAll')}</EmptyState>
            ) : (
              <ul className="cards">
                {data.skills.map((group) => (
                  <li key={group.skill} className="card">
                    <h3 className="card__title">{group.skill}</h3>
                    <p className="card__meta">{t('network.skills.count', { people: group.total, sites: group.siteCount })}</p>
                    <ul className="network-offers">
                      {group.sites.map((site) => (
                        <li key={site.siteId} className="network-offer">
                          <p>
                            <strong>{site.name}</strong> ({site.city}) · {t('network.skills.people', { count: site.count })}
                            {site.distanceKm !== undefined ? ` · ${t('network.skills.km', { km: frenchNumber(site.distanceKm.toFixed(1)) })}` : ''}
                          </p>
                          {site.people.length > 0 ? (
                            <ul>
                              {site.people.map((person, index) => (
                                <li key={`${person.firstName}-${person.lastInitial}-${index}`}>
                                  {t('network.skills.person', {
                                    firstName: person.firstName,
                                    initial: person.lastInitial,
                                    level: t(`network.level.${person.level}`),
                                    availability: t(`network.availability.${person.availability}`),
                                  })}
                                </li>
                              ))}
                            </ul>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
      </Section>
    </NetworkPage>
  );
}
