import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { DomainError, ImportMembersRequest, MEMBER_JOINED_V1, MemberImportReport } from '@kpa/contracts';
import { createEvent, todayInFrance, UnitOfWork } from '@kpa/platform';
import { SiteEntity } from '../sites/site.entity';
import { checkMemberSheet, personKey, readMemberSheet } from './member-import';
import { MemberEntity } from './member.entity';
import { changed } from './members.service';

/** Rows per INSERT statement (Postgres takes at most 65535 parameters in one). */
const INSERT_CHUNK = 500;

/** Imports members from a spreadsheet (CSV): every valid row in one transaction, or none in a dry run. */
@Injectable()
export class MemberImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async import({ siteId, csv, dryRun = false }: ImportMembersRequest): Promise<MemberImportReport> {
    const today = todayInFrance();
    const sheet = readMemberSheet(csv);
    return this.unitOfWork.run(async ({ manager, publish }) => {
      if (!(await manager.existsBy(SiteEntity, { id: siteId }))) throw new DomainError('SITE_NOT_FOUND', `No site with id ${siteId}.`, { siteId });
      // People already on the site are refused, so a file can be sent again once its refused rows are fixed.
      const people = await manager.find(MemberEntity, { where: { siteId }, select: { id: true, firstName: true, lastName: true, birthDate: true } });
      const existing = new Set(people.map((p) => personKey(p.firstName, p.lastName, p.birthDate)));
      const { accepted, refused } = checkMemberSheet(sheet, today, existing);
      const report: MemberImportReport = { dryRun, created: [], refused, ignoredColumns: sheet.ignoredColumns };
      if (dryRun) {
        report.created = accepted.map(({ row, data }) => ({ row, firstName: data.firstName, lastName: data.lastName }));
        return report;
      }
      const now = new Date();
      const entities = accepted.map(({ data }) =>
        Object.assign(new MemberEntity(), data, { id: uuidv7(), siteId, stageOverride: null, nextPath: null, journeyHistory: [], erasedAt: null, createdAt: now, updatedAt: now }),
      );
      for (let i = 0; i < entities.length; i += INSERT_CHUNK) await manager.insert(MemberEntity, entities.slice(i, i + INSERT_CHUNK));
      if (entities.length > 0) await publish(...entities.map((entity) => createEvent(MEMBER_JOINED_V1, siteId, changed(entity), now)));
      report.created = accepted.map(({ row }, i) => ({ row, memberId: entities[i].id, firstName: entities[i].firstName, lastName: entities[i].lastName }));
      return report;
    });
  }
}
