import { Injectable } from '@nestjs/common';
import { skillKey } from '../skills/skill-names';
import { EntityManager } from 'typeorm';
import { HelpContributionStatus, HelpOfferPerson, HelpOfferStatus, HelpRequestStatus, HelpReturn, HelpSettlement, HelpVisibility, PageRequest } from '@kpa/contracts';
import { decodeCursor, encodeCursor, pageSize } from '@kpa/platform';

export interface HelpRequestRow {
  id: string;
  siteId: string;
  title: string;
  description: string | null;
  activityPole: string | null;
  skills: string[];
  startsOn: string;
  endsOn: string;
  place: string;
  peopleNeeded: number | null;
  hoursNeeded: string | null;
  returnKind: HelpReturn;
  reciprocityHours: string | null;
  amountPerHour: string | null;
  visibility: HelpVisibility;
  visibleToSiteIds: string[];
  status: HelpRequestStatus;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  cancelledAt: Date | null;
  cancellationReason: string | null;
  doneAt: Date | null;
  confirmedAt: Date | null;
}

export interface HelpOfferRow {
  id: string;
  requestId: string;
  fromSiteId: string;
  people: HelpOfferPerson[];
  hours: string;
  note: string | null;
  status: HelpOfferStatus;
  declineMessage: string | null;
  createdBy: string;
  createdAt: Date;
  decidedAt: Date | null;
}

export interface HelpContributionRow {
  requestId: string;
  siteId: string;
  recordedHours: string;
  proposedHours: string | null;
  hours: string;
  status: HelpContributionStatus;
  amountDue: string | null;
  settlement: HelpSettlement | null;
  movementId: string | null;
  confirmedBy: string | null;
  confirmedAt: Date | null;
}

export interface HelpListFilters extends PageRequest {
  viewer: { networkAdmin: boolean; siteIds: string[] };
  /** The status as a reader sees it (expiry computed against `today`). */
  status?: HelpRequestStatus;
  skill?: string;
  siteId?: string;
  today: string;
}

const REQUEST_COLUMNS = `id, site_id AS "siteId", title, description, activity_pole AS "activityPole", skills,
  to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn", place,
  people_needed AS "peopleNeeded", hours_needed::text AS "hoursNeeded", return_kind AS "returnKind",
  reciprocity_hours::text AS "reciprocityHours", amount_per_hour::text AS "amountPerHour", visibility,
  visible_to_site_ids::text[] AS "visibleToSiteIds", status, created_by AS "createdBy", created_at AS "createdAt",
  updated_at AS "updatedAt", cancelled_at AS "cancelledAt", cancellation_reason AS "cancellationReason",
  done_at AS "doneAt", confirmed_at AS "confirmedAt"`;

const OFFER_COLUMNS = `id, request_id AS "requestId", from_site_id AS "fromSiteId", people, hours::text AS hours, note, status,
  decline_message AS "declineMessage", created_by AS "createdBy", created_at AS "createdAt", decided_at AS "decidedAt"`;

const CONTRIBUTION_COLUMNS = `request_id AS "requestId", site_id AS "siteId", recorded_hours::text AS "recordedHours",
  proposed_hours::text AS "proposedHours", hours::text AS hours, status, amount_due::text AS "amountDue", settlement,
  movement_id AS "movementId", confirmed_by AS "confirmedBy", confirmed_at AS "confirmedAt"`;

/** Help requests, their offers and the helping sites' hours. Regional by design: visibility is filtered here and checked by the domain. */
@Injectable()
export class HelpRequestsRepository {
  async insert(manager: EntityManager, row: HelpRequestRow): Promise<void> {
    await manager.query(
      `INSERT INTO networking.help_request (id, site_id, title, description, activity_pole, skills, starts_on, ends_on, place, people_needed, hours_needed,
         return_kind, reciprocity_hours, amount_per_hour, visibility, visible_to_site_ids, status, created_by, created_at, updated_at, skill_keys)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::uuid[], $17, $18, $19, $19, $20)`,
      [
        row.id,
        row.siteId,
        row.title,
        row.description,
        row.activityPole,
        row.skills,
        row.startsOn,
        row.endsOn,
        row.place,
        row.peopleNeeded,
        row.hoursNeeded,
        row.returnKind,
        row.reciprocityHours,
        row.amountPerHour,
        row.visibility,
        row.visibleToSiteIds,
        row.status,
        row.createdBy,
        row.createdAt,
        row.skills.map(skillKey),
      ],
    );
  }

  /** The request, locked for the rest of the transaction (every change to a request or its offers goes through it). */
  async lock(manager: EntityManager, id: string): Promise<HelpRequestRow | undefined> {
    const rows: HelpRequestRow[] = await manager.query(`SELECT ${REQUEST_COLUMNS} FROM networking.help_request WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0];
  }

  async get(manager: EntityManager, id: string): Promise<HelpRequestRow | undefined> {
    const rows: HelpRequestRow[] = await manager.query(`SELECT ${REQUEST_COLUMNS} FROM networking.help_request WHERE id = $1`, [id]);
    return rows[0];
  }

  async setStatus(
    manager: EntityManager,
    id: string,
    status: HelpRequestStatus,
    now: Date,
    extra: { cancellationReason?: string; done?: boolean; confirmed?: boolean } = {},
  ): Promise<void> {
    await manager.query(
      `UPDATE networking.help_request SET status = $2, updated_at = $3,
         cancelled_at = CASE WHEN $2 = 'cancelled' THEN $3 ELSE cancelled_at END,
         cancellation_reason = COALESCE($4, cancellation_reason),
         done_at = CASE WHEN $5 THEN $3 ELSE done_at END,
         confirmed_at = CASE WHEN $6 THEN $3 ELSE confirmed_at END
       WHERE id = $1`,
      [id, status, now, extra.cancellationReason ?? null, extra.done ?? false, extra.confirmed ?? false],
    );
  }

  async list(manager: EntityManager, filters: HelpListFilters): Promise<{ items: HelpRequestRow[]; nextCursor: string | null }> {
    const limit = pageSize(filters);
    const cursor = decodeCursor(filters.cursor, 'help_request');
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (!filters.viewer.networkAdmin) {
      const sites = param(filters.viewer.siteIds);
      where.push(`(site_id = ANY(${sites}::uuid[]) OR (visibility = 'region' AND cardinality(${sites}::uuid[]) > 0) OR visible_to_site_ids && ${sites}::uuid[])`);
    }
    if (filters.siteId) where.push(`site_id = ${param(filters.siteId)}`);
    if (filters.skill) where.push(`skill_keys @> ARRAY[${param(skillKey(filters.skill))}]::text[]`);
    if (filters.status) {
      // Expiry is computed on read, as effectiveStatus does: open or with offers, past its end date.
      const today = param(filters.today);
      if (filters.status === 'expired') where.push(`(status = 'expired' OR (status IN ('open', 'offers') AND ends_on < ${today}::date))`);
      else if (filters.status === 'open' || filters.status === 'offers') where.push(`(status = ${param(filters.status)} AND ends_on >= ${today}::date)`);
      else where.push(`status = ${param(filters.status)}`);
    }
    if (cursor) where.push(`(created_at, id) > (${param(cursor.createdAt)}::timestamptz, ${param(cursor.id)}::uuid)`);
    const rows: HelpRequestRow[] = await manager.query(
      `SELECT ${REQUEST_COLUMNS} FROM networking.help_request ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at, id LIMIT ${param(limit + 1)}`,
      params,
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: new Date(last.createdAt).toISOString(), id: last.id }, 'help_request') : null };
  }

  async offersOf(manager: EntityManager, requestIds: string[]): Promise<HelpOfferRow[]> {
    if (requestIds.length === 0) return [];
    return manager.query(`SELECT ${OFFER_COLUMNS} FROM networking.help_offer WHERE request_id = ANY($1::uuid[]) ORDER BY created_at, id`, [requestIds]);
  }

  async contributionsOf(manager: EntityManager, requestIds: string[]): Promise<HelpContributionRow[]> {
    if (requestIds.length === 0) return [];
    return manager.query(`SELECT ${CONTRIBUTION_COLUMNS} FROM networking.help_contribution WHERE request_id = ANY($1::uuid[]) ORDER BY site_id`, [requestIds]);
  }

  async insertOffer(manager: EntityManager, row: HelpOfferRow): Promise<void> {
    await manager.query(
      `INSERT INTO networking.help_offer (id, request_id, from_site_id, people, hours, note, status, created_by, created_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9)`,
      [row.id, row.requestId, row.fromSiteId, JSON.stringify(row.people), row.hours, row.note, row.status, row.createdBy, row.createdAt],
    );
  }

  async decideOffer(manager: EntityManager, offerId: string, status: HelpOfferStatus, declineMessage: string | null, now: Date): Promise<void> {
    await manager.query('UPDATE networking.help_offer SET status = $2, decline_message = $3, decided_at = $4 WHERE id = $1', [offerId, status, declineMessage, now]);
  }

  async insertContribution(manager: EntityManager, row: HelpContributionRow): Promise<void> {
    await manager.query(
      `INSERT INTO networking.help_contribution (request_id, site_id, recorded_hours, proposed_hours, hours, status, amount_due, settlement)
       VALUES ($1, $2, $3, NULL, $3, $4, $5, $6)`,
      [row.requestId, row.siteId, row.recordedHours, row.status, row.amountDue, row.settlement],
    );
  }

  async updateContribution(manager: EntityManager, row: HelpContributionRow): Promise<void> {
    await manager.query(
      `UPDATE networking.help_contribution SET proposed_hours = $3, hours = $4, status = $5, amount_due = $6, movement_id = $7, confirmed_by = $8, confirmed_at = $9
       WHERE request_id = $1 AND site_id = $2`,
      [row.requestId, row.siteId, row.proposedHours, row.hours, row.status, row.amountDue, row.movementId, row.confirmedBy, row.confirmedAt],
    );
  }
}
