import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError, isUuid, PageRequest, QuoteActor, QuoteStatus, SiteId } from '@kpa/contracts';
import { keysetPage } from '@kpa/platform';
import { ExpiryState, QuoteLineData } from './quote';
import { QuoteEntity } from './quote.entity';

/** A quote of the site, as an invoice needs it. */
export interface QuoteSource {
  id: string;
  siteId: SiteId;
  clientId: string;
  status: string;
  number: string | null;
  lines: QuoteLineData[];
  capeHolderMemberId: string | null;
  /** Goods delivered elsewhere than the client's address: the invoice made from the quote takes it. */
  deliveryAddress: string | null;
}

/** A quote the expiry sweep may publish, with what its event says. */
export interface ExpiryCandidate extends ExpiryState {
  id: string;
  siteId: string;
  number: string;
  clientId: string;
  /** Null for an individual (or a client that is gone): nothing of a client's person leaves commerce. */
  clientName: string | null;
  total: string;
  createdBy: string;
  createdByRole: QuoteActor['role'];
}

/**
 * The site's quotes (`quote`). Stateless: every method runs on the manager it is given (a use
 * case's transaction, or the data source's for a plain read), always within one site.
 */
@Injectable()
export class QuoteRepository {
  /** A quote of the site, under a row lock when it is to change; another site's does not exist for it (404). */
  async findQuote(manager: EntityManager, siteId: SiteId, quoteId: string, forChange = false): Promise<QuoteEntity> {
    const quote = isUuid(quoteId)
      ? await manager.findOne(QuoteEntity, { where: { id: quoteId, siteId }, ...(forChange ? { lock: { mode: 'pessimistic_write' as const } } : {}) })
      : null;
    if (!quote) throw new DomainError('QUOTE_NOT_FOUND', `No quote with id ${quoteId} on this site.`, { quoteId });
    return quote;
  }

  /** A quote of the site by an id as sent, or null (unknown, another site's, or not a uuid). */
  async quoteOrNull(manager: EntityManager, siteId: SiteId, quoteId: unknown): Promise<QuoteEntity | null> {
    return isUuid(quoteId) ? manager.findOne(QuoteEntity, { where: { id: quoteId, siteId } }) : null;
  }

  /** The quote an invoice is drafted from (404 QUOTE_NOT_FOUND on the request's `fromQuoteId`). */
  async quoteSource(manager: EntityManager, siteId: SiteId, quoteId: unknown): Promise<QuoteSource> {
    const rows: {
      id: string;
      client_id: string;
      status: string;
      number: string | null;
      lines: QuoteLineData[];
      cape_holder_member_id: string | null;
      delivery_address: string | null;
    }[] = isUuid(quoteId)
      ? await manager.query('SELECT id, client_id, status, number, lines, cape_holder_member_id, delivery_address FROM commerce.quote WHERE id = $1 AND site_id = $2', [
          quoteId,
          siteId,
        ])
      : [];
    if (rows.length === 0) throw new DomainError('QUOTE_NOT_FOUND', `No quote with id ${String(quoteId)} on this site.`, { field: 'fromQuoteId', quoteId });
    const row = rows[0];
    return {
      id: row.id,
      siteId,
      clientId: row.client_id,
      status: row.status,
      number: row.number,
      lines: row.lines,
      capeHolderMemberId: row.cape_holder_member_id,
      deliveryAddress: row.delivery_address,
    };
  }

  /** The number of the site's quote an invoice comes from, as the invoice prints it. */
  async quoteNumber(manager: EntityManager, siteId: SiteId, quoteId: string | null): Promise<string | null> {
    if (quoteId === null) return null;
    const rows: { number: string | null }[] = await manager.query('SELECT number FROM commerce.quote WHERE id = $1 AND site_id = $2', [quoteId, siteId]);
    return rows[0]?.number ?? null;
  }

  /**
   * The day the off-premises contract an invoice comes from was concluded: the acceptance day of its
   * quote when that quote was signed at an individual client's home (C. consom. L221-10); null otherwise.
   */
  async offPremisesConcludedOn(manager: EntityManager, siteId: SiteId, quoteId: string | null): Promise<string | null> {
    if (quoteId === null) return null;
    const rows: { answered_on: string | null }[] = await manager.query(
      `SELECT to_char(answered_on, 'YYYY-MM-DD') AS answered_on FROM commerce.quote WHERE id = $1 AND site_id = $2 AND signed_at_client_home AND status = 'accepted'`,
      [quoteId, siteId],
    );
    return rows[0]?.answered_on ?? null;
  }

  /** The execution dates a quote states (an invoice from it defaults its supply dates to them), or null for no quote. */
  async executionDates(manager: EntityManager, siteId: SiteId, quoteId: string | null): Promise<{ executionStartsOn: string | null; executionEndsOn: string | null } | null> {
    if (quoteId === null) return null;
    const rows: { starts_on: string | null; ends_on: string | null }[] = await manager.query(
      'SELECT execution_starts_on::text AS starts_on, execution_ends_on::text AS ends_on FROM commerce.quote WHERE id = $1 AND site_id = $2',
      [quoteId, siteId],
    );
    return rows.length === 0 ? null : { executionStartsOn: rows[0].starts_on, executionEndsOn: rows[0].ends_on };
  }

  /** One page of the site's quotes, oldest first; `sent` and `expired` split on the validity as of `today`. */
  page(manager: EntityManager, siteId: SiteId, status: QuoteStatus | undefined, today: string, page: PageRequest): Promise<{ items: QuoteEntity[]; nextCursor: string | null }> {
    const query = manager.getRepository(QuoteEntity).createQueryBuilder('q').where('q.siteId = :siteId', { siteId });
    if (status === 'expired') query.andWhere("q.status = 'sent' AND q.validUntil < :today", { today });
    else if (status === 'sent') query.andWhere("q.status = 'sent' AND q.validUntil >= :today", { today });
    else if (status) query.andWhere('q.status = :status', { status });
    return keysetPage(query, page);
  }

  /**
   * Regional (the sweep runs across sites): up to `limit` sent quotes past their validity as of
   * `today` whose expiry is not yet published, in id order after `afterId`, each locked for the
   * caller's transaction. Rows another sweep holds are skipped (`SKIP LOCKED`): that sweep publishes
   * them, or leaves them to the next run if it rolls back. `valid_until < today` is `isExpired`'s
   * "today is past the last valid day", in SQL so the partial index finds the few rows.
   */
  async lockExpiryCandidates(manager: EntityManager, today: string, afterId: string, limit: number): Promise<ExpiryCandidate[]> {
    const rows: {
      id: string;
      site_id: string;
      status: ExpiryCandidate['status'];
      number: string;
      client_id: string;
      client_name: string | null;
      valid_until: string;
      total: string;
      created_by: string;
      created_by_role: QuoteActor['role'];
      expired_published_at: Date | null;
    }[] = await manager.query(
      `SELECT q.id, q.site_id, q.status, q.number, q.client_id, q.valid_until::text AS valid_until, q.totals->>'total' AS total,
              q.created_by, q.created_by_role, q.expired_published_at,
              CASE WHEN c.kind = 'individual' THEN NULL ELSE c.name END AS client_name
         FROM commerce.quote q
         LEFT JOIN commerce.client c ON c.id = q.client_id AND c.site_id = q.site_id
        WHERE q.status = 'sent' AND q.valid_until < $1::date AND q.expired_published_at IS NULL AND q.id > $2::uuid
        ORDER BY q.id
        LIMIT $3
          FOR UPDATE OF q SKIP LOCKED`,
      [today, afterId, limit],
    );
    return rows.map((row) => ({
      id: row.id,
      siteId: row.site_id,
      status: row.status,
      number: row.number,
      clientId: row.client_id,
      clientName: row.client_name,
      validUntil: row.valid_until,
      total: row.total,
      createdBy: row.created_by,
      createdByRole: row.created_by_role,
      expiredPublishedAt: row.expired_published_at,
    }));
  }

  /** Marks these quotes' expiry as published (in the transaction that wrote their events). */
  async markExpiryPublished(manager: EntityManager, quoteIds: string[], at: Date): Promise<void> {
    await manager.query('UPDATE commerce.quote SET expired_published_at = $2 WHERE id = ANY($1::uuid[]) AND expired_published_at IS NULL', [quoteIds, at]);
  }

  async insert(manager: EntityManager, quote: QuoteEntity & { siteId: SiteId }): Promise<void> {
    await manager.insert(QuoteEntity, quote);
  }

  async save(manager: EntityManager, quote: QuoteEntity): Promise<void> {
    await manager.save(quote);
  }
}
