import { defineEvent } from '../../envelope';
import { ExpenseCategory } from '../../rpc/commerce/expenses';

/**
 * A coordinator approved an expense: money the site spent (and owes the member who paid, unless
 * the site paid itself), which remuneration deducts from what a period can distribute. Amounts
 * are decimal strings; no description or note (free text may name people).
 */
export interface ExpenseApprovedV1 {
  expenseId: string;
  /** Null when the site itself paid. */
  paidByMemberId: string | null;
  spentOn: string;
  approvedOn: string;
  category: ExpenseCategory;
  /** Including VAT. */
  amount: string;
  vat: string;
  /** amount − vat. */
  net: string;
}

export const EXPENSE_APPROVED_V1 = defineEvent<ExpenseApprovedV1>('commerce.expense.approved', 1);
