import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Figures, RPC, SiteFiguresRequest } from '@kpa/contracts';
import { StatsService } from './stats.service';

@Controller()
export class StatsRpcController {
  constructor(private readonly stats: StatsService) {}

  @MessagePattern(RPC.membership.statsFigures)
  figures(@Payload() request: SiteFiguresRequest): Promise<Figures> {
    return this.stats.figures(request);
  }
}
