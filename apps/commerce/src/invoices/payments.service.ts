import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  EventEnvelope,
  formatCents,
  INVOICE_PAID_V1,
  ListPaymentsRequest,
  PAYMENT_RECORDED_V1,
  PaymentPage,
  PaymentRecorded,
  RecordPaymentRequest,
  RecordRefundRequest,
  REFUND_RECORDED_V1,
  RefundPage,
  RefundRecorded,
  ListRefundsRequest,
  siteIdOf,
} from '@kpa/contracts';
import { createEvent, todayInFrance, UnitOfWork } from '@kpa/platform';
import { firstPaymentDayOffPremises } from '../documents/payment-terms';
import { QuoteRepository } from '../quotes/quote.repository';
import { planPayment, planRefund } from './invoice-payments';
import { RefundEntity } from './refund.entity';
import { RefundRepository } from './refund.repository';
import { InvoiceRepository } from './invoice.repository';
import { PaymentEntity } from './payment.entity';
import { PaymentRepository } from './payment.repository';

@Injectable()
export class PaymentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly invoices: InvoiceRepository,
    private readonly payments: PaymentRepository,
    private readonly quotes: QuoteRepository,
    private readonly refunds: RefundRepository,
  ) {}

  /**
   * Records a payment under the invoice's row lock (concurrent payments queue, so none can overpay):
   * the part of the net it settles, the new balance and status, `commerce.payment.recorded` and,
   * when nothing is left to pay, `commerce.invoice.paid`.
   */
  record({ siteId, invoiceId, actor, payment: input }: RecordPaymentRequest): Promise<PaymentRecorded> {
    const today = todayInFrance();
    return this.unitOfWork.run(async ({ manager, publish }) => {
      const invoice = await this.invoices.findInvoice(manager, siteIdOf(siteId), invoiceId, true);
      // C. consom. L221-10: a quote signed at an individual's home allows no payment during the 7 days after its acceptance.
      const concludedOn = await this.quotes.offPremisesConcludedOn(manager, siteIdOf(siteId), invoice.quoteId);
      const firstPaymentOn = concludedOn === null ? null : firstPaymentDayOffPremises(concludedOn);
      const plan = planPayment({ status: invoice.status, issuedOn: invoice.issuedOn, balance: invoice.balance(), firstPaymentOn }, input ?? {}, today);
      const now = new Date();
      const payment = Object.assign(new PaymentEntity(), {
        id: uuidv7(),
        siteId: siteIdOf(siteId),
        invoiceId: invoice.id,
        amountCents: plan.amountCents,
        netCents: plan.netCents,
        receivedOn: plan.receivedOn,
        method: plan.method,
        createdBy: actor.userId,
        createdAt: now,
      });
      // Payments may be recorded out of order: the invoice is paid on the day of its latest one.
      const latest = plan.settles ? await this.payments.lastPaymentOn(manager, siteIdOf(siteId), invoice.id) : null;
      const paidOn = plan.settles ? (latest !== null && latest > plan.receivedOn ? latest : plan.receivedOn) : null;
      await this.payments.insert(manager, payment);
      const changes = { paidCents: plan.balance.paidCents, paidNetCents: plan.balance.paidNetCents, status: plan.status, paidOn, updatedAt: now };
      await this.invoices.update(manager, siteIdOf(siteId), invoice.id, changes);
      Object.assign(invoice, changes);

      const number = invoice.number as string;
      const events: EventEnvelope[] = [
        createEvent(
          PAYMENT_RECORDED_V1,
          siteId,
          {
            paymentId: payment.id,
            invoiceId: invoice.id,
            invoiceNumber: number,
            missionId: invoice.missionId,
            amount: formatCents(plan.amountCents),
            netAmount: formatCents(plan.netCents),
            receivedOn: plan.receivedOn,
            method: plan.method,
          },
          now,
        ),
      ];
      if (plan.settles && paidOn !== null) events.push(createEvent(INVOICE_PAID_V1, siteId, { invoiceId: invoice.id, number, paidOn }, now));
      await publish(...events);
      return { ...payment.toContract(), invoice: invoice.toContract() };
    });
  }

  /**
   * Records money given back to the client after a credit note on a paid part, under the invoice's
   * row lock (concurrent refunds queue, so none can give back more than is due): the part of the net
   * it carries, the new balance and status (`cancelled` once a wholly credited invoice is wholly
   * refunded) and `commerce.refund.recorded`, which the remuneration pot counts as a negative movement.
   */
  refund({ siteId, invoiceId, actor, refund: input }: RecordRefundRequest): Promise<RefundRecorded> {
    const today = todayInFrance();
    return this.unitOfWork.run(async ({ manager, publish }) => {
      const invoice = await this.invoices.findInvoice(manager, siteIdOf(siteId), invoiceId, true);
      const plan = planRefund({ status: invoice.status, issuedOn: invoice.issuedOn, balance: invoice.balance() }, input ?? {}, today);
      const now = new Date();
      const refund = Object.assign(new RefundEntity(), {
        id: uuidv7(),
        siteId: siteIdOf(siteId),
        invoiceId: invoice.id,
        amountCents: plan.amountCents,
        netCents: plan.netCents,
        refundedOn: plan.refundedOn,
        method: plan.method,
        createdBy: actor.userId,
        createdAt: now,
      });
      await this.refunds.insert(manager, refund);
      // A wholly credited, wholly refunded invoice is cancelled: it no longer has a paid day.
      const changes = {
        refundedCents: plan.balance.refundedCents,
        refundedNetCents: plan.balance.refundedNetCents,
        status: plan.status,
        paidOn: plan.status === 'paid' ? invoice.paidOn : null,
        updatedAt: now,
      };
      await this.invoices.update(manager, siteIdOf(siteId), invoice.id, changes);
      Object.assign(invoice, changes);
      await publish(
        createEvent(
          REFUND_RECORDED_V1,
          siteId,
          {
            refundId: refund.id,
            invoiceId: invoice.id,
            invoiceNumber: invoice.number as string,
            missionId: invoice.missionId,
            amount: formatCents(plan.amountCents),
            netAmount: formatCents(plan.netCents),
            refundedOn: plan.refundedOn,
            method: plan.method,
          },
          now,
        ),
      );
      return { ...refund.toContract(), invoice: invoice.toContract() };
    });
  }

  async listRefunds({ siteId, invoiceId, cursor, limit }: ListRefundsRequest): Promise<RefundPage> {
    const invoice = await this.invoices.findInvoice(this.dataSource.manager, siteIdOf(siteId), invoiceId);
    const page = await this.refunds.page(this.dataSource.manager, siteIdOf(siteId), invoice.id, { cursor, limit });
    return { items: page.items.map((r) => r.toContract()), nextCursor: page.nextCursor };
  }

  async list({ siteId, invoiceId, cursor, limit }: ListPaymentsRequest): Promise<PaymentPage> {
    const invoice = await this.invoices.findInvoice(this.dataSource.manager, siteIdOf(siteId), invoiceId);
    const page = await this.payments.page(this.dataSource.manager, siteIdOf(siteId), invoice.id, { cursor, limit });
    return { items: page.items.map((p) => p.toContract()), nextCursor: page.nextCursor };
  }
}
