import { BeforeApplicationShutdown, Inject, Injectable, Optional } from '@nestjs/common';
import { ReadinessReport } from '@kpa/contracts';
import { READINESS_CHECKS, ReadinessCheck, runChecks, SERVICE_PROBES } from './readiness';
import { SERVICE_NAME } from '../platform.tokens';

@Injectable()
export class HealthService implements BeforeApplicationShutdown {
  private shuttingDown = false;

  constructor(
    @Inject(SERVICE_NAME) private readonly service: string,
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
    @Optional() @Inject(SERVICE_PROBES) private readonly probes?: ReadinessCheck[],
  ) {}

  /** From SIGTERM on, report not ready so load balancers stop sending new work. */
  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
  }

  async readiness(): Promise<ReadinessReport> {
    const [own, others] = await Promise.all([runChecks(this.service, this.checks, this.shuttingDown), this.probes ? runChecks(this.service, this.probes, false) : undefined]);
    return others ? { ...own, services: others.checks } : own;
  }
}
