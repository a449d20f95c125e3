import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, PageRequest, SiteId } from '@kpa/contracts';
import { keysetPage } from '@kpa/platform';
import { CapeContractEntity } from './cape-contract.entity';

/**
 * Every read and write of the site's CAPE contracts, always within one site (SiteId). Changes run
 * in the use case's transaction (its EntityManager); plain reads on the data source's.
 */
@Injectable()
export class CapeContractRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A contract of the site, row-locked for a change; one of another site does not exist for it (404). */
  async findForChange(siteId: SiteId, contractId: string, manager: EntityManager): Promise<CapeContractEntity> {
    const contract = await manager.findOne(CapeContractEntity, { where: { id: contractId, siteId }, lock: { mode: 'pessimistic_write' } });
    if (!contract) throw new DomainError('CAPE_CONTRACT_NOT_FOUND', `No CAPE contract with id ${contractId} on this site.`, { contractId });
    return contract;
  }

  /** The member's contracts, oldest first; `lock` holds them for the transaction (an erasure rewrites them). */
  ofMember(siteId: SiteId, memberId: string, options: { lock?: boolean } = {}, manager: EntityManager = this.dataSource.manager): Promise<CapeContractEntity[]> {
    return manager.find(CapeContractEntity, {
      where: { memberId, siteId },
      order: { createdAt: 'ASC', id: 'ASC' },
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /** One page of the site's contracts, or of one member's. */
  page(siteId: SiteId, memberId: string | undefined, request: PageRequest): Promise<{ items: CapeContractEntity[]; nextCursor: string | null }> {
    const query = this.dataSource.getRepository(CapeContractEntity).createQueryBuilder('c').where('c.siteId = :siteId', { siteId });
    if (memberId) query.andWhere('c.memberId = :memberId', { memberId });
    return keysetPage(query, request);
  }

  async insert(contract: CapeContractEntity & { siteId: SiteId }, manager: EntityManager): Promise<void> {
    await manager.insert(CapeContractEntity, contract);
  }

  async save(contract: CapeContractEntity, manager: EntityManager): Promise<void> {
    await manager.save(contract);
  }

  /** Only the reason and the time of the change: an erasure leaves the rest of the contract as it was. */
  async saveTerminationReason(contract: CapeContractEntity, terminationReason: string | null, at: Date, manager: EntityManager): Promise<void> {
    await manager.update(CapeContractEntity, { id: contract.id }, { terminationReason, updatedAt: at });
  }
}
