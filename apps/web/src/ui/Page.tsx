import { useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useQuery } from '@tanstack/react-query';
import { meNotificationsControllerList } from '../api/generated/sdk.gen';
import { unwrap } from '../api/client';
import { LANGUAGES, type Language } from '../i18n/messages';
import { usePreferences, useT } from '../preferences';
import { useSession } from '../session';
import { Pictogram } from './Button';
import { Icon, type IconName } from './Icon';
import { ROUTES } from '../routes';

/** The page's main heading takes the focus after a navigation, so screen readers announce the new screen. */
function useFocusOnMount() {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return heading;
}

/**
 * A header control: the phone's or the browser's own list (light on the first screen, large on a
 * phone), its label kept for screen readers.
 */
function HeaderChoice({
  label,
  options,
  value,
  placeholder,
  onChange,
}: {
  label: string;
  options: readonly { id: string; label: string }[];
  value: string | null;
  placeholder?: string;
  onChange(id: string): void;
}) {
  const id = useId();
  return (
    <span className="field select">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <select id={id} className="select__button" value={value ?? ''} onChange={(event) => onChange(event.target.value)}>
        {value === null ? (
          <option value="" disabled>
            {placeholder}
          </option>
        ) : null}
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.label}
          </option>
        ))}
      </select>
    </span>
  );
}

function LanguageSwitch() {
  const t = useT();
  const { language, setLanguage } = usePreferences();
  return (
    <HeaderChoice label={t('header.language')} options={LANGUAGES.map((id) => ({ id, label: t(`lang.${id}`) }))} value={language} onChange={(id) => setLanguage(id as Language)} />
  );
}

function SiteSwitch() {
  const t = useT();
  const { sites, site, chooseSite } = useSession();
  if (sites.length < 2) return site ? <span className="header__site">{site.name}</span> : null;
  return (
    <HeaderChoice
      label={t('header.site')}
      options={sites.map((choice) => ({ id: choice.siteId, label: choice.name }))}
      placeholder={t('header.chooseSite')}
      value={site?.siteId ?? null}
      onChange={chooseSite}
    />
  );
}

/**
 * A link of the main navigation. `area` lists the address prefixes of its area's other screens (a
 * mission's page, a member's file…): there it is marked as the current area (aria-current="true"),
 * so a person always sees where they are; on its own address it is the current page.
 */
function NavLink({ href, icon, area = [], children }: { href: string; icon: IconName; area?: readonly string[]; children: ReactNode }) {
  const [location] = useLocation();
  const inArea = [href, ...area].some((prefix) => location === prefix || location.startsWith(`${prefix}/`));
  return (
    <Link href={href} className="nav__link" aria-current={location === href ? 'page' : inArea ? 'true' : undefined}>
      <Pictogram icon={icon} />
      <span>{children}</span>
    </Link>
  );
}

/**
 * The main navigation: one row on a laptop; on a phone (under 60 rem) a "Menu" button that opens
 * it as a list, so the header stays one short band instead of three rows of links (ui.css). The
 * button says whether it is open (aria-expanded); Escape closes it and gives the focus back.
 */
function PhoneMenu({ unread, children }: { unread: number; children: ReactNode }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const navId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      setOpen(false);
      toggle.current?.focus();
    }
  };
  // A link chosen (even the current page's) closes the menu.
  const onClick = (event: MouseEvent) => {
    if ((event.target as Element).closest('a')) setOpen(false);
  };
  return (
    <div className="nav-area" onKeyDown={onKeyDown}>
      <button ref={toggle} type="button" className="nav-toggle" aria-expanded={open} aria-controls={navId} onClick={() => setOpen((value) => !value)}>
        <Icon name={open ? 'close' : 'menu'} />
        <span>{unread > 0 ? t('nav.menuUnread', { count: unread }) : t('nav.menu')}</span>
      </button>
      <nav id={navId} aria-label={t('app.mainNav')} className={open ? 'nav nav--open' : 'nav'} onClick={onClick}>
        {children}
      </nav>
    </div>
  );
}

function Header() {
  const t = useT();
  const { state, site, me } = useSession();
  const unread = useQuery({
    queryKey: ['notifications', 'unread-count'],
    queryFn: () => unwrap(meNotificationsControllerList({ query: { unread: true, limit: 1 } })),
    enabled: state === 'signed-in',
    refetchInterval: 60_000,
  });
  const count = unread.data?.unread ?? 0;
  return (
    <header className="header">
      <div className="header__bar">
        <Link href={ROUTES.today} className="header__brand">
          {t('app.name')}
        </Link>
        <div className="header__controls">
          {state === 'signed-in' ? <SiteSwitch /> : null}
          <LanguageSwitch />
        </div>
      </div>
      {state === 'signed-in' ? (
        <PhoneMenu unread={count}>
          {site?.role === 'member' ? (
            // member: their own home, the missions to join, their hours
            <>
              <NavLink href={ROUTES.home} icon="home" area={[ROUTES.periods]}>
                {t('nav.home')}
              </NavLink>
              <NavLink href={ROUTES.missions} icon="list">
                {t('nav.missions')}
              </NavLink>
              <NavLink href={ROUTES.myHours} icon="save">
                {t('nav.myHours')}
              </NavLink>
            </>
          ) : (
            <NavLink href={ROUTES.today} icon="list">
              {t('nav.today')}
            </NavLink>
          )}
          {site && (site.role === 'coordinator' || site.role === 'admin') ? (
            <NavLink href={ROUTES.members} icon="person">
              {t('members.nav')}
            </NavLink>
          ) : null}
          {site && site.role !== 'member' ? (
            <NavLink href={ROUTES.invoices} icon="list" area={[ROUTES.quotes]}>
              {t('nav.invoices')}
            </NavLink>
          ) : null}
          {site && site.role !== 'member' ? (
            <NavLink
              href={site.role === 'accountant' ? ROUTES.periods : ROUTES.missions}
              icon="list"
              area={[ROUTES.missions, ROUTES.contributions, ROUTES.periods, ROUTES.simulator, ROUTES.remunerationSettings]}
            >
              {t('remuneration.nav')}
            </NavLink>
          ) : null}
          {site && site.role !== 'member' ? (
            <NavLink href={ROUTES.network} icon="list">
              {t('network.nav')}
            </NavLink>
          ) : null}
          {site && site.role !== 'member' ? (
            <NavLink href={ROUTES.reports} icon="list">
              {t('reports.nav')}
            </NavLink>
          ) : null}
          {site && (site.role === 'coordinator' || site.role === 'accountant') ? (
            <NavLink href={ROUTES.dunning} icon="bell">
              {t('dunning.nav')}
            </NavLink>
          ) : null}
          {me?.networkAdmin ? (
            <NavLink href={ROUTES.admin} icon="lock">
              {t('admin.nav')}
            </NavLink>
          ) : null}
          {site?.role === 'member' ? (
            <NavLink href={ROUTES.expenses} icon="save">
              {t('nav.myExpenses')}
            </NavLink>
          ) : null}
          <NavLink href={ROUTES.notifications} icon="bell">
            {count > 0 ? t('nav.notificationsUnread', { count }) : t('nav.notifications')}
          </NavLink>
          <NavLink href={ROUTES.account} icon="person">
            {t('nav.account')}
          </NavLink>
        </PhoneMenu>
      ) : null}
    </header>
  );
}

/** Every screen: skip link, header (site switcher, language), one h1 that takes the focus, the content. */
export function Page({ title, children }: { title: string; children: ReactNode }) {
  const t = useT();
  const heading = useFocusOnMount();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <>
      <a className="skip-link" href="#contenu">
        {t('app.skipLink')}
      </a>
      <Header />
      <main id="contenu" className="page" tabIndex={-1}>
        <h1 ref={heading} tabIndex={-1} className="page__title">
          {title}
        </h1>
        {children}
      </main>
    </>
  );
}

/** A titled part of a screen. */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="section" aria-labelledby={id}>
      <h2 id={id} className="section__title">
        {title}
      </h2>
      {children}
    </section>
  );
}
