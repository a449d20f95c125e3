import { Column, PrimaryColumn } from 'typeorm';
import { formatCents, PaymentMethod } from '@kpa/contracts';
import { CENTS } from './invoice.entity';

/**
 * What a payment and a refund share: money moved on an invoice by some method, with the part of the
 * invoice's net (excluding VAT) it carries. Never changed. Each has its own table and its own day
 * (`received_on`, `refunded_on`); TypeORM gives each entity these columns (the class is no entity).
 */
export abstract class MoneyMovementEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'site_id' }) siteId: string;
  @Column('uuid', { name: 'invoice_id' }) invoiceId: string;
  @Column('bigint', { name: 'amount_cents', transformer: CENTS }) amountCents: number;
  @Column('bigint', { name: 'net_cents', transformer: CENTS }) netCents: number;
  @Column('text') method: PaymentMethod;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;

  /** The fields of the contract both share, money as decimal strings. */
  protected movementFields() {
    return {
      id: this.id,
      siteId: this.siteId,
      invoiceId: this.invoiceId,
      amount: formatCents(this.amountCents),
      netAmount: formatCents(this.netCents),
      method: this.method,
      createdBy: this.createdBy,
      createdAt: this.createdAt.toISOString(),
    };
  }
}
