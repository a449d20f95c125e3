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
  SiteId,
  siteIdOf,
  UpdateMissionRequest,
  MISSION_TEAM_CONFIRMED_V1,
} from '@kpa/contracts';
import { createEvent, todayInFrance, UnitOfWork } from '@kpa/platform';
import { ClientRepository } from '../clients/client.repository';
import { KnownMemberRepository } from '../members/known-member.repository';
import { QuoteRepository } from '../quotes/quote.repository';
import { SellerRepository } from '../sellers/seller.repository';
import {
  assertActiveTeam,
  assertOpen,
  changeMission,
  checkCompletion,
  formatHundredths,
  missionDays,
  newMission,
  parseParticipants,
  pickTeam,
  signUpOutcome,
  transition,
  withdrawOutcome,
} from './mission';
import { MissionEntity } from './mission.entity';
import { MissionRepository } from './mission.repository';

/** A field the request sets (an empty string counts as left out). */
function given(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

@Injectable()
export class MissionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly sellers: SellerRepository,
    private readonly members: KnownMemberRepository,
    private readonly missions: MissionRepository,
    private readonly quotes: QuoteRepository,
    private readonly clients: ClientRepository,
  ) {}

  private async oneWithPeople(manager: EntityManager, siteId: SiteId, mission: MissionEntity): Promise<Mission> {
    return (await this.missions.withPeople(manager, siteId, [mission]))[0];
  }

  /** The client (and accepted quote) a mission is for; none for a self-financed activity. */
  private async resolveBuyer(manager: EntityManager, siteId: SiteId, clientId: unknown, quoteId: unknown): Promise<{ clientId: string | null; quoteId: string | null }> {
    if (given(quoteId)) {
      const quote = await this.quotes.quoteOrNull(manager, siteId, quoteId);
      if (!quote) throw new DomainError('QUOTE_NOT_FOUND', `No quote with id ${String(quoteId)} on this site.`, { field: 'quoteId', quoteId });
      if (quote.status !== 'accepted') {
        throw new DomainError(
          'MISSION_QUOTE_NOT_ACCEPTED',
          `The quote ${quote.number ?? quote.id} is ${quote.status}: a mission carries out an accepted quote only (record the client's acceptance first, or leave quoteId out).`,
          {
            field: 'quoteId',
            quoteId: quote.id,
            status: quote.status,
          },
        );
      }
      if (given(clientId) && String(clientId).toLowerCase() !== quote.clientId) {
        throw invalidField('clientId', `clientId must be the quote's client (${quote.clientId}), or be left out.`);
      }
      return { clientId: quote.clientId, quoteId: quote.id };
    }
    if (given(clientId)) {
      const client = await this.clients.clientOrNull(manager, siteId, clientId);
      if (!client)
        throw new DomainError(
          'CLIENT_NOT_FOUND',
          `No client with id ${String(clientId)} on this site: pick one of the site's clients, or leave clientId out for a self-financed activity.`,
          { field: 'clientId', clientId },
        );
      return { clientId: client.id, quoteId: null };
    }
    return { clientId: null, quoteId: null };
  }

  create({ siteId, actor, mission }: CreateMissionRequest): Promise<Mission> {
    return this.unitOfWork.run(async ({ manager }) => {
      await this.sellers.assertKnownSite(manager, siteIdOf(siteId));
      const data = newMission(mission);
      const buyer = await this.resolveBuyer(manager, siteIdOf(siteId), mission.clientId, mission.quoteId);
      const now = new Date();
      const entity = Object.assign(new MissionEntity(), data, buyer, {
        id: uuidv7(),
        siteId: siteIdOf(siteId),
        status: 'planned' as const,
        teamConfirmedOn: null,
        completedOn: null,
        cancelledOn: null,
        cancellationReason: null,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
      await this.missions.insert(manager, entity);
      return this.oneWithPeople(manager, siteIdOf(siteId), entity);
    });
  }

  async get({ siteId, missionId }: GetMissionRequest): Promise<Mission> {
    const manager = this.dataSource.manager;
    return this.oneWithPeople(manager, siteIdOf(siteId), await this.missions.findMission(manager, siteIdOf(siteId), missionId));
  }

  async list(request: ListMissionsRequest): Promise<MissionPage> {
    const siteId = siteIdOf(request.siteId);
    const page = await this.missions.page(this.dataSource.manager, siteId, request, request);
    return { items: await this.missions.withPeople(this.dataSource.manager, siteId, page.items), nextCursor: page.nextCursor };
  }

  /** Planned missions only: read under a row lock, apply the rules, save. */
  update({ siteId, missionId, changes }: UpdateMissionRequest): Promise<Mission> {
    return this.unitOfWork.run(async ({ manager }) => {
      const mission = await this.missions.findMission(manager, siteIdOf(siteId), missionId, true);
      assertOpen(mission.status, 'change');
      Object.assign(mission, changeMission(mission.data(), changes), { updatedAt: new Date() });
      await this.missions.save(manager, mission);
      return this.oneWithPeople(manager, siteIdOf(siteId), mission);
    });
  }

  /** An active member of the site signs up while the mission is planned; a second sign-up changes nothing. */
  signUp({ siteId, missionId, memberId }: MissionSignUpRequest): Promise<Mission> {
    return this.unitOfWork.run(async ({ manager }) => {
      const site = siteIdOf(siteId);
      const mission = await this.missions.findMission(manager, site, missionId, true);
      if (!isUuid(memberId)) throw new DomainError('MEMBER_NOT_FOUND', `No member with id ${String(memberId)} on this site.`, { memberId });
      const member = await this.members.knownMember(manager, site, memberId.toLowerCase());
      const signedUp = await this.missions.isSignedUp(manager, site, mission.id, member.id);
      if (signUpOutcome(mission.status, signedUp, member) === 'added') {
        const now = new Date();
        await this.missions.insertSignUp(manager, site, mission.id, member.id, now);
        mission.updatedAt = now;
        await this.missions.save(manager, mission);
      }
      return this.oneWithPeople(manager, site, mission);
    });
  }

  /** Withdraws a sign-up while the mission is planned; withdrawing someone not signed up changes nothing. */
  withdraw({ siteId, missionId, memberId }: MissionWithdrawRequest): Promise<Mission> {
    return this.unitOfWork.run(async ({ manager }) => {
      const site = siteIdOf(siteId);
      const mission = await this.missions.findMission(manager, site, missionId, true);
      const id = isUuid(memberId) ? memberId.toLowerCase() : null;
      const signedUp = id !== null && (await this.missions.isSignedUp(manager, site, mission.id, id));
      if (withdrawOutcome(mission.status, signedUp) === 'removed' && id !== null) {
        await this.missions.deleteSignUp(manager, site, mission.id, id);
        mission.updatedAt = new Date();
        await this.missions.save(manager, mission);
      }
      return this.oneWithPeople(manager, site, mission);
    });
  }

  /** The coordinator confirms the team among the sign-ups (all of them when none are named); again to change it. */
  confirmTeam({ siteId, missionId, memberIds }: MissionConfirmTeamRequest): Promise<Mission> {
    const today = todayInFrance();
    return this.unitOfWork.run(async ({ manager, publish }) => {
      const site = siteIdOf(siteId);
      const mission = await this.missions.findMission(manager, site, missionId, true);
      const next = transition(mission.status, 'confirm_team');
      const team = pickTeam(await this.missions.signedUpMemberIds(manager, site, mission.id), memberIds);
      assertActiveTeam(team, await this.members.knownMembers(manager, site, team));
      await this.missions.setTeam(manager, site, mission.id, team);
      Object.assign(mission, { status: next, teamConfirmedOn: today, updatedAt: new Date() });
      await this.missions.save(manager, mission);
      await publish(createEvent(MISSION_TEAM_CONFIRMED_V1, site, { missionId: mission.id, title: mission.title, startsOn: mission.startsOn, endsOn: mission.endsOn, team }));
      return this.oneWithPeople(manager, site, mission);
    });
  }

  /**
   * Records who worked and how long, and publishes `commerce.mission.completed` (remuneration
   * builds on it) in the same transaction. Participants may differ from the confirmed team.
   */
  complete({ siteId, missionId, participants }: MissionCompleteRequest): Promise<Mission> {
    const today = todayInFrance();
    return this.unitOfWork.run(async ({ manager, publish }) => {
      const site = siteIdOf(siteId);
      const mission = await this.missions.findMission(manager, site, missionId, true);
      const next = transition(mission.status, 'complete');
      const hours = parseParticipants(participants);
      const ids = hours.map((p) => p.memberId);
      const members = await this.members.knownMembers(manager, site, ids);
      const oneDay = missionDays(mission.startsOn, mission.endsOn) === 1;
      const minors = oneDay ? ids.filter((id) => members.get(id)?.adultOn != null) : [];
      await this.missions.lockMinors(manager, minors);
      const sameDay = oneDay ? await this.missions.sameDayHundredths(manager, site, mission.id, mission.startsOn, minors) : new Map<string, number>();
      checkCompletion(hours, { startsOn: mission.startsOn, endsOn: mission.endsOn, today, members, sameDayHundredths: sameDay });
      await this.missions.insertParticipants(manager, site, mission.id, hours);
      const now = new Date();
      Object.assign(mission, { status: next, completedOn: today, updatedAt: now });
      await this.missions.save(manager, mission);
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
      return this.oneWithPeople(manager, site, mission);
    });
  }

  cancel({ siteId, missionId, reason }: MissionCancelRequest): Promise<Mission> {
    const today = todayInFrance();
    return this.unitOfWork.run(async ({ manager }) => {
      const mission = await this.missions.findMission(manager, siteIdOf(siteId), missionId, true);
      const next = transition(mission.status, 'cancel');
      const why = requiredText(reason, 'reason', 1, 500);
      Object.assign(mission, { status: next, cancelledOn: today, cancellationReason: why, updatedAt: new Date() });
      await this.missions.save(manager, mission);
      return this.oneWithPeople(manager, siteIdOf(siteId), mission);
    });
  }
}
