import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  CreateMissionRequest,
  DomainError,
  GetMissionRequest,
  invalidField,
  isUuid,
  ListMissionsRequest,
  Mission,
  MISSION_COMPLETED_V1,
  MissionCancelRequest,
  MissionCompleteRequest,
  MissionConfirmTeamRequest,
  MissionPage,
  MissionSignUpRequest,
  MissionWithdrawRequest,
  requiredText,
  siteIdOf,
  UpdateMissionRequest,
} from '@kpa/contracts';
import { createEvent, keysetPage, todayInFrance, UnitOfWork } from '@kpa/platform';
import { ClientEntity } from '../clients/client.entity';
import { KnownMemberRepository } from '../members/known-member.repository';
import { QuoteEntity } from '../quotes/quote.entity';
import { SellerRepository } from '../sellers/seller.repository';
import {
  assertActiveTeam,
  assertOpen,
  changeMission,
  checkCompletion,
  formatHundredths,
  missionDays,
  missionFromQuote,
  newMission,
  parseParticipants,
  pickTeam,
  signUpOutcome,
  transition,
  withdrawOutcome,
} from './mission';
import { MissionEntity, MissionParticipantEntity, MissionSignUpEntity } from './mission.entity';

/** Reads a mission of a site, locked for a change when asked: one of another site does not exist for it (404). */
async function findMission(manager: EntityManager, siteId: string, missionId: string, forChange = false): Promise<MissionEntity> {
  const mission = isUuid(missionId)
    ? await manager.findOne(MissionEntity, { where: { id: missionId, siteId }, ...(forChange ? { lock: { mode: 'pessimistic_write' as const } } : {}) })
    : null;
  if (!mission) throw new DomainError('MISSION_NOT_FOUND', `No mission with id ${missionId} on this site.`, { missionId });
  return mission;
}

/** The missions with their sign-ups and participants, names from commerce's read model of members (pseudonyms once erased). */
async function withPeople(manager: EntityManager, missions: MissionEntity[]): Promise<Mission[]> {
  if (missions.length === 0) return [];
  const ids = missions.map((m) => m.id);
  const signUps: { mission_id: string; member_id: string; signed_up_at: Date; in_team: boolean; name: string }[] = await manager.query(
    `SELECT s.mission_id, s.member_id, s.signed_up_at, s.in_team, COALESCE(k.first_name || ' ' || k.last_name, 'Membre inconnu') AS name
       FROM commerce.mission_sign_up s LEFT JOIN commerce.known_member k ON k.id = s.member_id
      WHERE s.mission_id = ANY($1::uuid[]) ORDER BY s.signed_up_at, s.member_id`,
    [ids],
  );
  const participants: { mission_id: string; member_id: string; hours_hundredths: number; name: string }[] = await manager.query(
    `SELECT p.mission_id, p.member_id, p.hours_hundredths, COALESCE(k.first_name || ' ' || k.last_name, 'Membre inconnu') AS name
       FROM commerce.mission_participant p LEFT JOIN commerce.known_member k ON k.id = p.member_id
      WHERE p.mission_id = ANY($1::uuid[]) ORDER BY k.last_name, k.first_name, p.member_id`,
    [ids],
  );
  return missions.map((mission) =>
    mission.toContract(
      signUps.filter((s) => s.mission_id === mission.id).map((s) => ({ memberId: s.member_id, name: s.name, signedUpAt: new Date(s.signed_up_at).toISOString(), inTeam: s.in_team })),
      participants.filter((p) => p.mission_id === mission.id).map((p) => ({ memberId: p.member_id, name: p.name, hundredths: Number(p.hours_hundredths) })),
    ),
  );
}

async function oneWithPeople(manager: EntityManager, mission: MissionEntity): Promise<Mission> {
  return (await withPeople(manager, [mission]))[0];
}

/** The client (and accepted quote) a mission is for; none for a self-financed activity. */
async function resolveBuyer(manager: EntityManager, siteId: string, clientId: unknown, quoteId: unknown): Promise<{ clientId: string | null; quoteId: string | null }> {
  const given = (value: unknown) => value !== undefined && value !== null && value !== '';
  if (given(quoteId)) {
    const quote = isUuid(quoteId) ? await manager.findOne(QuoteEntity, { where: { id: quoteId, siteId } }) : null;
    if (!quote) throw new DomainError('QUOTE_NOT_FOUND', `No quote with id ${String(quoteId)} on this site.`, { field: 'quoteId', quoteId });
    if (quote.status !== 'accepted') {
      throw new DomainError('MISSION_QUOTE_NOT_ACCEPTED', `The quote ${quote.number ?? quote.id} is ${quote.status}: a mission carries out an accepted quote only (record the client's acceptance first, or leave quoteId out).`, {
        field: 'quoteId',
        quoteId: quote.id,
        status: quote.status,
      });
    }
    if (given(clientId) && String(clientId).toLowerCase() !== quote.clientId) {
      throw invalidField('clientId', `clientId must be the quote's client (${quote.clientId}), or be left out.`);
    }
    return { clientId: quote.clientId, quoteId: quote.id };
  }
  if (given(clientId)) {
    const client = isUuid(clientId) ? await manager.findOne(ClientEntity, { where: { id: clientId, siteId } }) : null;
    if (!client) throw new DomainError('CLIENT_NOT_FOUND', `No client with id ${String(clientId)} on this site: pick one of the site's clients, or leave clientId out for a self-financed activity.`, { field: 'clientId', clientId });
    return { clientId: client.id, quoteId: null };
  }
  return { clientId: null, quoteId: null };
}

/**
 * The planned mission of a quote just accepted, in the accepting transaction: title "<number> –
 * <first line>", the execution dates (or today), one person needed, no activity pole yet (a
 * coordinator sets it with PATCH). Called by the quotes' accept use case.
 */
export async function insertMissionFromQuote(
  manager: EntityManager,
  quote: {
    id: string;
    siteId: string;
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
    status: 'planned',
    teamConfirmedOn: null,
    completedOn: null,
    cancelledOn: null,
    cancellationReason: null,
    createdBy: actorUserId,
    createdAt: now,
    updatedAt: now,
  });
  await manager.insert(MissionEntity, entity);
  return { missionId: entity.id };
}

/**
 * Serialises completions that involve the same minor, so two one-day missions of the same day
 * completed at once cannot together book more than 8 hours (each reads the other's committed hours).
 */
async function lockMinors(manager: EntityManager, memberIds: string[]): Promise<void> {
  for (const id of [...memberIds].sort()) {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('commerce.mission.minor:' || $1, 0))`, [id]);
  }
}

/** Hours (hundredths) each member already has on the site's other completed one-day missions of that day. */
async function sameDayHundredths(manager: EntityManager, siteId: string, missionId: string, day: string, memberIds: string[]): Promise<Map<string, number>> {
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

@Injectable()
export class MissionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly sellers: SellerRepository,
    private readonly members: KnownMemberRepository,
  ) {}

  create({ siteId, actor, mission }: CreateMissionRequest): Promise<Mission> {
    return this.unitOfWork.run(async ({ manager }) => {
      await this.sellers.assertKnownSite(manager, siteIdOf(siteId));
      const data = newMission(mission);
      const buyer = await resolveBuyer(manager, siteId, mission.clientId, mission.quoteId);
      const now = new Date();
      const entity = Object.assign(new MissionEntity(), data, buyer, {
        id: uuidv7(),
        siteId,
        status: 'planned',
        teamConfirmedOn: null,
        completedOn: null,
        cancelledOn: null,
        cancellationReason: null,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
      await manager.insert(MissionEntity, entity);
      return oneWithPeople(manager, entity);
    });
  }

  async get({ siteId, missionId }: GetMissionRequest): Promise<Mission> {
    const manager = this.dataSource.manager;
    return oneWithPeople(manager, await findMission(manager, siteId, missionId));
  }

  async list(request: ListMissionsRequest): Promise<MissionPage> {
    const query = this.dataSource.getRepository(MissionEntity).createQueryBuilder('m').where('m.siteId = :siteId', { siteId: request.siteId });
    if (request.status) query.andWhere('m.status = :status', { status: request.status });
    if (request.from) query.andWhere('m.endsOn >= :from', { from: request.from });
    if (request.to) query.andWhere('m.startsOn <= :to', { to: request.to });
    const page = await keysetPage(query, request);
    return { items: await withPeople(this.dataSource.manager, page.items), nextCursor: page.nextCursor };
  }

  /** Planned missions only: read under a row lock, apply the rules, save. */
  update({ siteId, missionId, changes }: UpdateMissionRequest): Promise<Mission> {
    return this.unitOfWork.run(async ({ manager }) => {
      const mission = await findMission(manager, siteId, missionId, true);
      assertOpen(mission.status, 'change');
      Object.assign(mission, changeMission(mission.data(), changes), { updatedAt: new Date() });
      await manager.save(mission);
      return oneWithPeople(manager, mission);
    });
  }

  /** An active member of the site signs up while the mission is planned; a second sign-up changes nothing. */
  signUp({ siteId, missionId, memberId }: MissionSignUpRequest): Promise<Mission> {
    return this.unitOfWork.run(async ({ manager }) => {
      const mission = await findMission(manager, siteId, missionId, true);
      if (!isUuid(memberId)) throw new DomainError('MEMBER_NOT_FOUND', `No member with id ${String(memberId)} on this site.`, { memberId });
      const member = await this.members.knownMember(manager, siteIdOf(siteId), memberId.toLowerCase());
      const existing = await manager.findOne(MissionSignUpEntity, { where: { missionId: mission.id, memberId: member.id } });
      if (signUpOutcome(mission.status, existing !== null, member) === 'added') {
        const now = new Date();
        await manager.insert(MissionSignUpEntity, { missionId: mission.id, memberId: member.id, siteId, signedUpAt: now, inTeam: false });
        mission.updatedAt = now;
        await manager.save(mission);
      }
      return oneWithPeople(manager, mission);
    });
  }

  /** Withdraws a sign-up while the mission is planned; withdrawing someone not signed up changes nothing. */
  withdraw({ siteId, missionId, memberId }: MissionWithdrawRequest): Promise<Mission> {
    return this.unitOfWork.run(async ({ manager }) => {
      const mission = await findMission(manager, siteId, missionId, true);
      const id = isUuid(memberId) ? memberId.toLowerCase() : null;
      const existing = id ? await manager.findOne(MissionSignUpEntity, { where: { missionId: mission.id, memberId: id } }) : null;
      if (withdrawOutcome(mission.status, existing !== null) === 'removed') {
        await manager.delete(MissionSignUpEntity, { missionId: mission.id, memberId: id });
        mission.updatedAt = new Date();
        await manager.save(mission);
      }
      return oneWithPeople(manager, mission);
    });
  }

  /** The coordinator confirms the team among the sign-ups (all of them when none are named); again to change it. */
  confirmTeam({ siteId, missionId, memberIds }: MissionConfirmTeamRequest): Promise<Mission> {
    const today = todayInFrance();
    return this.unitOfWork.run(async ({ manager }) => {
      const mission = await findMission(manager, siteId, missionId, true);
      const next = transition(mission.status, 'confirm_team');
      const signUps = await manager.find(MissionSignUpEntity, { where: { missionId: mission.id }, order: { signedUpAt: 'ASC', memberId: 'ASC' } });
      const team = pickTeam(
        signUps.map((s) => s.memberId),
        memberIds,
      );
      assertActiveTeam(team, await this.members.knownMembers(manager, siteIdOf(siteId), team));
      await manager.query('UPDATE commerce.mission_sign_up SET in_team = (member_id = ANY($2::uuid[])) WHERE mission_id = $1', [mission.id, team]);
      Object.assign(mission, { status: next, teamConfirmedOn: today, updatedAt: new Date() });
      await manager.save(mission);
      return oneWithPeople(manager, mission);
    });
  }

  /**
   * Records who worked and how long, and publishes `commerce.mission.completed` (remuneration
   * builds on it) in the same transaction. Participants may differ from the confirmed team.
   */
  complete({ siteId, missionId, participants }: MissionCompleteRequest): Promise<Mission> {
    const today = todayInFrance();
    return this.unitOfWork.run(async ({ manager, publish }) => {
      const mission = await findMission(manager, siteId, missionId, true);
      const next = transition(mission.status, 'complete');
      const hours = parseParticipants(participants);
      const ids = hours.map((p) => p.memberId);
      const members = await this.members.knownMembers(manager, siteIdOf(siteId), ids);
      const oneDay = missionDays(mission.startsOn, mission.endsOn) === 1;
      const minors = oneDay ? ids.filter((id) => members.get(id)?.adultOn != null) : [];
      await lockMinors(manager, minors);
      const sameDay = oneDay ? await sameDayHundredths(manager, siteId, mission.id, mission.startsOn, minors) : new Map<string, number>();
      checkCompletion(hours, { startsOn: mission.startsOn, endsOn: mission.endsOn, today, members, sameDayHundredths: sameDay });
      await manager.insert(
        MissionParticipantEntity,
        hours.map((p) => ({ missionId: mission.id, memberId: p.memberId, siteId, hoursHundredths: p.hundredths })),
      );
      const now = new Date();
      Object.assign(mission, { status: next, completedOn: today, updatedAt: now });
      await manager.save(mission);
      await publish(
        createEvent(
          MISSION_COMPLETED_V1,
          siteId,
          {
            missionId: mission.id,
            title: mission.title,
            activityPole: mission.activityPole,
            clientId: mission.clientId,
            quoteId: mission.quoteId,
            startsOn: mission.startsOn,
            endsOn: mission.endsOn,
            completedOn: today,
            participants: hours.map((p) => ({ memberId: p.memberId, hours: formatHundredths(p.hundredths) })),
          },
          now,
        ),
      );
      return oneWithPeople(manager, mission);
    });
  }

  cancel({ siteId, missionId, reason }: MissionCancelRequest): Promise<Mission> {
    const today = todayInFrance();
    return this.unitOfWork.run(async ({ manager }) => {
      const mission = await findMission(manager, siteId, missionId, true);
      const next = transition(mission.status, 'cancel');
      const why = requiredText(reason, 'reason', 1, 500);
      Object.assign(mission, { status: next, cancelledOn: today, cancellationReason: why, updatedAt: new Date() });
      await manager.save(mission);
      return oneWithPeople(manager, mission);
    });
  }
}
