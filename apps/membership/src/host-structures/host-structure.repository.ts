import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { DomainError, PageRequest } from '@kpa/contracts';
import { keysetPage } from '@kpa/platform';
import { HostStructureEntity } from './host-structure.entity';

/**
 * Every read and write of the host structures (regional, not owned by a site: no SiteId here).
 * Changes run in the use case's transaction (its EntityManager); plain reads on the data source's.
 */
@Injectable()
export class HostStructureRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A host structure by id, optionally row-locked for a change; an absent one is HOST_STRUCTURE_NOT_FOUND. */
  async find(hostStructureId: string, options: { lock?: boolean } = {}, manager: EntityManager = this.dataSource.manager): Promise<HostStructureEntity> {
    const entity = await manager.findOne(HostStructureEntity, { where: { id: hostStructureId }, ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!entity) throw new DomainError('HOST_STRUCTURE_NOT_FOUND', `No host structure with id ${hostStructureId}.`, { hostStructureId });
    return entity;
  }

  async exists(hostStructureId: string, manager: EntityManager): Promise<boolean> {
    return (await manager.findOneBy(HostStructureEntity, { id: hostStructureId })) !== null;
  }

  page(request: PageRequest): Promise<{ items: HostStructureEntity[]; nextCursor: string | null }> {
    return keysetPage(this.dataSource.getRepository(HostStructureEntity).createQueryBuilder('h'), request);
  }

  async insert(entity: HostStructureEntity, manager: EntityManager): Promise<void> {
    await manager.insert(HostStructureEntity, entity);
  }

  async save(entity: HostStructureEntity, manager: EntityManager): Promise<void> {
    await manager.save(entity);
  }

  /** The unique index refused the row (Postgres 23505): on this table, only the SIRET is unique besides the id. */
  isDuplicate(error: unknown): boolean {
    return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';
  }

  /**
   * The id of the structure holding a SIRET (as typed: spaces, dots and hyphens ignored). Read on
   * the data source, outside the transaction the duplicate aborted.
   */
  async idOfSiret(siret: string): Promise<string | undefined> {
    return (await this.dataSource.getRepository(HostStructureEntity).findOneBy({ siret: siret.replace(/[\s.-]/g, '') }))?.id;
  }
}
