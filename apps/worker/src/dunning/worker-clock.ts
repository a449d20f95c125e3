import { Injectable } from '@nestjs/common';
import { WorkerConfig } from '../worker.config';

/** The worker's "now": the machine's clock, shifted by KPA_CLOCK_OFFSET_MINUTES in tests and demos. */
@Injectable()
export class WorkerClock {
  private readonly offsetMs: number;

  constructor(config: WorkerConfig) {
    if (config.NODE_ENV === 'production' && config.KPA_CLOCK_OFFSET_MINUTES !== 0) {
      throw new Error('KPA_CLOCK_OFFSET_MINUTES must be 0 in production: it shifts the dunning clock for tests and demos only.');
    }
    this.offsetMs = config.KPA_CLOCK_OFFSET_MINUTES * 60_000;
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}
