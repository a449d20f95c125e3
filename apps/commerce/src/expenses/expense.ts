import {
  compareDates,
  DomainError,
  EXPENSE_CATEGORIES,
  EXPENSE_STATUSES,
  ExpenseActor,
  ExpenseCategory,
  ExpenseInput,
  ExpenseStatus,
  formatCents,
  invalidField,
  isIsoDate,
  isUuid,
  optionalText,
  parseCents,
  RECEIPT_CONTENT_TYPES,
  ReceiptContentType,
  receiptObjectPrefix,
  REIMBURSEMENT_METHODS,
  ReimbursementMethod,
  requiredText,
} from '@kpa/contracts';

/**
 * Expenses (notes de frais), pure rules. Who paid is `paidByMemberId`: a member of the site, who
 * is owed the money, or null when the site itself paid (its card or account). A member submits
 * their own expenses only; a coordinator submits for anyone and decides: submitted → approved or
 * rejected (with a reason); an approved expense a member paid → reimbursed (day and method).
 * Amounts are integer cents inside.
 */

/** The content of an expense, checked. */
export interface ExpenseData {
  paidByMemberId: string | null;
  spentOn: string;
  description: string;
  amountCents: number;
  vatCents: number;
  category: ExpenseCategory;
  note: string | null;
}

/** What the rules need to know of a stored expense. */
export interface ExpenseState {
  status: ExpenseStatus;
  paidByMemberId: string | null;
}

export type ExpenseAction = 'approve' | 'reject' | 'reimburse';

function amountCents(value: unknown, field: string): number {
  const cents = parseCents(value);
  if (cents === undefined) throw invalidField(field, `${field} must be an amount in euros written as a string with at most 2 decimals, like "42.90".`);
  return cents;
}

/**
 * Who paid: a member leaves it out (themselves) or names themselves; a coordinator must say who
 * (a member id, or null for the site). Whether the member exists on the site is the service's
 * check (MEMBER_NOT_FOUND).
 */
export function resolvePayer(paidByMemberId: unknown, actor: ExpenseActor): string | null {
  if (actor.role === 'member') {
    if (!actor.memberId) {
      throw new DomainError('FORBIDDEN', 'Your account is not linked to a member file on this site: ask a coordinator to record the expense for you.');
    }
    if (paidByMemberId !== undefined && paidByMemberId !== actor.memberId) {
      throw new DomainError('FORBIDDEN', 'A member submits only their own expenses: leave paidByMemberId out (it is you), or ask a coordinator.', {
        field: 'paidByMemberId',
      });
    }
    return actor.memberId;
  }
  if (paidByMemberId === undefined) {
    throw invalidField('paidByMemberId', 'paidByMemberId is required: the id of the member who paid, or null when the site itself paid.');
  }
  if (paidByMemberId === null) return null;
  if (!isUuid(paidByMemberId)) throw invalidField('paidByMemberId', 'paidByMemberId must be a member id (uuid), or null when the site itself paid.');
  return paidByMemberId.toLowerCase();
}

/** Checks an expense's fields against today (Europe/Paris): all of them, on create and after a change. */
export function checkExpense(input: Partial<ExpenseInput>, actor: ExpenseActor, today: string): ExpenseData {
  const paidByMemberId = resolvePayer(input.paidByMemberId, actor);
  if (!isIsoDate(input.spentOn)) throw invalidField('spentOn', 'spentOn is required: the day of the expense, written YYYY-MM-DD.');
  if (compareDates(input.spentOn, today) > 0) throw invalidField('spentOn', `spentOn must not be in the future (today is ${today}).`);
  const description = requiredText(input.description, 'description', 1, 500);
  const amount = amountCents(input.amount, 'amount');
  if (amount <= 0) throw invalidField('amount', 'amount (including VAT) must be more than 0.');
  const vat = amountCents(input.vat, 'vat');
  if (vat > amount) throw invalidField('vat', `vat (${formatCents(vat)}) cannot exceed the amount including VAT (${formatCents(amount)}).`);
  if (!EXPENSE_CATEGORIES.includes(input.category as ExpenseCategory)) {
    throw invalidField('category', `category must be one of ${EXPENSE_CATEGORIES.join(', ')}.`);
  }
  return {
    paidByMemberId,
    spentOn: input.spentOn,
    description,
    amountCents: amount,
    vatCents: vat,
    category: input.category as ExpenseCategory,
    note: optionalText(input.note, 'note', 2000),
  };
}

/** Amounts of an expense as decimal strings: amount (incl. VAT), vat, net = amount − vat. */
export function expenseAmounts(data: Pick<ExpenseData, 'amountCents' | 'vatCents'>): { amount: string; vat: string; net: string } {
  return { amount: formatCents(data.amountCents), vat: formatCents(data.vatCents), net: formatCents(data.amountCents - data.vatCents) };
}

/** A member may touch their own expenses only; a coordinator any of the site's. */
function assertOwnOrCoordinator(state: ExpenseState, actor: ExpenseActor): void {
  if (actor.role === 'member' && (actor.memberId === null || state.paidByMemberId !== actor.memberId)) {
    throw new DomainError('FORBIDDEN', 'A member may change only their own expenses.');
  }
}

/** PATCH and receipts: only while submitted (a decided expense is part of the books), by its member or a coordinator. */
export function assertEditable(state: ExpenseState, actor: ExpenseActor): void {
  assertOwnOrCoordinator(state, actor);
  if (state.status !== 'submitted') {
    throw new DomainError('EXPENSE_NOT_EDITABLE', `The expense is ${state.status}: only a submitted expense can be changed or get a new receipt.`, {
      status: state.status,
    });
  }
}

const NEXT: Record<ExpenseAction, { from: ExpenseStatus; to: ExpenseStatus }> = {
  approve: { from: 'submitted', to: 'approved' },
  reject: { from: 'submitted', to: 'rejected' },
  reimburse: { from: 'approved', to: 'reimbursed' },
};

/** What a coordinator can do to the expense now. */
export function allowedActions(state: ExpenseState): ExpenseAction[] {
  return (Object.keys(NEXT) as ExpenseAction[]).filter((action) => NEXT[action].from === state.status && !(action === 'reimburse' && state.paidByMemberId === null));
}

/** The status after a coordinator's decision, or the refusal saying what the expense allows now. */
export function transition(state: ExpenseState, action: ExpenseAction, actor: ExpenseActor): ExpenseStatus {
  if (!(action in NEXT)) throw invalidField('action', `action must be one of ${Object.keys(NEXT).join(', ')}.`);
  if (actor.role !== 'coordinator') throw new DomainError('FORBIDDEN', `Only a coordinator may ${action} an expense.`);
  const allowed = allowedActions(state);
  if (!allowed.includes(action)) {
    const why =
      action === 'reimburse' && state.status === 'approved' && state.paidByMemberId === null
        ? 'it was paid by the site itself, there is nobody to pay back'
        : `${action} needs an expense that is ${NEXT[action].from}`;
    throw new DomainError('EXPENSE_TRANSITION_REFUSED', `The expense is ${state.status}: ${why}. Allowed now: ${allowed.length > 0 ? allowed.join(', ') : 'nothing'}.`, {
      status: state.status,
      action,
      allowed,
    });
  }
  return NEXT[action].to;
}

/** A rejection says why, for the member who paid. */
export function checkRejectionReason(reason: unknown): string {
  return requiredText(reason, 'reason', 1, 500);
}

/** The day and the way the member was paid back: not in the future, not before the approval. */
export function checkReimbursement(input: { reimbursedOn?: unknown; method?: unknown }, approvedOn: string, today: string): { reimbursedOn: string; method: ReimbursementMethod } {
  if (!REIMBURSEMENT_METHODS.includes(input.method as ReimbursementMethod)) {
    throw invalidField('method', `method must be one of ${REIMBURSEMENT_METHODS.join(', ')}.`);
  }
  const reimbursedOn = input.reimbursedOn === undefined || input.reimbursedOn === null ? today : input.reimbursedOn;
  if (!isIsoDate(reimbursedOn)) throw invalidField('reimbursedOn', 'reimbursedOn must be a date written YYYY-MM-DD (or left out for today).');
  if (compareDates(reimbursedOn, today) > 0) throw invalidField('reimbursedOn', `reimbursedOn must not be in the future (today is ${today}).`);
  if (compareDates(reimbursedOn, approvedOn) < 0) throw invalidField('reimbursedOn', `reimbursedOn must not be before the approval (${approvedOn}).`);
  return { reimbursedOn, method: input.method as ReimbursementMethod };
}

export interface ReceiptUpload {
  objectName: string;
  sha256: string;
  size: number;
  contentType: ReceiptContentType;
}

/** What the gateway says it stored: an object of this expense, a known type, a size, a SHA-256. */
export function checkReceiptUpload(input: Partial<ReceiptUpload>, siteId: string, expenseId: string): ReceiptUpload {
  if (!RECEIPT_CONTENT_TYPES.includes(input.contentType as ReceiptContentType)) {
    throw new DomainError('RECEIPT_TYPE_NOT_ALLOWED', `A receipt must be one of ${RECEIPT_CONTENT_TYPES.join(', ')}.`, { contentType: input.contentType });
  }
  if (!Number.isSafeInteger(input.size) || (input.size as number) <= 0) throw invalidField('size', 'size must be the number of bytes of the receipt (more than 0).');
  if (typeof input.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(input.sha256)) throw invalidField('sha256', 'sha256 must be 64 lower-case hex digits.');
  if (typeof input.objectName !== 'string' || !input.objectName.startsWith(receiptObjectPrefix(siteId, expenseId)) || input.objectName.length > 200) {
    throw invalidField('objectName', `objectName must be an object of this expense (${receiptObjectPrefix(siteId, expenseId)}<upload id>).`);
  }
  return { objectName: input.objectName, sha256: input.sha256, size: input.size as number, contentType: input.contentType as ReceiptContentType };
}

/** The object store's digest of a file with this SHA-256 (`SHA-256=` + base64url with padding). */
export function objectStoreDigest(sha256Hex: string): string {
  return `SHA-256=${Buffer.from(sha256Hex, 'hex').toString('base64').replace(/\+/g, '-').replace(/\//g, '_')}`;
}

/** The list's filters, checked (the gateway validates them too; RPC callers are not all the gateway). */
export interface ExpenseFilters {
  status?: ExpenseStatus;
  category?: ExpenseCategory;
  memberId?: string;
  from?: string;
  to?: string;
}

export function checkExpenseFilters(request: { status?: unknown; category?: unknown; memberId?: unknown; from?: unknown; to?: unknown }): ExpenseFilters {
  if (request.status !== undefined && !EXPENSE_STATUSES.includes(request.status as ExpenseStatus))
    throw invalidField('status', `status must be one of ${EXPENSE_STATUSES.join(', ')}.`);
  if (request.category !== undefined && !EXPENSE_CATEGORIES.includes(request.category as ExpenseCategory)) {
    throw invalidField('category', `category must be one of ${EXPENSE_CATEGORIES.join(', ')}.`);
  }
  if (request.memberId !== undefined && !isUuid(request.memberId)) throw invalidField('memberId', 'memberId must be a member id (uuid).');
  for (const bound of ['from', 'to'] as const) {
    if (request[bound] !== undefined && !isIsoDate(request[bound])) throw invalidField(bound, `${bound} must be a date written YYYY-MM-DD.`);
  }
  const { from, to } = request as { from?: string; to?: string };
  if (from !== undefined && to !== undefined && compareDates(from, to) > 0) throw invalidField('to', 'to must not be before from.');
  return {
    status: request.status as ExpenseStatus | undefined,
    category: request.category as ExpenseCategory | undefined,
    memberId: request.memberId as string | undefined,
    from,
    to,
  };
}

/** A change names at least one field. */
export function assertSomeChange(changes: object | undefined | null): void {
  if (Object.keys(changes ?? {}).length === 0) throw new DomainError('VALIDATION_FAILED', 'Nothing to change: send at least one field.');
}

/** The member who paid must not be erased (their existence on the site is the repository's MEMBER_NOT_FOUND). */
export function assertPayerRecordable(member: { id: string; erased: boolean }): void {
  if (member.erased) throw new DomainError('MEMBER_ERASED', `Member ${member.id} was erased: an expense cannot be recorded for them.`, { memberId: member.id });
}

/** What the object store says it holds under the upload's name. */
export interface StoredObject {
  size: number;
  digest?: string;
  deleted?: boolean;
}

/** The gateway's upload is recorded only once the store holds that very file (same size, same SHA-256). */
export function assertStoredAsUploaded(stored: StoredObject | null | undefined, upload: ReceiptUpload): void {
  if (!stored || stored.deleted || stored.size !== upload.size || stored.digest !== objectStoreDigest(upload.sha256)) {
    throw new DomainError('RECEIPT_NOT_FOUND', 'The uploaded receipt is not in the store as described (name, size, SHA-256): upload the file again.', {
      objectName: upload.objectName,
    });
  }
}

/** Where the receipt is, or 404 RECEIPT_NOT_FOUND when the expense has none. */
export function receiptOrRefuse<T>(location: T | null, expenseId: string): T {
  if (!location) throw new DomainError('RECEIPT_NOT_FOUND', `Expense ${expenseId} has no receipt: upload one with PUT …/expenses/${expenseId}/receipt.`, { expenseId });
  return location;
}
