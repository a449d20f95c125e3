import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { checkPeriod, DomainError, isUuid, RemunerationActivityFigures, RemunerationActivityFiguresRequest, siteIdOf } from '@kpa/contracts';
import { formatHours, formatMoney } from '../units';
import { ActivityFiguresRepository } from './activity-figures.repository';

@Injectable()
export class ActivityFiguresService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly activity: ActivityFiguresRepository,
  ) {}

  /** Contributive hours and amounts distributed: of the sites asked for, or of the region. */
  async figures({ siteIds, from, to }: RemunerationActivityFiguresRequest): Promise<RemunerationActivityFigures> {
    checkPeriod(from, to);
    if (siteIds !== undefined && (!Array.isArray(siteIds) || siteIds.some((id) => !isUuid(id)))) {
      throw new DomainError('VALIDATION_FAILED', 'siteIds must be site ids.', { field: 'siteIds' });
    }
    const sites = siteIds === undefined ? null : siteIds.map((id) => siteIdOf(id));
    const manager = this.dataSource.manager;
    const [hundredths, distributed] = await Promise.all([this.activity.contributiveHundredths(manager, sites, from, to), this.activity.distributedCents(manager, sites, from, to)]);
    return { from, to, contributiveHours: formatHours(hundredths), distributed: formatMoney(distributed) };
  }
}
