import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Put, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { DomainError, HostLogo, HostLogoRemoved, LOGO_CONTENT_TYPES, LOGO_MAX_BYTES, RPC } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { NetworkAdminOnly } from '../auth/auth.decorators';
import { ApiErrors } from '../http/api-errors.decorator';
import { ErrorDto } from '../http/error.dto';
import { HostLogoDto, HostLogoRemovedDto } from './dto/sites.dto';

function logoTooLarge(): DomainError {
  return new DomainError('LOGO_TOO_LARGE', `A logo may weigh ${LOGO_MAX_BYTES / 1024} KB at most: send a lighter PNG or JPEG, e.g. 600 × 240 pixels.`, {
    maxBytes: LOGO_MAX_BYTES,
  });
}

/**
 * The request body, read whole but never past LOGO_MAX_BYTES: a larger upload is refused as soon as
 * it passes the limit (the rest is read and dropped, so the client gets the answer, not a reset).
 */
async function logoBytes(body: unknown, declaredLength: string | undefined): Promise<Buffer> {
  if (!(body instanceof Readable)) {
    throw new DomainError('VALIDATION_FAILED', `Send the logo file itself as the request body, with Content-Type ${LOGO_CONTENT_TYPES.join(' or ')}.`, { field: 'body' });
  }
  if (declaredLength !== undefined && Number(declaredLength) > LOGO_MAX_BYTES) {
    body.resume();
    throw logoTooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > LOGO_MAX_BYTES) {
      body.resume();
      throw logoTooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg' };

/**
 * A host structure's logo, printed in the header of its sites' quotes, invoices and credit notes.
 * Kept by commerce, which prints the documents: a document keeps the logo it was sent or issued
 * with, whatever happens to the logo later.
 */
@ApiTags('host structures')
@ApiBearerAuth()
@NetworkAdminOnly()
@Controller('v1/host-structures/:hostStructureId/logo')
export class HostLogoController {
  constructor(private readonly rpc: RpcClient) {}

  /** The file as the raw body: a PNG or JPEG (told by its first bytes), 300 KB and 2000 pixels a side at most. Replaces the current logo. */
  @Put()
  @HttpCode(200)
  @ApiConsumes(...LOGO_CONTENT_TYPES, 'application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' }, description: 'the PNG or JPEG file itself (not a form)' })
  @ApiErrors(200, HostLogoDto, 400, 401, 403, 404, 413, 415, 422)
  async put(@Param('hostStructureId', new ParseUUIDPipe()) hostStructureId: string, @Req() request: FastifyRequest): Promise<HostLogo> {
    const bytes = await logoBytes(request.body, request.headers['content-length']);
    return this.rpc.call(RPC.commerce.hostLogoPut, { hostStructureId, contentBase64: bytes.toString('base64') });
  }

  @Get()
  @ApiProduces(...LOGO_CONTENT_TYPES)
  @ApiResponse({ status: 200, description: 'the current logo, with its content type; ETag is its SHA-256', schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 400, type: ErrorDto })
  @ApiResponse({ status: 401, type: ErrorDto })
  @ApiResponse({ status: 403, type: ErrorDto })
  @ApiResponse({ status: 404, type: ErrorDto, description: 'no such host structure, or no logo (LOGO_NOT_FOUND)' })
  async get(@Param('hostStructureId', new ParseUUIDPipe()) hostStructureId: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const logo = await this.rpc.call(RPC.commerce.hostLogoGet, { hostStructureId });
    const bytes = Buffer.from(logo.contentBase64, 'base64');
    void reply.header('x-content-type-options', 'nosniff').header('cache-control', 'private, no-cache').header('etag', `"${logo.sha256}"`);
    return new StreamableFile(bytes, { type: logo.contentType, length: bytes.length, disposition: `inline; filename="logo-${hostStructureId}.${EXTENSIONS[logo.contentType]}"` });
  }

  /** New documents and drafts print no logo; documents sent or issued with it keep it. */
  @Delete()
  @HttpCode(200)
  @ApiErrors(200, HostLogoRemovedDto, 400, 401, 403, 404)
  remove(@Param('hostStructureId', new ParseUUIDPipe()) hostStructureId: string): Promise<HostLogoRemoved> {
    return this.rpc.call(RPC.commerce.hostLogoRemove, { hostStructureId });
  }
}
