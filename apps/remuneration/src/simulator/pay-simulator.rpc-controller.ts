import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { PayEstimateView, RPC, SimulatePayRequest } from '@kpa/contracts';
import { RpcHandler } from '@kpa/platform';
import { PaySimulatorService } from './pay-simulator.service';

@Controller()
export class PaySimulatorRpcController {
  constructor(private readonly simulator: PaySimulatorService) {}

  @RpcHandler(RPC.remuneration.paySimulate)
  simulate(@Payload() request: SimulatePayRequest): Promise<PayEstimateView> {
    return this.simulator.simulate(request);
  }
}
