import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CancelHelpRequestRequest,
  ConfirmHelpRequest,
  CreateHelpRequestRequest,
  DecideHelpOfferRequest,
  GetHelpRequestRequest,
  HelpRequest,
  HelpRequestPage,
  ListHelpRequestsRequest,
  MakeHelpOfferRequest,
  RecordHelpDoneRequest,
  RPC,
} from '@kpa/contracts';
import { IdempotentCommand, RpcHandler } from '@kpa/platform';
import { HelpRequestsService } from './help-requests.service';

@Controller()
export class HelpRequestsRpcController {
  constructor(private readonly help: HelpRequestsService) {}

  @RpcHandler(RPC.networking.helpRequestCreate)
  @IdempotentCommand()
  create(@Payload() request: CreateHelpRequestRequest): Promise<HelpRequest> {
    return this.help.create(request);
  }

  @RpcHandler(RPC.networking.helpRequestList)
  list(@Payload() request: ListHelpRequestsRequest): Promise<HelpRequestPage> {
    return this.help.list(request);
  }

  @RpcHandler(RPC.networking.helpRequestGet)
  get(@Payload() request: GetHelpRequestRequest): Promise<HelpRequest> {
    return this.help.get(request);
  }

  @RpcHandler(RPC.networking.helpOfferMake)
  @IdempotentCommand()
  offer(@Payload() request: MakeHelpOfferRequest): Promise<HelpRequest> {
    return this.help.makeOffer(request);
  }

  @RpcHandler(RPC.networking.helpOfferAccept)
  @IdempotentCommand()
  accept(@Payload() request: DecideHelpOfferRequest): Promise<HelpRequest> {
    return this.help.accept(request);
  }

  @RpcHandler(RPC.networking.helpOfferDecline)
  @IdempotentCommand()
  decline(@Payload() request: DecideHelpOfferRequest): Promise<HelpRequest> {
    return this.help.decline(request);
  }

  @RpcHandler(RPC.networking.helpRequestDone)
  @IdempotentCommand()
  done(@Payload() request: RecordHelpDoneRequest): Promise<HelpRequest> {
    return this.help.recordDone(request);
  }

  @RpcHandler(RPC.networking.helpRequestConfirm)
  @IdempotentCommand()
  confirm(@Payload() request: ConfirmHelpRequest): Promise<HelpRequest> {
    return this.help.confirm(request);
  }

  @RpcHandler(RPC.networking.helpRequestCancel)
  @IdempotentCommand()
  cancel(@Payload() request: CancelHelpRequestRequest): Promise<HelpRequest> {
    return this.help.cancel(request);
  }
}
