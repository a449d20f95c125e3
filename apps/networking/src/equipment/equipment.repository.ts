import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, Equipment, formatCents, parseCents, EquipmentReservation, EquipmentStatus, EquipmentValueUnit, ReservationStatus } from '@kpa/contracts';
import { Cursor } from '@kpa/platform';
import { EquipmentTerms } from './equipment';
import { SLOT_HOLDING_STATUSES } from './reservation';

interface EquipmentRow {
  id: string;
  site_id: string;
  site_name: string | null;
  name: string;
  description: string;
  prerequisite: string | null;
  deposit: string | null;
  max_duration_hours: number | null;
  value_hours: string | null;
  value_per: EquipmentValueUnit | null;
  status: EquipmentStatus;
  created_at: Date;
  updated_at: Date;
  distance_km?: number | null;
}

interface ReservationRow {
  id: string;
  equipment_id: string;
  equipment_name: string;
  owner_site_id: string;
  borrower_site_id: string;
  starts_at: Date;
  ends_at: Date;
  note: string | null;
  status: ReservationStatus;
  message: string | null;
  checked_out_at: Date | null;
  check_out_condition: string | null;
  returned_at: Date | null;
  return_condition: string | null;
  hours: string | null;
  movement_id: string | null;
  requested_by: string;
  created_at: Date;
  updated_at: Date;
}

/** An item as the service changes it: its terms plus who owns it and where it stands. */
export interface EquipmentRecord extends EquipmentTerms {
  id: string;
  siteId: string;
  status: EquipmentStatus;
}

/** A reservation as the service changes it. */
export interface ReservationRecord {
  id: string;
  equipmentId: string;
  ownerSiteId: string;
  borrowerSiteId: string;
  startsAt: Date;
  endsAt: Date;
  status: ReservationStatus;
  message: string | null;
  checkedOutAt: Date | null;
  checkOutCondition: string | null;
  returnedAt: Date | null;
  returnCondition: string | null;
  hours: string | null;
  movementId: string | null;
}

export interface EquipmentFilter {
  words: string[];
  near?: { latitude: number; longitude: number; km: number };
  siteId?: string;
  includeWithdrawn: boolean;
  after?: Cursor;
  limit: number;
}

/** numeric(…, 2) as Postgres returns it, to the API's two decimals, without a float. */
const money = (value: string | null) => (value === null ? null : formatCents(parseCents(value)!));

/**
 * Great-circle distance (haversine, mean Earth radius) from a point to the lending site's venue, in
 * SQL. The coordinates are those of the site's network profile (the directory's `site_profile`),
 * only when the site published it: an unpublished profile says nothing, not even a distance.
 */
const DISTANCE_SQL = (lat: string, lon: string) =>
  `2 * 6371.0088 * asin(least(1, sqrt(power(sin(radians(p.latitude - ${lat}) / 2), 2) + cos(radians(${lat})) * cos(radians(p.latitude)) * power(sin(radians(p.longitude - ${lon}) / 2), 2))))`;

function toEquipment(row: EquipmentRow): Equipment {
  return {
    id: row.id,
    siteId: row.site_id,
    siteName: row.site_name ?? '',
    name: row.name,
    description: row.description,
    prerequisite: row.prerequisite,
    deposit: money(row.deposit),
    maxDurationHours: row.max_duration_hours,
    value: row.value_hours !== null && row.value_per !== null ? { hours: money(row.value_hours)!, per: row.value_per } : null,
    status: row.status,
    distanceKm: row.distance_km === undefined || row.distance_km === null ? null : Math.round(row.distance_km * 10) / 10,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function toReservation(row: ReservationRow): EquipmentReservation {
  return {
    id: row.id,
    equipmentId: row.equipment_id,
    equipmentName: row.equipment_name,
    ownerSiteId: row.owner_site_id,
    borrowerSiteId: row.borrower_site_id,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    note: row.note,
    status: row.status,
    message: row.message,
    checkedOutAt: row.checked_out_at?.toISOString() ?? null,
    checkOutCondition: row.check_out_condition,
    returnedAt: row.returned_at?.toISOString() ?? null,
    returnCondition: row.return_condition,
    hours: money(row.hours),
    movementId: row.movement_id,
    requestedBy: row.requested_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

const EQUIPMENT_SELECT = `SELECT e.*, d.name AS site_name FROM networking.equipment e LEFT JOIN networking.directory_site d ON d.id = e.site_id`;
const RESERVATION_SELECT = `SELECT r.*, e.name AS equipment_name FROM networking.equipment_reservation r JOIN networking.equipment e ON e.id = r.equipment_id`;

/** Every read and write of shared equipment and its reservations (region-wide tables, no row-level security). */
@Injectable()
export class EquipmentRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(record: EquipmentRecord, searchText: string, actor: string, at: Date, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO networking.equipment (id, site_id, name, description, prerequisite, deposit, max_duration_hours, value_hours, value_per, status, search_text, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)`,
      [
        record.id,
        record.siteId,
        record.name,
        record.description,
        record.prerequisite,
        record.deposit,
        record.maxDurationHours,
        record.value?.hours ?? null,
        record.value?.per ?? null,
        record.status,
        searchText,
        actor,
        at,
      ],
    );
  }

  async update(record: EquipmentRecord, searchText: string, at: Date, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE networking.equipment SET name = $2, description = $3, prerequisite = $4, deposit = $5, max_duration_hours = $6, value_hours = $7, value_per = $8,
         status = $9, search_text = $10, updated_at = $11 WHERE id = $1`,
      [
        record.id,
        record.name,
        record.description,
        record.prerequisite,
        record.deposit,
        record.maxDurationHours,
        record.value?.hours ?? null,
        record.value?.per ?? null,
        record.status,
        searchText,
        at,
      ],
    );
  }

  /**
   * The item, row-locked: reservations of one item are made one at a time (the lock), so the
   * one that loses learns which range it hit. `siteId` restricts to the owner's items (404 otherwise).
   */
  async findForChange(equipmentId: string, siteId: string | null, manager: EntityManager): Promise<EquipmentRecord> {
    const rows: EquipmentRow[] = await manager.query(
      `SELECT e.*, NULL AS site_name FROM networking.equipment e WHERE e.id = $1 ${siteId ? 'AND e.site_id = $2' : ''} FOR UPDATE`,
      siteId ? [equipmentId, siteId] : [equipmentId],
    );
    if (rows.length === 0) throw notFound(equipmentId);
    const item = toEquipment(rows[0]);
    return { ...item, siteId: item.siteId };
  }

  async get(equipmentId: string, manager: EntityManager = this.dataSource.manager): Promise<Equipment> {
    const rows: EquipmentRow[] = await manager.query(`${EQUIPMENT_SELECT} WHERE e.id = $1`, [equipmentId]);
    if (rows.length === 0) throw notFound(equipmentId);
    return toEquipment(rows[0]);
  }

  async list(filter: EquipmentFilter): Promise<Equipment[]> {
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where: string[] = [];
    let select = EQUIPMENT_SELECT;
    if (!filter.includeWithdrawn) where.push(`e.status = 'available'`);
    if (filter.siteId) where.push(`e.site_id = ${param(filter.siteId)}`);
    for (const word of filter.words) where.push(`e.search_text LIKE ${param(likePattern(word))}`);
    if (filter.near) {
      const lat = param(filter.near.latitude);
      const lon = param(filter.near.longitude);
      const distance = DISTANCE_SQL(`${lat}::float8`, `${lon}::float8`);
      select = `SELECT e.*, d.name AS site_name, ${distance} AS distance_km FROM networking.equipment e
        LEFT JOIN networking.directory_site d ON d.id = e.site_id
        JOIN networking.site_profile p ON p.site_id = e.site_id AND p.published AND p.latitude IS NOT NULL`;
      where.push(`${distance} <= ${param(filter.near.km)}`);
    }
    if (filter.after) where.push(`(e.created_at, e.id) > (${param(filter.after.createdAt)}::timestamptz, ${param(filter.after.id)}::uuid)`);
    const rows: EquipmentRow[] = await this.dataSource.query(
      `${select} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY e.created_at, e.id LIMIT ${param(filter.limit + 1)}`,
      params,
    );
    return rows.map(toEquipment);
  }

  async insertReservation(row: ReservationRecord & { note: string | null; requestedBy: string }, at: Date, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO networking.equipment_reservation (id, equipment_id, owner_site_id, borrower_site_id, starts_at, ends_at, note, status, hours, requested_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)`,
      [row.id, row.equipmentId, row.ownerSiteId, row.borrowerSiteId, row.startsAt, row.endsAt, row.note, row.status, row.hours, row.requestedBy, at],
    );
  }

  /** The first reservation of the item holding a slot that overlaps [startsAt, endsAt), if any. */
  async overlapping(equipmentId: string, startsAt: Date, endsAt: Date, manager: EntityManager): Promise<{ id: string; startsAt: Date; endsAt: Date } | undefined> {
    const rows: { id: string; starts_at: Date; ends_at: Date }[] = await manager.query(
      `SELECT id, starts_at, ends_at FROM networking.equipment_reservation
       WHERE equipment_id = $1 AND status = ANY($4) AND tstzrange(starts_at, ends_at, '[)') && tstzrange($2, $3, '[)')
       ORDER BY starts_at LIMIT 1`,
      [equipmentId, startsAt, endsAt, SLOT_HOLDING_STATUSES],
    );
    return rows[0] && { id: rows[0].id, startsAt: rows[0].starts_at, endsAt: rows[0].ends_at };
  }

  /** A reservation one of whose two sites is `siteId`, row-locked; for any other site it does not exist (404). */
  async findReservationForChange(reservationId: string, siteId: string, manager: EntityManager): Promise<ReservationRecord> {
    const rows: ReservationRow[] = await manager.query(`${RESERVATION_SELECT} WHERE r.id = $1 AND (r.owner_site_id = $2 OR r.borrower_site_id = $2) FOR UPDATE OF r`, [
      reservationId,
      siteId,
    ]);
    if (rows.length === 0) throw new DomainError('RESERVATION_NOT_FOUND', `No reservation with id ${reservationId} for this site.`, { reservationId });
    const view = toReservation(rows[0]);
    return {
      ...view,
      startsAt: rows[0].starts_at,
      endsAt: rows[0].ends_at,
      checkedOutAt: rows[0].checked_out_at,
      returnedAt: rows[0].returned_at,
    };
  }

  async updateReservation(record: ReservationRecord, at: Date, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE networking.equipment_reservation SET status = $2, message = $3, checked_out_at = $4, check_out_condition = $5, returned_at = $6,
         return_condition = $7, movement_id = $8, updated_at = $9 WHERE id = $1`,
      [record.id, record.status, record.message, record.checkedOutAt, record.checkOutCondition, record.returnedAt, record.returnCondition, record.movementId, at],
    );
  }

  async getReservation(reservationId: string, manager: EntityManager = this.dataSource.manager): Promise<EquipmentReservation> {
    const rows: ReservationRow[] = await manager.query(`${RESERVATION_SELECT} WHERE r.id = $1`, [reservationId]);
    if (rows.length === 0) throw new DomainError('RESERVATION_NOT_FOUND', `No reservation with id ${reservationId}.`, { reservationId });
    return toReservation(rows[0]);
  }

  async listReservations(siteId: string, side: 'owner' | 'borrower' | undefined, status: ReservationStatus | undefined, after: Cursor | undefined, limit: number) {
    const params: unknown[] = [siteId];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where = [side === 'owner' ? 'r.owner_site_id = $1' : side === 'borrower' ? 'r.borrower_site_id = $1' : '(r.owner_site_id = $1 OR r.borrower_site_id = $1)'];
    if (status) where.push(`r.status = ${param(status)}`);
    if (after) where.push(`(r.created_at, r.id) > (${param(after.createdAt)}::timestamptz, ${param(after.id)}::uuid)`);
    const rows: ReservationRow[] = await this.dataSource.query(`${RESERVATION_SELECT} WHERE ${where.join(' AND ')} ORDER BY r.created_at, r.id LIMIT ${param(limit + 1)}`, params);
    return rows.map(toReservation);
  }
}

function notFound(equipmentId: string): DomainError {
  return new DomainError('EQUIPMENT_NOT_FOUND', `No equipment with id ${equipmentId}.`, { equipmentId });
}
