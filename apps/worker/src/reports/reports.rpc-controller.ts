import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { GetReportRequest, ReportFile, ReportFileRequest, ReportView, RequestReport, RPC } from '@kpa/contracts';
import { AcrossSites, IdempotentCommand, RpcHandler } from '@kpa/platform';
import { ReportsService } from './reports.service';

/**
 * The gateway decides who may ask for which scope (a site's coordinators and accountants, the
 * network admin, a host's accountant); the worker keeps each report to the scope it was asked for.
 */
@Controller()
export class ReportsRpcController {
  constructor(private readonly reports: ReportsService) {}

  @RpcHandler(RPC.worker.reportRequest)
  @AcrossSites()
  // A retried POST (same Idempotency-Key) gets the same report back, never a second one.
  @IdempotentCommand()
  request(@Payload() request: RequestReport): Promise<ReportView> {
    return this.reports.request(request);
  }

  @RpcHandler(RPC.worker.reportGet)
  @AcrossSites()
  get(@Payload() request: GetReportRequest): Promise<ReportView> {
    return this.reports.get(request);
  }

  @RpcHandler(RPC.worker.reportFile)
  @AcrossSites()
  file(@Payload() request: ReportFileRequest): Promise<ReportFile> {
    return this.reports.file(request);
  }
}
