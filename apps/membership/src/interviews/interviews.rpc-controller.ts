import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Interview, InterviewPage, ListInterviewsRequest, RPC, ScheduleInterviewRequest, UpdateInterviewRequest } from '@kpa/contracts';
import { RpcHandler, IdempotentCommand } from '@kpa/platform';
import { InterviewsService } from './interviews.service';

@Controller()
export class InterviewsRpcController {
  constructor(private readonly interviews: InterviewsService) {}

  @RpcHandler(RPC.membership.interviewSchedule)
  @IdempotentCommand()
  schedule(@Payload() request: ScheduleInterviewRequest): Promise<Interview> {
    return this.interviews.schedule(request);
  }

  @RpcHandler(RPC.membership.interviewList)
  list(@Payload() request: ListInterviewsRequest): Promise<InterviewPage> {
    return this.interviews.list(request);
  }

  @RpcHandler(RPC.membership.interviewUpdate)
  update(@Payload() request: UpdateInterviewRequest): Promise<Interview> {
    return this.interviews.update(request);
  }
}
