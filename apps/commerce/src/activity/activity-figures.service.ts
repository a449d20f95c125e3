import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActivityFiguresRequest, checkPeriod, CommerceActivityFigures, DomainError, isUuid, siteIdOf } from '@kpa/contracts';
import { formatHundredths } from '../missions/mission';
import { ActivityFiguresRepository } from './activity-figures.repository';

@Injectable()
export class ActivityFiguresService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly activity: ActivityFiguresRepository,
  ) {}

  /** Revenue by pole and month, clients by kind, mission hours: of the sites asked for, or of the region. */
  async figures({ siteIds, from, to }: ActivityFiguresRequest): Promise<CommerceActivityFigures> {
    checkPeriod(from, to);
    if (siteIds !== undefined && (!Array.isArray(siteIds) || siteIds.some((id) => !isUuid(id)))) {
      throw new DomainError('VALIDATION_FAILED', 'siteIds must be site ids.', { field: 'siteIds' });
    }
    const sites = siteIds === undefined ? null : siteIds.map((id) => siteIdOf(id));
    const manager = this.dataSource.manager;
    const [revenue, clients, hundredths] = await Promise.all([
      this.activity.revenue(manager, sites, from, to),
      this.activity.clientsByKind(manager, sites, from, to),
      this.activity.missionHundredths(manager, sites, from, to),
    ]);
    return {
      from,
      to,
      revenueByPoleAndMonth: revenue.map((row) => ({ pole: row.pole, month: row.month, netCents: Number(row.net_cents) })),
      clientsByKind: Object.fromEntries(clients.map((row) => [row.kind, row.count])),
      missionHours: formatHundredths(hundredths),
    };
  }
}
