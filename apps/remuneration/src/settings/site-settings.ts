import { EntityManager } from 'typeorm';
import { DEFAULT_SITE_SETTINGS, FormattedSiteSettings, parseStoredSettings, SiteSettings } from './settings';

export type { SiteSettings } from './settings';

/** A site's settings as the services use them, with whether the site ever saved its own. */
export interface StoredSiteSettings extends SiteSettings {
  siteId: string;
  /** False while the site never saved settings: every value is a default (DEFAULT_SITE_SETTINGS). */
  customised: boolean;
  /** When a coordinator last saved them; null for the defaults. */
  updatedAt: Date | null;
}

/**
 * The remuneration settings of a site (defaults when never set), read in the caller's transaction.
 * Values, not strings: rates in millionths, money in cents (BigInt), hours in hundredths.
 * `forUpdate` takes the row lock (a no-op when there is no row yet).
 */
export async function siteSettings(manager: EntityManager, siteId: string, options: { forUpdate?: boolean } = {}): Promise<StoredSiteSettings> {
  const rows: { settings: Partial<FormattedSiteSettings>; updated_at: Date }[] = await manager.query(
    `SELECT settings, updated_at FROM remuneration.site_settings WHERE site_id = $1${options.forUpdate ? ' FOR UPDATE' : ''}`,
    [siteId],
  );
  if (rows.length === 0) return { ...DEFAULT_SITE_SETTINGS, siteId, customised: false, updatedAt: null };
  return { ...parseStoredSettings(rows[0].settings), siteId, customised: true, updatedAt: new Date(rows[0].updated_at) };
}

/**
 * Whether the site's host structure is under the VAT franchise (CGI art. 293 B: it cannot recover
 * the VAT it pays, so an expense costs its amount incl. VAT); null while membership's events about
 * the site or its host have not arrived.
 */
export async function hostVatFranchise(manager: EntityManager, siteId: string): Promise<boolean | null> {
  const rows: { vat_franchise: boolean }[] = await manager.query(
    `SELECT h.vat_franchise FROM remuneration.known_site s JOIN remuneration.known_host h ON h.id = s.host_structure_id WHERE s.id = $1`,
    [siteId],
  );
  return rows.length === 0 ? null : rows[0].vat_franchise;
}
