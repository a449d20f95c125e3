import { BeforeApplicationShutdown, Inject, Injectable, Optional } from '@nestjs/common';
import { ReadinessReport } from '@kpa/contracts';
import { READINESS_CHECKS, ReadinessCheck, runChecks, SERVICE_PROBES } from './readiness';
import { SERVICE_NAME } from '../platform.tokens';
import { Metrics } from '../metrics/metrics';

@Injectable()
export class HealthService implements BeforeApplicationShutdown {
  private shuttingDown = false;

  constructor(
    @Inject(SERVICE_NAME) private readonly service: string,
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
    metrics: Metrics,
    @Optional() @Inject(SERVICE_PROBES) private readonly probes?: ReadinessCheck[],
  ) {
    // kpa_ready and kpa_dependency_up: what /health/ready would answer, at each scrape.
    metrics.readinessProbe = () => this.readiness();
  }

  /** From SIGTERM on, report not ready so load balancers stop sending new work. */
  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
  }

  async readiness(): Promise<ReadinessReport> {
    const [own, others] = await Promise.all([runChecks(this.service, this.checks, this.shuttingDown), this.probes ? runChecks(this.service, this.probes, false) : undefined]);
    return others ? { ...own, services: others.checks } : own;
  }
}
