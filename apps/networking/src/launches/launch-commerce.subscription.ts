import { Injectable } from '@nestjs/common';
import { DURABLE_CONSUMERS, INVOICE_ISSUED_V1, MISSION_COMPLETED_V1 } from '@kpa/contracts';
import { EventSubscription, eventHandlers, on } from '@kpa/platform';
import { LaunchesService } from './launches.service';

/** Commerce's side of the launch paths: a new KPA's first completed mission and first issued invoice, dated by the event. */
@Injectable()
export class LaunchCommerceSubscription implements EventSubscription {
  readonly durable = DURABLE_CONSUMERS.networkingLaunchCommerce;
  readonly filter = 'events.commerce.>';
  readonly handlers = eventHandlers(
    on(MISSION_COMPLETED_V1, (event, m) => this.launches.completeAutomaticStep(event, event.data.completedOn, m)),
    on(INVOICE_ISSUED_V1, (event, m) => this.launches.completeAutomaticStep(event, event.data.issuedOn, m)),
  );

  constructor(private readonly launches: LaunchesService) {}
}
