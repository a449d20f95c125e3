import { defineEvent } from '../../envelope';
import { QuoteActor } from '../../rpc/commerce/quotes';

/**
 * A sent quote passed its last valid day without an answer: published once per quote by commerce's
 * expiry sweep (`rpc.commerce.quote.expire_due`, called daily by the worker), so the member who drafted
 * it can be told. Money as a decimal string ("152.05"). The client's name only for an organisation
 * (null for an individual: nothing of a client's person leaves commerce, docs/messaging.md).
 */
export interface QuoteExpiredV1 {
  quoteId: string;
  siteId: string;
  number: string;
  clientId: string;
  /** Null when the client is an individual. */
  clientName: string | null;
  /** The last day the offer held (YYYY-MM-DD). */
  validUntil: string;
  /** The frozen total including VAT ("1200.00"). */
  totalIncludingTax: string;
  /** The user who drafted the quote, and their role then. */
  createdBy: string;
  createdByRole: QuoteActor['role'];
}

/** Stable: the worker consumes it to tell the quote's author. A breaking change is a v2 published beside it. */
export const QUOTE_EXPIRED_V1 = defineEvent<QuoteExpiredV1>('commerce.quote.expired', 1);
