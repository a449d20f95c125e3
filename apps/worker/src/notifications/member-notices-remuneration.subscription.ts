import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CONTRIBUTION_DECIDED_V1, DURABLE_CONSUMERS, EventEnvelope, eventSiteId, PERIOD_CLOSED_V1, PeriodClosedV1 } from '@kpa/contracts';
import { EventSubscription, eventHandlers, on } from '@kpa/platform';
import { Notifications } from './notifications';
import { contributionNotice, periodClosedNotice } from './member-notices';

/** Remuneration's news for members: their hours validated or not, their share of a closed period. */
@Injectable()
export class MemberNoticesRemunerationSubscription implements EventSubscription {
  readonly durable = DURABLE_CONSUMERS.workerMemberNoticesRemuneration;
  readonly filter = 'events.remuneration.>';
  readonly handlers = eventHandlers(
    on(CONTRIBUTION_DECIDED_V1, async (event, manager) => {
      await this.notifications.toMember(manager, event.data.memberId, {
        key: `contribution:${event.data.contributionId}:${event.data.status}`,
        siteId: eventSiteId(event),
        kind: 'contribution_decided',
        content: contributionNotice(eventSiteId(event), event.data),
      });
    }),
    on(PERIOD_CLOSED_V1, (event, manager) => this.periodClosed(event, manager)),
  );

  constructor(private readonly notifications: Notifications) {}

  private async periodClosed(event: EventEnvelope<PeriodClosedV1>, manager: EntityManager): Promise<void> {
    const siteId = eventSiteId(event);
    for (const share of event.data.shares) {
      await this.notifications.toMember(manager, share.memberId, {
        key: `period_closed:${event.data.periodId}:${share.memberId}`,
        siteId,
        kind: 'period_closed',
        content: periodClosedNotice(siteId, event.data, share.amount),
      });
    }
  }
}
