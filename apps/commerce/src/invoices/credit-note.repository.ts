import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError, isUuid, PageRequest, SiteId } from '@kpa/contracts';
import { keysetPage } from '@kpa/platform';
import { RateAmount, sumRates, toRateAmounts } from './invoice';
import { CreditNoteEntity } from './credit-note.entity';

/**
 * The site's credit notes (`credit_note`). Stateless: every method runs on the manager it is given
 * (a use case's transaction, or the data source's for a plain read), always within one site.
 */
@Injectable()
export class CreditNoteRepository {
  /** A credit note of the site; another site's does not exist for it (404). */
  async findCreditNote(manager: EntityManager, siteId: SiteId, creditNoteId: string): Promise<CreditNoteEntity> {
    const creditNote = isUuid(creditNoteId) ? await manager.findOne(CreditNoteEntity, { where: { id: creditNoteId, siteId } }) : null;
    if (!creditNote) throw new DomainError('CREDIT_NOTE_NOT_FOUND', `No credit note with id ${creditNoteId} on this site.`, { creditNoteId });
    return creditNote;
  }

  /** One page of the site's credit notes, oldest first, of one invoice when given. */
  page(manager: EntityManager, siteId: SiteId, invoiceId: string | undefined, page: PageRequest): Promise<{ items: CreditNoteEntity[]; nextCursor: string | null }> {
    const query = manager.getRepository(CreditNoteEntity).createQueryBuilder('c').where('c.siteId = :siteId', { siteId });
    if (invoiceId !== undefined) query.andWhere('c.invoiceId = :invoiceId', { invoiceId });
    return keysetPage(query, page);
  }

  /** Every credit note of an invoice (a receipted copy lists them all). */
  ofInvoice(manager: EntityManager, siteId: SiteId, invoiceId: string): Promise<CreditNoteEntity[]> {
    return manager.find(CreditNoteEntity, { where: { siteId, invoiceId }, order: { issuedOn: 'ASC', id: 'ASC' } });
  }

  async insert(manager: EntityManager, creditNote: CreditNoteEntity & { siteId: SiteId }): Promise<void> {
    await manager.insert(CreditNoteEntity, creditNote);
  }

  /** What the invoice's credit notes already cancelled, per VAT rate. */
  async creditedRates(manager: EntityManager, siteId: SiteId, invoiceId: string): Promise<RateAmount[]> {
    const rows: { totals: { vatBreakdown: Parameters<typeof toRateAmounts>[0] } }[] = await manager.query(
      'SELECT totals FROM commerce.credit_note WHERE site_id = $1 AND invoice_id = $2',
      [siteId, invoiceId],
    );
    return sumRates(...rows.map((r) => toRateAmounts(r.totals.vatBreakdown)));
  }
}
