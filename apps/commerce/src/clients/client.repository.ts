import { Injectable } from '@nestjs/common';
import { EntityManager, Not } from 'typeorm';
import { ClientKind, DomainError, isUuid, PageRequest, SiteId } from '@kpa/contracts';
import { keysetPage } from '@kpa/platform';
import { ClientEntity } from './client.entity';

/**
 * The site's clients (`client`). Stateless: every method runs on the manager it is given (a use
 * case's transaction, or the data source's for a plain read), always within one site.
 */
@Injectable()
export class ClientRepository {
  /** A client of the site, under a row lock when it is to change; another site's does not exist for it (404). */
  async findClient(manager: EntityManager, siteId: SiteId, clientId: string, forChange = false): Promise<ClientEntity> {
    const client = await manager.findOne(ClientEntity, { where: { id: clientId, siteId }, ...(forChange ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!client) throw new DomainError('CLIENT_NOT_FOUND', `No client with id ${clientId} on this site.`, { clientId });
    return client;
  }

  /** The client of the site a quote or an invoice names (`clientId` as sent: anything but a uuid is not found). */
  async billedClient(manager: EntityManager, siteId: SiteId, clientId: unknown): Promise<ClientEntity> {
    const client = await this.clientOrNull(manager, siteId, clientId);
    if (!client)
      throw new DomainError('CLIENT_NOT_FOUND', `No client with id ${String(clientId)} on this site: create the client first, or pick one of the site's clients.`, {
        field: 'clientId',
        clientId,
      });
    return client;
  }

  /** A client of the site by an id as sent, or null (unknown, another site's, or not a uuid). */
  async clientOrNull(manager: EntityManager, siteId: SiteId, clientId: unknown): Promise<ClientEntity | null> {
    return isUuid(clientId) ? manager.findOne(ClientEntity, { where: { id: clientId, siteId } }) : null;
  }

  /** The id of the site's client with this SIRET (other than `exceptId`), if any: a SIRET is unique per site. */
  async idWithSiret(manager: EntityManager, siteId: SiteId, siret: string, exceptId?: string): Promise<string | null> {
    const existing = await manager.findOne(ClientEntity, { where: { siteId, siret, ...(exceptId ? { id: Not(exceptId) } : {}) }, select: { id: true } });
    return existing?.id ?? null;
  }

  /** One page of the site's clients, oldest first; `q` in the name. */
  page(manager: EntityManager, siteId: SiteId, filters: { kind?: ClientKind; q?: string }, page: PageRequest): Promise<{ items: ClientEntity[]; nextCursor: string | null }> {
    const query = manager.getRepository(ClientEntity).createQueryBuilder('c').where('c.siteId = :siteId', { siteId });
    if (filters.kind) query.andWhere('c.kind = :kind', { kind: filters.kind });
    if (filters.q) {
      const pattern = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere('c.name ILIKE :pattern', { pattern });
    }
    return keysetPage(query, page);
  }

  async insert(manager: EntityManager, client: ClientEntity & { siteId: SiteId }): Promise<void> {
    await manager.insert(ClientEntity, client);
  }

  async save(manager: EntityManager, client: ClientEntity): Promise<void> {
    await manager.save(client);
  }
}
