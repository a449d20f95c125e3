import { Injectable } from '@nestjs/common';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { DomainError, isUuid, PageRequest, SiteId } from '@kpa/contracts';
import { keysetPage } from '@kpa/platform';
import { ExpenseFilters } from './expense';
import { ExpenseEntity } from './expense.entity';

/** The list's query for filters already checked. */
function filtered(query: SelectQueryBuilder<ExpenseEntity>, siteId: SiteId, filters: ExpenseFilters): SelectQueryBuilder<ExpenseEntity> {
  query.where('e.siteId = :siteId', { siteId });
  if (filters.status !== undefined) query.andWhere('e.status = :status', { status: filters.status });
  if (filters.category !== undefined) query.andWhere('e.category = :category', { category: filters.category });
  if (filters.memberId !== undefined) query.andWhere('e.paidByMemberId = :memberId', { memberId: filters.memberId });
  if (filters.from !== undefined) query.andWhere('e.spentOn >= :from', { from: filters.from });
  if (filters.to !== undefined) query.andWhere('e.spentOn <= :to', { to: filters.to });
  return query;
}

/** The sums of the expenses a list matches, in cents. */
export interface ExpenseSums {
  count: number;
  amountCents: number;
  vatCents: number;
}

/**
 * The site's expenses (`expense`). Stateless: every method runs on the manager it is given (a use
 * case's transaction, or the data source's for a plain read), always within one site.
 */
@Injectable()
export class ExpenseRepository {
  /** An expense of the site, under a row lock when it is to change; another site's does not exist for it (404). */
  async findExpense(manager: EntityManager, siteId: SiteId, expenseId: string, forChange = false): Promise<ExpenseEntity> {
    const expense = isUuid(expenseId)
      ? await manager.findOne(ExpenseEntity, { where: { id: expenseId, siteId }, ...(forChange ? { lock: { mode: 'pessimistic_write' as const } } : {}) })
      : null;
    if (!expense) throw new DomainError('EXPENSE_NOT_FOUND', `No expense with id ${expenseId} on this site.`, { expenseId });
    return expense;
  }

  /** One page of the site's expenses the filters match, oldest first, and the sums over all of them (not only this page). */
  async pageWithSums(
    manager: EntityManager,
    siteId: SiteId,
    filters: ExpenseFilters,
    page: PageRequest,
  ): Promise<{ items: ExpenseEntity[]; nextCursor: string | null; sums: ExpenseSums }> {
    const repository = manager.getRepository(ExpenseEntity);
    const { items, nextCursor } = await keysetPage(filtered(repository.createQueryBuilder('e'), siteId, filters), page);
    const sums = await filtered(repository.createQueryBuilder('e'), siteId, filters)
      .select('count(*)', 'count')
      .addSelect('COALESCE(sum(e.amount_cents), 0)', 'amount')
      .addSelect('COALESCE(sum(e.vat_cents), 0)', 'vat')
      .getRawOne<{ count: string; amount: string; vat: string }>();
    return { items, nextCursor, sums: { count: Number(sums?.count ?? 0), amountCents: Number(sums?.amount ?? 0), vatCents: Number(sums?.vat ?? 0) } };
  }

  async insert(manager: EntityManager, expense: ExpenseEntity & { siteId: SiteId }): Promise<void> {
    await manager.insert(ExpenseEntity, expense);
  }

  async save(manager: EntityManager, expense: ExpenseEntity): Promise<void> {
    await manager.save(expense);
  }
}
