import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Subscription } from '@nats-io/transport-node';
import { BROADCASTS } from '@kpa/contracts';
import { LOGGER, Logger, namespaced, NatsClient } from '@kpa/platform';
import { IdentityRepository } from '../identity/identity.repository';
import { Principal } from './roles';

/** How long a gateway may serve a principal without re-reading it: the bound on a lost broadcast. */
const TTL_MS = 5000;
const MAX_ENTRIES = 50_000;

/**
 * The caller of each request, read from Postgres at most every few seconds per session
 * instead of on every request (the hot path of every API call). A change of roles or sessions
 * drops the entries at once in this instance and, through a NATS broadcast, in the others;
 * should a broadcast be lost, an entry lives 5 seconds at most.
 */
@Injectable()
export class PrincipalCache implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly entries = new Map<string, { principal: Principal; expiresAt: number }>();
  private subscription?: Subscription;

  constructor(
    private readonly identity: IdentityRepository,
    private readonly nats: NatsClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const connection = await this.nats.connection$();
    this.subscription = connection.subscribe(namespaced(this.nats.namespace, BROADCASTS.identityChanged), {
      callback: (error, message) => {
        if (error) return this.logger.warn({ err: error }, 'identity broadcast failed');
        const { userId } = message.json<{ userId: string }>();
        this.drop(userId);
      },
    });
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
  }

  async get(userId: string, sessionId: string): Promise<Principal | undefined> {
    const cached = this.entries.get(sessionId);
    if (cached && cached.expiresAt > Date.now() && cached.principal.userId === userId) return cached.principal;
    const principal = await this.identity.loadPrincipal(userId, sessionId);
    if (principal) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(sessionId, { principal, expiresAt: Date.now() + TTL_MS });
    } else {
      this.entries.delete(sessionId);
    }
    return principal;
  }

  /** After a change of the user's roles or sessions is committed: every gateway forgets them. */
  async changed(userId: string): Promise<void> {
    this.drop(userId);
    const connection = await this.nats.connection$();
    connection.publish(namespaced(this.nats.namespace, BROADCASTS.identityChanged), JSON.stringify({ userId }));
  }

  private drop(userId: string): void {
    for (const [sessionId, entry] of this.entries) if (entry.principal.userId === userId) this.entries.delete(sessionId);
  }
}
