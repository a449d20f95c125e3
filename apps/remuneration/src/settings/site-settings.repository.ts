import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SiteId } from '@kpa/contracts';
import { DEFAULT_SITE_SETTINGS, FormattedSiteSettings, formatSiteSettings, parseStoredSettings, SiteSettings } from './settings';

/** A site's settings as the services use them, with whether the site ever saved its own. */
export interface StoredSiteSettings extends SiteSettings {
  siteId: string;
  /** False while the site never saved settings: every value is a default (DEFAULT_SITE_SETTINGS). */
  customised: boolean;
  /** When a coordinator last saved them; null for the defaults. */
  updatedAt: Date | null;
}

/** The remuneration settings of each site, stored in their API form (strings), read as values. */
@Injectable()
export class SiteSettingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The site's settings (defaults when never set). Values, not strings: rates in millionths, money
   * in cents (BigInt), hours in hundredths. `forUpdate` takes the row lock (a no-op when there is no
   * row yet).
   */
  async get(siteId: SiteId, options: { forUpdate?: boolean } = {}, manager: EntityManager = this.dataSource.manager): Promise<StoredSiteSettings> {
    const rows: { settings: Partial<FormattedSiteSettings>; updated_at: Date }[] = await manager.query(
      `SELECT settings, updated_at FROM remuneration.site_settings WHERE site_id = $1${options.forUpdate ? ' FOR UPDATE' : ''}`,
      [siteId],
    );
    if (rows.length === 0) return { ...DEFAULT_SITE_SETTINGS, siteId, customised: false, updatedAt: null };
    return { ...parseStoredSettings(rows[0].settings), siteId, customised: true, updatedAt: new Date(rows[0].updated_at) };
  }

  async save(siteId: SiteId, settings: SiteSettings, saved: { at: Date; by: string }, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO remuneration.site_settings (site_id, settings, updated_at, updated_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (site_id) DO UPDATE SET settings = $2, updated_at = $3, updated_by = $4`,
      [siteId, JSON.stringify(formatSiteSettings(settings)), saved.at, saved.by],
    );
  }
}
