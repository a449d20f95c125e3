import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AddCollectionNoteRequest,
  CollectionLog,
  DunningDraftList,
  DunningDraftLetter,
  DunningInvoiceRequest,
  DunningPolicyView,
  DunningStatuses,
  DunningStatusesRequest,
  GetDunningPolicyRequest,
  ListDunningDraftsRequest,
  PauseDunningRequest,
  ResumeDunningRequest,
  RPC,
  SendDunningDraftRequest,
  SetDunningPolicyRequest,
} from '@kpa/contracts';
import { IdempotentCommand, RpcHandler } from '@kpa/platform';
import { DunningService } from './dunning.service';

@Controller()
export class DunningRpcController {
  constructor(private readonly dunning: DunningService) {}

  @RpcHandler(RPC.worker.dunningPolicyGet)
  policy(@Payload() request: GetDunningPolicyRequest): Promise<DunningPolicyView> {
    return this.dunning.policy(request.siteId);
  }

  @RpcHandler(RPC.worker.dunningPolicySet)
  @IdempotentCommand()
  setPolicy(@Payload() request: SetDunningPolicyRequest): Promise<DunningPolicyView> {
    return this.dunning.setPolicy(request);
  }

  @RpcHandler(RPC.worker.dunningPause)
  @IdempotentCommand()
  pause(@Payload() request: PauseDunningRequest): Promise<CollectionLog> {
    return this.dunning.pause(request.siteId, request.invoiceId, request.reason, request.actor.userId);
  }

  @RpcHandler(RPC.worker.dunningResume)
  @IdempotentCommand()
  resume(@Payload() request: ResumeDunningRequest): Promise<CollectionLog> {
    return this.dunning.resume(request.siteId, request.invoiceId, request.actor.userId);
  }

  @RpcHandler(RPC.worker.collectionLogGet)
  collectionLog(@Payload() request: DunningInvoiceRequest): Promise<CollectionLog> {
    return this.dunning.collectionLog(request.siteId, request.invoiceId);
  }

  @RpcHandler(RPC.worker.collectionNoteAdd)
  @IdempotentCommand()
  addNote(@Payload() request: AddCollectionNoteRequest): Promise<CollectionLog> {
    return this.dunning.addNote(request);
  }

  @RpcHandler(RPC.worker.dunningStatuses)
  statuses(@Payload() request: DunningStatusesRequest): Promise<DunningStatuses> {
    return this.dunning.statuses(request.siteIds, request.invoiceIds);
  }

  @RpcHandler(RPC.worker.dunningDraftList)
  drafts(@Payload() request: ListDunningDraftsRequest): Promise<DunningDraftList> {
    return this.dunning.drafts(request.siteId);
  }

  @RpcHandler(RPC.worker.dunningDraftLetter)
  draftLetter(@Payload() request: DunningInvoiceRequest): Promise<DunningDraftLetter> {
    return this.dunning.draftLetter(request.siteId, request.invoiceId);
  }

  @RpcHandler(RPC.worker.dunningDraftSend)
  @IdempotentCommand()
  sendDraft(@Payload() request: SendDunningDraftRequest): Promise<CollectionLog> {
    return this.dunning.sendDraft(request.siteId, request.invoiceId, request.actor.userId);
  }
}
