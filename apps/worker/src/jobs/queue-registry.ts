import { Injectable, OnModuleInit, Provider } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { QUEUES } from '@kpa/contracts';
import { Metrics } from '@kpa/platform';

/** Every queue of QUEUES, for what looks at all of them: the metrics' gauges and the dashboard. */
@Injectable()
export class QueueRegistry implements OnModuleInit {
  constructor(
    readonly queues: Queue[],
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    this.metrics.queueProbe = () =>
      Promise.all(
        this.queues.map(async (queue) => {
          const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
          return { queue: queue.name, waiting: counts.waiting ?? 0, active: counts.active ?? 0, delayed: counts.delayed ?? 0, failed: counts.failed ?? 0 };
        }),
      );
  }
}

const NAMES = Object.values(QUEUES);

export const QUEUE_REGISTRY: Provider = {
  provide: QueueRegistry,
  inject: [Metrics, ...NAMES.map((name) => getQueueToken(name))],
  useFactory: (metrics: Metrics, ...queues: Queue[]) => new QueueRegistry(queues, metrics),
};
