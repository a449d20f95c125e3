import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PageRequest, SiteId } from '@kpa/contracts';
import { keysetPage } from '@kpa/platform';
import { RefundEntity } from './refund.entity';

/**
 * The refunds recorded against the site's invoices (`refund`). Stateless: every method runs on the
 * manager it is given, always within one site.
 */
@Injectable()
export class RefundRepository {
  async insert(manager: EntityManager, refund: RefundEntity & { siteId: SiteId }): Promise<void> {
    await manager.insert(RefundEntity, refund);
  }

  /** Every refund of an invoice (a receipted copy lists them all). */
  all(manager: EntityManager, siteId: SiteId, invoiceId: string): Promise<RefundEntity[]> {
    return manager.find(RefundEntity, { where: { siteId, invoiceId }, order: { refundedOn: 'ASC', id: 'ASC' } });
  }

  /** One page of an invoice's refunds, oldest first. */
  page(manager: EntityManager, siteId: SiteId, invoiceId: string, page: PageRequest): Promise<{ items: RefundEntity[]; nextCursor: string | null }> {
    const query = manager.getRepository(RefundEntity).createQueryBuilder('r').where('r.siteId = :siteId AND r.invoiceId = :invoiceId', { siteId, invoiceId });
    return keysetPage(query, page);
  }
}
