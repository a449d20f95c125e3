import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Client, ClientPage, CreateClientRequest, GetClientRequest, ListClientsRequest, RPC, UpdateClientRequest } from '@kpa/contracts';
import { RpcHandler, IdempotentCommand } from '@kpa/platform';
import { ClientsService } from './clients.service';

@Controller()
export class ClientsRpcController {
  constructor(private readonly clients: ClientsService) {}

  @RpcHandler(RPC.commerce.clientCreate)
  @IdempotentCommand()
  create(@Payload() request: CreateClientRequest): Promise<Client> {
    return this.clients.create(request);
  }

  @RpcHandler(RPC.commerce.clientGet)
  get(@Payload() request: GetClientRequest): Promise<Client> {
    return this.clients.get(request);
  }

  @RpcHandler(RPC.commerce.clientList)
  list(@Payload() request: ListClientsRequest): Promise<ClientPage> {
    return this.clients.list(request);
  }

  @RpcHandler(RPC.commerce.clientUpdate)
  update(@Payload() request: UpdateClientRequest): Promise<Client> {
    return this.clients.update(request);
  }
}
