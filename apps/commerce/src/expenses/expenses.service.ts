import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  ApproveExpenseRequest,
  AttachReceiptRequest,
  CreateExpenseRequest,
  DomainError,
  EXPENSE_APPROVED_V1,
  Expense,
  ExpensePage,
  formatCents,
  GetExpenseRequest,
  GetReceiptRequest,
  ListExpensesRequest,
  OBJECT_STORES,
  ReceiptLocation,
  RejectExpenseRequest,
  ReimburseExpenseRequest,
  SiteId,
  siteIdOf,
  UpdateExpenseRequest,
} from '@kpa/contracts';
import { createEvent, LOGGER, Logger, ObjectStores, todayInFrance, UnitOfWork } from '@kpa/platform';
import { KnownMemberRepository } from '../members/known-member.repository';
import {
  assertEditable,
  assertPayerRecordable,
  assertSomeChange,
  assertStoredAsUploaded,
  checkExpense,
  checkExpenseFilters,
  checkReceiptUpload,
  checkReimbursement,
  checkRejectionReason,
  expenseAmounts,
  receiptOrRefuse,
  transition,
} from './expense';
import { ExpenseEntity } from './expense.entity';
import { ExpenseRepository } from './expense.repository';

@Injectable()
export class ExpensesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly objectStores: ObjectStores,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly members: KnownMemberRepository,
    private readonly expenses: ExpenseRepository,
  ) {}

  /** The member who paid must be a member of the site commerce knows, not erased. */
  private async assertPayer(manager: EntityManager, siteId: SiteId, memberId: string | null): Promise<void> {
    if (memberId === null) return;
    assertPayerRecordable(await this.members.knownMember(manager, siteId, memberId));
  }

  create({ siteId, actor, expense }: CreateExpenseRequest): Promise<Expense> {
    const today = todayInFrance();
    return this.unitOfWork.run(async ({ manager }) => {
      const data = checkExpense(expense, actor, today);
      await this.assertPayer(manager, siteIdOf(siteId), data.paidByMemberId);
      const now = new Date();
      const entity = Object.assign(new ExpenseEntity(), data, {
        id: uuidv7(),
        siteId: siteIdOf(siteId),
        status: 'submitted' as const,
        approvedOn: null,
        rejectedOn: null,
        rejectionReason: null,
        decidedBy: null,
        reimbursedOn: null,
        reimbursementMethod: null,
        receiptObjectName: null,
        receiptSha256: null,
        receiptContentType: null,
        receiptSize: null,
        receiptUploadedAt: null,
        submittedBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
      await this.expenses.insert(manager, entity);
      return entity.toContract();
    });
  }

  async get({ siteId, expenseId }: GetExpenseRequest): Promise<Expense> {
    return (await this.expenses.findExpense(this.dataSource.manager, siteIdOf(siteId), expenseId)).toContract();
  }

  /** One page, and the sums over every expense the filter matches (not only this page). */
  async list(request: ListExpensesRequest): Promise<ExpensePage> {
    const filters = checkExpenseFilters(request);
    const { items, nextCursor, sums } = await this.expenses.pageWithSums(this.dataSource.manager, siteIdOf(request.siteId), filters, request);
    return {
      items: items.map((e) => e.toContract()),
      nextCursor,
      totals: { count: sums.count, amount: formatCents(sums.amountCents), vat: formatCents(sums.vatCents), net: formatCents(sums.amountCents - sums.vatCents) },
    };
  }

  /** While submitted, by its member or a coordinator: the changed fields merged, then every rule again. */
  update({ siteId, expenseId, actor, changes }: UpdateExpenseRequest): Promise<Expense> {
    const today = todayInFrance();
    return this.unitOfWork.run(async ({ manager }) => {
      const expense = await this.expenses.findExpense(manager, siteIdOf(siteId), expenseId, true);
      assertEditable(expense, actor);
      assertSomeChange(changes);
      const data = checkExpense({ ...expense.input(), ...changes }, actor, today);
      if (data.paidByMemberId !== expense.paidByMemberId) await this.assertPayer(manager, siteIdOf(siteId), data.paidByMemberId);
      expense.apply(data);
      expense.updatedAt = new Date();
      await this.expenses.save(manager, expense);
      return expense.toContract();
    });
  }

  /** Approved today; `commerce.expense.approved` goes out through the outbox in the same transaction. */
  approve({ siteId, expenseId, actor }: ApproveExpenseRequest): Promise<Expense> {
    const today = todayInFrance();
    return this.unitOfWork.run(async ({ manager, publish }) => {
      const expense = await this.expenses.findExpense(manager, siteIdOf(siteId), expenseId, true);
      const now = new Date();
      Object.assign(expense, { status: transition(expense, 'approve', actor), approvedOn: today, decidedBy: actor.userId, updatedAt: now });
      await this.expenses.save(manager, expense);
      await publish(
        createEvent(
          EXPENSE_APPROVED_V1,
          siteId,
          { expenseId: expense.id, paidByMemberId: expense.paidByMemberId, spentOn: expense.spentOn, approvedOn: today, category: expense.category, ...expenseAmounts(expense) },
          now,
        ),
      );
      return expense.toContract();
    });
  }

  reject({ siteId, expenseId, actor, reason }: RejectExpenseRequest): Promise<Expense> {
    const today = todayInFrance();
    return this.unitOfWork.run(async ({ manager }) => {
      const expense = await this.expenses.findExpense(manager, siteIdOf(siteId), expenseId, true);
      const status = transition(expense, 'reject', actor);
      Object.assign(expense, { status, rejectedOn: today, rejectionReason: checkRejectionReason(reason), decidedBy: actor.userId, updatedAt: new Date() });
      await this.expenses.save(manager, expense);
      return expense.toContract();
    });
  }

  reimburse({ siteId, expenseId, actor, reimbursedOn, method }: ReimburseExpenseRequest): Promise<Expense> {
    const today = todayInFrance();
    return this.unitOfWork.run(async ({ manager }) => {
      const expense = await this.expenses.findExpense(manager, siteIdOf(siteId), expenseId, true);
      const status = transition(expense, 'reimburse', actor);
      const reimbursement = checkReimbursement({ reimbursedOn, method }, expense.approvedOn as string, today);
      Object.assign(expense, { status, reimbursedOn: reimbursement.reimbursedOn, reimbursementMethod: reimbursement.method, updatedAt: new Date() });
      await this.expenses.save(manager, expense);
      return expense.toContract();
    });
  }

  /**
   * Records the receipt the gateway stored, once the stored object is found with the same size
   * and SHA-256. The receipt it replaces is deleted from the store after the commit (a crash in
   * between leaves an unreferenced object, never a missing one).
   */
  async attachReceipt(request: AttachReceiptRequest): Promise<Expense> {
    const { siteId, expenseId, actor } = request;
    const upload = checkReceiptUpload(request, siteId, expenseId);
    const store = await this.objectStores.open(OBJECT_STORES.receipts).catch((error: unknown) => {
      throw this.storeUnavailable(error);
    });
    const { expense, replaced } = await this.unitOfWork.run(async ({ manager }) => {
      const expense = await this.expenses.findExpense(manager, siteIdOf(siteId), expenseId, true);
      assertEditable(expense, actor);
      const stored = await store.info(upload.objectName).catch((error: unknown) => {
        throw this.storeUnavailable(error);
      });
      assertStoredAsUploaded(stored, upload);
      const replaced = expense.receiptObjectName !== upload.objectName ? expense.receiptObjectName : null;
      Object.assign(expense, {
        receiptObjectName: upload.objectName,
        receiptSha256: upload.sha256,
        receiptContentType: upload.contentType,
        receiptSize: upload.size,
        receiptUploadedAt: new Date(),
        updatedAt: new Date(),
      });
      await this.expenses.save(manager, expense);
      return { expense, replaced };
    });
    if (replaced) {
      await store.delete(replaced).catch((error: unknown) => this.logger.warn({ err: error, objectName: replaced }, 'replaced receipt not deleted from the store'));
    }
    return expense.toContract();
  }

  /** NATS or JetStream failing under the receipts store: the caller may retry (503), the cause is logged. */
  private storeUnavailable(error: unknown): DomainError {
    this.logger.warn({ err: error }, 'receipts object store failed');
    return new DomainError('SERVICE_UNAVAILABLE', 'The receipts store is not answering: retry in a moment.', { service: 'nats' });
  }

  /** Where the gateway reads the receipt file; 404 RECEIPT_NOT_FOUND when the expense has none. */
  async getReceipt({ siteId, expenseId }: GetReceiptRequest): Promise<ReceiptLocation> {
    return receiptOrRefuse((await this.expenses.findExpense(this.dataSource.manager, siteIdOf(siteId), expenseId)).receiptLocation(), expenseId);
  }
}
