import type { ReactNode } from 'react';
import { usePreferences, useT } from '../../preferences';
import { ROUTES } from '../../routes';
import { useSession } from '../../session';
import { Notice } from '../../ui/Notice';
import { SubNav } from '../../ui/SubNav';
import { errorText } from '../../ui/error-text';
import './remuneration.css';

/** The remuneration area's screens (Missions, Contributions, Périodes, Simulateur), for the coordination and the accountant. */
export function RemunerationNav() {
  const t = useT();
  const { site } = useSession();
  if (!site || site.role === 'member') return null;
  return (
    <SubNav
      label={t('remuneration.nav')}
      links={[
        { href: ROUTES.missions, label: t('remuneration.sub.missions') },
        { href: ROUTES.contributions, label: t('remuneration.sub.contributions') },
        { href: ROUTES.periods, label: t('remuneration.sub.periods') },
        { href: ROUTES.simulator, label: t('remuneration.sub.simulator') },
      ]}
    />
  );
}

/** A failed action's message (the API's own words), or nothing. */
export function ActionError({ error }: { error: unknown }): ReactNode {
  const t = useT();
  const { language } = usePreferences();
  if (!error) return null;
  return (
    <Notice tone="error" title={t('app.error.title')}>
      <p>{errorText(error, language, t)}</p>
    </Notice>
  );
}
