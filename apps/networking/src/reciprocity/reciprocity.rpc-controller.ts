import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CreateTemplateRequest,
  DecideManualEntryRequest,
  ListTemplatesRequest,
  ManualEntry,
  ProposeManualEntryRequest,
  ReciprocityBoard,
  ReciprocityBoardRequest,
  ReciprocityMovement,
  ReciprocitySettings,
  ReciprocityStatement,
  ReciprocityStatementRequest,
  ReciprocityTemplate,
  ReverseMovementRequest,
  RPC,
  SiteReciprocity,
  SiteReciprocityRequest,
  TemplateList,
  UpdateReciprocitySettingsRequest,
  UpdateTemplateRequest,
} from '@kpa/contracts';
import { IdempotentCommand, RpcHandler } from '@kpa/platform';
import { ReciprocityService } from './reciprocity.service';

@Controller()
export class ReciprocityRpcController {
  constructor(private readonly reciprocity: ReciprocityService) {}

  @RpcHandler(RPC.networking.reciprocityBoard)
  board(@Payload() request: ReciprocityBoardRequest): Promise<ReciprocityBoard> {
    return this.reciprocity.board(request);
  }

  @RpcHandler(RPC.networking.reciprocitySite)
  site(@Payload() request: SiteReciprocityRequest): Promise<SiteReciprocity> {
    return this.reciprocity.site(request);
  }

  @RpcHandler(RPC.networking.reciprocityStatement)
  statement(@Payload() request: ReciprocityStatementRequest): Promise<ReciprocityStatement> {
    return this.reciprocity.statement(request);
  }

  @RpcHandler(RPC.networking.reciprocityReverse)
  @IdempotentCommand()
  reverse(@Payload() request: ReverseMovementRequest): Promise<ReciprocityMovement> {
    return this.reciprocity.reverse(request);
  }

  @RpcHandler(RPC.networking.reciprocitySettingsGet)
  settings(): Promise<ReciprocitySettings> {
    return this.reciprocity.settings();
  }

  @RpcHandler(RPC.networking.reciprocitySettingsUpdate)
  updateSettings(@Payload() request: UpdateReciprocitySettingsRequest): Promise<ReciprocitySettings> {
    return this.reciprocity.updateSettings(request);
  }

  @RpcHandler(RPC.networking.reciprocityTemplateList)
  templates(@Payload() request: ListTemplatesRequest): Promise<TemplateList> {
    return this.reciprocity.templates(request);
  }

  @RpcHandler(RPC.networking.reciprocityTemplateCreate)
  @IdempotentCommand()
  createTemplate(@Payload() request: CreateTemplateRequest): Promise<ReciprocityTemplate> {
    return this.reciprocity.createTemplate(request);
  }

  @RpcHandler(RPC.networking.reciprocityTemplateUpdate)
  updateTemplate(@Payload() request: UpdateTemplateRequest): Promise<ReciprocityTemplate> {
    return this.reciprocity.updateTemplate(request);
  }

  @RpcHandler(RPC.networking.reciprocityEntryPropose)
  @IdempotentCommand()
  propose(@Payload() request: ProposeManualEntryRequest): Promise<ManualEntry> {
    return this.reciprocity.propose(request);
  }

  @RpcHandler(RPC.networking.reciprocityEntryConfirm)
  @IdempotentCommand()
  confirmEntry(@Payload() request: DecideManualEntryRequest): Promise<ManualEntry> {
    return this.reciprocity.confirmEntry(request);
  }

  @RpcHandler(RPC.networking.reciprocityEntryReject)
  @IdempotentCommand()
  rejectEntry(@Payload() request: DecideManualEntryRequest): Promise<ManualEntry> {
    return this.reciprocity.rejectEntry(request);
  }
}
