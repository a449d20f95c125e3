import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  CreateInvoiceRequest,
  DomainError,
  EventEnvelope,
  GetInvoiceRequest,
  Invoice,
  INVOICE_ISSUED_V1,
  INVOICE_PAID_V1,
  InvoicePage,
  IssueInvoiceRequest,
  isUuid,
  ListInvoicesRequest,
  siteIdOf,
  UpdateInvoiceRequest,
} from '@kpa/contracts';
import { createEvent, todayInFrance, UnitOfWork } from '@kpa/platform';
import { allocateDocumentNumber } from '../numbering/document-counter';
import { assertClientMayChange, assertEditable, assertIssuable, InvoiceDraftInput } from './invoice';
import { statusOf } from './invoice-payments';
import { InvoiceDrafts, moneyColumns } from './invoice-drafts';
import { documentOf, InvoicePrintables } from './invoice-printable';
import { checkEInvoiceRules } from '../e-invoicing/en16931-rules';
import { InvoiceRepository } from './invoice.repository';
import { TransmissionQueue } from '../e-invoicing/transmission/transmission-queue';

@Injectable()
export class InvoicesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly drafts: InvoiceDrafts,
    private readonly printables: InvoicePrintables,
    private readonly invoices: InvoiceRepository,
    private readonly transmissions: TransmissionQueue,
  ) {}

  create({ siteId, actor, invoice }: CreateInvoiceRequest): Promise<Invoice> {
    return this.unitOfWork.run(async ({ manager }) => (await this.drafts.draftFromRequest(manager, siteIdOf(siteId), invoice ?? {}, actor)).toContract());
  }

  async get({ siteId, invoiceId }: GetInvoiceRequest): Promise<Invoice> {
    return (await this.invoices.findInvoice(this.dataSource.manager, siteIdOf(siteId), invoiceId)).toContract();
  }

  async list(request: ListInvoicesRequest): Promise<InvoicePage> {
    if (request.clientId && !isUuid(request.clientId)) throw new DomainError('VALIDATION_FAILED', 'clientId must be a uuid.', { field: 'clientId' });
    const page = await this.invoices.page(this.dataSource.manager, siteIdOf(request.siteId), request, request);
    return { items: page.items.map((i) => i.toContract()), nextCursor: page.nextCursor };
  }

  /** Drafts only (409 INVOICE_NOT_EDITABLE once issued): the content is checked again and the totals recomputed. */
  update({ siteId, invoiceId, changes }: UpdateInvoiceRequest): Promise<Invoice> {
    return this.unitOfWork.run(async ({ manager }) => {
      const invoice = await this.invoices.findInvoice(manager, siteIdOf(siteId), invoiceId, true);
      assertEditable(invoice.status, invoice.number);
      if (!changes || Object.keys(changes).length === 0) throw new DomainError('VALIDATION_FAILED', 'Nothing to change: send at least one field.');
      assertClientMayChange(invoice, changes.clientId);
      const lines = changes.lines !== undefined ? await this.drafts.resolveLines(manager, siteIdOf(siteId), changes.lines) : invoice.lines;
      // The stored category followed the stored lines: the new lines decide it again (a category sent must agree).
      const merged: InvoiceDraftInput = {
        ...invoice.data(),
        operationCategory: undefined,
        ...changes,
        clientId: changes.clientId ?? invoice.clientId,
        kind: invoice.kind,
        lines,
      };
      const { data, totals } = await this.drafts.checkedDraft(manager, siteIdOf(siteId), invoice.id, merged);
      Object.assign(invoice, data, moneyColumns(totals), { totals, updatedAt: new Date() });
      await this.invoices.update(manager, siteIdOf(siteId), invoice.id, { ...data, ...moneyColumns(totals), totals, updatedAt: invoice.updatedAt });
      invoice.outstandingCents = invoice.totalCents - invoice.depositsCents;
      return invoice.toContract();
    });
  }

  /**
   * Issues the invoice in one short transaction: lock the draft, check it, compute totals, due date
   * and mentions as of today and save them; then, in ONE statement (see allocateDocumentNumber),
   * take the next number of the site's invoice series, freeze the invoice with its printable
   * document and put `commerce.invoice.issued` in the outbox, all stamped with that number, so the
   * series' counter row is held for that statement and the commit only. A rollback gives the
   * number back.
   */
  issue({ siteId, invoiceId }: IssueInvoiceRequest): Promise<Invoice> {
    const today = todayInFrance();
    return this.unitOfWork.run(async ({ manager, publishSql }) => {
      const invoice = await this.invoices.findInvoice(manager, siteIdOf(siteId), invoiceId, true);
      assertIssuable(invoice.status, invoice.number);
      const prepared = await this.printables.prepareInvoice(manager, siteIdOf(siteId), invoice, today, 'issue');
      // The document to freeze (its number comes last): refused now if its e-invoice would be invalid.
      const printable = documentOf(prepared, null, today);
      checkEInvoiceRules(printable);
      const money = moneyColumns(prepared.totals);
      const balance = { ...invoice.balance(), ...money, creditedCents: 0, creditedNetCents: 0, paidCents: 0, paidNetCents: 0, refundedCents: 0, refundedNetCents: 0 };
      const status = statusOf(balance);
      if (prepared.deposits.length > 0) {
        await this.invoices.markDeducted(
          manager,
          siteIdOf(siteId),
          prepared.deposits.map((d) => d.invoiceId),
          invoice.id,
        );
      }
      const now = new Date();
      // Still a draft: the content as checked today (the number and what needs it come below),
      // saved only if it differs from the draft's (the seller's VAT status or the deposits moved).
      const content = { ...prepared.data, ...money, totals: prepared.totals };
      if (!Object.entries(content).every(([key, value]) => isDeepStrictEqual(invoice[key as keyof typeof content], value))) {
        await this.invoices.update(manager, siteIdOf(siteId), invoice.id, content);
      }

      // A final invoice its deposits cover entirely is settled the day it is issued.
      const paidOn = status === 'paid' ? today : null;
      // The events and the document get their number from the statement that takes it (below).
      const data = {
        invoiceId: invoice.id,
        number: '',
        kind: invoice.kind,
        clientId: invoice.clientId,
        quoteId: invoice.quoteId,
        missionId: invoice.missionId,
        issuedOn: today,
        dueOn: prepared.dueOn,
        net: prepared.totals.net,
        vat: prepared.totals.vat,
        total: prepared.totals.total,
      };
      const events: EventEnvelope[] = [createEvent(INVOICE_ISSUED_V1, siteId, data, now)];
      if (paidOn !== null) events.push(createEvent(INVOICE_PAID_V1, siteId, { invoiceId: invoice.id, number: '', paidOn }, now));
      const { number } = await allocateDocumentNumber(manager, { siteId, siteCode: prepared.seller.siteCode, kind: 'invoice' }, today, [
        this.invoices.freezeIssued(siteIdOf(siteId), invoice.id, { status, issuedOn: today, dueOn: prepared.dueOn, paidOn, updatedAt: now, printable }),
        (param) => publishSql(events, param, { from: 'numbered', fields: { number: 'numbered.number' } }),
      ]);
      await this.transmissions.invoiceIssued(manager, siteIdOf(siteId), invoice.id, printable.client, now);

      Object.assign(invoice, content, { updatedAt: now, status, number, issuedOn: today, dueOn: prepared.dueOn, paidOn, printable: { ...printable, number } });
      invoice.outstandingCents = invoice.totalCents - invoice.depositsCents;
      return invoice.toContract();
    });
  }
}
