import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ListSiteMailRequest, OUTGOING_MAIL_STATUSES, OutgoingMailPage, RPC, DomainError } from '@kpa/contracts';
import { decodeCursor, encodeCursor, pageSize, RpcHandler } from '@kpa/platform';
import { DataSource } from 'typeorm';
import { OutgoingMailRepository } from './outgoing-mail.repository';

@Controller()
export class MailRpcController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: OutgoingMailRepository,
  ) {}

  /** A coordinator's list of their site's e-mails (e.g. the failed ones), newest first. */
  @RpcHandler(RPC.worker.mailListOfSite)
  async listOfSite(@Payload() request: ListSiteMailRequest): Promise<OutgoingMailPage> {
    if (request.status !== undefined && !OUTGOING_MAIL_STATUSES.includes(request.status)) {
      throw new DomainError('VALIDATION_FAILED', `status must be one of ${OUTGOING_MAIL_STATUSES.join(', ')}.`, { field: 'status' });
    }
    const limit = pageSize(request);
    const cursor = decodeCursor(request.cursor, 'outgoing-mail');
    const rows = await this.repository.pageOfSite(this.dataSource.manager, request.siteId, request.status, cursor && { queuedAt: cursor.createdAt, id: cursor.id }, limit);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.queuedAt, id: last.id }, 'outgoing-mail') : null };
  }
}
