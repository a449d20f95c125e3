import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RemunerationActivityFigures, RemunerationActivityFiguresRequest, RPC } from '@kpa/contracts';
import { AcrossSites, RpcHandler } from '@kpa/platform';
import { ActivityFiguresService } from './activity-figures.service';

@Controller()
export class ActivityFiguresRpcController {
  constructor(private readonly activity: ActivityFiguresService) {}

  @RpcHandler(RPC.remuneration.activityFigures)
  @AcrossSites()
  figures(@Payload() request: RemunerationActivityFiguresRequest): Promise<RemunerationActivityFigures> {
    return this.activity.figures(request);
  }
}
