import { Controller, Get, Param, ParseUUIDPipe, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DocumentPdf, DocumentPdfKind, RPC } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { SiteRoles } from '../auth/auth.decorators';
import { ApiErrors } from '../http/api-errors.decorator';

const PDF_RESPONSE = {
  status: 200,
  description:
    'The PDF (A4, French). ETag is its SHA-256 in hex; Repr-Digest is the same hash as RFC 9530 sha-256. A sent quote, issued invoice or credit note always answers the same bytes; a draft is a preview marked "BROUILLON".',
  content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
} as const;

/**
 * The PDFs of a site's quotes, invoices and credit notes, and the receipted copies of paid invoices, for every role of the site (accountants
 * included). Another site's document answers 404 like an absent one.
 */
@ApiTags('documents')
@ApiBearerAuth()
// Every role of the site may read; the routes that change something narrow it.
@SiteRoles('coordinator', 'member', 'accountant')
@Controller('v1/sites/:siteId')
export class DocumentPdfsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('quotes/:quoteId/pdf')
  @ApiProduces('application/pdf')
  @ApiResponse(PDF_RESPONSE)
  @ApiErrors(200, undefined, 400, 401, 404)
  quote(@Param('siteId') siteId: string, @Param('quoteId', new ParseUUIDPipe()) quoteId: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    return this.pdf(siteId, 'quote', quoteId, reply);
  }

  @Get('invoices/:invoiceId/pdf')
  @ApiProduces('application/pdf')
  @ApiResponse(PDF_RESPONSE)
  @ApiErrors(200, undefined, 400, 401, 404)
  invoice(@Param('siteId') siteId: string, @Param('invoiceId', new ParseUUIDPipe()) invoiceId: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    return this.pdf(siteId, 'invoice', invoiceId, reply);
  }

  @Get('invoices/:invoiceId/receipted.pdf')
  @ApiProduces('application/pdf')
  @ApiResponse({
    status: 200,
    description:
      'The receipted copy ("facture acquittée") of a fully paid invoice: its frozen content marked "FACTURE ACQUITTÉE", with the payments (date, method, amount) and "Acquittée le <day of the last payment>". A separate document from the invoice, whose PDF stays as issued: generated at the first read, stored with its own SHA-256 (ETag, Repr-Digest), never regenerated. 409 INVOICE_NOT_PAID until the invoice is fully paid (the message says what is still due).',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors(200, undefined, 400, 401, 404, 409)
  receiptedInvoice(
    @Param('siteId') siteId: string,
    @Param('invoiceId', new ParseUUIDPipe()) invoiceId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return this.send(this.rpc.call(RPC.commerce.documentReceiptedInvoice, { siteId, invoiceId }), reply);
  }

  @Get('credit-notes/:creditNoteId/pdf')
  @ApiProduces('application/pdf')
  @ApiResponse(PDF_RESPONSE)
  @ApiErrors(200, undefined, 400, 401, 404)
  creditNote(
    @Param('siteId') siteId: string,
    @Param('creditNoteId', new ParseUUIDPipe()) creditNoteId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return this.pdf(siteId, 'credit_note', creditNoteId, reply);
  }

  private pdf(siteId: string, kind: DocumentPdfKind, id: string, reply: FastifyReply): Promise<StreamableFile> {
    return this.send(this.rpc.call(RPC.commerce.documentPdf, { siteId, kind, id }), reply);
  }

  private async send(answer: Promise<DocumentPdf>, reply: FastifyReply): Promise<StreamableFile> {
    const pdf = await answer;
    const bytes = Buffer.from(pdf.contentBase64, 'base64');
    reply.header('ETag', `"${pdf.sha256}"`);
    reply.header('Repr-Digest', `sha-256=:${Buffer.from(pdf.sha256, 'hex').toString('base64')}:`);
    // A draft changes with every edit: never cache it; a frozen document may be kept but revalidated.
    reply.header('Cache-Control', pdf.frozen ? 'private, no-cache' : 'no-store');
    return new StreamableFile(bytes, { type: 'application/pdf', disposition: `inline; filename="${pdf.filename}"`, length: bytes.length });
  }
}
