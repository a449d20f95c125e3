import { ServerNats } from '@nestjs/microservices';
import type { NatsOptions } from '@nestjs/microservices';

type NatsServerOptions = NonNullable<NatsOptions['options']>;
type Subscription = { unsubscribe(): void };

/**
 * Nest's NATS server, with every subscription under the deployment's namespace
 * (`rpc.membership.site.get` → `kpa.rpc.membership.site.get`) and in the service's queue group,
 * so any number of instances share the requests. Handlers keep their un-prefixed patterns.
 */
export class NamespacedNatsServer extends ServerNats {
  constructor(
    private readonly serverOptions: NatsServerOptions,
    private readonly namespace: string,
  ) {
    super(serverOptions);
  }

  override bindEvents(client: Parameters<ServerNats['bindEvents']>[0]): void {
    // ServerNats keeps its subscriptions privately and unsubscribes them on graceful close.
    const subscriptions = (this as unknown as { subscriptions: Subscription[] }).subscriptions;
    for (const [channel, handler] of this.messageHandlers.entries()) {
      subscriptions.push(
        client.subscribe(`${this.namespace}.${channel}`, {
          queue: (handler.extras?.queue as string | undefined) ?? this.serverOptions.queue,
          callback: this.getMessageHandler(channel).bind(this),
        }),
      );
    }
  }
}
