import { Injectable } from '@nestjs/common';
import { DomainError, GivenRecognition, GiveRecognitionRequest, ListRecognitionsRequest, Recognition, RecognitionRound, siteIdOf } from '@kpa/contracts';
import { UnitOfWork } from '@kpa/platform';
import { DirectoryRepository } from '../directory/directory.repository';
import { isActive, KnownMember } from '../directory/known-member';
import { SiteSettingsRepository } from '../settings/site-settings.repository';
import { actingMember } from './period';
import { PeriodsRepository } from './periods.repository';
import { checkGift, giftsVisibleTo, receivedTotalsVisible, remainingPoints } from './recognition';
import { RecognitionsRepository } from './recognitions.repository';

/**
 * The peer recognition round of a period: a member gives points to others while it is open, within
 * the site's budget; they see their own gifts only; the totals received show once it is closed
 * (frozen with the figures).
 */
@Injectable()
export class RecognitionsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly periods: PeriodsRepository,
    private readonly recognitions: RecognitionsRepository,
    private readonly directory: DirectoryRepository,
    private readonly settings: SiteSettingsRepository,
  ) {}

  /**
   * Under the giver's advisory lock, so two gifts at once cannot both fit in what is left; the
   * period row is read FOR SHARE, so a close waits for the gift (and counts it) or the gift waits
   * for the close (and is refused: the period is no longer open).
   */
  async give(request: GiveRecognitionRequest): Promise<GivenRecognition> {
    const { periodId, actor } = request;
    const siteId = siteIdOf(request.siteId);
    const fromMemberId = actingMember(actor, 'Recognition points are given');
    return this.unitOfWork.run(async ({ manager }) => {
      await this.recognitions.lockGiver(periodId, fromMemberId, manager);
      const period = await this.periods.find(siteId, periodId, { lock: 'share' }, manager);
      const giver = await this.directory.member(siteId, fromMemberId, manager);
      const to = typeof request.toMemberId === 'string' ? request.toMemberId.trim().toLowerCase() : undefined;
      let recipient: KnownMember | undefined;
      if (to !== undefined && to !== '' && to !== fromMemberId) {
        recipient = await this.directory.member(siteId, to, manager);
        if (!recipient) throw new DomainError('MEMBER_NOT_FOUND', `No member with id ${to} on this site.`, { field: 'toMemberId', toMemberId: to });
      }
      const given = await this.recognitions.givenBy(siteId, period.id, fromMemberId, manager);
      const { recognitionBudget } = await this.settings.get(siteId, {}, manager);
      const accepted = checkGift(
        { toMemberId: to, points: request.points, note: request.note },
        {
          fromMemberId,
          periodStatus: period.status,
          giverActive: isActive(giver),
          recipientActive: isActive(recipient),
          budget: recognitionBudget,
          alreadyGiven: given,
        },
      );
      const id = await this.recognitions.insert(siteId, { periodId: period.id, ...accepted }, manager);
      const created = (await this.recognitions.givenIn(siteId, period.id, fromMemberId, manager)).find((g) => g.id === id) as Recognition;
      return { ...created, remaining: remainingPoints(recognitionBudget, given + accepted.points, isActive(giver)) };
    });
  }

  async list({ siteId: site, periodId, actor }: ListRecognitionsRequest): Promise<RecognitionRound> {
    const siteId = siteIdOf(site);
    const period = await this.periods.find(siteId, periodId);
    const { recognitionBudget } = await this.settings.get(siteId);
    const memberId = actor.memberId?.toLowerCase() ?? null;
    const given = memberId ? giftsVisibleTo(await this.recognitions.givenIn(siteId, period.id, memberId), memberId) : [];
    const giver = memberId ? await this.directory.member(siteId, memberId) : undefined;
    const spent = given.reduce((sum, g) => sum + g.points, 0);
    const totalsVisible = receivedTotalsVisible(period.status);
    let totals: RecognitionRound['totals'] = null;
    if (totalsVisible && period.figures?.recognition.totals) {
      const erased = await this.directory.erasedNames(
        siteId,
        period.figures.recognition.totals.map((t) => t.memberId),
      );
      totals = period.figures.recognition.totals.map((t) => {
        const pseudonym = erased.get(t.memberId);
        return pseudonym ? { ...t, name: `${pseudonym.firstName} ${pseudonym.lastName}` } : t;
      });
    }
    return {
      periodId: period.id,
      status: period.status,
      budget: recognitionBudget,
      given,
      remaining: period.status === 'open' ? remainingPoints(recognitionBudget, spent, isActive(giver)) : 0,
      totalsVisible,
      totals,
    };
  }
}
