import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { addDays, InvoiceDeposit, InvoiceTotals, SiteId } from '@kpa/contracts';
import { todayInFrance } from '@kpa/platform';
import { ClientEntity } from '../clients/client.entity';
import { ClientRepository } from '../clients/client.repository';
import { legalMentions } from '../documents/legal-mentions';
import { dueDateNotBefore, offPremisesRestriction, paymentTermDays } from '../documents/payment-terms';
import { PrintableDocument } from '../documents/printable';
import { SellerIdentity } from '../sellers/seller';
import { SellerRepository } from '../sellers/seller.repository';
import { checkInvoice, checkIssue, InvoiceData, invoiceTotals, supplyDatesAtIssue } from './invoice';
import { checkDeposits, checkDepositsFit } from './invoice-deposits';
import { invoiceDocument } from './invoice-document';
import { KnownMemberRepository } from '../members/known-member.repository';
import { QuoteRepository } from '../quotes/quote.repository';
import { MissionRepository } from '../missions/mission.repository';
import { CreditNoteRepository } from './credit-note.repository';
import { InvoiceEntity } from './invoice.entity';
import { InvoiceRepository } from './invoice.repository';
import { PaymentRepository } from './payment.repository';
import { receiptedDocument } from './receipted-invoice';
import { RefundRepository } from './refund.repository';

/** Everything an invoice prints and stores at issue, except its number. */
export interface PreparedInvoice {
  data: InvoiceData;
  client: ClientEntity;
  seller: SellerIdentity;
  deposits: InvoiceDeposit[];
  totals: InvoiceTotals;
  termDays: number;
  /** Off-premises contracts (C. consom. L221-10): the first day a payment may be received; null otherwise. */
  firstPaymentOn: string | null;
  dueOn: string;
  mentions: string[];
  quoteNumber: string | null;
}

export function documentOf(prepared: PreparedInvoice, number: string | null, issueDate: string): PrintableDocument {
  const { data, client } = prepared;
  return invoiceDocument({
    kind: data.kind,
    number,
    issueDate,
    dueOn: prepared.dueOn,
    paymentTermDays: prepared.termDays,
    firstPaymentOn: prepared.firstPaymentOn,
    seller: prepared.seller,
    client,
    purchaseOrderNumber: data.purchaseOrderNumber,
    commitmentNumber: data.commitmentNumber,
    quoteNumber: prepared.quoteNumber,
    deliveryStartsOn: data.deliveryStartsOn,
    deliveryEndsOn: data.deliveryEndsOn,
    supplyDate: data.supplyDate,
    operationCategory: data.operationCategory,
    deliveryAddress: data.deliveryAddress,
    lines: data.lines,
    totals: prepared.totals,
    mentions: prepared.mentions,
  });
}

/** What invoices and credit notes print: read, checked and built in the caller's manager. */
@Injectable()
export class InvoicePrintables {
  constructor(
    private readonly sellers: SellerRepository,
    private readonly members: KnownMemberRepository,
    private readonly invoices: InvoiceRepository,
    private readonly creditNotes: CreditNoteRepository,
    private readonly clients: ClientRepository,
    private readonly quotes: QuoteRepository,
    private readonly missions: MissionRepository,
    private readonly payments: PaymentRepository,
    private readonly refunds: RefundRepository,
  ) {}

  /**
   * Reads and checks what an invoice needs to be issued on `issueDate`: the client and the seller as
   * they are that day, the deposits (locked when issuing, so no credit note can slip in between), the
   * totals, the due date and the legal mentions. A preview is lenient on what only the issue requires.
   */
  async prepareInvoice(manager: EntityManager, siteId: SiteId, invoice: InvoiceEntity, issueDate: string, mode: 'issue' | 'preview'): Promise<PreparedInvoice> {
    const client = await this.clients.billedClient(manager, siteId, invoice.clientId);
    // The nature of the operation is derived again from the lines (a category stored before natures
    // existed may say otherwise).
    const data = checkInvoice({ ...invoice.data(), operationCategory: undefined }, client.kind);
    const seller = await this.sellers.sellerIdentity(manager, siteId);
    if (mode === 'issue') {
      checkIssue(data, client, seller);
      // CGI ann. II 242 nonies A 10°: the supply's date or period, from the mission or the quote when the draft has none.
      Object.assign(
        data,
        supplyDatesAtIssue(data, {
          mission: await this.missions.missionDays(manager, siteId, data.missionId),
          quote: await this.quotes.executionDates(manager, siteId, data.quoteId),
        }),
      );
    }
    const deposits =
      data.kind === 'final' && (mode === 'issue' || data.depositInvoiceIds.length > 0)
        ? checkDeposits(invoice, data.depositInvoiceIds, await this.invoices.depositCandidates(manager, siteId, data.depositInvoiceIds, mode === 'issue'))
        : [];
    const { totals } = invoiceTotals(data.lines, seller.vatFranchise, deposits);
    if (deposits.length > 0) checkDepositsFit(totals.vatBreakdown, deposits);
    const termDays = paymentTermDays(client.kind, data.paymentTermDays);
    // A quote signed at an individual's home, then accepted: no payment before the 7-day period ends.
    const offPremises = offPremisesRestriction(client.kind === 'individual' ? await this.quotes.offPremisesConcludedOn(manager, siteId, data.quoteId) : null, issueDate);
    const firstPaymentOn = offPremises?.firstPaymentOn ?? null;
    const capeHolder = data.capeHolderMemberId ? await this.members.capeHolderOn(manager, siteId, data.capeHolderMemberId, issueDate, seller) : null;
    return {
      data,
      client,
      seller,
      deposits,
      totals,
      termDays,
      firstPaymentOn,
      dueOn: dueDateNotBefore(addDays(issueDate, termDays), firstPaymentOn),
      mentions: legalMentions({
        clientKind: client.kind,
        vatFranchise: seller.vatFranchise,
        vatOnDebits: seller.vatOnDebits,
        consumerMediator: seller.consumerMediator,
        issueDate,
        capeHolder,
        offPremises,
      }),
      quoteNumber: await this.quotes.quoteNumber(manager, siteId, data.quoteId),
    };
  }

  /**
   * What an invoice prints, for the PDF renderer: an issued invoice's frozen document (seller, client
   * and mentions as they were on its issue date), or a draft's fresh preview (number null, dated
   * today). 404 INVOICE_NOT_FOUND for another site's invoice.
   */
  async printableInvoice(manager: EntityManager, siteId: SiteId, invoiceId: string): Promise<{ documentId: string; frozen: boolean; printable: PrintableDocument }> {
    const invoice = await this.invoices.findInvoice(manager, siteId, invoiceId);
    if (invoice.printable !== null) return { documentId: invoice.id, frozen: true, printable: invoice.printable };
    const today = todayInFrance();
    return { documentId: invoice.id, frozen: false, printable: documentOf(await this.prepareInvoice(manager, siteId, invoice, today, 'preview'), null, today) };
  }

  /**
   * The receipted copy of a fully paid invoice (receipted-invoice.ts): its frozen document with the
   * payments, credit notes and refunds recorded so far. Read in one snapshot (the caller's
   * transaction), so a payment recorded meanwhile is in every read or in none. 404 INVOICE_NOT_FOUND
   * for another site's, 404 DOCUMENT_NOT_ISSUED for a draft, 409 INVOICE_NOT_PAID until fully paid.
   */
  async receiptedInvoice(manager: EntityManager, siteId: SiteId, invoiceId: string): Promise<{ documentId: string; frozen: boolean; printable: PrintableDocument }> {
    const invoice = await this.invoices.findInvoice(manager, siteId, invoiceId);
    const [payments, creditNotes, refunds] = [
      await this.payments.all(manager, siteId, invoiceId),
      await this.creditNotes.ofInvoice(manager, siteId, invoiceId),
      await this.refunds.all(manager, siteId, invoiceId),
    ];
    const printable = receiptedDocument({ printable: invoice.printable, balance: invoice.balance(), payments, creditNotes, refunds }, invoice.id);
    return { documentId: invoice.id, frozen: true, printable };
  }

  /** A credit note's document, frozen when it was issued (credit notes have no draft). 404 CREDIT_NOTE_NOT_FOUND for another site's. */
  async printableCreditNote(manager: EntityManager, siteId: SiteId, creditNoteId: string): Promise<{ documentId: string; frozen: boolean; printable: PrintableDocument }> {
    const creditNote = await this.creditNotes.findCreditNote(manager, siteId, creditNoteId);
    return { documentId: creditNote.id, frozen: true, printable: creditNote.printable };
  }
}
