import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
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
import { MissionsService } from './missions.service';

@Controller()
export class MissionsRpcController {
  constructor(private readonly missions: MissionsService) {}

  @MessagePattern(RPC.commerce.missionCreate)
  create(@Payload() request: CreateMissionRequest): Promise<Mission> {
    return this.missions.create(request);
  }

  @MessagePattern(RPC.commerce.missionList)
  list(@Payload() request: ListMissionsRequest): Promise<MissionPage> {
    return this.missions.list(request);
  }

  @MessagePattern(RPC.commerce.missionGet)
  get(@Payload() request: GetMissionRequest): Promise<Mission> {
    return this.missions.get(request);
  }

  @MessagePattern(RPC.commerce.missionUpdate)
  update(@Payload() request: UpdateMissionRequest): Promise<Mission> {
    return this.missions.update(request);
  }

  @MessagePattern(RPC.commerce.missionSignUp)
  signUp(@Payload() request: MissionSignUpRequest): Promise<Mission> {
    return this.missions.signUp(request);
  }

  @MessagePattern(RPC.commerce.missionWithdraw)
  withdraw(@Payload() request: MissionWithdrawRequest): Promise<Mission> {
    return this.missions.withdraw(request);
  }

  @MessagePattern(RPC.commerce.missionConfirmTeam)
  confirmTeam(@Payload() request: MissionConfirmTeamRequest): Promise<Mission> {
    return this.missions.confirmTeam(request);
  }

  @MessagePattern(RPC.commerce.missionComplete)
  complete(@Payload() request: MissionCompleteRequest): Promise<Mission> {
    return this.missions.complete(request);
  }

  @MessagePattern(RPC.commerce.missionCancel)
  cancel(@Payload() request: MissionCancelRequest): Promise<Mission> {
    return this.missions.cancel(request);
  }
}
