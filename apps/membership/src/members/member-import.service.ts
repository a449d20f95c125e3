import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { ImportMembersRequest, MEMBER_JOINED_V1, MemberImportReport, siteIdOf } from '@kpa/contracts';
import { createEvent, todayInFrance, UnitOfWork } from '@kpa/platform';
import { SiteRepository } from '../sites/site.repository';
import { checkMemberSheet, personKey, readMemberSheet } from './member-import';
import { MemberEntity } from './member.entity';
import { MembersRepository } from './members.repository';
import { changed } from './members.service';

/** Imports members from a spreadsheet (CSV): every valid row in one transaction, or none in a dry run. */
@Injectable()
export class MemberImportService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly members: MembersRepository,
    private readonly sites: SiteRepository,
  ) {}

  async import({ siteId: requestedSiteId, csv, dryRun = false }: ImportMembersRequest): Promise<MemberImportReport> {
    const siteId = siteIdOf(requestedSiteId);
    const today = todayInFrance();
    const sheet = readMemberSheet(csv);
    return this.unitOfWork.run(async ({ manager, publish }) => {
      await this.sites.assertExists(siteId, manager);
      // People already on the site are refused, so a file can be sent again once its refused rows are fixed.
      const people = await this.members.identitiesOf(siteId, manager);
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
      await this.members.insertMany(entities, manager);
      if (entities.length > 0) await publish(...entities.map((entity) => createEvent(MEMBER_JOINED_V1, siteId, changed(entity), now)));
      report.created = accepted.map(({ row }, i) => ({ row, memberId: entities[i].id, firstName: entities[i].firstName, lastName: entities[i].lastName }));
      return report;
    });
  }
}
