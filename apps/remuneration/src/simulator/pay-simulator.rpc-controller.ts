import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PayEstimateView, RPC, SimulatePayRequest } from '@kpa/contracts';
import { PaySimulatorService } from './pay-simulator.service';

@Controller()
export class PaySimulatorRpcController {
  constructor(private readonly simulator: PaySimulatorService) {}

  @MessagePattern(RPC.remuneration.paySimulate)
  simulate(@Payload() request: SimulatePayRequest): Promise<PayEstimateView> {
    return this.simulator.simulate(request);
  }
}
