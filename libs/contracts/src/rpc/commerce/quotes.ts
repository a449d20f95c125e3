import { Page, PageRequest } from '../page';
import { CatalogueUnit, LineNature, VatRate } from './catalogue';

/**
 * Stored statuses of a quote; `expired` is never stored: a `sent` quote past its `validUntil`
 * reads as `expired` (computed on read) and can no longer be accepted.
 */
export const QUOTE_STATUSES = ['draft', 'submitted', 'validated', 'sent', 'accepted', 'declined', 'expired'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

export const QUOTE_ACTIONS = ['submit', 'validate', 'send', 'accept', 'decline'] as const;
export type QuoteAction = (typeof QUOTE_ACTIONS)[number];

/** Who acts on a quote, as the gateway knows it (a network admin acts as a coordinator). */
export interface QuoteActor {
  userId: string;
  role: 'coordinator' | 'member';
}

/** A line as sent: from a catalogue item (description, unit, price and rate default from it) or free. */
export interface QuoteLineInput {
  description?: string;
  /** Up to 3 decimals ("2", "1.5"). */
  quantity: string;
  unit?: CatalogueUnit;
  /** Excluding VAT, up to 4 decimals ("18.1234"). */
  unitPrice?: string;
  vatRate?: VatRate;
  /** Required with vatRate "0" (the legal ground of the exemption). */
  exemptionReason?: string | null;
  catalogueItemId?: string | null;
  /** Goods or a service: the catalogue item's, else `service`. */
  nature?: LineNature;
}

export interface QuoteInput {
  clientId: string;
  lines: QuoteLineInput[];
  /** YYYY-MM-DD, after today. */
  validUntil: string;
  executionPlace?: string | null;
  executionStartsOn?: string | null;
  executionEndsOn?: string | null;
  /** Individuals only: signed at their home (off-premises contract): the 14-day withdrawal notice applies. */
  signedAtClientHome?: boolean;
  /** The member who carries the work out under a CAPE: the quote prints the R127-3 mention. */
  capeHolderMemberId?: string | null;
  /**
   * The deposit asked when the quote is accepted, in percent of its total ("30"; 0 < p ≤ 100, 2
   * decimals at most): printed with its amount, and accepting drafts that deposit invoice.
   */
  depositPercent?: string | null;
  /** Goods delivered elsewhere than the client's address: printed, and carried into the invoice made from the quote. */
  deliveryAddress?: string | null;
}

export interface QuoteLine {
  description: string;
  quantity: string;
  unit: CatalogueUnit;
  unitPrice: string;
  vatRate: VatRate;
  exemptionReason: string | null;
  catalogueItemId: string | null;
  nature: LineNature;
  /** quantity × unitPrice rounded to the cent. */
  net: string;
}

export interface QuoteVatBreakdown {
  category: 'S' | 'E';
  rate: VatRate;
  exemptionReason: string | null;
  base: string;
  vat: string;
}

/** Amounts as decimal strings with two decimals; frozen when the quote is sent. */
export interface QuoteTotals {
  net: string;
  vat: string;
  total: string;
  vatBreakdown: QuoteVatBreakdown[];
  vatFranchise: boolean;
  vatExemptionNote: string | null;
}

export interface Quote {
  id: string;
  siteId: string;
  clientId: string;
  status: QuoteStatus;
  /** Null until sent (`LACAPE-D-2026-00001`). */
  number: string | null;
  sentOn: string | null;
  /** Day the client's answer was recorded (accepted or declined). */
  answeredOn: string | null;
  validUntil: string;
  executionPlace: string | null;
  executionStartsOn: string | null;
  executionEndsOn: string | null;
  signedAtClientHome: boolean;
  withdrawalNoticeRequired: boolean;
  capeHolderMemberId: string | null;
  depositPercent: string | null;
  deliveryAddress: string | null;
  lines: QuoteLine[];
  totals: QuoteTotals;
  /** Accepted quotes: the mission and the invoice draft (standard, or deposit) the acceptance created. */
  missionId: string | null;
  invoiceId: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface CreateQuoteRequest {
  siteId: string;
  actor: QuoteActor;
  quote: QuoteInput;
}

export interface UpdateQuoteRequest {
  siteId: string;
  quoteId: string;
  actor: QuoteActor;
  changes: Partial<QuoteInput>;
}

export interface GetQuoteRequest {
  siteId: string;
  quoteId: string;
}

export interface ListQuotesRequest extends PageRequest {
  siteId: string;
  status?: QuoteStatus;
}

export interface QuoteActionRequest {
  siteId: string;
  quoteId: string;
  action: QuoteAction;
  actor: QuoteActor;
  /** accept only: draft a deposit invoice of this percent of the quote ("30") instead of the whole invoice; default: the quote's own depositPercent. */
  depositPercent?: string;
}

export type QuotePage = Page<Quote>;

/**
 * The expiry sweep (worker → commerce, every site at once): every `sent` quote whose `validUntil` is
 * before `today` and whose expiry was not yet published gets it published, once.
 */
export interface ExpireDueQuotesRequest {
  /** The worker's today in France (YYYY-MM-DD). */
  today: string;
}

export interface ExpiredQuotes {
  /** How many quotes this call published as expired (0 when another sweep got there first). */
  expired: number;
}
