import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ReadinessReport } from '@kpa/contracts';

/** What a durable JetStream consumer of this service has not finished, from its consumer info. */
export interface ConsumerState {
  consumer: string;
  pending: number;
  ackPending: number;
  redelivered: number;
}

/** What a BullMQ queue holds (the worker), read at each scrape. */
export interface QueueCounts {
  queue: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

/**
 * One probe run per scrape however many gauges read it: prom-client collects the metrics of a
 * scrape concurrently, so the second gauge finds the first one's run in flight and shares it.
 */
function sharedRun<T>(probe: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | undefined;
  return () => (inFlight ??= probe().finally(() => (inFlight = undefined)));
}

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

  /** Set by the health service: the readiness report, at each scrape. */
  readinessProbe?: () => Promise<ReadinessReport>;
  private readonly readinessOfScrape = sharedRun(async () => this.readinessProbe?.());

  readonly ready = new Gauge({
    name: 'kpa_ready',
    help: '1 when the service is ready (its dependencies answer and it is not shutting down), else 0',
    registers: [this.registry],
    collect: async () => {
      const report = await this.readinessOfScrape();
      if (report) this.ready.set(report.status === 'ready' ? 1 : 0);
    },
  });

  readonly dependencyUp = new Gauge({
    name: 'kpa_dependency_up',
    help: 'Each readiness check (postgres, nats, redis, shutdown; on the gateway also each service): 1 up, 0 down',
    labelNames: ['dependency'] as const,
    registers: [this.registry],
    collect: async () => {
      const report = await this.readinessOfScrape();
      if (!report) return;
      for (const [dependency, check] of Object.entries({ ...report.checks, ...report.services })) this.dependencyUp.set({ dependency }, check.status === 'up' ? 1 : 0);
      if (!report.checks.shutdown) this.dependencyUp.remove({ dependency: 'shutdown' });
    },
  });

  /** Set by the event consumers: the state of each durable consumer, at each scrape. */
  consumerProbe?: () => Promise<ConsumerState[]>;
  private readonly consumersOfScrape = sharedRun(async () => (this.consumerProbe ? this.consumerProbe() : []));

  readonly consumerPending = new Gauge({
    name: 'kpa_event_consumer_pending',
    help: 'Events in the stream not yet delivered to this durable consumer (JetStream num_pending)',
    labelNames: ['consumer'] as const,
    registers: [this.registry],
    collect: async () => {
      const states = await this.consumersOfScrape();
      this.consumerPending.reset();
      for (const state of states) this.consumerPending.set({ consumer: state.consumer }, state.pending);
    },
  });

  readonly consumerAckPending = new Gauge({
    name: 'kpa_event_consumer_ack_pending',
    help: 'Events delivered to this durable consumer and not yet acknowledged (JetStream num_ack_pending)',
    labelNames: ['consumer'] as const,
    registers: [this.registry],
    collect: async () => {
      const states = await this.consumersOfScrape();
      this.consumerAckPending.reset();
      for (const state of states) this.consumerAckPending.set({ consumer: state.consumer }, state.ackPending);
    },
  });

  readonly consumerRedelivered = new Gauge({
    name: 'kpa_event_consumer_redelivered',
    help: 'Events delivered more than once to this durable consumer and still not acknowledged (JetStream num_redelivered)',
    labelNames: ['consumer'] as const,
    registers: [this.registry],
    collect: async () => {
      const states = await this.consumersOfScrape();
      this.consumerRedelivered.reset();
      for (const state of states) this.consumerRedelivered.set({ consumer: state.consumer }, state.redelivered);
    },
  });

  // worker: jobs (docs/worker.md, observing the jobs)
  /** Set by the worker's queue registry: the counts of every queue, at each scrape. */
  queueProbe?: () => Promise<QueueCounts[]>;
  private readonly queuesOfScrape = sharedRun(async () => (this.queueProbe ? this.queueProbe() : []));

  readonly queueJobs = new Gauge({
    name: 'kpa_queue_jobs',
    help: 'Jobs of a BullMQ queue by state (waiting, active, delayed, failed), at each scrape',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
    collect: async () => {
      for (const counts of await this.queuesOfScrape()) {
        for (const state of ['waiting', 'active', 'delayed', 'failed'] as const) this.queueJobs.set({ queue: counts.queue, state }, counts[state]);
      }
    },
  });

  readonly jobsCompleted = new Counter({
    name: 'kpa_jobs_completed_total',
    help: 'Jobs completed, by queue and job name',
    labelNames: ['queue', 'job'] as const,
    registers: [this.registry],
  });

  readonly jobsFailed = new Counter({
    name: 'kpa_jobs_failed_total',
    help: 'Job attempts that threw, by queue and job name',
    labelNames: ['queue', 'job'] as const,
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'kpa_job_duration_seconds',
    help: 'Duration of a job attempt, by queue, job name and outcome (done, failed)',
    labelNames: ['queue', 'job', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [this.registry],
  });

  // worker: mail
  readonly mailSent = new Counter({
    name: 'kpa_mail_sent_total',
    help: 'Outgoing e-mails after a send attempt, by outcome (sent, retry, failed)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'kpa_' });
  }
}
