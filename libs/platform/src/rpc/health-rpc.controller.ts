import { Controller, Type } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { ReadinessReport, RPC, ServiceName } from '@kpa/contracts';
import { HealthService } from '../health/health.service';

/** Lets the gateway ask a service for its readiness over NATS (its subject depends on the service). */
export function healthRpcController(service: ServiceName): Type<unknown> {
  @Controller()
  class HealthRpcController {
    constructor(private readonly health: HealthService) {}

    @MessagePattern(RPC.health(service))
    ready(): Promise<ReadinessReport> {
      return this.health.readiness();
    }
  }
  return HealthRpcController;
}
