import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GetRemunerationSettingsRequest, RemunerationSettings, UpdateRemunerationSettingsRequest } from '@kpa/contracts';
import { UnitOfWork } from '@kpa/platform';
import { applySettingsInput, formatSiteSettings } from './settings';
import { siteSettings, StoredSiteSettings } from './site-settings';

function toContract(settings: StoredSiteSettings): RemunerationSettings {
  return { siteId: settings.siteId, ...formatSiteSettings(settings), customised: settings.customised, updatedAt: settings.updatedAt ? settings.updatedAt.toISOString() : null };
}

/** A site's remuneration settings: every role reads them, coordinators write them. */
@Injectable()
export class SettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async get({ siteId }: GetRemunerationSettingsRequest): Promise<RemunerationSettings> {
    return toContract(await siteSettings(this.dataSource.manager, siteId));
  }

  /**
   * Each given section replaces the current one (checked by the domain's parse functions); the new
   * settings apply to what is computed from now on (a closed period keeps the figures it froze).
   */
  update({ siteId, actor, settings }: UpdateRemunerationSettingsRequest): Promise<RemunerationSettings> {
    return this.unitOfWork.run(async ({ manager }) => {
      const current = await siteSettings(manager, siteId, { forUpdate: true });
      const next = applySettingsInput(current, settings);
      const now = new Date();
      await manager.query(
        `INSERT INTO remuneration.site_settings (site_id, settings, updated_at, updated_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (site_id) DO UPDATE SET settings = $2, updated_at = $3, updated_by = $4`,
        [siteId, JSON.stringify(formatSiteSettings(next)), now, actor.userId],
      );
      return toContract({ ...next, siteId, customised: true, updatedAt: now });
    });
  }
}
