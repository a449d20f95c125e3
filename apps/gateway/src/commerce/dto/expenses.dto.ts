import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import {
  Expense,
  EXPENSE_CATEGORIES,
  EXPENSE_STATUSES,
  ExpenseCategory,
  ExpenseInput,
  ExpensePage,
  ExpenseReceipt,
  ExpenseStatus,
  ExpenseTotals,
  RECEIPT_CONTENT_TYPES,
  ReceiptContentType,
  REIMBURSEMENT_METHODS,
  ReimbursementMethod,
} from '@kpa/contracts';
import { PageQueryDto } from '../../sites/dto/sites.dto';
import { PageDto } from '../../http/page.dto';
import { IsCalendarDate } from '../../http/calendar-date.decorator';

const AMOUNT = /^\d{1,13}(\.\d{1,2})?$/;

export class CreateExpenseDto implements ExpenseInput {
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'the member who paid (and is owed the money), or null when the site itself paid; a member leaves it out (it is them), a coordinator must send it',
  })
  @IsOptional()
  @IsUUID('all', { message: 'paidByMemberId must be a member id (uuid), or null when the site itself paid' })
  paidByMemberId?: string | null;

  @ApiProperty({ example: '2026-11-20', description: 'day of the expense, not in the future' })
  @IsCalendarDate()
  spentOn: string;

  @ApiProperty({ example: 'Farine et beurre pour le buffet des Assises' }) @IsString() @Length(1, 500) description: string;

  @ApiProperty({ example: '42.90', description: 'including VAT, more than 0, at most 2 decimals' })
  @IsString()
  @Matches(AMOUNT, { message: 'amount must be an amount in euros written like "42.90" (a string, at most 2 decimals)' })
  amount: string;

  @ApiProperty({ example: '2.24', description: 'the VAT in the amount, from 0 to the amount' })
  @IsString()
  @Matches(AMOUNT, { message: 'vat must be an amount in euros written like "2.24" or "0" (a string, at most 2 decimals)' })
  vat: string;

  @ApiProperty({ enum: EXPENSE_CATEGORIES }) @IsIn(EXPENSE_CATEGORIES, { message: `category must be one of ${EXPENSE_CATEGORIES.join(', ')}` }) category: ExpenseCategory;

  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @Length(0, 2000) note?: string | null;
}

export class UpdateExpenseDto extends PartialType(CreateExpenseDto) {}

export class ExpenseListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: EXPENSE_STATUSES })
  @IsOptional()
  @IsIn(EXPENSE_STATUSES, { message: `status must be one of ${EXPENSE_STATUSES.join(', ')}` })
  status?: ExpenseStatus;
  @ApiPropertyOptional({ format: 'uuid', description: 'paid by this member' }) @IsOptional() @IsUUID('all', { message: 'memberId must be a member id (uuid)' }) memberId?: string;
  @ApiPropertyOptional({ enum: EXPENSE_CATEGORIES })
  @IsOptional()
  @IsIn(EXPENSE_CATEGORIES, { message: `category must be one of ${EXPENSE_CATEGORIES.join(', ')}` })
  category?: ExpenseCategory;
  @ApiPropertyOptional({ example: '2026-01-01', description: 'spent on or after' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: 'spent on or before' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class RejectExpenseDto {
  @ApiProperty({ example: 'Pas de justificatif : ajoute la photo du ticket et soumets une nouvelle note.', description: 'required: what the member should know' })
  @IsString({ message: 'reason is required: say why the expense is rejected' })
  @Length(1, 500)
  reason: string;
}

export class ReimburseExpenseDto {
  @ApiProperty({ enum: REIMBURSEMENT_METHODS }) @IsIn(REIMBURSEMENT_METHODS, { message: `method must be one of ${REIMBURSEMENT_METHODS.join(', ')}` }) method: ReimbursementMethod;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'day the member was paid back; today when left out' })
  @IsOptional()
  @IsCalendarDate()
  reimbursedOn?: string;
}

export class ExpenseReceiptDto implements ExpenseReceipt {
  @ApiProperty({ enum: RECEIPT_CONTENT_TYPES, description: 'recognised from the first bytes of the file' }) contentType: ReceiptContentType;
  @ApiProperty({ example: 48213, description: 'bytes' }) size: number;
  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' }) sha256: string;
  @ApiProperty() uploadedAt: string;
}

export class ExpenseDto implements Expense {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null: the site itself paid' }) paidByMemberId: string | null;
  @ApiProperty({ example: '2026-11-20' }) spentOn: string;
  @ApiProperty() description: string;
  @ApiProperty({ example: '42.90', description: 'including VAT' }) amount: string;
  @ApiProperty({ example: '2.24' }) vat: string;
  @ApiProperty({ example: '40.66', description: 'amount − vat' }) net: string;
  @ApiProperty({ enum: EXPENSE_CATEGORIES }) category: ExpenseCategory;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ enum: EXPENSE_STATUSES }) status: ExpenseStatus;
  @ApiProperty({ type: ExpenseReceiptDto, nullable: true }) receipt: ExpenseReceiptDto | null;
  @ApiProperty({ nullable: true, type: String }) approvedOn: string | null;
  @ApiProperty({ nullable: true, type: String }) rejectedOn: string | null;
  @ApiProperty({ nullable: true, type: String }) rejectionReason: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'the coordinator who approved or rejected it' }) decidedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) reimbursedOn: string | null;
  @ApiProperty({ nullable: true, enum: REIMBURSEMENT_METHODS }) reimbursementMethod: ReimbursementMethod | null;
  @ApiProperty({ format: 'uuid', description: 'the user who submitted it' }) submittedBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class ExpenseTotalsDto implements ExpenseTotals {
  @ApiProperty({ example: 12, description: 'expenses matching the filter, all pages' }) count: number;
  @ApiProperty({ example: '514.80' }) amount: string;
  @ApiProperty({ example: '85.80' }) vat: string;
  @ApiProperty({ example: '429.00' }) net: string;
}

export class ExpensePageDto extends PageDto(ExpenseDto) implements ExpensePage {
  @ApiProperty({ type: ExpenseTotalsDto, description: 'sums over every expense matching the filter, not only this page' }) totals: ExpenseTotalsDto;
}
