import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  CREDIT_NOTE_ISSUED_V1,
  DURABLE_CONSUMERS,
  EXPENSE_APPROVED_V1,
  EventEnvelope,
  MISSION_COMPLETED_V1,
  MissionCompletedV1,
  PAYMENT_RECORDED_V1,
} from '@kpa/contracts';
import { EventSubscription, eventHandlers, on } from '@kpa/platform';
import { creditNoteMovement, expenseMovement, missionHoursRows, MoneyMovementRow, paymentMovement } from './ledger-entries';

function siteOf(event: EventEnvelope): string {
  if (!event.siteId) throw new Error(`${event.type} ${event.id} has no siteId`);
  return event.siteId;
}

/**
 * The ledger's facts from commerce: the hours of completed missions and the money that moved
 * (payments received, credit notes issued, expenses approved). Exactly once twice over: the
 * inbox absorbs a redelivered event, and every row is keyed by commerce's own ids (mission and
 * member, payment, credit note, expense) with ON CONFLICT DO NOTHING, so a replay that bypasses
 * the inbox (a new durable consumer, an inbox purged) still counts nothing twice.
 */
@Injectable()
export class LedgerSubscription implements EventSubscription {
  readonly durable = DURABLE_CONSUMERS.remunerationLedger;
  readonly filter = 'events.commerce.>';
  readonly handlers = eventHandlers(
    on(MISSION_COMPLETED_V1, (event, m) => this.missionCompleted(event, m)),
    on(PAYMENT_RECORDED_V1, (event, m) => this.money(event, paymentMovement(event.data), m)),
    on(CREDIT_NOTE_ISSUED_V1, (event, m) => this.money(event, creditNoteMovement(event.data), m)),
    on(EXPENSE_APPROVED_V1, (event, m) => this.money(event, expenseMovement(event.data), m)),
  );

  private async missionCompleted(event: EventEnvelope<MissionCompletedV1>, manager: EntityManager): Promise<void> {
    const siteId = siteOf(event);
    for (const row of missionHoursRows(event.data)) {
      await manager.query(
        `INSERT INTO remuneration.mission_hours (mission_id, member_id, site_id, completed_on, title, activity_pole, hundredths)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (mission_id, member_id) DO NOTHING`,
        [row.missionId, row.memberId, siteId, row.completedOn, row.title, row.activityPole, row.hundredths],
      );
    }
  }

  private async money(event: EventEnvelope, row: MoneyMovementRow, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO remuneration.money_movement (id, site_id, kind, occurred_on, net_cents, vat_cents, mission_id, reference, event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (id) DO NOTHING`,
      [row.id, siteOf(event), row.kind, row.occurredOn, row.netCents.toString(), row.vatCents.toString(), row.missionId, row.reference, event.id],
    );
  }
}
