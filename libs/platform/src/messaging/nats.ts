import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { jetstream, JetStreamClient, jetstreamManager, JetStreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { EVENT_STREAM_SUFFIX, EVENT_SUBJECT_ROOT } from '@kpa/contracts';
import { ServiceConfig } from '../config/config';
import { LOGGER, Logger } from '../logging/logger';

/** Full subject of a namespaced subject (`rpc.x.y` → `kpa.rpc.x.y`). */
export function namespaced(namespace: string, subject: string): string {
  return `${namespace}.${subject}`;
}

export function eventStreamName(namespace: string): string {
  return `${namespace.toUpperCase()}_${EVENT_STREAM_SUFFIX}`;
}

/** How long JetStream keeps events: a service down longer than this catches up from nothing (Postgres still has its outbox). */
const EVENT_RETENTION_DAYS = 30;
/** JetStream drops a second message with the same id within this window (the outbox relay may publish twice after a crash). */
const DUPLICATE_WINDOW_MINUTES = 10;

/** Declares the event stream (idempotent): every service calls it at start, publishers and consumers alike. */
export async function ensureEventStream(jsm: JetStreamManager, namespace: string): Promise<string> {
  const name = eventStreamName(namespace);
  const config = {
    name,
    subjects: [`${namespace}.${EVENT_SUBJECT_ROOT}.>`],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    max_age: nanos(EVENT_RETENTION_DAYS * 24 * 3600 * 1000),
    duplicate_window: nanos(DUPLICATE_WINDOW_MINUTES * 60 * 1000),
  };
  try {
    await jsm.streams.info(name);
    await jsm.streams.update(name, config);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await jsm.streams.add(config);
  }
  return name;
}

export function isNotFound(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /not found/i.test(message);
}

/** The service's own NATS connection for JetStream (the RPC transport keeps its own). */
@Injectable()
export class NatsClient implements OnApplicationShutdown {
  private connection?: NatsConnection;
  private js?: JetStreamClient;
  private jsm?: JetStreamManager;
  readonly namespace: string;

  constructor(
    private readonly config: ServiceConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.namespace = config.KPA_NATS_NAMESPACE;
  }

  async connection$(): Promise<NatsConnection> {
    if (!this.connection) {
      this.connection = await connect({
        servers: this.config.NATS_URL.split(','),
        name: `kpa-${process.pid}`,
        maxReconnectAttempts: -1,
        reconnectTimeWait: 500,
      });
      this.logger.info({ servers: this.config.NATS_URL }, 'connected to NATS');
    }
    return this.connection;
  }

  async jetstream(): Promise<JetStreamClient> {
    if (!this.js) this.js = jetstream(await this.connection$());
    return this.js;
  }

  async manager(): Promise<JetStreamManager> {
    if (!this.jsm) this.jsm = await jetstreamManager(await this.connection$());
    return this.jsm;
  }

  /** Readiness: connected and the server answers a round trip. */
  async check(): Promise<void> {
    const connection = await this.connection$();
    if (connection.isClosed()) throw new Error('NATS connection closed');
    await connection.flush();
  }

  async onApplicationShutdown(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    if (connection && !connection.isClosed()) await connection.drain().catch(() => undefined);
  }
}
