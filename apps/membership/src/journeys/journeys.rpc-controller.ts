import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { GetJourneyRequest, Journey, RPC, SetJourneyRequest } from '@kpa/contracts';
import { JourneysService } from './journeys.service';

@Controller()
export class JourneysRpcController {
  constructor(private readonly journeys: JourneysService) {}

  @MessagePattern(RPC.membership.journeyGet)
  get(@Payload() request: GetJourneyRequest): Promise<Journey> {
    return this.journeys.get(request);
  }

  @MessagePattern(RPC.membership.journeySet)
  set(@Payload() request: SetJourneyRequest): Promise<Journey> {
    return this.journeys.set(request);
  }
}
