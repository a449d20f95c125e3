import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ManualEntryStatus, MovementFilters, ReciprocityMovementKind, TemplateKind } from '@kpa/contracts';
import { decodeCursor, encodeCursor, pageSize } from '@kpa/platform';

export interface MovementView {
  id: string;
  kind: ReciprocityMovementKind;
  giverSiteId: string;
  receiverSiteId: string;
  hours: string;
  sourceId: string;
  label: string;
  recordedBy: string;
  recordedAt: Date;
  reversesId: string | null;
  reversedById: string | null;
}

export interface TemplateRow {
  id: string;
  label: string;
  kind: TemplateKind;
  hours: string;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface EntryRow {
  id: string;
  proposedBySiteId: string;
  giverSiteId: string;
  receiverSiteId: string;
  hours: string;
  label: string;
  templateId: string | null;
  status: ManualEntryStatus;
  proposedBy: string;
  proposedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  rejectionMessage: string | null;
  movementId: string | null;
}

const MOVEMENT_COLUMNS = `m.id, m.kind, m.giver_site_id AS "giverSiteId", m.receiver_site_id AS "receiverSiteId", m.hours::text AS hours,
  m.source_id AS "sourceId", m.label, m.recorded_by AS "recordedBy", m.recorded_at AS "recordedAt", m.reverses_id AS "reversesId",
  (SELECT r.id FROM networking.reciprocity_movement r WHERE r.reverses_id = m.id) AS "reversedById"`;

const TEMPLATE_COLUMNS = 'id, label, kind, hours::text AS hours, active, created_at AS "createdAt", updated_at AS "updatedAt"';

const ENTRY_COLUMNS = `id, proposed_by_site_id AS "proposedBySiteId", giver_site_id AS "giverSiteId", receiver_site_id AS "receiverSiteId",
  hours::text AS hours, label, template_id AS "templateId", status, proposed_by AS "proposedBy", proposed_at AS "proposedAt",
  decided_by AS "decidedBy", decided_at AS "decidedAt", rejection_message AS "rejectionMessage", movement_id AS "movementId"`;

/** Reads of the ledger (balances, movements, statements) and its settings, templates and manual entries. */
@Injectable()
export class ReciprocityRepository {
  /** Hours given from one site to another, summed per pair, in hundredths: what balances are computed from. */
  async pairSums(manager: EntityManager): Promise<{ giverSiteId: string; receiverSiteId: string; hours: number }[]> {
    const rows: { giverSiteId: string; receiverSiteId: string; hours: string }[] = await manager.query(
      `SELECT giver_site_id AS "giverSiteId", receiver_site_id AS "receiverSiteId", (sum(hours) * 100)::bigint::text AS hours
       FROM networking.reciprocity_movement GROUP BY giver_site_id, receiver_site_id`,
    );
    return rows.map((row) => ({ ...row, hours: Number(row.hours) }));
  }

  /** Newest first, filtered; keyset over (recorded_at, id) descending. */
  async movements(manager: EntityManager, filters: MovementFilters): Promise<{ items: MovementView[]; nextCursor: string | null }> {
    const limit = pageSize(filters);
    const cursor = decodeCursor(filters.cursor, 'reciprocity_movement');
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filters.siteId) {
      const site = param(filters.siteId);
      where.push(`(m.giver_site_id = ${site} OR m.receiver_site_id = ${site})`);
    }
    if (filters.kind) where.push(`m.kind = ${param(filters.kind)}`);
    if (filters.from) where.push(`(m.recorded_at AT TIME ZONE 'Europe/Paris')::date >= ${param(filters.from)}::date`);
    if (filters.to) where.push(`(m.recorded_at AT TIME ZONE 'Europe/Paris')::date <= ${param(filters.to)}::date`);
    if (cursor) where.push(`(m.recorded_at, m.id) < (${param(cursor.createdAt)}::timestamptz, ${param(cursor.id)}::uuid)`);
    const rows: MovementView[] = await manager.query(
      `SELECT ${MOVEMENT_COLUMNS} FROM networking.reciprocity_movement m ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY m.recorded_at DESC, m.id DESC LIMIT ${param(limit + 1)}`,
      params,
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: new Date(last.recordedAt).toISOString(), id: last.id }, 'reciprocity_movement') : null,
    };
  }

  /** Every movement of a site in a calendar year (Paris time), oldest first: the yearly statement. */
  async movementsOfYear(manager: EntityManager, siteId: string, year: number): Promise<MovementView[]> {
    return manager.query(
      `SELECT ${MOVEMENT_COLUMNS} FROM networking.reciprocity_movement m
       WHERE (m.giver_site_id = $1 OR m.receiver_site_id = $1) AND extract(year FROM m.recorded_at AT TIME ZONE 'Europe/Paris') = $2
       ORDER BY m.recorded_at, m.id`,
      [siteId, year],
    );
  }

  async lockMovement(manager: EntityManager, id: string): Promise<MovementView | undefined> {
    const rows: MovementView[] = await manager.query(`SELECT ${MOVEMENT_COLUMNS} FROM networking.reciprocity_movement m WHERE m.id = $1 FOR UPDATE`, [id]);
    return rows[0];
  }

  async movement(manager: EntityManager, id: string): Promise<MovementView | undefined> {
    const rows: MovementView[] = await manager.query(`SELECT ${MOVEMENT_COLUMNS} FROM networking.reciprocity_movement m WHERE m.id = $1`, [id]);
    return rows[0];
  }

  async settings(manager: EntityManager): Promise<{ softLimit: string | null; updatedBy: string | null; updatedAt: Date | null }> {
    const [row] = await manager.query('SELECT soft_limit::text AS "softLimit", updated_by AS "updatedBy", updated_at AS "updatedAt" FROM networking.reciprocity_settings');
    return row;
  }

  async updateSettings(manager: EntityManager, softLimit: string | null, updatedBy: string, now: Date): Promise<void> {
    await manager.query('UPDATE networking.reciprocity_settings SET soft_limit = $1, updated_by = $2, updated_at = $3', [softLimit, updatedBy, now]);
  }

  async templates(manager: EntityManager, includeInactive: boolean): Promise<TemplateRow[]> {
    return manager.query(`SELECT ${TEMPLATE_COLUMNS} FROM networking.reciprocity_template ${includeInactive ? '' : 'WHERE active'} ORDER BY label, id`);
  }

  async template(manager: EntityManager, id: string): Promise<TemplateRow | undefined> {
    const rows: TemplateRow[] = await manager.query(`SELECT ${TEMPLATE_COLUMNS} FROM networking.reciprocity_template WHERE id = $1`, [id]);
    return rows[0];
  }

  async saveTemplate(manager: EntityManager, row: TemplateRow): Promise<void> {
    await manager.query(
      `INSERT INTO networking.reciprocity_template (id, label, kind, hours, active, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET label = $2, kind = $3, hours = $4, active = $5, updated_at = $7`,
      [row.id, row.label, row.kind, row.hours, row.active, row.createdAt, row.updatedAt],
    );
  }

  async insertEntry(manager: EntityManager, row: EntryRow): Promise<void> {
    await manager.query(
      `INSERT INTO networking.reciprocity_entry (id, proposed_by_site_id, giver_site_id, receiver_site_id, hours, label, template_id, status, proposed_by, proposed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [row.id, row.proposedBySiteId, row.giverSiteId, row.receiverSiteId, row.hours, row.label, row.templateId, row.status, row.proposedBy, row.proposedAt],
    );
  }

  async lockEntry(manager: EntityManager, id: string): Promise<EntryRow | undefined> {
    const rows: EntryRow[] = await manager.query(`SELECT ${ENTRY_COLUMNS} FROM networking.reciprocity_entry WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0];
  }

  async decideEntry(manager: EntityManager, row: EntryRow): Promise<void> {
    await manager.query('UPDATE networking.reciprocity_entry SET status = $2, decided_by = $3, decided_at = $4, rejection_message = $5, movement_id = $6 WHERE id = $1', [
      row.id,
      row.status,
      row.decidedBy,
      row.decidedAt,
      row.rejectionMessage,
      row.movementId,
    ]);
  }

  async pendingEntriesOf(manager: EntityManager, siteId: string): Promise<EntryRow[]> {
    return manager.query(
      `SELECT ${ENTRY_COLUMNS} FROM networking.reciprocity_entry WHERE status = 'proposed' AND (giver_site_id = $1 OR receiver_site_id = $1) ORDER BY proposed_at, id`,
      [siteId],
    );
  }
}
