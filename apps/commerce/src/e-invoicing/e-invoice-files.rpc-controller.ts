import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { EInvoiceFile, EInvoiceFileRequest, RPC } from '@kpa/contracts';
import { RpcHandler } from '@kpa/platform';
import { EInvoiceFilesService } from './e-invoice-files.service';

@Controller()
export class EInvoiceFilesRpcController {
  constructor(private readonly files: EInvoiceFilesService) {}

  @RpcHandler(RPC.commerce.documentEInvoice)
  file(@Payload() request: EInvoiceFileRequest): Promise<EInvoiceFile> {
    return this.files.file(request);
  }
}
