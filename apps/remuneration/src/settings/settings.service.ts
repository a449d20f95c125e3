import { Injectable } from '@nestjs/common';
import { GetRemunerationSettingsRequest, RemunerationSettings, siteIdOf, UpdateRemunerationSettingsRequest } from '@kpa/contracts';
import { UnitOfWork } from '@kpa/platform';
import { applySettingsInput, formatSiteSettings } from './settings';
import { SiteSettingsRepository, StoredSiteSettings } from './site-settings.repository';

function toContract(settings: StoredSiteSettings): RemunerationSettings {
  return { siteId: settings.siteId, ...formatSiteSettings(settings), customised: settings.customised, updatedAt: settings.updatedAt ? settings.updatedAt.toISOString() : null };
}

/** A site's remuneration settings: every role reads them, coordinators write them. */
@Injectable()
export class SettingsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly settings: SiteSettingsRepository,
  ) {}

  async get({ siteId }: GetRemunerationSettingsRequest): Promise<RemunerationSettings> {
    return toContract(await this.settings.get(siteIdOf(siteId)));
  }

  /**
   * Each given section replaces the current one (checked by the domain's parse functions); the new
   * settings apply to what is computed from now on (a closed period keeps the figures it froze).
   */
  update({ siteId, actor, settings }: UpdateRemunerationSettingsRequest): Promise<RemunerationSettings> {
    const site = siteIdOf(siteId);
    return this.unitOfWork.run(async ({ manager }) => {
      const current = await this.settings.get(site, { forUpdate: true }, manager);
      const next = applySettingsInput(current, settings);
      const now = new Date();
      await this.settings.save(site, next, { at: now, by: actor.userId }, manager);
      return toContract({ ...next, siteId, customised: true, updatedAt: now });
    });
  }
}
