import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  CREDIT_NOTE_ISSUED_V1,
  DURABLE_CONSUMERS,
  EventEnvelope,
  eventSiteId,
  INVOICE_ISSUED_V1,
  INVOICE_PAID_V1,
  InvoiceIssuedV1,
  parseCents,
  PAYMENT_RECORDED_V1,
} from '@kpa/contracts';
import { EventSubscription, eventHandlers, on } from '@kpa/platform';
import { DunningRepository } from './dunning.repository';

function cents(value: string, event: EventEnvelope): number {
  const parsed = parseCents(value);
  if (parsed === undefined) throw new Error(`${event.type} ${event.id}: "${value}" is not an amount`);
  return parsed;
}

/**
 * The worker's read model of issued invoices (dunning): what commerce's events say of each invoice,
 * its payments and credit notes. The inbox makes a redelivered event a no-op, and each row is keyed
 * by its own id besides. Paid, cancelled or credited invoices stop at once: the next sweep skips them.
 */
@Injectable()
export class DunningInvoicesSubscription implements EventSubscription {
  readonly durable = DURABLE_CONSUMERS.workerDunningInvoices;
  readonly filter = 'events.commerce.>';
  readonly handlers = eventHandlers(
    on(INVOICE_ISSUED_V1, (event, m) => this.issued(event, m)),
    on(PAYMENT_RECORDED_V1, (event, m) =>
      this.repository.recordMoney(m, 'payment', {
        id: event.data.paymentId,
        invoiceId: event.data.invoiceId,
        siteId: eventSiteId(event),
        cents: cents(event.data.amount, event),
        on: event.data.receivedOn,
      }),
    ),
    on(CREDIT_NOTE_ISSUED_V1, (event, m) =>
      this.repository.recordMoney(m, 'credit', {
        id: event.data.creditNoteId,
        invoiceId: event.data.invoiceId,
        siteId: eventSiteId(event),
        cents: cents(event.data.total, event),
        on: event.data.issuedOn,
      }),
    ),
    on(INVOICE_PAID_V1, (event, m) => this.repository.markSettled(m, event.data.invoiceId, event.data.paidOn)),
  );

  constructor(private readonly repository: DunningRepository) {}

  private async issued(event: EventEnvelope<InvoiceIssuedV1>, manager: EntityManager): Promise<void> {
    const data = event.data;
    await this.repository.recordIssued(manager, {
      invoiceId: data.invoiceId,
      siteId: eventSiteId(event),
      number: data.number,
      clientId: data.clientId,
      issuedOn: data.issuedOn,
      dueOn: data.dueOn,
      totalCents: cents(data.total, event),
    });
  }
}
