import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Quote, QuoteActor, QuoteTotals } from '@kpa/contracts';
import type { PrintableDocument } from '../documents/printable';
import { effectiveStatus, QuoteData, QuoteLineData, quoteTotals, StoredQuoteStatus } from './quote';

@Entity({ name: 'quote' })
export class QuoteEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'site_id' }) siteId: string;
  @Column('uuid', { name: 'client_id' }) clientId: string;
  @Column('text') status: StoredQuoteStatus;
  @Column('text', { nullable: true }) number: string | null;
  @Column('date', { name: 'sent_on', nullable: true }) sentOn: string | null;
  @Column('date', { name: 'answered_on', nullable: true }) answeredOn: string | null;
  @Column('date', { name: 'valid_until' }) validUntil: string;
  @Column('text', { name: 'execution_place', nullable: true }) executionPlace: string | null;
  @Column('date', { name: 'execution_starts_on', nullable: true }) executionStartsOn: string | null;
  @Column('date', { name: 'execution_ends_on', nullable: true }) executionEndsOn: string | null;
  @Column('boolean', { name: 'signed_at_client_home' }) signedAtClientHome: boolean;
  @Column('uuid', { name: 'cape_holder_member_id', nullable: true }) capeHolderMemberId: string | null;
  @Column('text', { name: 'deposit_percent', nullable: true }) depositPercent: string | null;
  @Column('text', { name: 'delivery_address', nullable: true }) deliveryAddress: string | null;
  @Column('jsonb') lines: QuoteLineData[];
  /** Recomputed on every change of a draft, frozen when sent. */
  @Column('jsonb') totals: QuoteTotals;
  /** What the quote printed the day it was sent; null before. */
  @Column('jsonb', { nullable: true }) printable: PrintableDocument | null;
  /** The mission and invoice draft its acceptance created. */
  @Column('uuid', { name: 'mission_id', nullable: true }) missionId: string | null;
  @Column('uuid', { name: 'invoice_id', nullable: true }) invoiceId: string | null;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column('text', { name: 'created_by_role' }) createdByRole: QuoteActor['role'];
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;

  data(): QuoteData {
    const { clientId, lines, validUntil, executionPlace, executionStartsOn, executionEndsOn, signedAtClientHome, capeHolderMemberId, depositPercent, deliveryAddress } = this;
    return { clientId, lines, validUntil, executionPlace, executionStartsOn, executionEndsOn, signedAtClientHome, capeHolderMemberId, depositPercent, deliveryAddress };
  }

  toContract(today: string): Quote {
    const { lineNets } = quoteTotals(this.lines, this.totals.vatFranchise);
    return {
      id: this.id,
      siteId: this.siteId,
      clientId: this.clientId,
      status: effectiveStatus(this.status, this.validUntil, today),
      number: this.number,
      sentOn: this.sentOn,
      answeredOn: this.answeredOn,
      validUntil: this.validUntil,
      executionPlace: this.executionPlace,
      executionStartsOn: this.executionStartsOn,
      executionEndsOn: this.executionEndsOn,
      signedAtClientHome: this.signedAtClientHome,
      withdrawalNoticeRequired: this.signedAtClientHome,
      capeHolderMemberId: this.capeHolderMemberId,
      depositPercent: this.depositPercent,
      deliveryAddress: this.deliveryAddress,
      lines: this.lines.map((line, index) => ({ ...line, net: lineNets[index] })),
      totals: this.totals,
      missionId: this.missionId,
      invoiceId: this.invoiceId,
      createdBy: this.createdBy,
      createdAt: this.createdAt.toISOString(),
      updatedAt: this.updatedAt.toISOString(),
    };
  }
}
