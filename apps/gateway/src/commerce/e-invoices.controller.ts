import { Controller, Get, Param, ParseUUIDPipe, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { EInvoiceDocumentKind, EInvoiceFormat, EInvoiceTransmission, RPC } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { SiteRoles } from '../auth/auth.decorators';
import { ApiErrors } from '../http/api-errors.decorator';
import { EInvoiceTransmissionDto } from './dto/e-invoices.dto';

const FACTUR_X_RESPONSE = {
  status: 200,
  description:
    'The Factur-X (profile EN 16931): the document’s PDF as a PDF/A-3 with its CII XML embedded as factur-x.xml (AFRelationship /Alternative). Generated from the frozen document at the first read, stored with its SHA-256 (ETag, Repr-Digest) and never changed.',
  content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
} as const;

const CII_RESPONSE = {
  status: 200,
  description: 'The UN/CEFACT CII D16B XML (EN 16931) of the issued invoice: the same data as its Factur-X. Stored with its SHA-256 (ETag, Repr-Digest), never changed.',
  content: { 'application/xml': { schema: { type: 'string' } } },
} as const;

/**
 * The e-invoices of a site's issued invoices and credit notes (docs/e-invoicing.md), for every role
 * of the site. A draft has none (404 DOCUMENT_NOT_ISSUED); another site's document answers 404 like
 * an absent one.
 */
@ApiTags('documents')
@ApiBearerAuth()
@SiteRoles('coordinator', 'member', 'accountant')
@Controller('v1/sites/:siteId')
export class EInvoicesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('invoices/:invoiceId/factur-x.pdf')
  @ApiProduces('application/pdf')
  @ApiResponse(FACTUR_X_RESPONSE)
  @ApiErrors(200, undefined, 400, 401, 404, 422)
  invoiceFacturX(
    @Param('siteId') siteId: string,
    @Param('invoiceId', new ParseUUIDPipe()) invoiceId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return this.file(siteId, 'invoice', invoiceId, 'factur-x', reply);
  }

  @Get('invoices/:invoiceId/cii.xml')
  @ApiProduces('application/xml')
  @ApiResponse(CII_RESPONSE)
  @ApiErrors(200, undefined, 400, 401, 404, 422)
  invoiceCii(
    @Param('siteId') siteId: string,
    @Param('invoiceId', new ParseUUIDPipe()) invoiceId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return this.file(siteId, 'invoice', invoiceId, 'cii', reply);
  }

  @Get('credit-notes/:creditNoteId/factur-x.pdf')
  @ApiProduces('application/pdf')
  @ApiResponse(FACTUR_X_RESPONSE)
  @ApiErrors(200, undefined, 400, 401, 404, 422)
  creditNoteFacturX(
    @Param('siteId') siteId: string,
    @Param('creditNoteId', new ParseUUIDPipe()) creditNoteId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return this.file(siteId, 'credit_note', creditNoteId, 'factur-x', reply);
  }

  /** The invoice's transmission to the host structure's PA and the statuses it reported (docs/e-invoicing.md, "Transmission"). */
  @Get('invoices/:invoiceId/transmission')
  @ApiErrors(200, EInvoiceTransmissionDto, 400, 401, 404)
  invoiceTransmission(@Param('siteId') siteId: string, @Param('invoiceId', new ParseUUIDPipe()) invoiceId: string): Promise<EInvoiceTransmission> {
    return this.rpc.call(RPC.commerce.einvoiceTransmission, { siteId, kind: 'invoice', id: invoiceId });
  }

  @Get('credit-notes/:creditNoteId/transmission')
  @ApiErrors(200, EInvoiceTransmissionDto, 400, 401, 404)
  creditNoteTransmission(@Param('siteId') siteId: string, @Param('creditNoteId', new ParseUUIDPipe()) creditNoteId: string): Promise<EInvoiceTransmission> {
    return this.rpc.call(RPC.commerce.einvoiceTransmission, { siteId, kind: 'credit_note', id: creditNoteId });
  }

  private async file(siteId: string, kind: EInvoiceDocumentKind, id: string, format: EInvoiceFormat, reply: FastifyReply): Promise<StreamableFile> {
    const file = await this.rpc.call(RPC.commerce.documentEInvoice, { siteId, kind, id, format });
    const bytes = Buffer.from(file.contentBase64, 'base64');
    reply.header('ETag', `"${file.sha256}"`);
    reply.header('Repr-Digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
    // Stored once and never changed: may be kept, revalidated with its ETag.
    reply.header('Cache-Control', 'private, no-cache');
    const disposition = format === 'cii' ? 'attachment' : 'inline';
    return new StreamableFile(bytes, { type: file.contentType, disposition: `${disposition}; filename="${file.filename}"`, length: bytes.length });
  }
}
