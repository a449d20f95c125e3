import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BROADCASTS, DURABLE_CONSUMERS, MEMBER_ERASED_V1 } from '@kpa/contracts';
import { EventSubscription, eventHandlers, namespaced, NatsClient, on } from '@kpa/platform';
import { AccountErasureRepository } from './account-erasure.repository';

/**
 * A member erased in membership loses their account here too: their member role goes, and a
 * user left with no role is pseudonymised (e-mail, name, password) and loses every session.
 */
@Injectable()
export class MemberErasureSubscription implements EventSubscription {
  readonly durable = DURABLE_CONSUMERS.gatewayMemberErasure;
  readonly filter = 'events.membership.member.>';
  readonly handlers = eventHandlers(on(MEMBER_ERASED_V1, (event, manager) => this.erase(event.data.memberId, manager)));

  private readonly accounts = new AccountErasureRepository();

  constructor(private readonly nats: NatsClient) {}

  private async erase(memberId: string, manager: EntityManager): Promise<void> {
    for (const userId of await this.accounts.removeMemberRoles(manager, memberId)) {
      await this.accounts.eraseUserLeftWithoutRole(manager, userId);
      // Every gateway instance, this one included, drops what it cached of the user.
      (await this.nats.connection$()).publish(namespaced(this.nats.namespace, BROADCASTS.identityChanged), JSON.stringify({ userId }));
    }
  }
}
