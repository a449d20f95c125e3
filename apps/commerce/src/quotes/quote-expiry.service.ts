import { Injectable } from '@nestjs/common';
import { ExpiredQuotes, ExpireDueQuotesRequest, invalidField, isIsoDate, QUOTE_EXPIRED_V1, QuoteExpiredV1 } from '@kpa/contracts';
import { createEvent, UnitOfWork } from '@kpa/platform';
import { isDueToExpire } from './quote';
import { ExpiryCandidate, QuoteRepository } from './quote.repository';

/** Quotes locked and published per transaction: a backlog (the first sweep, a long outage) commits in steps. */
export const EXPIRY_BATCH = 200;
/** Below every uuid: the first batch starts here. */
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

export function quoteExpiredData(quote: ExpiryCandidate): QuoteExpiredV1 {
  return {
    quoteId: quote.id,
    siteId: quote.siteId,
    number: quote.number,
    clientId: quote.clientId,
    clientName: quote.clientName,
    validUntil: quote.validUntil,
    totalIncludingTax: quote.total,
    createdBy: quote.createdBy,
    createdByRole: quote.createdByRole,
  };
}

/**
 * The expiry sweep, called by the worker every morning and at its start (docs/commerce.md, quote
 * expiry): across every site, each sent quote past its validity is marked and its
 * `commerce.quote.expired` event written in the same transaction, one transaction per batch. The
 * rows are locked with SKIP LOCKED and marked once, so two sweeps at once, a retried job or a second
 * run publish each quote exactly once.
 */
@Injectable()
export class QuoteExpiryService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly quotes: QuoteRepository,
  ) {}

  async expireDue(request: ExpireDueQuotesRequest, batchSize = EXPIRY_BATCH): Promise<ExpiredQuotes> {
    const today = request?.today;
    if (!isIsoDate(today)) throw invalidField('today', 'today is required: the day of the sweep in France, written YYYY-MM-DD.');
    let expired = 0;
    let afterId = FIRST_ID;
    for (;;) {
      const batch = await this.unitOfWork.run(async ({ manager, publish }) => {
        const locked = await this.quotes.lockExpiryCandidates(manager, today, afterId, batchSize);
        const due = locked.filter((quote) => isDueToExpire(quote, today));
        if (due.length > 0) {
          const now = new Date();
          await this.quotes.markExpiryPublished(
            manager,
            due.map((quote) => quote.id),
            now,
          );
          await publish(...due.map((quote) => createEvent(QUOTE_EXPIRED_V1, quote.siteId, quoteExpiredData(quote), now)));
        }
        return { locked: locked.length, lastId: locked[locked.length - 1]?.id, published: due.length };
      });
      expired += batch.published;
      // Fewer than a batch: nothing left that another sweep does not hold.
      if (batch.locked < batchSize || !batch.lastId) return { expired };
      afterId = batch.lastId;
    }
  }
}
