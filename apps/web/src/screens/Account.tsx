import { useEffect, useState } from 'react';
import { Checkbox, CheckboxGroup, Label, Switch, Text } from 'react-aria-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocation } from 'wouter';
import { meNotificationsControllerPreferences, meNotificationsControllerSetPreferences } from '../api/generated/sdk.gen';
import type { NotificationPreferencesDto } from '../api/generated/types.gen';
import { logOut, unwrap } from '../api/client';
import { LANGUAGES, type Language } from '../i18n/messages';
import { usePreferences, useT } from '../preferences';
import { useSession } from '../session';
import { Button, ButtonLink } from '../ui/Button';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Notice } from '../ui/Notice';
import { Page, Section } from '../ui/Page';
import { QueryState } from '../ui/QueryState';
import { Select } from '../ui/Select';
import { errorText } from '../ui/error-text';
import { ROUTES } from '../routes';
import { PasswordSection } from './account/PasswordSection';
import { SessionsSection } from './account/SessionsSection';

type EmailKind = NotificationPreferencesDto['emailOff'][number];
const EMAIL_KINDS: readonly EmailKind[] = ['digest', 'quote_expired', 'einvoice_refused', 'mission_team_confirmed', 'contribution_decided', 'period_closed'];
const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

/** A member's way to their network profile and consent (the network area itself is the coordination's). */
function NetworkProfileLink() {
  const t = useT();
  const { site } = useSession();
  if (site?.role !== 'member') return null;
  return (
    <Section title={t('network.myProfile.title')}>
      <p>{t('network.myProfile.linkHelp')}</p>
      <ButtonLink href={ROUTES.myNetworkProfile} icon="person">
        {t('network.myProfile.link')}
      </ButtonLink>
    </Section>
  );
}

function NotificationPreferencesForm({ saved }: { saved: NotificationPreferencesDto }) {
  const t = useT();
  const { language } = usePreferences();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(saved);
  useEffect(() => setDraft(saved), [saved]);
  const save = useMutation({
    mutationFn: (body: NotificationPreferencesDto) => unwrap(meNotificationsControllerSetPreferences({ body })),
    onSuccess: (stored) => queryClient.setQueryData(['notification-preferences'], stored),
  });
  const emailOn = EMAIL_KINDS.filter((kind) => !draft.emailOff.includes(kind));

  return (
    <form
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(draft);
      }}
    >
      <CheckboxGroup className="field" value={emailOn} onChange={(on) => setDraft({ ...draft, emailOff: EMAIL_KINDS.filter((kind) => !on.includes(kind)) })}>
        <Label className="field__label">{t('account.notifications.emailKinds')}</Label>
        <Text slot="description" className="field__description">
          {t('account.notifications.intro')}
        </Text>
        {EMAIL_KINDS.map((kind) => (
          <Checkbox key={kind} value={kind} className="checkbox">
            <span className="checkbox__box" aria-hidden="true" />
            {t(`account.notifications.kind.${kind}`)}
          </Checkbox>
        ))}
      </CheckboxGroup>
      <Select
        label={t('account.notifications.digestHour')}
        options={HOURS.map((hour) => ({ id: String(hour), label: t('account.notifications.digestHourValue', { hour }) }))}
        value={String(draft.digestHour)}
        onChange={(hour) => setDraft({ ...draft, digestHour: Number(hour) })}
      />
      <Select
        label={t('account.notifications.language')}
        options={LANGUAGES.map((id) => ({ id, label: t(`lang.${id}`) }))}
        value={draft.language}
        onChange={(id) => setDraft({ ...draft, language: id as Language })}
      />
      {save.isError ? <Notice tone="error">{errorText(save.error, language, t)}</Notice> : null}
      {save.isSuccess ? <Notice tone="success">{t('account.notifications.saved')}</Notice> : null}
      <Button type="submit" icon="save" isPending={save.isPending}>
        {t('account.notifications.save')}
      </Button>
    </form>
  );
}

export function AccountScreen() {
  const t = useT();
  const { language, setLanguage, easyReading, setEasyReading } = usePreferences();
  const { me } = useSession();
  const [, navigate] = useLocation();
  const [failure, setFailure] = useState<unknown>(null);
  const preferences = useQuery({ queryKey: ['notification-preferences'], queryFn: () => unwrap(meNotificationsControllerPreferences()) });

  const leave = async (everywhere: boolean) => {
    try {
      await logOut(everywhere);
      navigate(ROUTES.login);
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <Page title={t('account.title')}>
      {me ? <p>{t('account.signedInAs', { name: me.displayName, email: me.email })}</p> : null}
      <div className="board">
        <Section title={t('account.display.title')}>
          <div className="form">
            <Select
              label={t('account.language')}
              options={LANGUAGES.map((id) => ({ id, label: t(`lang.${id}`) }))}
              value={language}
              onChange={(id) => setLanguage(id as Language)}
            />
            <Switch className="switch" isSelected={easyReading} onChange={setEasyReading} aria-describedby="easy-reading-description">
              <span className="switch__track" aria-hidden="true">
                <span className="switch__thumb" />
              </span>
              {t('account.easyReading')}
            </Switch>
            <p id="easy-reading-description" className="field__description">
              {t('account.easyReading.description')}
            </p>
          </div>
        </Section>
        <Section title={t('account.notifications.title')}>
          <QueryState query={preferences}>{(saved) => <NotificationPreferencesForm saved={saved} />}</QueryState>
        </Section>
        <PasswordSection />
        <SessionsSection />
        <NetworkProfileLink />
        <Section title={t('account.session.title')}>
          {failure ? <Notice tone="error">{errorText(failure, language, t)}</Notice> : null}
          <div className="actions">
            <Button variant="secondary" icon="door" onPress={() => void leave(false)}>
              {t('account.logout')}
            </Button>
            <ConfirmDialog
              triggerLabel={t('account.logoutAll')}
              icon="lock"
              title={t('account.logoutAll.title')}
              sentence={t('account.logoutAll.sentence')}
              confirmLabel={t('account.logoutAll.confirm')}
              cancelLabel={t('app.cancel')}
              onConfirm={() => leave(true)}
            />
          </div>
        </Section>
      </div>
    </Page>
  );
}
