import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
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
  isUuid,
  ListExpensesRequest,
  OBJECT_STORES,
  ReceiptLocation,
  RejectExpenseRequest,
  ReimburseExpenseRequest,
  SiteId,
  siteIdOf,
  UpdateExpenseRequest,
} from '@kpa/contracts';
import { createEvent, keysetPage, LOGGER, Logger, ObjectStores, todayInFrance, UnitOfWork } from '@kpa/platform';
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
  ExpenseFilters,
  receiptOrRefuse,
  transition,
} from './expense';
import { ExpenseEntity } from './expense.entity';

/** Reads an expense of a site: one of another site does not exist for it (404). */
async function findExpense(manager: EntityManager, siteId: string, expenseId: string, forChange = false): Promise<ExpenseEntity> {
  const expense = isUuid(expenseId)
    ? await manager.findOne(ExpenseEntity, { where: { id: expenseId, siteId }, ...(forChange ? { lock: { mode: 'pessimistic_write' as const } } : {}) })
    : null;
  if (!expense) throw new DomainError('EXPENSE_NOT_FOUND', `No expense with id ${expenseId} on this site.`, { expenseId });
  return expense;
}

/** The list's query for filters already checked. */
function applyFilters<E extends object>(query: SelectQueryBuilder<E>, siteId: string, filters: ExpenseFilters): SelectQueryBuilder<E> {
  query.where('e.siteId = :siteId', { siteId });
  if (filters.status !== undefined) query.andWhere('e.status = :status', { status: filters.status });
  if (filters.category !== undefined) query.andWhere('e.category = :category', { category: filters.category });
  if (filters.memberId !== undefined) query.andWhere('e.paidByMemberId = :memberId', { memberId: filters.memberId });
  if (filters.from !== undefined) query.andWhere('e.spentOn >= :from', { from: filters.from });
  if (filters.to !== undefined) query.andWhere('e.spentOn <= :to', { to: filters.to });
  return query;
}

@Injectable()
export class ExpensesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly objectStores: ObjectStores,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly members: KnownMemberRepository,
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
        siteId,
        status: 'submitted',
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
      await manager.insert(ExpenseEntity, entity);
      return entity.toContract();
    });
  }

  async get({ siteId, expenseId }: GetExpenseRequest): Promise<Expense> {
    return (await findExpense(this.dataSource.manager, siteId, expenseId)).toContract();
  }

  /** One page, and the sums over every expense the filter matches (not only this page). */
  async list(request: ListExpensesRequest): Promise<ExpensePage> {
    const filters = checkExpenseFilters(request);
    const repository = this.dataSource.getRepository(ExpenseEntity);
    const page = await keysetPage(applyFilters(repository.createQueryBuilder('e'), request.siteId, filters), request);
    const sums = await applyFilters(repository.createQueryBuilder('e'), request.siteId, filters)
      .select('count(*)', 'count')
      .addSelect('COALESCE(sum(e.amount_cents), 0)', 'amount')
      .addSelect('COALESCE(sum(e.vat_cents), 0)', 'vat')
      .getRawOne<{ count: string; amount: string; vat: string }>();
    const amount = Number(sums?.amount ?? 0);
    const vat = Number(sums?.vat ?? 0);
    return {
      items: page.items.map((e) => e.toContract()),
      nextCursor: page.nextCursor,
      totals: { count: Number(sums?.count ?? 0), amount: formatCents(amount), vat: formatCents(vat), net: formatCents(amount - vat) },
    };
  }

  /** While submitted, by its member or a coordinator: the changed fields merged, then every rule again. */
  update({ siteId, expenseId, actor, changes }: UpdateExpenseRequest): Promise<Expense> {
    const today = todayInFrance();
    return this.unitOfWork.run(async ({ manager }) => {
      const expense = await findExpense(manager, siteId, expenseId, true);
      assertEditable(expense, actor);
      assertSomeChange(changes);
      const data = checkExpense({ ...expense.input(), ...changes }, actor, today);
      if (data.paidByMemberId !== expense.paidByMemberId) await this.assertPayer(manager, siteIdOf(siteId), data.paidByMemberId);
      expense.apply(data);
      expense.updatedAt = new Date();
      await manager.save(expense);
      return expense.toContract();
    });
  }

  /** Approved today; `commerce.expense.approved` goes out through the outbox in the same transaction. */
  approve({ siteId, expenseId, actor }: ApproveExpenseRequest): Promise<Expense> {
    const today = todayInFrance();
    return this.unitOfWork.run(async ({ manager, publish }) => {
      const expense = await findExpense(manager, siteId, expenseId, true);
      const now = new Date();
      Object.assign(expense, { status: transition(expense, 'approve', actor), approvedOn: today, decidedBy: actor.userId, updatedAt: now });
      await manager.save(expense);
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
      const expense = await findExpense(manager, siteId, expenseId, true);
      const status = transition(expense, 'reject', actor);
      Object.assign(expense, { status, rejectedOn: today, rejectionReason: checkRejectionReason(reason), decidedBy: actor.userId, updatedAt: new Date() });
      await manager.save(expense);
      return expense.toContract();
    });
  }

  reimburse({ siteId, expenseId, actor, reimbursedOn, method }: ReimburseExpenseRequest): Promise<Expense> {
    const today = todayInFrance();
    return this.unitOfWork.run(async ({ manager }) => {
      const expense = await findExpense(manager, siteId, expenseId, true);
      const status = transition(expense, 'reimburse', actor);
      const reimbursement = checkReimbursement({ reimbursedOn, method }, expense.approvedOn as string, today);
      Object.assign(expense, { status, reimbursedOn: reimbursement.reimbursedOn, reimbursementMethod: reimbursement.method, updatedAt: new Date() });
      await manager.save(expense);
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
      const expense = await findExpense(manager, siteId, expenseId, true);
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
      await manager.save(expense);
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
    return receiptOrRefuse((await findExpense(this.dataSource.manager, siteId, expenseId)).receiptLocation(), expenseId);
  }
}
