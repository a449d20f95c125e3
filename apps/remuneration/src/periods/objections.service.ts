import { Injectable } from '@nestjs/common';
import { AnswerObjectionRequest, CreateObjectionRequest, DomainError, isUuid, ListObjectionsRequest, Objection, ObjectionList, siteIdOf } from '@kpa/contracts';
import { UnitOfWork } from '@kpa/platform';
import { actingMember, checkObjection, checkObjectionAnswer, readsEveryObjection } from './period';
import { ObjectionsRepository } from './objections.repository';
import { PeriodsRepository } from './periods.repository';

/**
 * Members' objections to a closed period's proposed figures, and coordinators' answers (the
 * gateway lets only coordinators answer). Approval waits until every objection is answered
 * (PERIOD_OBJECTIONS_PENDING). The period row is read FOR SHARE: an approval (FOR UPDATE) sees
 * every objection made before it.
 */
@Injectable()
export class ObjectionsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly periods: PeriodsRepository,
    private readonly objections: ObjectionsRepository,
  ) {}

  async create({ siteId: site, periodId, actor, text }: CreateObjectionRequest): Promise<Objection> {
    const memberId = actingMember(actor, 'Objections are made');
    const siteId = siteIdOf(site);
    return this.unitOfWork.run(async ({ manager }) => {
      const period = await this.periods.find(siteId, periodId, { lock: 'share' }, manager);
      const checked = checkObjection(period.status, text);
      return this.objections.insert(siteId, { periodId: period.id, memberId, text: checked }, manager);
    });
  }

  /** A coordinator answers (or answers again) while the period is closed. */
  async answer({ siteId: site, periodId, objectionId, actor, answer }: AnswerObjectionRequest): Promise<Objection> {
    const siteId = siteIdOf(site);
    return this.unitOfWork.run(async ({ manager }) => {
      const period = await this.periods.find(siteId, periodId, { lock: 'share' }, manager);
      const [found] = isUuid(objectionId) ? await this.objections.ofPeriod(siteId, period.id, { id: objectionId.toLowerCase() }, manager) : [];
      if (!found) throw new DomainError('OBJECTION_NOT_FOUND', `No objection with id ${objectionId} on this period.`, { objectionId });
      const checked = checkObjectionAnswer(period.status, answer);
      return this.objections.answer(siteId, found, { text: checked, by: actor.userId }, manager);
    });
  }

  /** Coordinators and accountants read every objection of the period; a member their own. */
  async list({ siteId: site, periodId, actor }: ListObjectionsRequest): Promise<ObjectionList> {
    const siteId = siteIdOf(site);
    const period = await this.periods.find(siteId, periodId);
    const items = readsEveryObjection(actor)
      ? await this.objections.ofPeriod(siteId, period.id)
      : actor.memberId
        ? await this.objections.ofPeriod(siteId, period.id, { memberId: actor.memberId.toLowerCase() })
        : [];
    return { items, open: await this.objections.countOpen(siteId, period.id) };
  }
}
