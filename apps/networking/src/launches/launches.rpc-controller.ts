import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AccompanimentSession,
  AccompanimentSessionList,
  CompleteLaunchStepRequest,
  ConfirmAccompanimentRequest,
  Launch,
  LaunchList,
  ListAccompanimentsRequest,
  LogAccompanimentRequest,
  NameMentorRequest,
  RPC,
} from '@kpa/contracts';
import { IdempotentCommand, RpcHandler } from '@kpa/platform';
import { LaunchesService } from './launches.service';

@Controller()
export class LaunchesRpcController {
  constructor(private readonly launches: LaunchesService) {}

  @RpcHandler(RPC.networking.launchList)
  list(): Promise<LaunchList> {
    return this.launches.list();
  }

  @RpcHandler(RPC.networking.launchCompleteStep)
  @IdempotentCommand()
  completeStep(@Payload() request: CompleteLaunchStepRequest): Promise<Launch> {
    return this.launches.completeStep(request);
  }

  @RpcHandler(RPC.networking.launchNameMentor)
  nameMentor(@Payload() request: NameMentorRequest): Promise<Launch> {
    return this.launches.nameMentor(request);
  }

  @RpcHandler(RPC.networking.accompanimentLog)
  @IdempotentCommand()
  log(@Payload() request: LogAccompanimentRequest): Promise<AccompanimentSession> {
    return this.launches.logSession(request);
  }

  @RpcHandler(RPC.networking.accompanimentConfirm)
  @IdempotentCommand()
  confirm(@Payload() request: ConfirmAccompanimentRequest): Promise<AccompanimentSession> {
    return this.launches.confirmSession(request);
  }

  @RpcHandler(RPC.networking.accompanimentList)
  listSessions(@Payload() request: ListAccompanimentsRequest): Promise<AccompanimentSessionList> {
    return this.launches.listSessions(request);
  }
}
