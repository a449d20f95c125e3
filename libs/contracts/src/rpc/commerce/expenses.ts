import { Page, PageRequest } from '../page';

/**
 * What an expense was for (French labels for people: fournitures, déplacements, repas, matériel,
 * loyer, assurance, formation, communication, autre). A closed list: accountants map each code to
 * an account of the host structure's chart.
 */
export const EXPENSE_CATEGORIES = ['supplies', 'travel', 'meals', 'equipment', 'rent', 'insurance', 'training', 'communication', 'other'] as const;
export type ExpenseCategory = (typeof EXPENSE_CATEGORIES)[number];

/** submitted → approved | rejected; approved → reimbursed (only an expense a member paid). */
export const EXPENSE_STATUSES = ['submitted', 'approved', 'rejected', 'reimbursed'] as const;
export type ExpenseStatus = (typeof EXPENSE_STATUSES)[number];

/** How a member was paid back: bank transfer, cheque, cash, or on the pay slip (the CAE's payroll). */
export const REIMBURSEMENT_METHODS = ['bank_transfer', 'cheque', 'cash', 'payroll'] as const;
export type ReimbursementMethod = (typeof REIMBURSEMENT_METHODS)[number];

/** The receipt files accepted, recognised by their first bytes (never by the declared type). */
export const RECEIPT_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type ReceiptContentType = (typeof RECEIPT_CONTENT_TYPES)[number];

/** Who acts on an expense, as the gateway knows it (a network admin acts as a coordinator). */
export interface ExpenseActor {
  userId: string;
  role: 'coordinator' | 'member';
  /** A member's own member file on the site (null for coordinators, or a member user without a file). */
  memberId: string | null;
}

export interface ExpenseInput {
  /**
   * The member of the site who paid and is owed the money, or null when the site itself paid
   * (its card or account: nothing to pay back). A member may leave it out (themselves); a
   * coordinator must say which.
   */
  paidByMemberId?: string | null;
  /** YYYY-MM-DD, not in the future. */
  spentOn: string;
  description: string;
  /** Including VAT, > 0, a decimal string with at most 2 decimals ("42.90"). */
  amount: string;
  /** The VAT in the amount, from 0 to the amount ("7.15"; "0" when the receipt shows none). */
  vat: string;
  category: ExpenseCategory;
  note?: string | null;
}

/** What commerce recorded of the receipt file; the file itself lives in the receipts object store. */
export interface ExpenseReceipt {
  contentType: ReceiptContentType;
  /** Bytes. */
  size: number;
  /** SHA-256 of the file, lower-case hex. */
  sha256: string;
  uploadedAt: string;
}

export interface Expense {
  id: string;
  siteId: string;
  paidByMemberId: string | null;
  spentOn: string;
  description: string;
  amount: string;
  vat: string;
  /** amount − vat. */
  net: string;
  category: ExpenseCategory;
  note: string | null;
  status: ExpenseStatus;
  receipt: ExpenseReceipt | null;
  approvedOn: string | null;
  rejectedOn: string | null;
  rejectionReason: string | null;
  /** The coordinator (user id) who approved or rejected it. */
  decidedBy: string | null;
  reimbursedOn: string | null;
  reimbursementMethod: ReimbursementMethod | null;
  /** The user who submitted it. */
  submittedBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface CreateExpenseRequest {
  siteId: string;
  actor: ExpenseActor;
  expense: ExpenseInput;
}

export interface UpdateExpenseRequest {
  siteId: string;
  expenseId: string;
  actor: ExpenseActor;
  changes: Partial<ExpenseInput>;
}

export interface GetExpenseRequest {
  siteId: string;
  expenseId: string;
}

export interface ListExpensesRequest extends PageRequest {
  siteId: string;
  status?: ExpenseStatus;
  /** Paid by this member. */
  memberId?: string;
  category?: ExpenseCategory;
  /** spentOn on or after (YYYY-MM-DD). */
  from?: string;
  /** spentOn on or before (YYYY-MM-DD). */
  to?: string;
}

/** Sums of every expense matching the filter (all pages), as decimal strings. */
export interface ExpenseTotals {
  count: number;
  amount: string;
  vat: string;
  net: string;
}

export type ExpensePage = Page<Expense> & { totals: ExpenseTotals };

export interface ApproveExpenseRequest {
  siteId: string;
  expenseId: string;
  actor: ExpenseActor;
}

export interface RejectExpenseRequest {
  siteId: string;
  expenseId: string;
  actor: ExpenseActor;
  /** Required: what the member should know (missing receipt, not a site expense…). */
  reason: string;
}

export interface ReimburseExpenseRequest {
  siteId: string;
  expenseId: string;
  actor: ExpenseActor;
  /** YYYY-MM-DD, not in the future, not before approval; today when left out. */
  reimbursedOn?: string;
  method: ReimbursementMethod;
}

/**
 * The gateway streamed a receipt into the receipts object store under `objectName`
 * (`<siteId>/<expenseId>/<upload id>`): commerce checks the expense and the stored object
 * (size and SHA-256) and records it; the receipt it replaces, if any, is deleted from the store.
 */
export interface AttachReceiptRequest {
  siteId: string;
  expenseId: string;
  actor: ExpenseActor;
  objectName: string;
  sha256: string;
  size: number;
  contentType: ReceiptContentType;
}

export interface GetReceiptRequest {
  siteId: string;
  expenseId: string;
}

/** Where the gateway reads the receipt file from. */
export interface ReceiptLocation extends ExpenseReceipt {
  objectName: string;
}

/**
 * Receipt objects are named `<siteId>/<expenseId>/<upload id>`: each upload gets a new name, so a
 * refused or half-finished upload never overwrites the receipt on record (commerce deletes the
 * replaced object once the new one is recorded).
 */
export function receiptObjectPrefix(siteId: string, expenseId: string): string {
  return `${siteId}/${expenseId}/`;
}
