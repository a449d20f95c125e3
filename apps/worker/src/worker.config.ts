import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { METRICS_PORTS, SERVICE_PORTS } from '@kpa/contracts';
import { ServiceConfig } from '@kpa/platform';

export class WorkerConfig extends ServiceConfig {
  /** Period of the maintenance sweep that re-derives lost jobs from Postgres. */
  @Type(() => Number)
  @IsInt()
  @Min(5)
  @Max(86400)
  SWEEP_INTERVAL_SECONDS = 300;

  // worker: dunning
  /** Period of the dunning sweep (it sends only inside each site's window, Paris time). */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(86400)
  DUNNING_SWEEP_INTERVAL_SECONDS = 900;

  /**
   * Tests and demos only (refused in production): the worker's clock runs this many minutes ahead
   * (or behind), so "40 days after the due date" is reached without touching the machine's clock.
   */
  @Type(() => Number)
  @IsInt()
  @Min(-5_256_000)
  @Max(5_256_000)
  KPA_CLOCK_OFFSET_MINUTES = 0;
}

export const WORKER_DEFAULTS = { HTTP_PORT: SERVICE_PORTS.worker, METRICS_PORT: METRICS_PORTS.worker };
