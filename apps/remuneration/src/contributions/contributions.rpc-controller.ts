import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Contribution, ContributionPage, CreateContributionRequest, DecideContributionRequest, GetContributionRequest, ListContributionsRequest, RPC } from '@kpa/contracts';
import { ContributionsService } from './contributions.service';

@Controller()
export class ContributionsRpcController {
  constructor(private readonly contributions: ContributionsService) {}

  @MessagePattern(RPC.remuneration.contributionCreate)
  create(@Payload() request: CreateContributionRequest): Promise<Contribution> {
    return this.contributions.create(request);
  }

  @MessagePattern(RPC.remuneration.contributionList)
  list(@Payload() request: ListContributionsRequest): Promise<ContributionPage> {
    return this.contributions.list(request);
  }

  @MessagePattern(RPC.remuneration.contributionGet)
  get(@Payload() request: GetContributionRequest): Promise<Contribution> {
    return this.contributions.get(request);
  }

  @MessagePattern(RPC.remuneration.contributionValidate)
  validate(@Payload() request: DecideContributionRequest): Promise<Contribution> {
    return this.contributions.validate(request);
  }

  @MessagePattern(RPC.remuneration.contributionReject)
  reject(@Payload() request: DecideContributionRequest): Promise<Contribution> {
    return this.contributions.reject(request);
  }
}
