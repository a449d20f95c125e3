import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ActivityFiguresRequest, CommerceActivityFigures, RPC } from '@kpa/contracts';
import { AcrossSites, RpcHandler } from '@kpa/platform';
import { ActivityFiguresService } from './activity-figures.service';

@Controller()
export class ActivityFiguresRpcController {
  constructor(private readonly activity: ActivityFiguresService) {}

  @RpcHandler(RPC.commerce.activityFigures)
  @AcrossSites()
  figures(@Payload() request: ActivityFiguresRequest): Promise<CommerceActivityFigures> {
    return this.activity.figures(request);
  }
}
