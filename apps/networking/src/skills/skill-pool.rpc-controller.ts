import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CreatePoolPersonRequest,
  GetMemberNetworkProfileRequest,
  ListPoolPeopleRequest,
  MemberNetworkProfile,
  PoolPeopleList,
  PoolPerson,
  RemovePoolPersonRequest,
  RPC,
  SearchSkillsRequest,
  SetMemberNetworkProfileRequest,
  SkillSearchResult,
  UpdatePoolPersonRequest,
} from '@kpa/contracts';
import { IdempotentCommand, RpcHandler } from '@kpa/platform';
import { SkillPoolService } from './skill-pool.service';

@Controller()
export class SkillPoolRpcController {
  constructor(private readonly pool: SkillPoolService) {}

  @RpcHandler(RPC.networking.memberProfileGet)
  memberProfile(@Payload() request: GetMemberNetworkProfileRequest): Promise<MemberNetworkProfile> {
    return this.pool.memberProfile(request);
  }

  @RpcHandler(RPC.networking.memberProfileSet)
  setMemberProfile(@Payload() request: SetMemberNetworkProfileRequest): Promise<MemberNetworkProfile> {
    return this.pool.setMemberProfile(request);
  }

  @RpcHandler(RPC.networking.poolPersonList)
  list(@Payload() request: ListPoolPeopleRequest): Promise<PoolPeopleList> {
    return this.pool.list(request);
  }

  @RpcHandler(RPC.networking.poolPersonCreate)
  @IdempotentCommand()
  create(@Payload() request: CreatePoolPersonRequest): Promise<PoolPerson> {
    return this.pool.create(request);
  }

  @RpcHandler(RPC.networking.poolPersonUpdate)
  update(@Payload() request: UpdatePoolPersonRequest): Promise<PoolPerson> {
    return this.pool.update(request);
  }

  @RpcHandler(RPC.networking.poolPersonRemove)
  remove(@Payload() request: RemovePoolPersonRequest): Promise<PoolPeopleList> {
    return this.pool.remove(request);
  }

  @RpcHandler(RPC.networking.skillSearch)
  search(@Payload() request: SearchSkillsRequest): Promise<SkillSearchResult> {
    return this.pool.search(request);
  }
}
