import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  CreateCreditNoteRequest,
  CREDIT_NOTE_ISSUED_V1,
  CreditNote,
  CreditNotePage,
  DomainError,
  EventEnvelope,
  formatCents,
  GetCreditNoteRequest,
  INVOICE_PAID_V1,
  isUuid,
  ListCreditNotesRequest,
  siteIdOf,
} from '@kpa/contracts';
import { createEvent, todayInFrance, UnitOfWork } from '@kpa/platform';
import { allocateDocumentNumber } from '../numbering/document-counter';
import { SellerRepository } from '../sellers/seller.repository';
import { toRateAmounts } from './invoice';
import { planCreditNote } from './credit-note';
import { checkEInvoiceRules } from '../e-invoicing/en16931-rules';
import { creditNoteDocument } from './invoice-document';
import { CreditNoteEntity } from './credit-note.entity';
import { CreditNoteRepository } from './credit-note.repository';
import { InvoiceDrafts } from './invoice-drafts';
import { InvoiceRef, InvoiceRepository } from './invoice.repository';
import { PaymentRepository } from './payment.repository';
import { TransmissionQueue } from '../e-invoicing/transmission/transmission-queue';

@Injectable()
export class CreditNotesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly sellers: SellerRepository,
    private readonly invoices: InvoiceRepository,
    private readonly creditNotes: CreditNoteRepository,
    private readonly payments: PaymentRepository,
    private readonly drafts: InvoiceDrafts,
    private readonly transmissions: TransmissionQueue,
  ) {}

  /**
   * Issues a credit note against an issued invoice, in one transaction: lock the invoice, check what
   * remains creditable, take the next number of the site's credit-note series, freeze the document
   * (the invoice's client as printed on it, the seller as it is today), lower the invoice's balance
   * (cancelled when nothing unpaid remains; a part already paid becomes `refundDue`, settled by
   * recording refunds) and publish `commerce.credit_note.issued` with that paid part.
   */
  create({ siteId, invoiceId, actor, creditNote: input }: CreateCreditNoteRequest): Promise<CreditNote> {
    const today = todayInFrance();
    return this.unitOfWork.run(async ({ manager, publish }) => {
      const invoice = await this.invoices.findInvoice(manager, siteIdOf(siteId), invoiceId, true);
      const request = input ?? {};
      if (request.reason !== undefined && request.reason !== null && (typeof request.reason !== 'string' || request.reason.trim().length > 500)) {
        throw new DomainError('VALIDATION_FAILED', 'reason must be text of at most 500 characters.', { field: 'reason' });
      }
      const reason = typeof request.reason === 'string' && request.reason.trim() !== '' ? request.reason.trim() : null;
      const lines =
        request.lines !== undefined && request.lines !== null && invoice.status !== 'draft' ? await this.drafts.resolveLines(manager, siteIdOf(siteId), request.lines) : null;
      const deductedBy =
        invoice.deductedByInvoiceId === null ? null : ((await this.invoices.numberOf(manager, siteIdOf(siteId), invoice.deductedByInvoiceId)) ?? invoice.deductedByInvoiceId);
      const plan = planCreditNote(
        {
          status: invoice.status,
          number: invoice.number,
          vatFranchise: invoice.totals.vatFranchise,
          lines: invoice.lines,
          balance: invoice.balance(),
          rates: toRateAmounts(invoice.totals.vatBreakdown),
          depositRates: invoice.totals.deposits.flatMap((d) => toRateAmounts(d.vatBreakdown)),
          creditedRates: invoice.creditedCents > 0 ? await this.creditNotes.creditedRates(manager, siteIdOf(siteId), invoice.id) : [],
          deductedByNumber: deductedBy,
        },
        { full: request.full, lines },
        `Annulation de la facture ${invoice.number}`,
      );
      const seller = await this.sellers.sellerIdentity(manager, siteIdOf(siteId));
      const frozenInvoice = invoice.printable;
      if (frozenInvoice === null || invoice.number === null || invoice.issuedOn === null) throw new Error(`issued invoice ${invoice.id} has no frozen document`);

      const { number } = await allocateDocumentNumber(manager, { siteId, siteCode: seller.siteCode, kind: 'credit_note' }, today);
      const now = new Date();
      const creditNote = Object.assign(new CreditNoteEntity(), {
        id: uuidv7(),
        siteId: siteIdOf(siteId),
        invoiceId: invoice.id,
        number,
        issuedOn: today,
        full: plan.full,
        reason,
        lines: plan.lines,
        totals: plan.totals,
        printable: creditNoteDocument({
          number,
          issueDate: today,
          invoiceNumber: invoice.number,
          invoiceIssuedOn: invoice.issuedOn,
          operationCategory: invoice.operationCategory,
          reason,
          seller,
          client: frozenInvoice.client,
          lines: plan.lines,
          totals: plan.totals,
          invoiceMentions: frozenInvoice.mentions,
          invoiceEInvoice: frozenInvoice.einvoice,
        }),
        netCents: plan.netCents,
        vatCents: plan.vatCents,
        totalCents: plan.totalCents,
        createdBy: actor.userId,
        createdAt: now,
      });
      // Its e-invoice must be valid: refused (and the number given back by the rollback) otherwise.
      checkEInvoiceRules(creditNote.printable);
      await this.creditNotes.insert(manager, creditNote);
      await this.transmissions.creditNoteIssued(manager, siteIdOf(siteId), creditNote.id, invoice.id, now);
      const paidOn = plan.status === 'paid' && invoice.paidOn === null ? ((await this.payments.lastPaymentOn(manager, siteIdOf(siteId), invoice.id)) ?? today) : invoice.paidOn;
      await this.invoices.update(manager, siteIdOf(siteId), invoice.id, {
        creditedCents: plan.balance.creditedCents,
        creditedNetCents: plan.balance.creditedNetCents,
        status: plan.status,
        paidOn,
        updatedAt: now,
      });

      const events: EventEnvelope[] = [
        createEvent(
          CREDIT_NOTE_ISSUED_V1,
          siteId,
          {
            creditNoteId: creditNote.id,
            number,
            invoiceId: invoice.id,
            invoiceNumber: invoice.number,
            missionId: invoice.missionId,
            issuedOn: today,
            net: plan.totals.net,
            vat: plan.totals.vat,
            total: plan.totals.total,
            refundDue: formatCents(plan.refundDueCents),
            refundDueNet: formatCents(plan.refundDueNetCents),
          },
          now,
        ),
      ];
      if (plan.status === 'paid' && invoice.status !== 'paid')
        events.push(createEvent(INVOICE_PAID_V1, siteId, { invoiceId: invoice.id, number: invoice.number, paidOn: paidOn ?? today }, now));
      await publish(...events);
      return creditNote.toContract({ number: invoice.number, issuedOn: invoice.issuedOn, clientId: invoice.clientId });
    });
  }

  async get({ siteId, creditNoteId }: GetCreditNoteRequest): Promise<CreditNote> {
    const creditNote = await this.creditNotes.findCreditNote(this.dataSource.manager, siteIdOf(siteId), creditNoteId);
    const refs = await this.invoices.invoiceRefs(this.dataSource.manager, siteIdOf(siteId), [creditNote.invoiceId]);
    return creditNote.toContract(refs.get(creditNote.invoiceId) as InvoiceRef);
  }

  async list(request: ListCreditNotesRequest): Promise<CreditNotePage> {
    if (request.invoiceId !== undefined && !isUuid(request.invoiceId)) throw new DomainError('VALIDATION_FAILED', 'invoiceId must be a uuid.', { field: 'invoiceId' });
    const siteId = siteIdOf(request.siteId);
    const page = await this.creditNotes.page(this.dataSource.manager, siteId, request.invoiceId, request);
    const refs = await this.invoices.invoiceRefs(this.dataSource.manager, siteId, [...new Set(page.items.map((c) => c.invoiceId))]);
    return { items: page.items.map((c) => c.toContract(refs.get(c.invoiceId) as InvoiceRef)), nextCursor: page.nextCursor };
  }
}
