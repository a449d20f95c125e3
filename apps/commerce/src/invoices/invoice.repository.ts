import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { DomainError, InvoiceKind, InvoiceStatus, isUuid, PageRequest, SiteId } from '@kpa/contracts';
import { keysetPage } from '@kpa/platform';
import { PrintableDocument } from '../documents/printable';
import { NumberedWrite } from '../numbering/document-counter';
import { DepositCandidate } from './invoice-deposits';
import { InvoiceEntity } from './invoice.entity';

/** What a credit note shows of its invoice. */
export interface InvoiceRef {
  number: string;
  issuedOn: string;
  clientId: string;
}

/** The columns an invoice's issue sets besides its number. */
export interface IssuedColumns {
  status: InvoiceStatus;
  issuedOn: string;
  dueOn: string;
  paidOn: string | null;
  updatedAt: Date;
  /** Without its number: the statement that takes the number writes it in. */
  printable: PrintableDocument;
}

function depositCandidate(invoice: InvoiceEntity): DepositCandidate {
  return {
    id: invoice.id,
    kind: invoice.kind,
    status: invoice.status,
    clientId: invoice.clientId,
    quoteId: invoice.quoteId,
    number: invoice.number,
    issuedOn: invoice.issuedOn,
    creditedCents: invoice.creditedCents,
    deductedByInvoiceId: invoice.deductedByInvoiceId,
    totals: invoice.totals,
  };
}

/**
 * The site's invoices (`invoice`). Stateless: every method runs on the manager it is given (a use
 * case's transaction, or the data source's for a plain read), always within one site.
 */
@Injectable()
export class InvoiceRepository {
  /** An invoice of the site (another site's does not exist for it: 404), under a row lock when it is to change. */
  async findInvoice(manager: EntityManager, siteId: SiteId, invoiceId: string, forChange = false): Promise<InvoiceEntity> {
    const invoice = isUuid(invoiceId)
      ? await manager.findOne(InvoiceEntity, { where: { id: invoiceId, siteId }, ...(forChange ? { lock: { mode: 'pessimistic_write' as const } } : {}) })
      : null;
    if (!invoice) throw new DomainError('INVOICE_NOT_FOUND', `No invoice with id ${invoiceId} on this site.`, { invoiceId });
    return invoice;
  }

  /** One page of the site's invoices, oldest first. */
  page(
    manager: EntityManager,
    siteId: SiteId,
    filters: { status?: InvoiceStatus; kind?: InvoiceKind; clientId?: string },
    page: PageRequest,
  ): Promise<{ items: InvoiceEntity[]; nextCursor: string | null }> {
    const query = manager.getRepository(InvoiceEntity).createQueryBuilder('i').where('i.siteId = :siteId', { siteId });
    if (filters.status) query.andWhere('i.status = :status', { status: filters.status });
    if (filters.kind) query.andWhere('i.kind = :kind', { kind: filters.kind });
    if (filters.clientId) query.andWhere('i.clientId = :clientId', { clientId: filters.clientId });
    return keysetPage(query, page);
  }

  async insert(manager: EntityManager, invoice: InvoiceEntity & { siteId: SiteId }): Promise<void> {
    await manager.insert(InvoiceEntity, invoice);
  }

  /** Writes the given columns of one invoice of the site. */
  async update(manager: EntityManager, siteId: SiteId, invoiceId: string, changes: Partial<Omit<InvoiceEntity, 'id' | 'siteId'>>): Promise<void> {
    await manager.update(InvoiceEntity, { id: invoiceId, siteId }, changes);
  }

  /** The deposits a final invoice deducts are marked as deducted by it (no other final may deduct them again). */
  async markDeducted(manager: EntityManager, siteId: SiteId, depositIds: readonly string[], byInvoiceId: string): Promise<void> {
    await manager.update(InvoiceEntity, { id: In([...depositIds]), siteId }, { deductedByInvoiceId: byInvoiceId });
  }

  /**
   * The write that freezes an issued invoice, for allocateDocumentNumber: run in the statement that
   * takes the number of the series, it stores the number (also into the printable) with the issue's
   * status and dates.
   */
  freezeIssued(siteId: SiteId, invoiceId: string, issued: IssuedColumns): NumberedWrite {
    return (param) =>
      `UPDATE commerce.invoice
          SET number = numbered.number, status = ${param(issued.status)}, issued_on = ${param(issued.issuedOn)}, due_on = ${param(issued.dueOn)},
              paid_on = ${param(issued.paidOn)}, updated_at = ${param(issued.updatedAt)}, printable = jsonb_set(${param(JSON.stringify(issued.printable))}::jsonb, '{number}', to_jsonb(numbered.number))
         FROM numbered WHERE id = ${param(invoiceId)} AND site_id = ${param(siteId)}`;
  }

  /** The number of an invoice of the site; null while a draft, or when there is none. */
  async numberOf(manager: EntityManager, siteId: SiteId, invoiceId: string): Promise<string | null> {
    return (await manager.findOne(InvoiceEntity, { where: { id: invoiceId, siteId }, select: { id: true, number: true } }))?.number ?? null;
  }

  /** What credit notes show of their invoices, by invoice id. */
  async invoiceRefs(manager: EntityManager, siteId: SiteId, ids: readonly string[]): Promise<Map<string, InvoiceRef>> {
    if (ids.length === 0) return new Map();
    const invoices = await manager.find(InvoiceEntity, { where: { siteId, id: In([...ids]) }, select: { id: true, number: true, issuedOn: true, clientId: true } });
    return new Map(invoices.map((i) => [i.id, { number: i.number as string, issuedOn: i.issuedOn as string, clientId: i.clientId }]));
  }

  /** The invoices a final invoice names as its deposits, locked when the final is being issued. */
  async depositCandidates(manager: EntityManager, siteId: SiteId, ids: readonly string[], lock = false): Promise<DepositCandidate[]> {
    if (ids.length === 0) return [];
    const found = await manager.find(InvoiceEntity, {
      where: { siteId, id: In([...ids]) },
      order: { id: 'ASC' },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    return found.map(depositCandidate);
  }

  /** Issued deposit invoices of a quote no final invoice deducts yet, oldest first: a final invoice's default deposits. */
  async openDepositsOfQuote(manager: EntityManager, siteId: SiteId, quoteId: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM commerce.invoice
        WHERE site_id = $1 AND quote_id = $2 AND kind = 'deposit' AND status IN ('issued', 'partially_paid', 'paid')
          AND credited_cents = 0 AND deducted_by_invoice_id IS NULL
        ORDER BY issued_on, number`,
      [siteId, quoteId],
    );
    return rows.map((r) => r.id);
  }
}
