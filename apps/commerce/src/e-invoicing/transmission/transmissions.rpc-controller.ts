import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { EInvoiceTransmission, GetTransmissionRequest, RPC, TransmissionSweepOutcome } from '@kpa/contracts';
import { AcrossSites, RpcHandler } from '@kpa/platform';
import { TransmissionsService } from './transmissions.service';

@Controller()
export class TransmissionsRpcController {
  constructor(private readonly transmissions: TransmissionsService) {}

  @RpcHandler(RPC.commerce.einvoiceTransmission)
  get(@Payload() request: GetTransmissionRequest): Promise<EInvoiceTransmission> {
    return this.transmissions.get(request);
  }

  /** The worker's sweep: regional by design (every site's transmissions). */
  @RpcHandler(RPC.commerce.einvoiceTransmitDue)
  @AcrossSites()
  sweep(): Promise<TransmissionSweepOutcome> {
    return this.transmissions.sweep();
  }
}
