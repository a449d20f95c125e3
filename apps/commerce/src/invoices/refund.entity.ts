import { Column, Entity, PrimaryColumn } from 'typeorm';
import { formatCents, PaymentMethod, Refund } from '@kpa/contracts';
import { CENTS } from './invoice.entity';

/** Money given back to a client after a credit note on a paid part, with the part of the net it carries. Never changed. */
@Entity({ name: 'refund' })
export class RefundEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'site_id' }) siteId: string;
  @Column('uuid', { name: 'invoice_id' }) invoiceId: string;
  @Column('bigint', { name: 'amount_cents', transformer: CENTS }) amountCents: number;
  @Column('bigint', { name: 'net_cents', transformer: CENTS }) netCents: number;
  @Column('date', { name: 'refunded_on' }) refundedOn: string;
  @Column('text') method: PaymentMethod;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;

  toContract(): Refund {
    return {
      id: this.id,
      siteId: this.siteId,
      invoiceId: this.invoiceId,
      amount: formatCents(this.amountCents),
      netAmount: formatCents(this.netCents),
      refundedOn: this.refundedOn,
      method: this.method,
      createdBy: this.createdBy,
      createdAt: this.createdAt.toISOString(),
    };
  }
}
