import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CreateMissionRequest,
  GetMissionRequest,
  ListMissionsRequest,
  Mission,
  MissionCancelRequest,
  MissionCompleteRequest,
  MissionConfirmTeamRequest,
  MissionPage,
  MissionSignUpRequest,
  MissionWithdrawRequest,
  RPC,
  UpdateMissionRequest,
} from '@kpa/contracts';
import { RpcHandler, IdempotentCommand } from '@kpa/platform';
import { MissionsService } from './missions.service';

@Controller()
export class MissionsRpcController {
  constructor(private readonly missions: MissionsService) {}

  @RpcHandler(RPC.commerce.missionCreate)
  @IdempotentCommand()
  create(@Payload() request: CreateMissionRequest): Promise<Mission> {
    return this.missions.create(request);
  }

  @RpcHandler(RPC.commerce.missionList)
  list(@Payload() request: ListMissionsRequest): Promise<MissionPage> {
    return this.missions.list(request);
  }

  @RpcHandler(RPC.commerce.missionGet)
  get(@Payload() request: GetMissionRequest): Promise<Mission> {
    return this.missions.get(request);
  }

  @RpcHandler(RPC.commerce.missionUpdate)
  update(@Payload() request: UpdateMissionRequest): Promise<Mission> {
    return this.missions.update(request);
  }

  @RpcHandler(RPC.commerce.missionSignUp)
  @IdempotentCommand()
  signUp(@Payload() request: MissionSignUpRequest): Promise<Mission> {
    return this.missions.signUp(request);
  }

  @RpcHandler(RPC.commerce.missionWithdraw)
  withdraw(@Payload() request: MissionWithdrawRequest): Promise<Mission> {
    return this.missions.withdraw(request);
  }

  @RpcHandler(RPC.commerce.missionConfirmTeam)
  @IdempotentCommand()
  confirmTeam(@Payload() request: MissionConfirmTeamRequest): Promise<Mission> {
    return this.missions.confirmTeam(request);
  }

  @RpcHandler(RPC.commerce.missionComplete)
  @IdempotentCommand()
  complete(@Payload() request: MissionCompleteRequest): Promise<Mission> {
    return this.missions.complete(request);
  }

  @RpcHandler(RPC.commerce.missionCancel)
  @IdempotentCommand()
  cancel(@Payload() request: MissionCancelRequest): Promise<Mission> {
    return this.missions.cancel(request);
  }
}
