import { useT } from '../preferences';
import { ButtonLink } from '../ui/Button';
import { Page } from '../ui/Page';
import { ROUTES } from '../routes';

export function NotFoundScreen() {
  const t = useT();
  return (
    <Page title={t('app.notFound.title')}>
      <p>{t('app.notFound.body')}</p>
      <ButtonLink href={ROUTES.today} icon="home">
        {t('app.notFound.back')}
      </ButtonLink>
    </Page>
  );
}
