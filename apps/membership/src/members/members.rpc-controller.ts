import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CreateMemberRequest, GetMemberRequest, LeaveRequest, ListMembersRequest, MemberAsSeen, MemberFile, MemberPage, RejoinRequest, RPC, UpdateMemberRequest } from '@kpa/contracts';
import { MembersService } from './members.service';

@Controller()
export class MembersRpcController {
  constructor(private readonly members: MembersService) {}

  @MessagePattern(RPC.membership.memberCreate)
  create(@Payload() request: CreateMemberRequest): Promise<MemberFile> {
    return this.members.create(request);
  }

  @MessagePattern(RPC.membership.memberGet)
  get(@Payload() request: GetMemberRequest): Promise<MemberAsSeen> {
    return this.members.get(request);
  }

  @MessagePattern(RPC.membership.memberList)
  list(@Payload() request: ListMembersRequest): Promise<MemberPage> {
    return this.members.list(request);
  }

  @MessagePattern(RPC.membership.memberUpdate)
  update(@Payload() request: UpdateMemberRequest): Promise<MemberFile> {
    return this.members.update(request);
  }

  @MessagePattern(RPC.membership.memberLeave)
  leave(@Payload() request: LeaveRequest): Promise<MemberFile> {
    return this.members.leave(request);
  }

  @MessagePattern(RPC.membership.memberRejoin)
  rejoin(@Payload() request: RejoinRequest): Promise<MemberFile> {
    return this.members.rejoin(request);
  }
}
