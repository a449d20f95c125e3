import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CreateMemberRequest,
  GetMemberRequest,
  LeaveRequest,
  ListMembersRequest,
  MemberAsSeen,
  MemberFile,
  MemberPage,
  RejoinRequest,
  RPC,
  UpdateMemberRequest,
} from '@kpa/contracts';
import { RpcHandler, IdempotentCommand } from '@kpa/platform';
import { MembersService } from './members.service';

@Controller()
export class MembersRpcController {
  constructor(private readonly members: MembersService) {}

  @RpcHandler(RPC.membership.memberCreate)
  @IdempotentCommand()
  create(@Payload() request: CreateMemberRequest): Promise<MemberFile> {
    return this.members.create(request);
  }

  @RpcHandler(RPC.membership.memberGet)
  get(@Payload() request: GetMemberRequest): Promise<MemberAsSeen> {
    return this.members.get(request);
  }

  @RpcHandler(RPC.membership.memberList)
  list(@Payload() request: ListMembersRequest): Promise<MemberPage> {
    return this.members.list(request);
  }

  @RpcHandler(RPC.membership.memberUpdate)
  update(@Payload() request: UpdateMemberRequest): Promise<MemberFile> {
    return this.members.update(request);
  }

  @RpcHandler(RPC.membership.memberLeave)
  @IdempotentCommand()
  leave(@Payload() request: LeaveRequest): Promise<MemberFile> {
    return this.members.leave(request);
  }

  @RpcHandler(RPC.membership.memberRejoin)
  @IdempotentCommand()
  rejoin(@Payload() request: RejoinRequest): Promise<MemberFile> {
    return this.members.rejoin(request);
  }
}
