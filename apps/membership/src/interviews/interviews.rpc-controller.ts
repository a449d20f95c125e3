import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Interview, InterviewPage, ListInterviewsRequest, RPC, ScheduleInterviewRequest, UpdateInterviewRequest } from '@kpa/contracts';
import { InterviewsService } from './interviews.service';

@Controller()
export class InterviewsRpcController {
  constructor(private readonly interviews: InterviewsService) {}

  @MessagePattern(RPC.membership.interviewSchedule)
  schedule(@Payload() request: ScheduleInterviewRequest): Promise<Interview> {
    return this.interviews.schedule(request);
  }

  @MessagePattern(RPC.membership.interviewList)
  list(@Payload() request: ListInterviewsRequest): Promise<InterviewPage> {
    return this.interviews.list(request);
  }

  @MessagePattern(RPC.membership.interviewUpdate)
  update(@Payload() request: UpdateInterviewRequest): Promise<Interview> {
    return this.interviews.update(request);
  }
}
