import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { DomainError, isUuid, Mission, MissionStatus, PageRequest, SiteId } from '@kpa/contracts';
import { keysetPage } from '@kpa/platform';
import { missionFromQuote, ParticipantHours } from './mission';
import { MissionEntity, MissionParticipantEntity, MissionSignUpEntity } from './mission.entity';

/**
 * The site's missions, their sign-ups and participants (`mission`, `mission_sign_up`,
 * `mission_participant`). Stateless: every method runs on the manager it is given (a use case's
 * transaction, or the data source's for a plain read), always within one site.
 */
@Injectable()
export class MissionRepository {
  /** A mission of the site, under a row lock when it is to change; another site's does not exist for it (404). */
  async findMission(manager: EntityManager, siteId: SiteId, missionId: string, forChange = false): Promise<MissionEntity> {
    const mission = isUuid(missionId)
      ? await manager.findOne(MissionEntity, { where: { id: missionId, siteId }, ...(forChange ? { lock: { mode: 'pessimistic_write' as const } } : {}) })
      : null;
    if (!mission) throw new DomainError('MISSION_NOT_FOUND', `No mission with id ${missionId} on this site.`, { missionId });
    return mission;
  }

  /** What an invoice drafted from a mission needs of it (404 MISSION_NOT_FOUND on the request's `fromMissionId`). */
  async missionSource(manager: EntityManager, siteId: SiteId, missionId: unknown): Promise<{ id: string; clientId: string | null; quoteId: string | null }> {
    const rows: { id: string; client_id: string | null; quote_id: string | null }[] = isUuid(missionId)
      ? await manager.query('SELECT id, client_id, quote_id FROM commerce.mission WHERE id = $1 AND site_id = $2', [missionId, siteId])
      : [];
    if (rows.length === 0) throw new DomainError('MISSION_NOT_FOUND', `No mission with id ${String(missionId)} on this site.`, { field: 'fromMissionId', missionId });
    return { id: rows[0].id, clientId: rows[0].client_id, quoteId: rows[0].quote_id };
  }

  /** The days a mission covers (an invoice from it defaults its supply dates to them), or null for no mission. */
  async missionDays(manager: EntityManager, siteId: SiteId, missionId: string | null): Promise<{ startsOn: string; endsOn: string } | null> {
    if (missionId === null) return null;
    const rows: { starts_on: string; ends_on: string }[] = await manager.query(
      'SELECT starts_on::text AS starts_on, ends_on::text AS ends_on FROM commerce.mission WHERE id = $1 AND site_id = $2',
      [missionId, siteId],
    );
    return rows.length === 0 ? null : { startsOn: rows[0].starts_on, endsOn: rows[0].ends_on };
  }

  /** One page of the site's missions, oldest first, those overlapping [from, to] when given. */
  page(
    manager: EntityManager,
    siteId: SiteId,
    filters: { status?: MissionStatus; from?: string; to?: string },
    page: PageRequest,
  ): Promise<{ items: MissionEntity[]; nextCursor: string | null }> {
    const query = manager.getRepository(MissionEntity).createQueryBuilder('m').where('m.siteId = :siteId', { siteId });
    if (filters.status) query.andWhere('m.status = :status', { status: filters.status });
    if (filters.from) query.andWhere('m.endsOn >= :from', { from: filters.from });
    if (filters.to) query.andWhere('m.startsOn <= :to', { to: filters.to });
    return keysetPage(query, page);
  }

  /** The site's missions with their sign-ups and participants, names from commerce's read model of members (pseudonyms once erased). */
  async withPeople(manager: EntityManager, siteId: SiteId, missions: MissionEntity[]): Promise<Mission[]> {
    if (missions.length === 0) return [];
    const ids = missions.map((m) => m.id);
    const signUps: { mission_id: string; member_id: string; signed_up_at: Date; in_team: boolean; name: string }[] = await manager.query(
      `SELECT s.mission_id, s.member_id, s.signed_up_at, s.in_team, COALESCE(k.first_name || ' ' || k.last_name, 'Membre inconnu') AS name
         FROM commerce.mission_sign_up s LEFT JOIN commerce.known_member k ON k.id = s.member_id
        WHERE s.site_id = $1 AND s.mission_id = ANY($2::uuid[]) ORDER BY s.signed_up_at, s.member_id`,
      [siteId, ids],
    );
    const participants: { mission_id: string; member_id: string; hours_hundredths: number; name: string }[] = await manager.query(
      `SELECT p.mission_id, p.member_id, p.hours_hundredths, COALESCE(k.first_name || ' ' || k.last_name, 'Membre inconnu') AS name
         FROM commerce.mission_participant p LEFT JOIN commerce.known_member k ON k.id = p.member_id
        WHERE p.site_id = $1 AND p.mission_id = ANY($2::uuid[]) ORDER BY k.last_name, k.first_name, p.member_id`,
      [siteId, ids],
    );
    return missions.map((mission) =>
      mission.toContract(
        signUps
          .filter((s) => s.mission_id === mission.id)
          .map((s) => ({ memberId: s.member_id, name: s.name, signedUpAt: new Date(s.signed_up_at).toISOString(), inTeam: s.in_team })),
        participants.filter((p) => p.mission_id === mission.id).map((p) => ({ memberId: p.member_id, name: p.name, hundredths: Number(p.hours_hundredths) })),
      ),
    );
  }

  async insert(manager: EntityManager, mission: MissionEntity & { siteId: SiteId }): Promise<void> {
    await manager.insert(MissionEntity, mission);
  }

  async save(manager: EntityManager, mission: MissionEntity): Promise<void> {
    await manager.save(mission);
  }

  /**
   * The planned mission of a quote just accepted, in the accepting transaction: title "<number> –
   * <first line>", the execution dates (or today), one person needed, no activity pole yet (a
   * coordinator sets it with PATCH). Called by the quotes' accept use case.
   */
  async insertFromQuote(
    manager: EntityManager,
    quote: {
      id: string;
      siteId: SiteId;
      clientId: string;
      executionPlace: string | null;
      executionStartsOn: string | null;
      executionEndsOn: string | null;
      lines: { description: string }[];
      number: string | null;
    },
    actorUserId: string,
    today: string,
  ): Promise<{ missionId: string }> {
    const now = new Date();
    const entity = Object.assign(new MissionEntity(), missionFromQuote(quote, today), {
      id: uuidv7(),
      siteId: quote.siteId,
      clientId: quote.clientId,
      quoteId: quote.id,
      status: 'planned' as const,
      teamConfirmedOn: null,
      completedOn: null,
      cancelledOn: null,
      cancellationReason: null,
      createdBy: actorUserId,
      createdAt: now,
      updatedAt: now,
    });
    await this.insert(manager, entity);
    return { missionId: entity.id };
  }

  async isSignedUp(manager: EntityManager, siteId: SiteId, missionId: string, memberId: string): Promise<boolean> {
    return (await manager.findOne(MissionSignUpEntity, { where: { siteId, missionId, memberId } })) !== null;
  }

  async insertSignUp(manager: EntityManager, siteId: SiteId, missionId: string, memberId: string, signedUpAt: Date): Promise<void> {
    await manager.insert(MissionSignUpEntity, { missionId, memberId, siteId, signedUpAt, inTeam: false });
  }

  async deleteSignUp(manager: EntityManager, siteId: SiteId, missionId: string, memberId: string): Promise<void> {
    await manager.delete(MissionSignUpEntity, { siteId, missionId, memberId });
  }

  /** Who signed up for the mission, first come first. */
  async signedUpMemberIds(manager: EntityManager, siteId: SiteId, missionId: string): Promise<string[]> {
    const signUps = await manager.find(MissionSignUpEntity, { where: { siteId, missionId }, order: { signedUpAt: 'ASC', memberId: 'ASC' } });
    return signUps.map((s) => s.memberId);
  }

  /** The team is exactly `team` among the sign-ups; the others stay signed up, out of it. */
  async setTeam(manager: EntityManager, siteId: SiteId, missionId: string, team: readonly string[]): Promise<void> {
    await manager.query('UPDATE commerce.mission_sign_up SET in_team = (member_id = ANY($3::uuid[])) WHERE site_id = $1 AND mission_id = $2', [siteId, missionId, team]);
  }

  /**
   * Serialises completions that involve the same minor, so two one-day missions of the same day
   * completed at once cannot together book more than 8 hours (each reads the other's committed hours).
   */
  async lockMinors(manager: EntityManager, memberIds: readonly string[]): Promise<void> {
    for (const id of [...memberIds].sort()) {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('commerce.mission.minor:' || $1, 0))`, [id]);
    }
  }

  /** Hours (hundredths) each member already has on the site's other completed one-day missions of that day. */
  async sameDayHundredths(manager: EntityManager, siteId: SiteId, missionId: string, day: string, memberIds: string[]): Promise<Map<string, number>> {
    if (memberIds.length === 0) return new Map();
    const rows: { member_id: string; total: string }[] = await manager.query(
      `SELECT p.member_id, SUM(p.hours_hundredths) AS total
         FROM commerce.mission_participant p JOIN commerce.mission m ON m.id = p.mission_id
        WHERE p.site_id = $1 AND p.member_id = ANY($2::uuid[]) AND m.id <> $3
          AND m.status = 'completed' AND m.starts_on = $4 AND m.ends_on = $4
        GROUP BY p.member_id`,
      [siteId, memberIds, missionId, day],
    );
    return new Map(rows.map((r) => [r.member_id, Number(r.total)]));
  }

  async insertParticipants(manager: EntityManager, siteId: SiteId, missionId: string, hours: readonly ParticipantHours[]): Promise<void> {
    await manager.insert(
      MissionParticipantEntity,
      hours.map((p) => ({ missionId, memberId: p.memberId, siteId, hoursHundredths: p.hundredths })),
    );
  }
}
