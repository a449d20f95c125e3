import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Contribution, ContributionPage, CreateContributionRequest, DecideContributionRequest, GetContributionRequest, ListContributionsRequest, RPC } from '@kpa/contracts';
import { RpcHandler, IdempotentCommand } from '@kpa/platform';
import { ContributionsService } from './contributions.service';

@Controller()
export class ContributionsRpcController {
  constructor(private readonly contributions: ContributionsService) {}

  @RpcHandler(RPC.remuneration.contributionCreate)
  @IdempotentCommand()
  create(@Payload() request: CreateContributionRequest): Promise<Contribution> {
    return this.contributions.create(request);
  }

  @RpcHandler(RPC.remuneration.contributionList)
  list(@Payload() request: ListContributionsRequest): Promise<ContributionPage> {
    return this.contributions.list(request);
  }

  @RpcHandler(RPC.remuneration.contributionGet)
  get(@Payload() request: GetContributionRequest): Promise<Contribution> {
    return this.contributions.get(request);
  }

  @RpcHandler(RPC.remuneration.contributionValidate)
  @IdempotentCommand()
  validate(@Payload() request: DecideContributionRequest): Promise<Contribution> {
    return this.contributions.validate(request);
  }

  @RpcHandler(RPC.remuneration.contributionReject)
  @IdempotentCommand()
  reject(@Payload() request: DecideContributionRequest): Promise<Contribution> {
    return this.contributions.reject(request);
  }
}
