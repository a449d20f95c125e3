import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { FollowUpBoard, FollowUpRequest, RPC } from '@kpa/contracts';
import { RpcHandler } from '@kpa/platform';
import { FollowUpService } from './follow-up.service';

@Controller()
export class FollowUpRpcController {
  constructor(private readonly followUp: FollowUpService) {}

  @RpcHandler(RPC.membership.followUpBoard)
  board(@Payload() request: FollowUpRequest): Promise<FollowUpBoard> {
    return this.followUp.board(request);
  }
}
