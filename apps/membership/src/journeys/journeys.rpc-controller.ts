import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { GetJourneyRequest, Journey, RPC, SetJourneyRequest } from '@kpa/contracts';
import { RpcHandler } from '@kpa/platform';
import { JourneysService } from './journeys.service';

@Controller()
export class JourneysRpcController {
  constructor(private readonly journeys: JourneysService) {}

  @RpcHandler(RPC.membership.journeyGet)
  get(@Payload() request: GetJourneyRequest): Promise<Journey> {
    return this.journeys.get(request);
  }

  @RpcHandler(RPC.membership.journeySet)
  set(@Payload() request: SetJourneyRequest): Promise<Journey> {
    return this.journeys.set(request);
  }
}
