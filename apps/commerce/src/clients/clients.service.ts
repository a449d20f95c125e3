import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, Not, QueryFailedError } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  Client,
  CLIENT_CREATED_V1,
  CLIENT_UPDATED_V1,
  ClientChangedV1,
  ClientPage,
  CreateClientRequest,
  DomainError,
  GetClientRequest,
  ListClientsRequest,
  UpdateClientRequest,
  siteIdOf,
} from '@kpa/contracts';
import { createEvent, keysetPage, UnitOfWork } from '@kpa/platform';
import { SellerRepository } from '../sellers/seller.repository';
import { changeClient, newClient } from './client';
import { ClientEntity } from './client.entity';

/** What the events say of a client: never anything of an individual beyond the id and kind. */
export function changed(client: ClientEntity): ClientChangedV1 {
  return client.kind === 'individual'
    ? { clientId: client.id, kind: client.kind, updatedAt: client.updatedAt.toISOString() }
    : { clientId: client.id, kind: client.kind, name: client.name, updatedAt: client.updatedAt.toISOString() };
}

/** Reads a client of a site: one of another site does not exist for it (404). */
async function findClient(manager: EntityManager, siteId: string, clientId: string, forChange = false): Promise<ClientEntity> {
  const client = await manager.findOne(ClientEntity, { where: { id: clientId, siteId }, ...(forChange ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  if (!client) throw new DomainError('CLIENT_NOT_FOUND', `No client with id ${clientId} on this site.`, { clientId });
  return client;
}

function siretTaken(siret: string, existingId: string | undefined): DomainError {
  return new DomainError('CLIENT_SIRET_TAKEN', `A client with SIRET ${siret} already exists on this site: use it (details.existingId).`, { field: 'siret', existingId });
}

@Injectable()
export class ClientsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly sellers: SellerRepository,
  ) {}

  async create({ siteId, client }: CreateClientRequest): Promise<Client> {
    const data = newClient(client);
    const now = new Date();
    const entity = Object.assign(new ClientEntity(), data, { id: uuidv7(), siteId, createdAt: now, updatedAt: now });
    await this.withUniqueSiret(siteId, data.siret, () =>
      this.unitOfWork.run(async ({ manager, publish }) => {
        await this.sellers.assertKnownSite(manager, siteIdOf(siteId));
        await this.assertSiretFree(manager, siteId, data.siret);
        await manager.insert(ClientEntity, entity);
        await publish(createEvent(CLIENT_CREATED_V1, siteId, changed(entity), now));
      }),
    );
    return entity.toContract();
  }

  async get({ siteId, clientId }: GetClientRequest): Promise<Client> {
    return (await findClient(this.dataSource.manager, siteId, clientId)).toContract();
  }

  async list(request: ListClientsRequest): Promise<ClientPage> {
    const query = this.dataSource.getRepository(ClientEntity).createQueryBuilder('c').where('c.siteId = :siteId', { siteId: request.siteId });
    if (request.kind) query.andWhere('c.kind = :kind', { kind: request.kind });
    if (request.q) {
      const pattern = `%${request.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere('c.name ILIKE :pattern', { pattern });
    }
    const page = await keysetPage(query, request);
    return { items: page.items.map((c) => c.toContract()), nextCursor: page.nextCursor };
  }

  /** Read under a row lock, apply the rules, save, publish: one transaction. */
  update({ siteId, clientId, changes }: UpdateClientRequest): Promise<Client> {
    let siret: string | null = null;
    return this.withUniqueSiret(siteId, () => siret, () =>
      this.unitOfWork.run(async ({ manager, publish }) => {
        const client = await findClient(manager, siteId, clientId, true);
        Object.assign(client, changeClient(client.data(), changes), { updatedAt: new Date() });
        siret = client.siret;
        await this.assertSiretFree(manager, siteId, client.siret, client.id);
        await manager.save(client);
        await publish(createEvent(CLIENT_UPDATED_V1, siteId, changed(client), client.updatedAt));
        return client.toContract();
      }),
    );
  }

  private async assertSiretFree(manager: EntityManager, siteId: string, siret: string | null, exceptId?: string): Promise<void> {
    if (siret === null) return;
    const existing = await manager.findOne(ClientEntity, { where: { siteId, siret, ...(exceptId ? { id: Not(exceptId) } : {}) }, select: { id: true } });
    if (existing) throw siretTaken(siret, existing.id);
  }

  /** Two requests racing past the check meet the unique index: the loser gets the same 409. */
  private async withUniqueSiret<T>(siteId: string, siret: string | null | (() => string | null), work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const value = typeof siret === 'function' ? siret() : siret;
      if (value !== null && error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        const existing = await this.dataSource.getRepository(ClientEntity).findOneBy({ siteId, siret: value });
        throw siretTaken(value, existing?.id);
      }
      throw error;
    }
  }
}
