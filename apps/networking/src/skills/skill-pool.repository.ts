import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Availability, PooledPersonView, PooledSkill, PoolPerson, PoolTeamRole, SKILL_LEVELS, SkillLevel } from '@kpa/contracts';
import { preparedQuery } from '@kpa/platform';
import { BoundingBox, LatLon } from '../directory/geo';
import { skillKey } from './skill-names';

interface PersonRow {
  id: string;
  site_id: string;
  kind: 'member' | 'team';
  member_id: string | null;
  role: PoolTeamRole | null;
  first_name: string;
  last_initial: string;
  adult_on: string | null;
  visible: boolean;
  availability: Availability;
  note: string | null;
  updated_at: Date;
  skills: PooledSkill[] | null;
}

/** What a listed person's fields are written from. */
export interface PersonFields {
  visible: boolean;
  availability: Availability;
  note: string | null;
  skills: PooledSkill[];
}

export interface SkillSearchFilter {
  /** Absent: every skill (counts only). */
  skillKey?: string;
  /** The viewer's own sites: only there are minors listed. */
  ownSiteIds: string[];
  today: string;
  available: boolean;
  near?: { centre: LatLon; km: number; box: BoundingBox };
  peoplePerSite: number;
  sitesPerSkill: number;
}

export interface SkillSiteRow {
  skill: string;
  siteId: string;
  name: string;
  city: string;
  count: number;
  distanceKm: number | null;
  people: PooledPersonView[];
  /** For the whole skill, over every site (also those past sitesPerSkill). */
  skillTotal: number;
  siteCount: number;
}

const LEVEL_RANK: Readonly<Record<SkillLevel, number>> = Object.fromEntries(SKILL_LEVELS.map((level, rank) => [level, rank])) as Record<SkillLevel, number>;

const PERSON_SQL = `SELECT p.id, p.site_id, p.kind, p.member_id, p.role, coalesce(m.first_name, p.first_name) AS first_name,
         coalesce(m.last_initial, p.last_initial) AS last_initial, to_char(m.adult_on, 'YYYY-MM-DD') AS adult_on,
         p.visible, p.availability, p.note, p.updated_at,
         (SELECT json_agg(json_build_object('name', s.name, 'level', s.level) ORDER BY s.level_rank DESC, s.name) FROM networking.pool_skill s WHERE s.person_id = p.id) AS skills
    FROM networking.pool_person p LEFT JOIN networking.known_member m ON m.id = p.member_id`;

function toPerson(row: PersonRow, today: string): PoolPerson {
  return {
    id: row.id,
    siteId: row.site_id,
    kind: row.kind,
    memberId: row.member_id,
    role: row.role,
    firstName: row.first_name,
    lastInitial: row.last_initial,
    minor: row.adult_on !== null && row.adult_on > today,
    visible: row.visible,
    skills: row.skills ?? [],
    availability: row.availability,
    note: row.note,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The skill pool: people listed per site, their skills (keyed for the search), and the region-wide search. */
@Injectable()
export class SkillPoolRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** `forUpdate`: the person's row stays locked until the transaction ends (a change racing a removal waits for it). */
  async person(siteId: string, personId: string, today: string, manager: EntityManager = this.dataSource.manager, forUpdate = false): Promise<PoolPerson | undefined> {
    const rows: PersonRow[] = await manager.query(`${PERSON_SQL} WHERE p.site_id = $1 AND p.id = $2${forUpdate ? ' FOR UPDATE OF p' : ''}`, [siteId, personId]);
    return rows[0] && toPerson(rows[0], today);
  }

  async memberEntry(memberId: string, today: string, manager: EntityManager = this.dataSource.manager): Promise<PoolPerson | undefined> {
    const rows: PersonRow[] = await manager.query(`${PERSON_SQL} WHERE p.member_id = $1`, [memberId]);
    return rows[0] && toPerson(rows[0], today);
  }

  /** Everyone of the site's pool, listed or not, minors included: for the site's own users. */
  async sitePool(siteId: string, today: string): Promise<PoolPerson[]> {
    const rows: PersonRow[] = await this.dataSource.query(`${PERSON_SQL} WHERE p.site_id = $1 AND (p.kind = 'team' OR NOT m.erased) ORDER BY first_name, p.id`, [siteId]);
    return rows.map((row) => toPerson(row, today));
  }

  /** A member's own entry: created on their first save, then replaced (their skills with it). */
  async saveMemberEntry(id: string, siteId: string, memberId: string, fields: PersonFields, at: Date, manager: EntityManager): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO networking.pool_person (id, site_id, kind, member_id, visible, availability, note, updated_at)
       VALUES ($1, $2, 'member', $3, $4, $5, $6, $7)
       ON CONFLICT (member_id) DO UPDATE SET site_id = $2, visible = $4, availability = $5, note = $6, updated_at = $7
       RETURNING id`,
      [id, siteId, memberId, fields.visible, fields.availability, fields.note, at],
    );
    await this.replaceSkills(rows[0].id, siteId, fields.skills, manager);
    await this.refreshListing({ personId: rows[0].id }, manager);
    return rows[0].id;
  }

  async saveTeamPerson(
    id: string,
    siteId: string,
    person: { role: PoolTeamRole; firstName: string; lastInitial: string },
    fields: PersonFields,
    at: Date,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO networking.pool_person (id, site_id, kind, role, first_name, last_initial, visible, availability, note, updated_at)
       VALUES ($1, $2, 'team', $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (id) DO UPDATE SET role = $3, first_name = $4, last_initial = $5, visible = $6, availability = $7, note = $8, updated_at = $9`,
      [id, siteId, person.role, person.firstName, person.lastInitial, fields.visible, fields.availability, fields.note, at],
    );
    await this.replaceSkills(id, siteId, fields.skills, manager);
    await this.refreshListing({ personId: id }, manager);
  }

  /**
   * Copies onto the person's skills what the search shows and whether they are listed, as
   * pool-visibility.ts's `listedFor` says it (the integration test holds them together): visible;
   * a member only while active and not erased. Minors are checked at search time (their site
   * sees them). Called after every change of a person, and of a member (membership's events).
   */
  async refreshListing(by: { personId: string } | { memberId: string }, manager: EntityManager): Promise<void> {
    const [column, id] = 'personId' in by ? ['p.id', by.personId] : ['p.member_id', by.memberId];
    await manager.query(
      `UPDATE networking.pool_skill s
          SET listed = p.visible AND (p.kind = 'team' OR coalesce(m.active AND NOT m.erased, false)),
              first_name = coalesce(m.first_name, p.first_name, ''), last_initial = coalesce(m.last_initial, p.last_initial, ''),
              availability = p.availability, minor_until = m.adult_on, site_id = p.site_id
         FROM networking.pool_person p LEFT JOIN networking.known_member m ON m.id = p.member_id
        WHERE s.person_id = p.id AND ${column} = $1`,
      [id],
    );
  }

  async remove(siteId: string, personId: string, manager: EntityManager): Promise<void> {
    await manager.query('DELETE FROM networking.pool_person WHERE site_id = $1 AND id = $2', [siteId, personId]);
  }

  /** Two names with the same key ("Couture", "retouches") are one skill: the higher level wins. */
  private async replaceSkills(personId: string, siteId: string, skills: PooledSkill[], manager: EntityManager): Promise<void> {
    await manager.query('DELETE FROM networking.pool_skill WHERE person_id = $1', [personId]);
    const byKey = new Map<string, PooledSkill>();
    for (const skill of skills) {
      const key = skillKey(skill.name);
      if (!key) continue;
      const known = byKey.get(key);
      if (!known || LEVEL_RANK[skill.level] > LEVEL_RANK[known.level]) byKey.set(key, skill);
    }
    if (byKey.size === 0) return;
    const entries = [...byKey.entries()];
    await manager.query(
      `INSERT INTO networking.pool_skill (person_id, skill_key, name, level, level_rank, site_id)
       SELECT $1, k, n, l, r, $2 FROM unnest($3::text[], $4::text[], $5::text[], $6::smallint[]) AS t(k, n, l, r)`,
      [
        personId,
        siteId,
        entries.map(([key]) => key),
        entries.map(([, skill]) => skill.name.trim()),
        entries.map(([, skill]) => skill.level),
        entries.map(([, skill]) => LEVEL_RANK[skill.level]),
      ],
    );
  }

  /**
   * Who can do what across the region: per (skill, site) the number of people listed and the
   * first of them (most experienced first). Grouped in SQL so that only the groups travel.
   */
  async search(filter: SkillSearchFilter): Promise<SkillSiteRow[]> {
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    // Who is listed, on each skill row (refreshListing); a minor only to their own site.
    const personWhere = (s: string) => {
      const conditions = [`${s}.listed`, `(${s}.minor_until IS NULL OR ${s}.minor_until <= ${today}::date OR ${s}.site_id = ANY(${ownSites}::uuid[]))`];
      if (filter.available) conditions.push(`${s}.availability <> 'unavailable'`);
      return conditions.join(' AND ');
    };
    const today = param(filter.today);
    const ownSites = param(filter.ownSiteIds);
    const where = [personWhere('s')];
    if (filter.skillKey !== undefined) where.push(`s.skill_key = ${param(filter.skillKey)}`);
    let distance = 'NULL::double precision';
    let profileJoin = '';
    if (filter.near) {
      const { centre, box } = filter.near;
      profileJoin = 'JOIN networking.site_profile sp ON sp.site_id = s.site_id';
      where.push(`sp.latitude BETWEEN ${param(box.minLatitude)} AND ${param(box.maxLatitude)} AND sp.longitude BETWEEN ${param(box.minLongitude)} AND ${param(box.maxLongitude)}`);
      const lat = param(centre.latitude);
      const lon = param(centre.longitude);
      distance = `2 * 6371.0088 * asin(least(1, sqrt(power(sin(radians(sp.latitude - ${lat}) / 2), 2) + cos(radians(${lat})) * cos(radians(sp.latitude)) * power(sin(radians(sp.longitude - ${lon}) / 2), 2))))`;
      where.push(`${distance} <= ${param(filter.near.km)}`);
    }
    const peopleLimit = param(filter.peoplePerSite);
    const sitesLimit = param(filter.sitesPerSkill);
    const siteOrder = `${filter.near ? 'g.distance_km, ' : ''}g.count DESC, g.site_id`;
    // One skill (the usual search): its first sites by a top-N sort and its totals by one aggregate,
    // half the cost of the windows over every site that every skill at once needs.
    const ranked =
      filter.skillKey === undefined
        ? `SELECT g.*, sum(g.count) OVER (PARTITION BY g.skill_key)::int AS skill_total, count(*) OVER (PARTITION BY g.skill_key)::int AS site_count,
                  row_number() OVER (PARTITION BY g.skill_key ORDER BY ${siteOrder}) AS site_rank
             FROM per_site g`
        : `SELECT g.*, totals.skill_total, totals.site_count, row_number() OVER (ORDER BY ${siteOrder}) AS site_rank
             FROM (SELECT * FROM per_site g ORDER BY ${siteOrder} LIMIT ${sitesLimit}) g,
                  (SELECT sum(count)::int AS skill_total, count(*)::int AS site_count FROM per_site) totals`;
    const rows = await preparedQuery<{
      skill: string;
      site_id: string;
      name: string;
      city: string;
      count: number;
      distance_km: number | null;
      people: PooledPersonView[] | null;
      skill_total: number;
      site_count: number;
    }>(
      this.dataSource,
      // Counted per (skill, site) first; names are read only for the sites shown, from the index.
      `WITH per_site AS (
         SELECT s.skill_key, s.site_id, count(*)::int AS count, min(${distance}) AS distance_km
           FROM networking.pool_skill s ${profileJoin}
          WHERE ${where.join(' AND ')}
          GROUP BY s.skill_key, s.site_id
       ), ranked AS (${ranked})
       SELECT r.skill_key AS skill, r.site_id, d.name, d.city, r.count, r.distance_km, r.skill_total, r.site_count, people.people
         FROM ranked r
         JOIN networking.directory_site d ON d.id = r.site_id
         CROSS JOIN LATERAL (
           SELECT json_agg(json_build_object('firstName', p.first_name, 'lastInitial', p.last_initial, 'level', p.level, 'availability', p.availability)
                           ORDER BY p.level_rank DESC, p.person_id) AS people
             FROM (SELECT * FROM networking.pool_skill p WHERE p.skill_key = r.skill_key AND p.site_id = r.site_id AND ${personWhere('p')}
                    ORDER BY p.level_rank DESC, p.person_id LIMIT ${peopleLimit}) p
         ) people
        WHERE r.site_rank <= ${sitesLimit}
        ORDER BY r.skill_key, r.site_rank`,
      params,
    );
    return rows.map((row) => ({
      skill: row.skill,
      siteId: row.site_id,
      name: row.name,
      city: row.city,
      count: row.count,
      distanceKm: row.distance_km,
      people: row.people ?? [],
      skillTotal: row.skill_total,
      siteCount: row.site_count,
    }));
  }
}
