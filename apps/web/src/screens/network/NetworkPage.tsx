import type { ReactNode } from 'react';
import { Checkbox, FieldError, Label, Text, TextArea as AriaTextArea, TextField as AriaTextField } from 'react-aria-components';
import { useT } from '../../preferences';
import { ROUTES } from '../../routes';
import { useSession } from '../../session';
import { ButtonLink } from '../../ui/Button';
import { Notice } from '../../ui/Notice';
import { Page } from '../../ui/Page';
import { SubNav } from '../../ui/SubNav';
import './network.css';

/** Coordinators and network admins act for their site on the network; accountants read. */
export function useNetworkRole(): { siteId: string; siteName: string; mayAct: boolean; isMember: boolean } {
  const { site } = useSession();
  return {
    siteId: site?.siteId ?? '',
    siteName: site?.name ?? '',
    mayAct: site?.role === 'coordinator' || site?.role === 'admin',
    isMember: site?.role === 'member',
  };
}

/**
 * A network screen: the page, the area's row of links, and its content. A member reaches only
 * their own network profile: the other screens say so with a link to it (the API would let them
 * read the directory, but the area is the coordination's work).
 */
export function NetworkPage({ title, children, memberToo }: { title: string; children: ReactNode; memberToo?: boolean }) {
  const t = useT();
  const { isMember } = useNetworkRole();
  if (isMember && !memberToo) {
    return (
      <Page title={title}>
        <Notice title={t('network.membersOnly.title')}>
          <p>{t('network.membersOnly.body')}</p>
          <ButtonLink href={ROUTES.myNetworkProfile} icon="person">
            {t('network.myProfile.title')}
          </ButtonLink>
        </Notice>
      </Page>
    );
  }
  return (
    <Page title={title}>
      {isMember ? null : (
        <SubNav
          label={t('network.nav')}
          links={[
            { href: ROUTES.network, label: t('network.map.short') },
            { href: ROUTES.networkSkills, label: t('network.skills.short') },
            { href: ROUTES.networkHelp, label: t('network.help.short') },
            { href: ROUTES.networkReciprocity, label: t('network.reciprocity.short') },
            { href: ROUTES.networkEquipment, label: t('network.equipment.short') },
            { href: ROUTES.networkLaunches, label: t('network.launches.short') },
            { href: ROUTES.myNetworkProfile, label: t('network.myProfile.short') },
          ]}
        />
      )}
      {children}
    </Page>
  );
}

/** A labelled multi-line field (react-aria's TextArea, styled like a text field). */
export function TextAreaField({
  label,
  description,
  errorMessage,
  value,
  onChange,
  rows = 4,
}: {
  label: string;
  description?: string;
  errorMessage?: string;
  value: string;
  onChange(value: string): void;
  rows?: number;
}) {
  return (
    <AriaTextField className="field" value={value} onChange={onChange} isInvalid={Boolean(errorMessage)}>
      <Label className="field__label">{label}</Label>
      <AriaTextArea className="field__input network-textarea" rows={rows} />
      {description ? (
        <Text slot="description" className="field__description">
          {description}
        </Text>
      ) : null}
      <FieldError className="field__error">{errorMessage}</FieldError>
    </AriaTextField>
  );
}

/** A box to tick, at least 44 px high. */
export function CheckboxField({ children, isSelected, onChange }: { children: ReactNode; isSelected: boolean; onChange(on: boolean): void }) {
  return (
    <Checkbox className="checkbox" isSelected={isSelected} onChange={onChange}>
      <span className="checkbox__box" aria-hidden="true" />
      {children}
    </Checkbox>
  );
}
