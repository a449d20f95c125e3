import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The Prometheus metrics of one service, on its own registry (several apps may share a test process). */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'kpa_http_request_duration_seconds',
    help: 'HTTP request latency by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly rpcServerDuration = new Histogram({
    name: 'kpa_rpc_server_duration_seconds',
    help: 'Latency of RPC requests handled by this service',
    labelNames: ['subject', 'outcome'] as const,
    buckets: [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly rpcClientDuration = new Histogram({
    name: 'kpa_rpc_client_duration_seconds',
    help: 'Latency of RPC requests sent by this service, reply included',
    labelNames: ['subject', 'outcome'] as const,
    buckets: [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  /** Set by the outbox relay: counts the committed events not yet published, at each scrape. */
  backlogProbe?: () => Promise<number>;

  readonly outboxBacklog = new Gauge({
    name: 'kpa_outbox_backlog',
    help: 'Committed events not yet published to JetStream',
    registers: [this.registry],
    collect: async () => {
      if (this.backlogProbe) this.outboxBacklog.set(await this.backlogProbe());
    },
  });

  readonly eventsPublished = new Counter({
    name: 'kpa_events_published_total',
    help: 'Events published from the outbox to JetStream',
    registers: [this.registry],
  });

  readonly eventsConsumed = new Counter({
    name: 'kpa_events_consumed_total',
    help: 'Events received by durable consumers, by outcome (applied, duplicate, failed)',
    labelNames: ['consumer', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'kpa_' });
  }
}
