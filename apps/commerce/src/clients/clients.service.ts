import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
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
  SiteId,
  siteIdOf,
  UpdateClientRequest,
} from '@kpa/contracts';
import { createEvent, UnitOfWork } from '@kpa/platform';
import { SellerRepository } from '../sellers/seller.repository';
import { changeClient, newClient } from './client';
import { ClientEntity } from './client.entity';
import { ClientRepository } from './client.repository';

/** What the events say of a client: never anything of an individual beyond the id and kind. */
export function changed(client: ClientEntity): ClientChangedV1 {
  return client.kind === 'individual'
    ? { clientId: client.id, kind: client.kind, updatedAt: client.updatedAt.toISOString() }
    : { clientId: client.id, kind: client.kind, name: client.name, updatedAt: client.updatedAt.toISOString() };
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
    private readonly clients: ClientRepository,
  ) {}

  async create({ siteId, client }: CreateClientRequest): Promise<Client> {
    const data = newClient(client);
    const now = new Date();
    const entity = Object.assign(new ClientEntity(), data, { id: uuidv7(), siteId: siteIdOf(siteId), createdAt: now, updatedAt: now });
    // The answer is the unit of work's result: under an idempotency key, it is what a retry gets back.
    return this.withUniqueSiret(siteIdOf(siteId), data.siret, () =>
      this.unitOfWork.run(async ({ manager, publish }) => {
        await this.sellers.assertKnownSite(manager, siteIdOf(siteId));
        await this.assertSiretFree(manager, siteIdOf(siteId), data.siret);
        await this.clients.insert(manager, entity);
        await publish(createEvent(CLIENT_CREATED_V1, siteId, changed(entity), now));
        return entity.toContract();
      }),
    );
  }

  async get({ siteId, clientId }: GetClientRequest): Promise<Client> {
    return (await this.clients.findClient(this.dataSource.manager, siteIdOf(siteId), clientId)).toContract();
  }

  async list(request: ListClientsRequest): Promise<ClientPage> {
    const page = await this.clients.page(this.dataSource.manager, siteIdOf(request.siteId), request, request);
    return { items: page.items.map((c) => c.toContract()), nextCursor: page.nextCursor };
  }

  /** Read under a row lock, apply the rules, save, publish: one transaction. */
  update({ siteId, clientId, changes }: UpdateClientRequest): Promise<Client> {
    let siret: string | null = null;
    return this.withUniqueSiret(
      siteIdOf(siteId),
      () => siret,
      () =>
        this.unitOfWork.run(async ({ manager, publish }) => {
          const client = await this.clients.findClient(manager, siteIdOf(siteId), clientId, true);
          Object.assign(client, changeClient(client.data(), changes), { updatedAt: new Date() });
          siret = client.siret;
          await this.assertSiretFree(manager, siteIdOf(siteId), client.siret, client.id);
          await this.clients.save(manager, client);
          await publish(createEvent(CLIENT_UPDATED_V1, siteId, changed(client), client.updatedAt));
          return client.toContract();
        }),
    );
  }

  private async assertSiretFree(manager: EntityManager, siteId: SiteId, siret: string | null, exceptId?: string): Promise<void> {
    if (siret === null) return;
    const existingId = await this.clients.idWithSiret(manager, siteId, siret, exceptId);
    if (existingId !== null) throw siretTaken(siret, existingId);
  }

  /** Two requests racing past the check meet the unique index: the loser gets the same 409. */
  private async withUniqueSiret<T>(siteId: SiteId, siret: string | null | (() => string | null), work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const value = typeof siret === 'function' ? siret() : siret;
      if (value !== null && error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        throw siretTaken(value, (await this.clients.idWithSiret(this.dataSource.manager, siteId, value)) ?? undefined);
      }
      throw error;
    }
  }
}
