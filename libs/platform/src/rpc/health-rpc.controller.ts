import { Controller, Type } from '@nestjs/common';
import { ReadinessReport, RPC, ServiceName } from '@kpa/contracts';
import { HealthService } from '../health/health.service';
import { RpcHandler } from './rpc-handler';

/** Lets the gateway ask a service for its readiness over NATS (its subject depends on the service). */
export function healthRpcController(service: ServiceName): Type<unknown> {
  @Controller()
  class HealthRpcController {
    constructor(private readonly health: HealthService) {}

    @RpcHandler(RPC.health(service))
    ready(): Promise<ReadinessReport> {
      return this.health.readiness();
    }
  }
  return HealthRpcController;
}
