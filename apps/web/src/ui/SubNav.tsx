import { Link, useLocation } from 'wouter';
import { useT } from '../preferences';

/**
 * The screens of one area (commerce, remuneration, network, administration…) as a row of links
 * under the page title: the main navigation names the area once, this row its screens. The
 * current one is marked `aria-current="page"`.
 *
 *   <SubNav label={t('commerce.nav')} links={[{ href: ROUTES.quotes, label: t('quotes.title') }, …]} />
 */
export function SubNav({ label, links }: { label: string; links: readonly { href: string; label: string }[] }) {
  const [location] = useLocation();
  const t = useT();
  // The current screen, or on a screen below one (a mission's page under Missions) the closest link above it.
  const current =
    links.find((link) => link.href === location)?.href ??
    links
      .filter((link) => location.startsWith(`${link.href}/`))
      .sort((a, b) => b.href.length - a.href.length)
      .at(0)?.href;
  return (
    <nav aria-label={t('app.subNav', { area: label })} className="subnav">
      {links.map((link) => (
        <Link key={link.href} href={link.href} className="subnav__link" aria-current={link.href === location ? 'page' : link.href === current ? 'true' : undefined}>
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
