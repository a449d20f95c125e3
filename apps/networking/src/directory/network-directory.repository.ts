import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { NetworkOffer, NetworkOfferKind, NetworkPole, NetworkProfileInput, NetworkSite, NetworkStatusChange, SiteChangedV1, SiteStatus } from '@kpa/contracts';
import { BoundingBox, LatLon } from './geo';

interface SiteRow {
  id: string;
  code: string;
  name: string;
  city: string;
  status: SiteStatus;
  launch_stage: string | null;
  presentation: string | null;
  poles: NetworkPole[] | null;
  offers: NetworkOffer[] | null;
  contact_email: string | null;
  latitude: number | null;
  longitude: number | null;
  opening_hours: string | null;
  published: boolean | null;
  profile_updated_at: Date | null;
  distance_km?: number | null;
  total?: string;
}

/** The filters of the directory, already folded and checked by the service. */
export interface DirectoryFilter {
  /** Sites whose unpublished profile the viewer may see anyway (their own); null = every site (network admin). */
  unpublishedOf: string[] | null;
  status?: SiteStatus;
  poleKey?: string;
  offer?: NetworkOfferKind;
  words: string[];
  near?: { centre: LatLon; km: number; box: BoundingBox };
  offset: number;
  limit: number;
}

const SITE_COLUMNS = `d.id, d.code, d.name, d.city, d.status, d.launch_stage, p.presentation, p.poles, p.offers, p.contact_email, p.latitude, p.longitude,
  p.opening_hours, p.published, p.updated_at AS profile_updated_at`;

/** Haversine in SQL, the same formula as geo.ts (kept beside it by the directory's integration test). */
const DISTANCE_SQL = (lat: string, lon: string) =>
  `2 * 6371.0088 * asin(least(1, sqrt(power(sin(radians(p.latitude - ${lat}) / 2), 2) + cos(radians(${lat})) * cos(radians(p.latitude)) * power(sin(radians(p.longitude - ${lon}) / 2), 2))))`;

function toSite(row: SiteRow): NetworkSite {
  const site: NetworkSite = {
    siteId: row.id,
    name: row.name,
    code: row.code,
    city: row.city,
    status: row.status,
    launchStage: row.launch_stage,
    presentation: row.presentation ?? '',
    poles: row.poles ?? [],
    offers: row.offers ?? [],
    contactEmail: row.contact_email,
    latitude: row.latitude,
    longitude: row.longitude,
    openingHours: row.opening_hours,
    published: row.published ?? false,
    profileUpdatedAt: row.profile_updated_at ? row.profile_updated_at.toISOString() : null,
  };
  if (row.distance_km !== undefined && row.distance_km !== null) site.distanceKm = Math.round(row.distance_km * 10) / 10;
  return site;
}

/**
 * The network directory's rows: one per site of the region (region-wide, so keyed by the site
 * itself), its public profile, and every status or launch-stage change with its date.
 */
@Injectable()
export class NetworkDirectoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest wins: an older version arriving late changes nothing. A change of status is kept in the history. */
  async upsertSite(data: SiteChangedV1, updatedAt: string, manager: EntityManager): Promise<void> {
    const before: { status: string; updated_at: Date }[] = await manager.query('SELECT status, updated_at FROM networking.directory_site WHERE id = $1 FOR UPDATE', [data.id]);
    const applied: unknown[] = await manager.query(
      `INSERT INTO networking.directory_site (id, code, name, city, status, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET code = $2, name = $3, city = $4, status = $5, updated_at = $6
       WHERE networking.directory_site.updated_at <= $6
       RETURNING id`,
      [data.id, data.code, data.name, data.city, data.status, updatedAt],
    );
    if (applied.length > 0 && before[0]?.status !== data.status) await this.recordChange(data.id, 'status', data.status, updatedAt, manager);
  }

  /**
   * The launch stage a new KPA reached (the launches feature calls it in its own transaction);
   * null when it leaves the launch path. Kept in the history when it changes.
   */
  async setLaunchStage(manager: EntityManager, siteId: string, stage: string | null, at: Date = new Date()): Promise<void> {
    // As a SELECT: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
    const changed: unknown[] = await manager.query(
      'WITH changed AS (UPDATE networking.directory_site SET launch_stage = $2 WHERE id = $1 AND launch_stage IS DISTINCT FROM $2 RETURNING id) SELECT id FROM changed',
      [siteId, stage],
    );
    if (changed.length > 0) await this.recordChange(siteId, 'launch_stage', stage, at.toISOString(), manager);
  }

  private async recordChange(siteId: string, kind: NetworkStatusChange['kind'], value: string | null, at: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO networking.site_status_change (site_id, kind, value, changed_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (site_id, kind, changed_at) DO UPDATE SET value = EXCLUDED.value`,
      [siteId, kind, value, at],
    );
  }

  async history(siteId: string, manager: EntityManager = this.dataSource.manager): Promise<NetworkStatusChange[]> {
    const rows: { kind: NetworkStatusChange['kind']; value: string | null; changed_at: Date }[] = await manager.query(
      'SELECT kind, value, changed_at FROM networking.site_status_change WHERE site_id = $1 ORDER BY changed_at, kind',
      [siteId],
    );
    return rows.map((row) => ({ kind: row.kind, value: row.value, changedAt: row.changed_at.toISOString() }));
  }

  /** The site with its profile (empty when its coordinators wrote none), or undefined while membership's event has not arrived. */
  async site(siteId: string, manager: EntityManager = this.dataSource.manager, forUpdate = false): Promise<NetworkSite | undefined> {
    const rows: SiteRow[] = await manager.query(
      `SELECT ${SITE_COLUMNS} FROM networking.directory_site d LEFT JOIN networking.site_profile p ON p.site_id = d.id WHERE d.id = $1${forUpdate ? ' FOR UPDATE OF d' : ''}`,
      [siteId],
    );
    return rows[0] ? toSite(rows[0]) : undefined;
  }

  async saveProfile(
    siteId: string,
    profile: NetworkProfileInput,
    derived: { poleKeys: string[]; offerKinds: string[]; searchText: string },
    by: { at: Date; userId: string },
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO networking.site_profile (site_id, presentation, poles, offers, contact_email, latitude, longitude, opening_hours, published, pole_keys, offer_kinds, search_text, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (site_id) DO UPDATE SET presentation = $2, poles = $3, offers = $4, contact_email = $5, latitude = $6, longitude = $7, opening_hours = $8,
              published = $9, pole_keys = $10, offer_kinds = $11, search_text = $12, updated_at = $13, updated_by = $14`,
      [
        siteId,
        profile.presentation,
        JSON.stringify(profile.poles),
        JSON.stringify(profile.offers),
        profile.contactEmail,
        profile.latitude,
        profile.longitude,
        profile.openingHours,
        profile.published,
        derived.poleKeys,
        derived.offerKinds,
        derived.searchText,
        by.at,
        by.userId,
      ],
    );
  }

  /** One page of the directory and the number of sites matching, nearest first with `near`, else by name. */
  async list(filter: DirectoryFilter): Promise<{ items: NetworkSite[]; total: number }> {
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where: string[] = [];
    if (filter.unpublishedOf !== null) where.push(`(p.published OR d.id = ANY(${param(filter.unpublishedOf)}::uuid[]))`);
    if (filter.status) where.push(`d.status = ${param(filter.status)}`);
    if (filter.poleKey) where.push(`${param(filter.poleKey)} = ANY(p.pole_keys)`);
    if (filter.offer) where.push(`${param(filter.offer)} = ANY(p.offer_kinds)`);
    for (const word of filter.words)
      where.push(`coalesce(p.search_text, ' ' || lower(d.name) || ' ' || lower(d.city) || ' ') LIKE ${param(`%${word.replace(/[\\%_]/g, '\\$&')}%`)}`);
    let distance = 'NULL::double precision';
    if (filter.near) {
      const { centre, km, box } = filter.near;
      // The box keeps the index on (latitude, longitude) in play; the exact distance decides.
      where.push(`p.latitude BETWEEN ${param(box.minLatitude)} AND ${param(box.maxLatitude)} AND p.longitude BETWEEN ${param(box.minLongitude)} AND ${param(box.maxLongitude)}`);
      distance = DISTANCE_SQL(param(centre.latitude), param(centre.longitude));
      where.push(`${distance} <= ${param(km)}`);
    }
    const order = filter.near ? 'distance_km, d.name, d.id' : 'd.name, d.id';
    const rows: SiteRow[] = await this.dataSource.query(
      `SELECT ${SITE_COLUMNS}, ${distance} AS distance_km, count(*) OVER () AS total
         FROM networking.directory_site d LEFT JOIN networking.site_profile p ON p.site_id = d.id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${order} LIMIT ${param(filter.limit)} OFFSET ${param(filter.offset)}`,
      params,
    );
    const total = rows[0]?.total !== undefined ? Number(rows[0].total) : filter.offset > 0 ? await this.count(filter) : 0;
    return { items: rows.map(toSite), total };
  }

  /** Only when a page past the end came back empty: the total is still asked for. */
  private async count(filter: DirectoryFilter): Promise<number> {
    const { total } = await this.list({ ...filter, offset: 0, limit: 1 });
    return total;
  }

  /** Published sites with coordinates: what the public map shows. */
  async publishedOnMap(): Promise<NetworkSite[]> {
    const rows: SiteRow[] = await this.dataSource.query(
      `SELECT ${SITE_COLUMNS} FROM networking.directory_site d JOIN networking.site_profile p ON p.site_id = d.id
        WHERE p.published AND p.latitude IS NOT NULL ORDER BY d.name, d.id`,
    );
    return rows.map(toSite);
  }
}
