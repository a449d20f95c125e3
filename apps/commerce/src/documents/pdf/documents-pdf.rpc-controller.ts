import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { DocumentPdf, DocumentPdfRequest, ReceiptedInvoiceRequest, RPC } from '@kpa/contracts';
import { RpcHandler } from '@kpa/platform';
import { DocumentsPdfService } from './documents-pdf.service';

@Controller()
export class DocumentsPdfRpcController {
  constructor(private readonly documents: DocumentsPdfService) {}

  @RpcHandler(RPC.commerce.documentPdf)
  pdf(@Payload() request: DocumentPdfRequest): Promise<DocumentPdf> {
    return this.documents.pdf(request);
  }

  @RpcHandler(RPC.commerce.documentReceiptedInvoice)
  receiptedInvoice(@Payload() request: ReceiptedInvoiceRequest): Promise<DocumentPdf> {
    return this.documents.receiptedInvoice(request);
  }
}
