import { Injectable } from '@nestjs/common';
import { DURABLE_CONSUMERS, SITE_USER_CHANGED_V1 } from '@kpa/contracts';
import { EventSubscription, eventHandlers, on } from '@kpa/platform';
import { NotificationsRepository } from './notifications.repository';

/**
 * Whom the worker may write to: each site's users, their role and e-mail, as the gateway (which owns
 * identity) publishes them. A role taken away, or an erased user, removes them at once.
 */
@Injectable()
export class RecipientsSubscription implements EventSubscription {
  readonly durable = DURABLE_CONSUMERS.workerRecipients;
  readonly filter = 'events.gateway.>';
  readonly handlers = eventHandlers(on(SITE_USER_CHANGED_V1, (event, manager) => this.repository.saveRecipient(manager, event.data)));

  constructor(private readonly repository: NotificationsRepository) {}
}
