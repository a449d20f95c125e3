import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CONTRIBUTION_DECIDED_V1, DURABLE_CONSUMERS, EventEnvelope, MISSION_TEAM_CONFIRMED_V1, MissionTeamConfirmedV1, PERIOD_CLOSED_V1, PeriodClosedV1 } from '@kpa/contracts';
import { EventSubscription, eventHandlers, on } from '@kpa/platform';
import { Notifications } from './notifications';
import { contributionNotice, missionTeamNotice, periodClosedNotice } from './member-notices';

function siteOf(event: EventEnvelope): string {
  if (!event.siteId) throw new Error(`${event.type} ${event.id} has no siteId`);
  return event.siteId;
}

/** Commerce's news for members: their mission's team confirmed. */
@Injectable()
export class MemberNoticesCommerceSubscription implements EventSubscription {
  readonly durable = DURABLE_CONSUMERS.workerMemberNoticesCommerce;
  readonly filter = 'events.commerce.mission.>';
  readonly handlers = eventHandlers(on(MISSION_TEAM_CONFIRMED_V1, (event, manager) => this.teamConfirmed(event, manager)));

  constructor(private readonly notifications: Notifications) {}

  /** Keyed by the team's members: a team changed later tells only those newly in it. */
  private async teamConfirmed(event: EventEnvelope<MissionTeamConfirmedV1>, manager: EntityManager): Promise<void> {
    const siteId = siteOf(event);
    const content = missionTeamNotice(siteId, event.data);
    for (const memberId of event.data.team) {
      await this.notifications.toMember(manager, memberId, { key: `mission_team:${event.data.missionId}:${memberId}`, siteId, kind: 'mission_team_confirmed', content });
    }
  }
}

/** Remuneration's news for members: their hours validated or not, their share of a closed period. */
@Injectable()
export class MemberNoticesRemunerationSubscription implements EventSubscription {
  readonly durable = DURABLE_CONSUMERS.workerMemberNoticesRemuneration;
  readonly filter = 'events.remuneration.>';
  readonly handlers = eventHandlers(
    on(CONTRIBUTION_DECIDED_V1, async (event, manager) => {
      await this.notifications.toMember(manager, event.data.memberId, {
        key: `contribution:${event.data.contributionId}:${event.data.status}`,
        siteId: siteOf(event),
        kind: 'contribution_decided',
        content: contributionNotice(siteOf(event), event.data),
      });
    }),
    on(PERIOD_CLOSED_V1, (event, manager) => this.periodClosed(event, manager)),
  );

  constructor(private readonly notifications: Notifications) {}

  private async periodClosed(event: EventEnvelope<PeriodClosedV1>, manager: EntityManager): Promise<void> {
    const siteId = siteOf(event);
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
