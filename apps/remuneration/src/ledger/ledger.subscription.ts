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
  REFUND_RECORDED_V1,
  SiteId,
  siteIdOf,
  eventSiteId,
} from '@kpa/contracts';
import { EventSubscription, eventHandlers, on } from '@kpa/platform';
import { creditNoteMovement, expenseMovement, missionHoursRows, MoneyMovementRow, paymentMovement, refundMovement } from './ledger-entries';
import { LedgerRepository } from './ledger.repository';

function siteOf(event: EventEnvelope): SiteId {
  return siteIdOf(eventSiteId(event));
}

/**
 * The ledger's facts from commerce: the hours of completed missions and the money that moved
 * (payments received, credit notes issued, refunds given back, expenses approved). Exactly once twice over: the
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
    on(REFUND_RECORDED_V1, (event, m) => this.money(event, refundMovement(event.data), m)),
    on(EXPENSE_APPROVED_V1, (event, m) => this.money(event, expenseMovement(event.data), m)),
  );

  constructor(private readonly ledger: LedgerRepository) {}

  private async missionCompleted(event: EventEnvelope<MissionCompletedV1>, manager: EntityManager): Promise<void> {
    await this.ledger.addMissionHours(siteOf(event), missionHoursRows(event.data), manager);
  }

  private async money(event: EventEnvelope, row: MoneyMovementRow, manager: EntityManager): Promise<void> {
    await this.ledger.addMoneyMovement(siteOf(event), row, event.id, manager);
  }
}
