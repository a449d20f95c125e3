import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DocumentPdf, DocumentPdfRequest, RPC } from '@kpa/contracts';
import { DocumentsPdfService } from './documents-pdf.service';

@Controller()
export class DocumentsPdfRpcController {
  constructor(private readonly documents: DocumentsPdfService) {}

  @MessagePattern(RPC.commerce.documentPdf)
  pdf(@Payload() request: DocumentPdfRequest): Promise<DocumentPdf> {
    return this.documents.pdf(request);
  }
}
