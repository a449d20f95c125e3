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
}

export const WORKER_DEFAULTS = { HTTP_PORT: SERVICE_PORTS.worker, METRICS_PORT: METRICS_PORTS.worker };
