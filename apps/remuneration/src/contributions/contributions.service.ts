import { formatHours } from '../units';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  CONTRIBUTION_KINDS,
  CONTRIBUTION_STATUSES,
  Contribution,
  ContributionPage,
  CreateContributionRequest,
  DecideContributionRequest,
  DomainError,
  GetContributionRequest,
  isIsoDate,
  isUuid,
  ListContributionsRequest,
  SiteId,
  siteIdOf,
  CONTRIBUTION_DECIDED_V1,
} from '@kpa/contracts';
import { createEvent, todayInFrance, UnitOfWork } from '@kpa/platform';
import { EntityManager } from 'typeorm';
import { checkContribution, checkMinorWorkingTime, decideContribution, formatStartTime, isMinorOn } from './contribution';
import { isoWeekOf } from '../periods/period';
import { displayName } from '../directory/known-member';
import { DirectoryRepository } from '../directory/directory.repository';
import { ContributionEntity } from './contribution.entity';
import { ContributionFilters, ContributionsRepository } from './contributions.repository';
import { checkWithinMembership, involvementTotals } from './involvement';

const UNKNOWN_MEMBER = 'Membre inconnu';

function invalid(field: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, { field });
}

/** The list's filters, checked (the gateway checks them too; RPC callers may not). */
function filters(request: ListContributionsRequest): ContributionFilters {
  const { memberId, from, to, status, kind } = request;
  if (memberId !== undefined && !isUuid(memberId)) throw invalid('memberId', 'memberId must be a member id (uuid).');
  if (from !== undefined && !isIsoDate(from)) throw invalid('from', 'from must be a date YYYY-MM-DD.');
  if (to !== undefined && !isIsoDate(to)) throw invalid('to', 'to must be a date YYYY-MM-DD.');
  if (from !== undefined && to !== undefined && from > to) throw invalid('to', `to (${to}) is before from (${from}).`);
  if (status !== undefined && !(CONTRIBUTION_STATUSES as readonly string[]).includes(status)) throw invalid('status', `status must be one of ${CONTRIBUTION_STATUSES.join(', ')}.`);
  if (kind !== undefined && !(CONTRIBUTION_KINDS as readonly string[]).includes(kind)) throw invalid('kind', `kind must be one of ${CONTRIBUTION_KINDS.join(', ')}.`);
  return { memberId: memberId?.toLowerCase(), from, to, status, kind };
}

/**
 * The involvement ledger's contributive time: members log theirs (a coordinator for anyone),
 * coordinators validate or reject; the list gives totals per kind with the mission hours commerce
 * reported. The rules are the domain's (checkContribution, checkMinorWorkingTime,
 * decideContribution); this holds the transactions, the repositories the queries.
 */
@Injectable()
export class ContributionsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly contributions: ContributionsRepository,
    private readonly directory: DirectoryRepository,
  ) {}

  create({ siteId: site, actor, memberId, contribution }: CreateContributionRequest): Promise<Contribution> {
    const siteId = siteIdOf(site);
    const today = todayInFrance();
    const data = checkContribution(contribution ?? {}, today);
    if (typeof memberId !== 'string' || !isUuid(memberId)) throw new DomainError('MEMBER_NOT_FOUND', `No member with id ${String(memberId)} on this site.`, { memberId });
    const id = memberId.toLowerCase();
    return this.unitOfWork.run(async ({ manager }) => {
      await this.contributions.lockMember(id, manager);
      const member = await this.directory.findMember(siteId, id, manager);
      checkWithinMembership(member, data.date);
      const others = isMinorOn(member.adultOn, data.date) ? await this.contributions.workedTime(siteId, member.id, isoWeekOf(data.date), manager) : [];
      checkMinorWorkingTime(data, member.adultOn, others);
      const now = new Date();
      const entity = Object.assign(new ContributionEntity(), {
        id: uuidv7(),
        siteId,
        memberId: member.id,
        kind: data.kind,
        task: data.task,
        workedOn: data.date,
        startTime: data.startMinutes === null ? null : formatStartTime(data.startMinutes),
        hundredths: data.hundredths,
        note: data.note,
        status: 'submitted' as const,
        reason: null,
        createdBy: actor.userId,
        decidedBy: null,
        decidedAt: null,
        periodId: null,
        createdAt: now,
        updatedAt: now,
      });
      await this.contributions.insert(entity, manager);
      return entity.toContract(displayName(member));
    });
  }

  async get({ siteId, contributionId }: GetContributionRequest): Promise<Contribution> {
    const site = siteIdOf(siteId);
    return (await this.withNames(site, [await this.contributions.find(site, contributionId)]))[0];
  }

  async list(request: ListContributionsRequest): Promise<ContributionPage> {
    const selected = filters(request);
    const siteId = siteIdOf(request.siteId);
    const sums = await this.contributions.sums(siteId, selected);
    const page = await this.contributions.page(siteId, selected, request);
    // Mission hours count as validated (a coordinator recorded them on completion), on the day the mission was completed.
    const missionHundredths = !selected.kind && (!selected.status || selected.status === 'validated') ? await this.contributions.missionHundredths(siteId, selected) : 0;
    return {
      items: await this.withNames(siteId, page.items),
      nextCursor: page.nextCursor,
      totals: involvementTotals(sums, missionHundredths),
    };
  }

  validate(request: DecideContributionRequest): Promise<Contribution> {
    return this.decide(request, 'validate');
  }

  reject(request: DecideContributionRequest): Promise<Contribution> {
    return this.decide(request, 'reject');
  }

  private decide({ siteId: site, contributionId, actor, reason }: DecideContributionRequest, decision: 'validate' | 'reject'): Promise<Contribution> {
    const siteId = siteIdOf(site);
    return this.unitOfWork.run(async ({ manager, publish }) => {
      const contribution = await this.contributions.find(siteId, contributionId, { forChange: true }, manager);
      const outcome = decideContribution(contribution.status, decision, reason);
      const now = new Date();
      Object.assign(contribution, { status: outcome.status, reason: outcome.rejectionReason, decidedBy: actor.userId, decidedAt: now, updatedAt: now });
      await this.contributions.save(contribution, manager);
      await publish(
        createEvent(CONTRIBUTION_DECIDED_V1, siteId, {
          contributionId: contribution.id,
          memberId: contribution.memberId,
          date: contribution.workedOn,
          hours: formatHours(contribution.hundredths),
          status: decision === 'validate' ? 'validated' : 'rejected',
          reason: outcome.rejectionReason,
        }),
      );
      return (await this.withNames(siteId, [contribution], manager))[0];
    });
  }

  private async withNames(siteId: SiteId, entities: ContributionEntity[], manager?: EntityManager): Promise<Contribution[]> {
    const members = await this.directory.members(
      siteId,
      entities.map((e) => e.memberId),
      manager,
    );
    return entities.map((e) => {
      const member = members.get(e.memberId);
      return e.toContract(member ? displayName(member) : UNKNOWN_MEMBER);
    });
  }
}
