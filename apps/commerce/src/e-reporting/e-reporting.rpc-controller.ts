import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { EReportingFigures, EReportingFile, EReportingRequest, RPC } from '@kpa/contracts';
import { AcrossSites, RpcHandler } from '@kpa/platform';
import { EReportingService } from './e-reporting.service';

/** A host structure spans several sites: its handlers read across sites, filtered to the host's own. */
@Controller()
export class EReportingRpcController {
  constructor(private readonly eReporting: EReportingService) {}

  @RpcHandler(RPC.commerce.eReportingFigures)
  @AcrossSites()
  figures(@Payload() request: EReportingRequest): Promise<EReportingFigures> {
    return this.eReporting.figures(request);
  }

  @RpcHandler(RPC.commerce.eReportingCsv)
  @AcrossSites()
  csv(@Payload() request: EReportingRequest): Promise<EReportingFile> {
    return this.eReporting.csv(request);
  }
}
