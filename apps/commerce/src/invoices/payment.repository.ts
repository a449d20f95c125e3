import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PageRequest, SiteId } from '@kpa/contracts';
import { keysetPage } from '@kpa/platform';
import { PaymentEntity } from './payment.entity';

/**
 * The payments recorded against the site's invoices (`payment`). Stateless: every method runs on
 * the manager it is given, always within one site.
 */
@Injectable()
export class PaymentRepository {
  async insert(manager: EntityManager, payment: PaymentEntity & { siteId: SiteId }): Promise<void> {
    await manager.insert(PaymentEntity, payment);
  }

  /** The day of the invoice's latest payment, if any. */
  async lastPaymentOn(manager: EntityManager, siteId: SiteId, invoiceId: string): Promise<string | null> {
    const rows: { last: string | null }[] = await manager.query(
      `SELECT to_char(max(received_on), 'YYYY-MM-DD') AS last FROM commerce.payment WHERE site_id = $1 AND invoice_id = $2`,
      [siteId, invoiceId],
    );
    return rows[0]?.last ?? null;
  }

  /** Every payment of an invoice (a receipted copy lists them all). */
  all(manager: EntityManager, siteId: SiteId, invoiceId: string): Promise<PaymentEntity[]> {
    return manager.find(PaymentEntity, { where: { siteId, invoiceId }, order: { receivedOn: 'ASC', id: 'ASC' } });
  }

  /** One page of an invoice's payments, oldest first. */
  page(manager: EntityManager, siteId: SiteId, invoiceId: string, page: PageRequest): Promise<{ items: PaymentEntity[]; nextCursor: string | null }> {
    const query = manager.getRepository(PaymentEntity).createQueryBuilder('p').where('p.siteId = :siteId AND p.invoiceId = :invoiceId', { siteId, invoiceId });
    return keysetPage(query, page);
  }
}
