import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Expense, ExpenseCategory, ExpenseStatus, ReceiptContentType, ReceiptLocation, ReimbursementMethod } from '@kpa/contracts';
import { ExpenseData, expenseAmounts } from './expense';

/** bigint arrives from pg as a string: back to a safe integer (amounts stay below 10^13 cents). */
const INTEGER = { to: (value: number) => value, from: (value: string | null) => (value === null ? null : Number(value)) };

@Entity({ name: 'expense' })
export class ExpenseEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'site_id' }) siteId: string;
  @Column('uuid', { name: 'paid_by_member_id', nullable: true }) paidByMemberId: string | null;
  @Column('date', { name: 'spent_on' }) spentOn: string;
  @Column('text') description: string;
  @Column('bigint', { name: 'amount_cents', transformer: INTEGER }) amountCents: number;
  @Column('bigint', { name: 'vat_cents', transformer: INTEGER }) vatCents: number;
  @Column('text') category: ExpenseCategory;
  @Column('text', { nullable: true }) note: string | null;
  @Column('text') status: ExpenseStatus;
  @Column('date', { name: 'approved_on', nullable: true }) approvedOn: string | null;
  @Column('date', { name: 'rejected_on', nullable: true }) rejectedOn: string | null;
  @Column('text', { name: 'rejection_reason', nullable: true }) rejectionReason: string | null;
  @Column('uuid', { name: 'decided_by', nullable: true }) decidedBy: string | null;
  @Column('date', { name: 'reimbursed_on', nullable: true }) reimbursedOn: string | null;
  @Column('text', { name: 'reimbursement_method', nullable: true }) reimbursementMethod: ReimbursementMethod | null;
  @Column('text', { name: 'receipt_object_name', nullable: true }) receiptObjectName: string | null;
  @Column('text', { name: 'receipt_sha256', nullable: true }) receiptSha256: string | null;
  @Column('text', { name: 'receipt_content_type', nullable: true }) receiptContentType: ReceiptContentType | null;
  @Column('integer', { name: 'receipt_size', nullable: true }) receiptSize: number | null;
  @Column('timestamptz', { name: 'receipt_uploaded_at', nullable: true }) receiptUploadedAt: Date | null;
  @Column('uuid', { name: 'submitted_by' }) submittedBy: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;

  /** The fields a change is checked against (as the API writes them). */
  input(): { paidByMemberId: string | null; spentOn: string; description: string; amount: string; vat: string; category: ExpenseCategory; note: string | null } {
    const { amount, vat } = expenseAmounts(this);
    return { paidByMemberId: this.paidByMemberId, spentOn: this.spentOn, description: this.description, amount, vat, category: this.category, note: this.note };
  }

  apply(data: ExpenseData): void {
    Object.assign(this, data);
  }

  receiptLocation(): ReceiptLocation | null {
    if (this.receiptObjectName === null) return null;
    return {
      objectName: this.receiptObjectName,
      contentType: this.receiptContentType as ReceiptContentType,
      size: this.receiptSize as number,
      sha256: this.receiptSha256 as string,
      uploadedAt: (this.receiptUploadedAt as Date).toISOString(),
    };
  }

  toContract(): Expense {
    const location = this.receiptLocation();
    return {
      id: this.id,
      siteId: this.siteId,
      paidByMemberId: this.paidByMemberId,
      spentOn: this.spentOn,
      description: this.description,
      ...expenseAmounts(this),
      category: this.category,
      note: this.note,
      status: this.status,
      receipt: location && { contentType: location.contentType, size: location.size, sha256: location.sha256, uploadedAt: location.uploadedAt },
      approvedOn: this.approvedOn,
      rejectedOn: this.rejectedOn,
      rejectionReason: this.rejectionReason,
      decidedBy: this.decidedBy,
      reimbursedOn: this.reimbursedOn,
      reimbursementMethod: this.reimbursementMethod,
      submittedBy: this.submittedBy,
      createdAt: this.createdAt.toISOString(),
      updatedAt: this.updatedAt.toISOString(),
    };
  }
}
