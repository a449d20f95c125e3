import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** A movement row as written: hours already normalised to two decimals. */
export interface MovementRow {
  id: string;
  kind: 'help' | 'accompaniment' | 'equipment_loan' | 'manual' | 'reversal';
  giverSiteId: string;
  receiverSiteId: string;
  hours: string;
  sourceId: string;
  label: string;
  recordedBy: string;
  recordedAt: Date;
  reversesId: string | null;
}

/** The reciprocity ledger's movements: inserted, never updated nor deleted. */
@Injectable()
export class ReciprocityMovementsRepository {
  /** Inserts the movement unless its (kind, sourceId) is already there; true when it was inserted. */
  async insertIfNew(manager: EntityManager, row: MovementRow): Promise<boolean> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO networking.reciprocity_movement (id, kind, giver_site_id, receiver_site_id, hours, source_id, label, recorded_by, recorded_at, reverses_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (kind, source_id) DO NOTHING
       RETURNING id`,
      [row.id, row.kind, row.giverSiteId, row.receiverSiteId, row.hours, row.sourceId, row.label, row.recordedBy, row.recordedAt, row.reversesId],
    );
    return inserted.length > 0;
  }

  async idBySource(manager: EntityManager, kind: MovementRow['kind'], sourceId: string): Promise<string | undefined> {
    const rows: { id: string }[] = await manager.query('SELECT id FROM networking.reciprocity_movement WHERE kind = $1 AND source_id = $2', [kind, sourceId]);
    return rows[0]?.id;
  }
}
