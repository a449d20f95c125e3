import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
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
  ListContributionsRequest,
} from '@kpa/contracts';
import { keysetPage, todayInFrance, UnitOfWork } from '@kpa/platform';
import { checkContribution, checkMinorWorkingTime, ContributionKind, ContributionStatus, decideContribution, formatStartTime, isMinorOn, WorkedTime } from './contribution';
import { isoWeekOf } from '../periods/period';
import { displayName, knownMember, knownMembers, UUID } from '../directory/known-member';
import { ContributionEntity } from './contribution.entity';
import { checkWithinMembership, involvementTotals } from './involvement';

const UNKNOWN_MEMBER = 'Membre inconnu';

function invalid(field: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, { field });
}

/** A contribution of the site, locked for a decision when asked; one of another site does not exist for it (404). */
async function findContribution(manager: EntityManager, siteId: string, contributionId: string, forChange = false): Promise<ContributionEntity> {
  const found = UUID.test(contributionId)
    ? await manager.findOne(ContributionEntity, { where: { id: contributionId.toLowerCase(), siteId }, ...(forChange ? { lock: { mode: 'pessimistic_write' as const } } : {}) })
    : null;
  if (!found) throw new DomainError('CONTRIBUTION_NOT_FOUND', `No contribution with id ${contributionId} on this site.`, { contributionId });
  return found;
}

async function withNames(manager: EntityManager, siteId: string, entities: ContributionEntity[]): Promise<Contribution[]> {
  const members = await knownMembers(
    manager,
    siteId,
    entities.map((e) => e.memberId),
  );
  return entities.map((e) => {
    const member = members.get(e.memberId);
    return e.toContract(member ? displayName(member) : UNKNOWN_MEMBER);
  });
}

/**
 * Serialises the entries of one member: two entries logged at once cannot together pass a minor's
 * daily or weekly limit (each reads the other's committed hours), as commerce does for missions.
 */
async function lockMember(manager: EntityManager, memberId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('remuneration.contribution.member:' || $1, 0))`, [memberId]);
}

/**
 * Time the member already has in the ISO week of `date`: their other contributions that are not
 * rejected (on their day) and the hours of their completed missions (on the day the mission was
 * completed, the only day the ledger knows for a multi-day mission).
 */
async function workedTimeInWeekOf(manager: EntityManager, siteId: string, memberId: string, date: string): Promise<WorkedTime[]> {
  const week = isoWeekOf(date);
  const rows: { date: string; hundredths: string }[] = await manager.query(
    `SELECT to_char(worked_on, 'YYYY-MM-DD') AS date, hundredths FROM remuneration.contribution
      WHERE site_id = $1 AND member_id = $2 AND status <> 'rejected' AND worked_on BETWEEN $3 AND $4
     UNION ALL
     SELECT to_char(completed_on, 'YYYY-MM-DD') AS date, hundredths FROM remuneration.mission_hours
      WHERE site_id = $1 AND member_id = $2 AND completed_on BETWEEN $3 AND $4`,
    [siteId, memberId, week.startsOn, week.endsOn],
  );
  return rows.map((r) => ({ date: r.date, hundredths: Number(r.hundredths) }));
}

/** The list's filters, checked (the gateway checks them too; RPC callers may not). */
function filters(request: ListContributionsRequest): { memberId?: string; from?: string; to?: string; status?: ContributionStatus; kind?: ContributionKind } {
  const { memberId, from, to, status, kind } = request;
  if (memberId !== undefined && !UUID.test(memberId)) throw invalid('memberId', 'memberId must be a member id (uuid).');
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
 * decideContribution); this holds the transactions and the queries.
 */
@Injectable()
export class ContributionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  create({ siteId, actor, memberId, contribution }: CreateContributionRequest): Promise<Contribution> {
    const today = todayInFrance();
    const data = checkContribution(contribution ?? {}, today);
    if (typeof memberId !== 'string' || !UUID.test(memberId)) throw new DomainError('MEMBER_NOT_FOUND', `No member with id ${String(memberId)} on this site.`, { memberId });
    const id = memberId.toLowerCase();
    return this.unitOfWork.run(async ({ manager }) => {
      await lockMember(manager, id);
      const member = await knownMember(manager, siteId, id);
      checkWithinMembership(member, data.date);
      const others = isMinorOn(member.adultOn, data.date) ? await workedTimeInWeekOf(manager, siteId, member.id, data.date) : [];
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
      await manager.insert(ContributionEntity, entity);
      return entity.toContract(displayName(member));
    });
  }

  async get({ siteId, contributionId }: GetContributionRequest): Promise<Contribution> {
    const manager = this.dataSource.manager;
    return (await withNames(manager, siteId, [await findContribution(manager, siteId, contributionId)]))[0];
  }

  async list(request: ListContributionsRequest): Promise<ContributionPage> {
    const { memberId, from, to, status, kind } = filters(request);
    const query = this.dataSource.getRepository(ContributionEntity).createQueryBuilder('c').where('c.siteId = :siteId', { siteId: request.siteId });
    if (memberId) query.andWhere('c.memberId = :memberId', { memberId });
    if (from) query.andWhere('c.workedOn >= :from', { from });
    if (to) query.andWhere('c.workedOn <= :to', { to });
    if (status) query.andWhere('c.status = :status', { status });
    if (kind) query.andWhere('c.kind = :kind', { kind });
    const sums = await query
      .clone()
      .select('c.kind', 'kind')
      .addSelect('c.status', 'status')
      .addSelect('SUM(c.hundredths)', 'hundredths')
      .groupBy('c.kind')
      .addGroupBy('c.status')
      .getRawMany<{ kind: ContributionKind; status: ContributionStatus; hundredths: string }>();
    const page = await keysetPage(query, request);
    // Mission hours count as validated (a coordinator recorded them on completion), on the day the mission was completed.
    let missionHundredths = 0;
    if (!kind && (!status || status === 'validated')) {
      const [row]: { total: string | null }[] = await this.dataSource.query(
        `SELECT SUM(hundredths) AS total FROM remuneration.mission_hours
          WHERE site_id = $1 AND ($2::uuid IS NULL OR member_id = $2) AND ($3::date IS NULL OR completed_on >= $3) AND ($4::date IS NULL OR completed_on <= $4)`,
        [request.siteId, memberId ?? null, from ?? null, to ?? null],
      );
      missionHundredths = Number(row.total ?? 0);
    }
    return {
      items: await withNames(this.dataSource.manager, request.siteId, page.items),
      nextCursor: page.nextCursor,
      totals: involvementTotals(
        sums.map((s) => ({ kind: s.kind, status: s.status, hundredths: Number(s.hundredths) })),
        missionHundredths,
      ),
    };
  }

  validate(request: DecideContributionRequest): Promise<Contribution> {
    return this.decide(request, 'validate');
  }

  reject(request: DecideContributionRequest): Promise<Contribution> {
    return this.decide(request, 'reject');
  }

  private decide({ siteId, contributionId, actor, reason }: DecideContributionRequest, decision: 'validate' | 'reject'): Promise<Contribution> {
    return this.unitOfWork.run(async ({ manager }) => {
      const contribution = await findContribution(manager, siteId, contributionId, true);
      const outcome = decideContribution(contribution.status, decision, reason);
      const now = new Date();
      Object.assign(contribution, { status: outcome.status, reason: outcome.rejectionReason, decidedBy: actor.userId, decidedAt: now, updatedAt: now });
      await manager.save(contribution);
      return (await withNames(manager, siteId, [contribution]))[0];
    });
  }
}
