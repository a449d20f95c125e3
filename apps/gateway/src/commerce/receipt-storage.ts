import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { ObjectStore } from '@nats-io/obj';
import { v7 as uuidv7 } from 'uuid';
import { DomainError, OBJECT_STORES, RECEIPT_CONTENT_TYPES, ReceiptContentType, receiptObjectPrefix } from '@kpa/contracts';
import { LOGGER, Logger, ObjectStores } from '@kpa/platform';
import { GatewayConfig } from '../gateway.config';
import { RAW_BODY_ROUTES } from '../http/raw-body-routes';
import { ReceiptInspector, receiptTooLarge } from './receipt-file';

/**
 * Content types the receipt route takes as a raw body. The declared type only lets the bytes in:
 * what the file is gets decided by its first bytes (receipt-file.ts).
 */
export const RECEIPT_UPLOAD_CONTENT_TYPES = [...RECEIPT_CONTENT_TYPES, 'application/octet-stream'];

export interface StoredReceipt {
  objectName: string;
  sha256: string;
  size: number;
  contentType: ReceiptContentType;
}

/**
 * Receipt files of expenses in the receipts object store (JetStream, bucket
 * `<namespace>_receipts`): the gateway streams an upload in under a new object name, and streams
 * a receipt back out; commerce records which object is an expense's receipt.
 */
@Injectable()
export class ReceiptStorage implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly objectStores: ObjectStores,
    private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Lets the body of the file routes (receipts, the host's logo) through as a stream; the same types elsewhere are 415, as any unknown type. */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addContentTypeParser(RECEIPT_UPLOAD_CONTENT_TYPES, (request: FastifyRequest, payload: NodeJS.ReadableStream, done: (error: Error | null, body?: unknown) => void) => {
      if (request.method === 'PUT' && RAW_BODY_ROUTES.has(request.routeOptions.url ?? '')) return done(null, payload);
      done(Object.assign(new Error(`Unsupported Media Type: ${String(request.headers['content-type'])}`), { statusCode: 415 }));
    });
  }

  /**
   * Streams the request body into the store, checking type and size on the way; a refused file
   * leaves nothing behind (the object store purges the chunks of a failed put). The rest of a
   * refused body is read and dropped, so the client gets the answer rather than a reset.
   */
  async store(siteId: string, expenseId: string, body: unknown, declaredLength: string | undefined): Promise<StoredReceipt> {
    if (!(body instanceof Readable)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `Send the receipt file itself as the request body, with Content-Type ${RECEIPT_CONTENT_TYPES.join(', ')} (or application/octet-stream).`,
        {
          field: 'body',
        },
      );
    }
    const maxBytes = this.config.RECEIPT_MAX_BYTES;
    // Known too large from the header: refuse before reading (Node discards the unread body).
    if (declaredLength !== undefined && Number(declaredLength) > maxBytes) throw receiptTooLarge(maxBytes);

    const store = await this.bucket();
    const inspector = new ReceiptInspector(maxBytes);
    const interrupted = () => {
      if (!body.readableEnded) inspector.destroy(new DomainError('MALFORMED_REQUEST', 'The upload was interrupted before the end of the file: send it again.'));
    };
    body.once('error', interrupted);
    body.once('close', interrupted);
    body.pipe(inspector);
    const objectName = `${receiptObjectPrefix(siteId, expenseId)}${uuidv7()}`;
    try {
      const info = await store.put(
        { name: objectName, metadata: { siteId, expenseId } },
        Readable.toWeb(inspector) as WebReadableStream<Uint8Array> as unknown as ReadableStream<Uint8Array>,
      );
      if (info.size !== inspector.size) throw new Error(`receipt stored with ${info.size} bytes, ${inspector.size} received`);
      return { objectName, sha256: inspector.sha256, size: inspector.size, contentType: inspector.contentType as ReceiptContentType };
    } catch (error) {
      body.unpipe(inspector);
      body.resume();
      if (inspector.failure || error instanceof DomainError) throw inspector.failure ?? error;
      throw this.unavailable(error);
    } finally {
      body.off('error', interrupted);
      body.off('close', interrupted);
    }
  }

  /** The stored file as a stream; it fails midway if the bytes no longer match the object's digest. */
  async read(objectName: string): Promise<Readable> {
    const store = await this.bucket();
    const result = await store.get(objectName).catch((error: unknown) => {
      throw this.unavailable(error);
    });
    if (!result) throw new DomainError('RECEIPT_NOT_FOUND', 'The receipt file is missing from the store: upload it again.', { objectName });
    return Readable.fromWeb(result.data as unknown as WebReadableStream<Uint8Array>);
  }

  async remove(objectName: string): Promise<void> {
    await (await this.bucket()).delete(objectName);
  }

  private bucket(): Promise<ObjectStore> {
    return this.objectStores.open(OBJECT_STORES.receipts).catch((error: unknown) => {
      throw this.unavailable(error);
    });
  }

  /** NATS or JetStream failing under the store: the client may retry (503), the cause is logged. */
  private unavailable(error: unknown): DomainError {
    this.logger.warn({ err: error }, 'receipts object store failed');
    return new DomainError('SERVICE_UNAVAILABLE', 'The receipts store is not answering: retry in a moment.', { service: 'nats' });
  }
}
