import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { DomainError, isUuid, PageRequest, SiteId } from '@kpa/contracts';
import { keysetPage } from '@kpa/platform';
import { PeriodDates } from '../periods/period';
import { ContributionKind, ContributionStatus, WorkedTime } from './contribution';
import { ContributionEntity } from './contribution.entity';

/** The list's filters, already checked. */
export interface ContributionFilters {
  memberId?: string;
  from?: string;
  to?: string;
  status?: ContributionStatus;
  kind?: ContributionKind;
}

/** Every read and write of the site's contributions, and the mission hours counted beside them. */
@Injectable()
export class ContributionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A contribution of the site, locked for a decision when asked; one of another site does not exist for it (404). */
  async find(siteId: SiteId, contributionId: string, options: { forChange?: boolean } = {}, manager: EntityManager = this.dataSource.manager): Promise<ContributionEntity> {
    const found = isUuid(contributionId)
      ? await manager.findOne(ContributionEntity, {
          where: { id: contributionId.toLowerCase(), siteId },
          ...(options.forChange ? { lock: { mode: 'pessimistic_write' as const } } : {}),
        })
      : null;
    if (!found) throw new DomainError('CONTRIBUTION_NOT_FOUND', `No contribution with id ${contributionId} on this site.`, { contributionId });
    return found;
  }

  /**
   * Serialises the entries of one member: two entries logged at once cannot together pass a minor's
   * daily or weekly limit (each reads the other's committed hours), as commerce does for missions.
   */
  async lockMember(memberId: string, manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('remuneration.contribution.member:' || $1, 0))`, [memberId]);
  }

  /**
   * Time the member already has in `week`: their other contributions that are not rejected (on
   * their day) and the hours of their completed missions (on the day the mission was completed, the
   * only day the ledger knows for a multi-day mission).
   */
  async workedTime(siteId: SiteId, memberId: string, week: PeriodDates, manager: EntityManager): Promise<WorkedTime[]> {
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

  async insert(entity: ContributionEntity & { siteId: SiteId }, manager: EntityManager): Promise<void> {
    await manager.insert(ContributionEntity, entity);
  }

  async save(entity: ContributionEntity, manager: EntityManager): Promise<void> {
    await manager.save(entity);
  }

  /** Hours per kind and status of the contributions the filters select. */
  sums(siteId: SiteId, filters: ContributionFilters): Promise<{ kind: ContributionKind; status: ContributionStatus; hundredths: number }[]> {
    return this.filtered(siteId, filters)
      .select('c.kind', 'kind')
      .addSelect('c.status', 'status')
      .addSelect('SUM(c.hundredths)', 'hundredths')
      .groupBy('c.kind')
      .addGroupBy('c.status')
      .getRawMany<{ kind: ContributionKind; status: ContributionStatus; hundredths: string }>()
      .then((rows) => rows.map((s) => ({ kind: s.kind, status: s.status, hundredths: Number(s.hundredths) })));
  }

  page(siteId: SiteId, filters: ContributionFilters, request: PageRequest): Promise<{ items: ContributionEntity[]; nextCursor: string | null }> {
    return keysetPage(this.filtered(siteId, filters), request);
  }

  /** Mission hours of the site in the filters' member and dates (on the day each mission was completed). */
  async missionHundredths(siteId: SiteId, filters: Pick<ContributionFilters, 'memberId' | 'from' | 'to'>): Promise<number> {
    const [row]: { total: string | null }[] = await this.dataSource.query(
      `SELECT SUM(hundredths) AS total FROM remuneration.mission_hours
        WHERE site_id = $1 AND ($2::uuid IS NULL OR member_id = $2) AND ($3::date IS NULL OR completed_on >= $3) AND ($4::date IS NULL OR completed_on <= $4)`,
      [siteId, filters.memberId ?? null, filters.from ?? null, filters.to ?? null],
    );
    return Number(row.total ?? 0);
  }

  /** Keyed by the member's id alone (unique across sites): an erasure must reach the person wherever they are. */
  async eraseNotesOf(memberId: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE remuneration.contribution SET note = NULL, updated_at = now() WHERE member_id = $1 AND note IS NOT NULL`, [memberId]);
  }

  private filtered(siteId: SiteId, { memberId, from, to, status, kind }: ContributionFilters): SelectQueryBuilder<ContributionEntity> {
    const query = this.dataSource.getRepository(ContributionEntity).createQueryBuilder('c').where('c.siteId = :siteId', { siteId });
    if (memberId) query.andWhere('c.memberId = :memberId', { memberId });
    if (from) query.andWhere('c.workedOn >= :from', { from });
    if (to) query.andWhere('c.workedOn <= :to', { to });
    if (status) query.andWhere('c.status = :status', { status });
    if (kind) query.andWhere('c.kind = :kind', { kind });
    return query;
  }
}
