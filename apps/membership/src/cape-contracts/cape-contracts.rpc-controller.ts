import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CapeContract, CapeContractPage, ListCapeContractsRequest, RenewCapeContractRequest, RPC, SignCapeContractRequest, TerminateCapeContractRequest } from '@kpa/contracts';
import { RpcHandler, IdempotentCommand } from '@kpa/platform';
import { CapeContractsService } from './cape-contracts.service';

@Controller()
export class CapeContractsRpcController {
  constructor(private readonly contracts: CapeContractsService) {}

  @RpcHandler(RPC.membership.capeSign)
  @IdempotentCommand()
  sign(@Payload() request: SignCapeContractRequest): Promise<CapeContract> {
    return this.contracts.sign(request);
  }

  @RpcHandler(RPC.membership.capeRenew)
  @IdempotentCommand()
  renew(@Payload() request: RenewCapeContractRequest): Promise<CapeContract> {
    return this.contracts.renew(request);
  }

  @RpcHandler(RPC.membership.capeTerminate)
  @IdempotentCommand()
  terminate(@Payload() request: TerminateCapeContractRequest): Promise<CapeContract> {
    return this.contracts.terminate(request);
  }

  @RpcHandler(RPC.membership.capeList)
  list(@Payload() request: ListCapeContractsRequest): Promise<CapeContractPage> {
    return this.contracts.list(request);
  }
}
