import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SiteId } from '@kpa/contracts';
import { MissionHoursRow, MoneyMovementRow } from './ledger-entries';

/**
 * The ledger's rows, keyed by commerce's own ids (mission and member, payment, credit note,
 * expense) with ON CONFLICT DO NOTHING: a replay that bypasses the inbox counts nothing twice.
 * Written in the consumer's transaction (with its inbox row).
 */
@Injectable()
export class LedgerRepository {
  async addMissionHours(siteId: SiteId, rows: readonly MissionHoursRow[], manager: EntityManager): Promise<void> {
    for (const row of rows) {
      await manager.query(
        `INSERT INTO remuneration.mission_hours (mission_id, member_id, site_id, completed_on, title, activity_pole, hundredths)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (mission_id, member_id) DO NOTHING`,
        [row.missionId, row.memberId, siteId, row.completedOn, row.title, row.activityPole, row.hundredths],
      );
    }
  }

  async addMoneyMovement(siteId: SiteId, row: MoneyMovementRow, eventId: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO remuneration.money_movement (id, site_id, kind, occurred_on, net_cents, vat_cents, mission_id, reference, event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (id) DO NOTHING`,
      [row.id, siteId, row.kind, row.occurredOn, row.netCents.toString(), row.vatCents.toString(), row.missionId, row.reference, eventId],
    );
  }
}
