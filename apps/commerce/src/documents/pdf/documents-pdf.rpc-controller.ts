import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { DocumentPdf, DocumentPdfRequest, RPC } from '@kpa/contracts';
import { RpcHandler } from '@kpa/platform';
import { DocumentsPdfService } from './documents-pdf.service';

@Controller()
export class DocumentsPdfRpcController {
  constructor(private readonly documents: DocumentsPdfService) {}

  @RpcHandler(RPC.commerce.documentPdf)
  pdf(@Payload() request: DocumentPdfRequest): Promise<DocumentPdf> {
    return this.documents.pdf(request);
  }
}
