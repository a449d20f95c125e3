import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Client, ClientPage, CreateClientRequest, GetClientRequest, ListClientsRequest, RPC, UpdateClientRequest } from '@kpa/contracts';
import { ClientsService } from './clients.service';

@Controller()
export class ClientsRpcController {
  constructor(private readonly clients: ClientsService) {}

  @MessagePattern(RPC.commerce.clientCreate)
  create(@Payload() request: CreateClientRequest): Promise<Client> {
    return this.clients.create(request);
  }

  @MessagePattern(RPC.commerce.clientGet)
  get(@Payload() request: GetClientRequest): Promise<Client> {
    return this.clients.get(request);
  }

  @MessagePattern(RPC.commerce.clientList)
  list(@Payload() request: ListClientsRequest): Promise<ClientPage> {
    return this.clients.list(request);
  }

  @MessagePattern(RPC.commerce.clientUpdate)
  update(@Payload() request: UpdateClientRequest): Promise<Client> {
    return this.clients.update(request);
  }
}
