import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Figures, RPC, SiteFiguresRequest } from '@kpa/contracts';
import { AcrossSites, RpcHandler } from '@kpa/platform';
import { StatsService } from './stats.service';

@Controller()
export class StatsRpcController {
  constructor(private readonly stats: StatsService) {}

  @RpcHandler(RPC.membership.statsFigures)
  @AcrossSites()
  figures(@Payload() request: SiteFiguresRequest): Promise<Figures> {
    return this.stats.figures(request);
  }
}
