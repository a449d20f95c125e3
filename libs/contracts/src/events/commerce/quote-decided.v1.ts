import { defineEvent } from '../../envelope';
import { QuoteTotals } from '../../rpc/commerce/quotes';

/** A quote was sent, accepted or declined: ids, number and frozen totals, nothing of the client's person. */
export interface QuoteEventV1 {
  quoteId: string;
  number: string;
  clientId: string;
  totals: QuoteTotals;
}

export const QUOTE_SENT_V1 = defineEvent<QuoteEventV1>('commerce.quote.sent', 1);
export const QUOTE_ACCEPTED_V1 = defineEvent<QuoteEventV1>('commerce.quote.accepted', 1);
export const QUOTE_DECLINED_V1 = defineEvent<QuoteEventV1>('commerce.quote.declined', 1);
