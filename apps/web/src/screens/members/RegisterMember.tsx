import { useState } from 'react';
import { Checkbox } from 'react-aria-components';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLocation } from 'wouter';
import { membersControllerCreate } from '../../api/generated/sdk.gen';
import { ApiError, unwrap } from '../../api/client';
import { usePreferences, useT } from '../../preferences';
import { useSession } from '../../session';
import { Button, ButtonLink } from '../../ui/Button';
import { Notice } from '../../ui/Notice';
import { Page, Section } from '../../ui/Page';
import { Select } from '../../ui/Select';
import { TextField } from '../../ui/TextField';
import { errorText } from '../../ui/error-text';
import { ROUTES } from '../../routes';
import {
  EMPTY_REGISTRATION,
  localDay,
  needsGuardian,
  REFERRERS,
  registrationBody,
  registrationProblems,
  SITUATIONS,
  type Referrer,
  type RegistrationDraft,
  type Situation,
} from './member-rules';
import { GuardianFields } from './GuardianConsent';
import { isCoordination } from './member-routes';
import { fieldMessage } from './problem-text';
import './members.css';

/** Registering a member: who they are, how they came; for a minor, the guardian's consent explained (and recorded now or later). */
export function RegisterMemberScreen() {
  const t = useT();
  const { language } = usePreferences();
  const { site } = useSession();
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<RegistrationDraft>(EMPTY_REGISTRATION);
  const [checked, setChecked] = useState(false);
  const today = localDay();
  const siteId = site?.siteId ?? '';
  const register = useMutation({
    mutationFn: () => unwrap(membersControllerCreate({ path: { siteId }, body: registrationBody(draft) })),
    onSuccess: (member) => {
      void queryClient.invalidateQueries({ queryKey: ['members', siteId] });
      navigate(ROUTES.member(member.id));
    },
  });
  if (!site) return null;
  if (!isCoordination(site.role)) {
    return (
      <Page title={t('members.register.title')}>
        <Notice>{t('members.coordinatorsOnly')}</Notice>
      </Page>
    );
  }

  const problems = checked ? registrationProblems(draft, today) : {};
  const apiError = register.error instanceof ApiError ? register.error : null;
  const apiText = register.isError ? errorText(register.error, language, t) : '';
  const message = (field: string) => fieldMessage(field, problems, apiError, apiText, t);
  const set = (changes: Partial<RegistrationDraft>) => setDraft((current) => ({ ...current, ...changes }));
  const minor = needsGuardian(draft.birthDate, today);
  const fieldNamed = apiError?.field && message(apiError.field) !== undefined;

  return (
    <Page title={t('members.register.title')}>
      <p>{t('members.register.intro')}</p>
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setChecked(true);
          if (Object.keys(registrationProblems(draft, today)).length === 0) register.mutate();
        }}
      >
        <Section title={t('members.register.who')}>
          <TextField label={t('members.field.firstName')} value={draft.firstName} onChange={(firstName) => set({ firstName })} errorMessage={message('firstName')} isRequired />
          <TextField label={t('members.field.lastName')} value={draft.lastName} onChange={(lastName) => set({ lastName })} errorMessage={message('lastName')} isRequired />
          <TextField
            label={t('members.field.birthDate')}
            description={t('members.field.birthDate.help')}
            type="date"
            value={draft.birthDate}
            onChange={(birthDate) => set({ birthDate })}
            errorMessage={message('birthDate')}
            isRequired
          />
          <TextField
            label={t('members.field.email')}
            description={t('members.field.optional')}
            type="email"
            value={draft.email}
            onChange={(email) => set({ email })}
            errorMessage={message('email')}
          />
          <TextField
            label={t('members.field.phone')}
            description={t('members.field.optional')}
            type="tel"
            value={draft.phone}
            onChange={(phone) => set({ phone })}
            errorMessage={message('phone')}
          />
        </Section>
        <Section title={t('members.register.how')}>
          <Select
            label={t('members.field.situation')}
            placeholder={t('members.field.choose')}
            value={draft.situation}
            onChange={(situation) => set({ situation: situation as Situation })}
            options={SITUATIONS.map((id) => ({ id, label: t(`members.situation.${id}`) }))}
          />
          {message('situation') ? <p className="field__error members-select-error">{message('situation')}</p> : null}
          <Select
            label={t('members.field.referredBy')}
            placeholder={t('members.field.choose')}
            value={draft.referredBy}
            onChange={(referredBy) => set({ referredBy: referredBy as Referrer })}
            options={REFERRERS.map((id) => ({ id, label: t(`members.referrer.${id}`) }))}
          />
          {message('referredBy') ? <p className="field__error members-select-error">{message('referredBy')}</p> : null}
          {draft.referredBy === 'other' ? (
            <TextField
              label={t('members.field.referredByDetail')}
              value={draft.referredByDetail}
              onChange={(referredByDetail) => set({ referredByDetail })}
              errorMessage={message('referredByDetail')}
            />
          ) : null}
        </Section>
        {minor ? (
          <Section title={t('members.guardian.title')}>
            <div className="members-explain">
              <p>{t('members.guardian.why')}</p>
              <p>{t('members.guardian.when')}</p>
            </div>
            <Checkbox
              className="checkbox"
              isSelected={draft.guardian !== null}
              onChange={(on) => set({ guardian: on ? { name: '', relationship: '', consentedOn: today } : null })}
            >
              <span className="checkbox__box" aria-hidden="true" />
              {t('members.guardian.now')}
            </Checkbox>
            {draft.guardian ? <GuardianFields draft={draft.guardian} onChange={(guardian) => set({ guardian })} message={message} /> : null}
          </Section>
        ) : null}
        {checked && Object.keys(problems).length > 0 ? <Notice tone="error">{t('members.error.fix')}</Notice> : null}
        {register.isError && !fieldNamed ? <Notice tone="error">{apiText}</Notice> : null}
        <div className="actions">
          <Button type="submit" icon="check" isPending={register.isPending}>
            {t('members.register.submit')}
          </Button>
          <ButtonLink href={ROUTES.members}>{t('members.backToList')}</ButtonLink>
        </div>
      </form>
    </Page>
  );
}
