import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { Metrics } from '@kpa/platform';

/** What a queue holds, read from Redis at each scrape. */
export interface QueueCounts {
  queue: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

/**
 * The worker's metrics, on the service's registry (its metrics listener): gauges per queue read at
 * each scrape, counters and a duration histogram per job kind (docs/worker.md, observing the jobs).
 */
@Injectable()
export class WorkerMetrics {
  /** Set by the queue registry: the counts of every queue, at each scrape. */
  queueProbe?: () => Promise<QueueCounts[]>;
  private inFlight?: Promise<QueueCounts[]>;

  readonly queueJobs: Gauge<'queue' | 'state'>;
  readonly jobsDone: Counter<'queue' | 'job'>;
  readonly jobsFailed: Counter<'queue' | 'job'>;
  readonly jobDuration: Histogram<'queue' | 'job' | 'outcome'>;
  readonly mailSent: Counter<'outcome'>;

  constructor(metrics: Metrics) {
    const registers = [metrics.registry];
    this.queueJobs = new Gauge({
      name: 'kpa_queue_jobs',
      help: 'Jobs of a BullMQ queue by state (waiting, active, delayed, failed), at each scrape',
      labelNames: ['queue', 'state'] as const,
      registers,
      collect: async () => {
        if (!this.queueProbe) return;
        // One Redis round per scrape, shared if collected concurrently.
        const counts = await (this.inFlight ??= this.queueProbe().finally(() => (this.inFlight = undefined)));
        for (const c of counts) {
          for (const state of ['waiting', 'active', 'delayed', 'failed'] as const) this.queueJobs.set({ queue: c.queue, state }, c[state]);
        }
      },
    });
    this.jobsDone = new Counter({ name: 'kpa_jobs_completed_total', help: 'Jobs completed, by queue and job name', labelNames: ['queue', 'job'] as const, registers });
    this.jobsFailed = new Counter({ name: 'kpa_jobs_failed_total', help: 'Job attempts that threw, by queue and job name', labelNames: ['queue', 'job'] as const, registers });
    this.jobDuration = new Histogram({
      name: 'kpa_job_duration_seconds',
      help: 'Duration of a job attempt, by queue, job name and outcome',
      labelNames: ['queue', 'job', 'outcome'] as const,
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers,
    });
    this.mailSent = new Counter({
      name: 'kpa_mail_sent_total',
      help: 'Outgoing e-mails handed to SMTP, by outcome (sent, retry, failed)',
      labelNames: ['outcome'] as const,
      registers,
    });
  }
}
