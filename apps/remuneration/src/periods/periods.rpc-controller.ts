import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AnswerObjectionRequest,
  CreateObjectionRequest,
  CreatePeriodRequest,
  GetPeriodRequest,
  GivenRecognition,
  GiveRecognitionRequest,
  ListObjectionsRequest,
  ListPeriodsRequest,
  ListRecognitionsRequest,
  Objection,
  ObjectionList,
  PeriodActionRequest,
  PeriodExport,
  PeriodPage,
  PeriodView,
  RecognitionRound,
  RPC,
} from '@kpa/contracts';
import { RpcHandler, IdempotentCommand } from '@kpa/platform';
import { ObjectionsService } from './objections.service';
import { PeriodsService } from './periods.service';
import { RecognitionsService } from './recognitions.service';

@Controller()
export class PeriodsRpcController {
  constructor(
    private readonly periods: PeriodsService,
    private readonly objections: ObjectionsService,
    private readonly recognitions: RecognitionsService,
  ) {}

  @RpcHandler(RPC.remuneration.periodList)
  list(@Payload() request: ListPeriodsRequest): Promise<PeriodPage> {
    return this.periods.list(request);
  }

  @RpcHandler(RPC.remuneration.periodCreate)
  @IdempotentCommand()
  create(@Payload() request: CreatePeriodRequest): Promise<PeriodView> {
    return this.periods.create(request);
  }

  @RpcHandler(RPC.remuneration.periodGet)
  get(@Payload() request: GetPeriodRequest): Promise<PeriodView> {
    return this.periods.get(request);
  }

  @RpcHandler(RPC.remuneration.periodClose)
  @IdempotentCommand()
  close(@Payload() request: PeriodActionRequest): Promise<PeriodView> {
    return this.periods.close(request);
  }

  @RpcHandler(RPC.remuneration.periodReopen)
  @IdempotentCommand()
  reopen(@Payload() request: PeriodActionRequest): Promise<PeriodView> {
    return this.periods.reopen(request);
  }

  @RpcHandler(RPC.remuneration.periodApprove)
  @IdempotentCommand()
  approve(@Payload() request: PeriodActionRequest): Promise<PeriodView> {
    return this.periods.approve(request);
  }

  @RpcHandler(RPC.remuneration.periodExport)
  export(@Payload() request: PeriodActionRequest): Promise<PeriodExport> {
    return this.periods.export(request);
  }

  @RpcHandler(RPC.remuneration.periodMarkPaid)
  @IdempotentCommand()
  markPaid(@Payload() request: PeriodActionRequest): Promise<PeriodView> {
    return this.periods.markPaid(request);
  }

  @RpcHandler(RPC.remuneration.objectionCreate)
  @IdempotentCommand()
  object(@Payload() request: CreateObjectionRequest): Promise<Objection> {
    return this.objections.create(request);
  }

  @RpcHandler(RPC.remuneration.objectionList)
  objectionList(@Payload() request: ListObjectionsRequest): Promise<ObjectionList> {
    return this.objections.list(request);
  }

  @RpcHandler(RPC.remuneration.objectionAnswer)
  @IdempotentCommand()
  answer(@Payload() request: AnswerObjectionRequest): Promise<Objection> {
    return this.objections.answer(request);
  }

  @RpcHandler(RPC.remuneration.recognitionGive)
  @IdempotentCommand()
  give(@Payload() request: GiveRecognitionRequest): Promise<GivenRecognition> {
    return this.recognitions.give(request);
  }

  @RpcHandler(RPC.remuneration.recognitionList)
  recognitionList(@Payload() request: ListRecognitionsRequest): Promise<RecognitionRound> {
    return this.recognitions.list(request);
  }
}
