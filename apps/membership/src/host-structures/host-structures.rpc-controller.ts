import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CreateHostStructureRequest, GetHostStructureRequest, HostStructure, HostStructurePage, ListHostStructuresRequest, RPC, UpdateHostStructureRequest } from '@kpa/contracts';
import { RpcHandler, IdempotentCommand } from '@kpa/platform';
import { HostStructuresService } from './host-structures.service';

@Controller()
export class HostStructuresRpcController {
  constructor(private readonly hostStructures: HostStructuresService) {}

  @RpcHandler(RPC.membership.hostStructureCreate)
  @IdempotentCommand()
  create(@Payload() request: CreateHostStructureRequest): Promise<HostStructure> {
    return this.hostStructures.create(request);
  }

  @RpcHandler(RPC.membership.hostStructureGet)
  get(@Payload() request: GetHostStructureRequest): Promise<HostStructure> {
    return this.hostStructures.get(request.hostStructureId);
  }

  @RpcHandler(RPC.membership.hostStructureList)
  list(@Payload() request: ListHostStructuresRequest): Promise<HostStructurePage> {
    return this.hostStructures.list(request);
  }

  @RpcHandler(RPC.membership.hostStructureUpdate)
  update(@Payload() request: UpdateHostStructureRequest): Promise<HostStructure> {
    return this.hostStructures.update(request);
  }
}
