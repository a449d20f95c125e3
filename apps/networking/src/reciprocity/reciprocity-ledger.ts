import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { formatCents, parseCents, RECIPROCITY_RECORDED_V1, SiteId } from '@kpa/contracts';
import { createEvent, Transaction } from '@kpa/platform';
import { MovementRow, ReciprocityMovementsRepository } from './reciprocity-movements.repository';

/** What a feature (help, accompaniment, equipment loan, manual entry) asks the ledger to record. */
export interface MovementToRecord {
  kind: 'help' | 'accompaniment' | 'equipment_loan' | 'manual';
  giverSiteId: SiteId;
  receiverSiteId: SiteId;
  /** Decimal string with at most two decimals, > 0 ("7.5", "14.00"). */
  hours: string;
  /** The help request / loan / session / entry it comes from: one movement per (kind, sourceId). */
  sourceId: string;
  label: string;
  /** The user id (or `system`) who caused it. */
  recordedBy: string;
}

/**
 * The one write path into the reciprocity ledger, used by every feature inside its own unit of
 * work: the movement and its `networking.reciprocity.recorded` event commit with the feature's
 * own change, or not at all. Idempotent per (kind, sourceId): a replayed event or a retried
 * command gets `recorded: false` and the id of the movement already there.
 *
 * A caller's bad hours or a site giving to itself is a bug of the caller (its own domain checks
 * them first), hence a plain error here rather than a refusal.
 */
@Injectable()
export class ReciprocityLedger {
  constructor(private readonly movements: ReciprocityMovementsRepository) {}

  async record(tx: Transaction, movement: MovementToRecord, now: Date = new Date()): Promise<{ movementId: string; recorded: boolean }> {
    const hundredths = parseCents(movement.hours);
    if (hundredths === undefined || hundredths <= 0) throw new RangeError(`A movement's hours must be a positive decimal with at most two decimals, not "${movement.hours}".`);
    if (movement.giverSiteId === movement.receiverSiteId) throw new RangeError('A site cannot give hours to itself.');
    return this.write(tx, { ...movement, id: uuidv7(), hours: formatCents(hundredths), recordedAt: now, reversesId: null });
  }

  /** Shared with reversals (reciprocity's own service): insert once, publish once. */
  async write(tx: Transaction, row: MovementRow): Promise<{ movementId: string; recorded: boolean }> {
    if (!(await this.movements.insertIfNew(tx.manager, row))) {
      const existing = await this.movements.idBySource(tx.manager, row.kind, row.sourceId);
      return { movementId: existing ?? row.id, recorded: false };
    }
    // The envelope's siteId is null: a movement belongs to two sites at once, both named in the data.
    await tx.publish(
      createEvent(
        RECIPROCITY_RECORDED_V1,
        null,
        {
          movementId: row.id,
          kind: row.kind,
          giverSiteId: row.giverSiteId,
          receiverSiteId: row.receiverSiteId,
          hours: row.hours,
          sourceId: row.sourceId,
          reversesId: row.reversesId,
          recordedAt: row.recordedAt.toISOString(),
        },
        row.recordedAt,
      ),
    );
    return { movementId: row.id, recorded: true };
  }
}
