import { useT } from '../preferences';
import { ButtonLink } from '../ui/Button';
import { Page } from '../ui/Page';

export function NotFoundScreen() {
  const t = useT();
  return (
    <Page title={t('app.notFound.title')}>
      <p>{t('app.notFound.body')}</p>
      <ButtonLink href="/aujourdhui" icon="home">
        {t('app.notFound.back')}
      </ButtonLink>
    </Page>
  );
}
