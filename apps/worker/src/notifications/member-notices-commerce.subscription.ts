import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DURABLE_CONSUMERS, E_INVOICE_REFUSED_V1, EventEnvelope, eventSiteId, MISSION_TEAM_CONFIRMED_V1, MissionTeamConfirmedV1, QUOTE_EXPIRED_V1 } from '@kpa/contracts';
import { EventSubscription, eventHandlers, on } from '@kpa/platform';
import { Notifications } from './notifications';
import { eInvoiceRefusedNotice, missionTeamNotice, quoteExpiredNotice } from './member-notices';

/**
 * Commerce's news for members: their quote expired (to its author, a coordinator too), their mission's
 * team confirmed; and for the site's coordinators: an e-invoice refused or rejected at the PA.
 */
@Injectable()
export class MemberNoticesCommerceSubscription implements EventSubscription {
  readonly durable = DURABLE_CONSUMERS.workerMemberNoticesCommerce;
  readonly filter = 'events.commerce.>';
  readonly handlers = eventHandlers(
    on(QUOTE_EXPIRED_V1, async (event, manager) => {
      await this.notifications.toUser(manager, event.data.createdBy, {
        key: `quote_expired:${event.data.quoteId}`,
        siteId: eventSiteId(event),
        kind: 'quote_expired',
        content: quoteExpiredNotice(event.data),
      });
    }),
    on(MISSION_TEAM_CONFIRMED_V1, (event, manager) => this.teamConfirmed(event, manager)),
    on(E_INVOICE_REFUSED_V1, async (event, manager) => {
      await this.notifications.toCoordinators(manager, {
        key: `einvoice_refused:${event.data.documentId}`,
        siteId: eventSiteId(event),
        kind: 'einvoice_refused',
        content: eInvoiceRefusedNotice(event.data),
      });
    }),
  );

  constructor(private readonly notifications: Notifications) {}

  /** Keyed by the team's members: a team changed later tells only those newly in it. */
  private async teamConfirmed(event: EventEnvelope<MissionTeamConfirmedV1>, manager: EntityManager): Promise<void> {
    const siteId = eventSiteId(event);
    const content = missionTeamNotice(siteId, event.data);
    for (const memberId of event.data.team) {
      await this.notifications.toMember(manager, memberId, { key: `mission_team:${event.data.missionId}:${memberId}`, siteId, kind: 'mission_team_confirmed', content });
    }
  }
}
