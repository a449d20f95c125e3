import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CreditNote, CreditNoteTotals } from '@kpa/contracts';
import { PrintableDocument } from '../documents/printable';
import { InvoiceLineData, lineNets } from './invoice';
import { CENTS } from './invoice.entity';

/** A credit note (avoir): issued at once, numbered in the site's `A` series, never changed. */
@Entity({ name: 'credit_note' })
export class CreditNoteEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'site_id' }) siteId: string;
  @Column('uuid', { name: 'invoice_id' }) invoiceId: string;
  @Column('text') number: string;
  @Column('date', { name: 'issued_on' }) issuedOn: string;
  @Column('boolean', { name: 'full_credit' }) full: boolean;
  @Column('text', { nullable: true }) reason: string | null;
  @Column('jsonb') lines: InvoiceLineData[];
  @Column('jsonb') totals: CreditNoteTotals;
  @Column('jsonb') printable: PrintableDocument;
  @Column('bigint', { name: 'net_cents', transformer: CENTS }) netCents: number;
  @Column('bigint', { name: 'vat_cents', transformer: CENTS }) vatCents: number;
  @Column('bigint', { name: 'total_cents', transformer: CENTS }) totalCents: number;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;

  toContract(invoice: { number: string; issuedOn: string; clientId: string }): CreditNote {
    const nets = lineNets(this.lines, this.totals.vatFranchise);
    return {
      id: this.id,
      siteId: this.siteId,
      invoiceId: this.invoiceId,
      invoiceNumber: invoice.number,
      invoiceIssuedOn: invoice.issuedOn,
      clientId: invoice.clientId,
      number: this.number,
      issuedOn: this.issuedOn,
      full: this.full,
      reason: this.reason,
      // Lines issued before natures existed have none: a service (migration 1768600000000).
      lines: this.lines.map((line, index) => ({ ...line, nature: line.nature ?? 'service', net: nets[index] })),
      totals: this.totals,
      createdBy: this.createdBy,
      createdAt: this.createdAt.toISOString(),
    };
  }
}
