import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { FollowUpBoard, FollowUpRequest, RPC } from '@kpa/contracts';
import { FollowUpService } from './follow-up.service';

@Controller()
export class FollowUpRpcController {
  constructor(private readonly followUp: FollowUpService) {}

  @MessagePattern(RPC.membership.followUpBoard)
  board(@Payload() request: FollowUpRequest): Promise<FollowUpBoard> {
    return this.followUp.board(request);
  }
}
