import { Column, Entity, PrimaryColumn } from 'typeorm';
import { formatCents, Payment, PaymentMethod } from '@kpa/contracts';
import { CENTS } from './invoice.entity';

/** A payment received for an invoice, with the part of its net (excluding VAT) it settles. Never changed. */
@Entity({ name: 'payment' })
export class PaymentEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'site_id' }) siteId: string;
  @Column('uuid', { name: 'invoice_id' }) invoiceId: string;
  @Column('bigint', { name: 'amount_cents', transformer: CENTS }) amountCents: number;
  @Column('bigint', { name: 'net_cents', transformer: CENTS }) netCents: number;
  @Column('date', { name: 'received_on' }) receivedOn: string;
  @Column('text') method: PaymentMethod;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;

  toContract(): Payment {
    return {
      id: this.id,
      siteId: this.siteId,
      invoiceId: this.invoiceId,
      amount: formatCents(this.amountCents),
      netAmount: formatCents(this.netCents),
      receivedOn: this.receivedOn,
      method: this.method,
      createdBy: this.createdBy,
      createdAt: this.createdAt.toISOString(),
    };
  }
}
