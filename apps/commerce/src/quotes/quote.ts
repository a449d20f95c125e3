import {
  CATALOGUE_UNITS,
  CatalogueUnit,
  ClientKind,
  compareDates,
  computeTotals,
  decimalTotals,
  DocumentTotals,
  DomainError,
  formatCents,
  invalidField,
  isAbsent,
  isIsoDate,
  LineNature,
  lineNature,
  operationCategoryOf,
  optionalDate,
  optionalText,
  optionalUuid,
  QuoteAction,
  QuoteActor,
  QuoteInput,
  QuoteLine,
  QuoteLineInput,
  QuoteStatus,
  QuoteTotals,
  VatRate,
} from '@kpa/contracts';

/** What is stored: `expired` is only ever computed on read. */
export type StoredQuoteStatus = Exclude<QuoteStatus, 'expired'>;

/** A line as stored (before its net is computed). */
export type QuoteLineData = Omit<QuoteLine, 'net'>;

/** The editable content of a quote, checked. */
export interface QuoteData {
  clientId: string;
  lines: QuoteLineData[];
  validUntil: string;
  executionPlace: string | null;
  executionStartsOn: string | null;
  executionEndsOn: string | null;
  signedAtClientHome: boolean;
  capeHolderMemberId: string | null;
  /** The deposit asked at acceptance, in percent of the total ("30"), or null. */
  depositPercent: string | null;
  /** Goods only: where they are delivered, when not the client's address. */
  deliveryAddress: string | null;
}

/** What a catalogue line takes from its item. */
export interface CatalogueDefaults {
  label: string;
  unit: CatalogueUnit;
  unitPrice: string;
  vatRate: VatRate;
  exemptionReason: string | null;
  nature: LineNature;
  archived: boolean;
}

/**
 * Fills each line from its catalogue item when it names one (description, unit, price, rate,
 * exemption reason and nature default from it; what the line sends wins), and checks the unit of each line.
 * Prices, quantities and rates are checked by computeTotals.
 */
export function resolveLines(inputs: unknown, items: ReadonlyMap<string, CatalogueDefaults>): QuoteLineData[] {
  if (!Array.isArray(inputs) || inputs.length === 0)
    throw invalidField('lines', 'A quote needs at least one line: [{description, quantity, unit, unitPrice, vatRate}] or [{catalogueItemId, quantity}].');
  return inputs.map((raw: QuoteLineInput, index) => {
    const at = `lines[${index}]`;
    if (typeof raw !== 'object' || raw === null) throw invalidField(at, `${at} must be an object.`);
    let item: CatalogueDefaults | undefined;
    if (!isAbsent(raw.catalogueItemId)) {
      item = items.get(String(raw.catalogueItemId));
      if (!item)
        throw new DomainError('CATALOGUE_ITEM_NOT_FOUND', `${at}.catalogueItemId: no catalogue item with id ${raw.catalogueItemId} on this site.`, {
          field: `${at}.catalogueItemId`,
          itemId: raw.catalogueItemId,
        });
      if (item.archived) throw invalidField(`${at}.catalogueItemId`, `${at}.catalogueItemId is an archived item: un-archive it or write the line freely.`);
    }
    const unit = raw.unit ?? item?.unit;
    if (!CATALOGUE_UNITS.includes(unit as CatalogueUnit)) throw invalidField(`${at}.unit`, `${at}.unit must be one of ${CATALOGUE_UNITS.join(', ')}.`);
    const vatRate = raw.vatRate ?? item?.vatRate;
    // The item's exemption reason goes with the item's rate only.
    const exemptionReason = raw.exemptionReason !== undefined ? raw.exemptionReason : raw.vatRate === undefined ? (item?.exemptionReason ?? null) : null;
    return {
      description: typeof raw.description === 'string' && raw.description.trim() !== '' ? raw.description.trim() : (item?.label ?? (raw.description as string)),
      quantity: raw.quantity,
      unit: unit as CatalogueUnit,
      unitPrice: raw.unitPrice ?? (item?.unitPrice as string),
      vatRate: vatRate as VatRate,
      exemptionReason: exemptionReason ?? null,
      catalogueItemId: item ? String(raw.catalogueItemId) : null,
      // The item's nature (goods or a service) unless the line says otherwise.
      nature: raw.nature !== undefined && raw.nature !== null ? lineNature(raw.nature, `${at}.nature`) : (item?.nature ?? 'service'),
    };
  });
}

/** Checks a quote's fields other than its lines, against the client's kind and today. */
export function checkQuote(input: Omit<QuoteInput, 'lines'> & { lines: QuoteLineData[] }, clientKind: ClientKind, today: string): QuoteData {
  if (!isIsoDate(input.validUntil)) throw invalidField('validUntil', 'validUntil is required: the last day the offer holds, written YYYY-MM-DD.');
  if (compareDates(input.validUntil, today) <= 0) throw invalidField('validUntil', `validUntil must be after today (${today}).`);
  const executionStartsOn = optionalDate(input.executionStartsOn, 'executionStartsOn');
  const executionEndsOn = optionalDate(input.executionEndsOn, 'executionEndsOn');
  if (executionStartsOn && executionEndsOn && compareDates(executionEndsOn, executionStartsOn) < 0) {
    throw invalidField('executionEndsOn', `executionEndsOn (${executionEndsOn}) must not be before executionStartsOn (${executionStartsOn}).`);
  }
  if (input.signedAtClientHome !== undefined && typeof input.signedAtClientHome !== 'boolean')
    throw invalidField('signedAtClientHome', 'signedAtClientHome must be true or false.');
  const signedAtClientHome = input.signedAtClientHome === true;
  if (signedAtClientHome && clientKind !== 'individual') {
    throw invalidField(
      'signedAtClientHome',
      'signedAtClientHome is for individual clients only (off-premises contracts, C. consom. L221-18): remove it or choose an individual client.',
    );
  }
  const deliveryAddress = optionalText(input.deliveryAddress, 'deliveryAddress', 300);
  // The invoice made from the quote takes it, and an invoice names one for goods only (CGI ann. II 242 nonies A).
  if (deliveryAddress !== null && operationCategoryOf(input.lines) === 'services') {
    throw invalidField(
      'deliveryAddress',
      'deliveryAddress is for goods delivered elsewhere than the client’s address: remove it, or mark the lines that supply goods with nature "goods".',
    );
  }
  return {
    clientId: input.clientId,
    lines: input.lines,
    validUntil: input.validUntil,
    executionPlace: optionalText(input.executionPlace, 'executionPlace', 300),
    executionStartsOn,
    executionEndsOn,
    signedAtClientHome,
    capeHolderMemberId: optionalUuid(input.capeHolderMemberId, 'capeHolderMemberId'),
    depositPercent: isAbsent(input.depositPercent) ? null : depositPercentOf(input.depositPercent),
    deliveryAddress,
  };
}

const PERCENT = /^(\d{1,3})(?:\.(\d{1,2}))?$/;

/** A deposit percent as stored: "30", "12.5" (0 < p ≤ 100, at most 2 decimals). */
export function depositPercentOf(value: unknown): string {
  const match = typeof value === 'string' ? PERCENT.exec(value.trim()) : null;
  const hundredths = match ? Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0')) : NaN;
  if (!match || !(hundredths > 0 && hundredths <= 10000)) {
    throw invalidField('depositPercent', 'depositPercent must be a percent of the total above 0 and at most 100, written like "30" or "12.5".');
  }
  return (value as string).trim();
}

/** The quote's totals with the money engine (EN 16931 arithmetic), as decimal strings. */
export function quoteTotals(lines: readonly QuoteLineData[], vatFranchise: boolean): { totals: QuoteTotals; lineNets: string[] } {
  const computed: DocumentTotals = computeTotals(lines, { vatFranchise });
  return {
    totals: decimalTotals(computed),
    lineNets: computed.lines.map((l) => formatCents(l.netCents)),
  };
}

/**
 * The one rule of expiry: a sent quote is expired once today is past its last valid day (the offer
 * holds through `validUntil` itself). Reads show it (`effectiveStatus`), the sweep publishes it
 * (`isDueToExpire`); the sweep's SQL (`QuoteRepository.lockExpiryCandidates`) selects the same rows.
 */
export function isExpired(status: StoredQuoteStatus, validUntil: string, today: string): boolean {
  return status === 'sent' && compareDates(today, validUntil) > 0;
}

/** A sent quote past its last valid day reads as expired. */
export function effectiveStatus(status: StoredQuoteStatus, validUntil: string, today: string): QuoteStatus {
  return isExpired(status, validUntil, today) ? 'expired' : status;
}

/** What the expiry sweep knows of a quote. */
export interface ExpiryState {
  status: StoredQuoteStatus;
  validUntil: string;
  /** When its expiry was published (`commerce.quote.expired`), or null. */
  expiredPublishedAt: Date | null;
}

/** The sweep publishes a quote's expiry once: expired as of today, and not yet published. */
export function isDueToExpire(quote: ExpiryState, today: string): boolean {
  return quote.expiredPublishedAt === null && isExpired(quote.status, quote.validUntil, today);
}

export interface QuoteState {
  status: StoredQuoteStatus;
  validUntil: string;
  /** The role of whoever drafted it: a coordinator's draft may be sent directly. */
  createdByRole: QuoteActor['role'];
}

const NEXT: Record<QuoteAction, { from: QuoteStatus[]; to: StoredQuoteStatus; coordinatorOnly: boolean }> = {
  submit: { from: ['draft'], to: 'submitted', coordinatorOnly: false },
  validate: { from: ['submitted'], to: 'validated', coordinatorOnly: true },
  send: { from: ['validated', 'draft'], to: 'sent', coordinatorOnly: true },
  accept: { from: ['sent'], to: 'accepted', coordinatorOnly: true },
  decline: { from: ['sent'], to: 'declined', coordinatorOnly: true },
};

/** What can be done to the quote now, by that role. */
export function allowedActions(state: QuoteState, role: QuoteActor['role'], today: string): QuoteAction[] {
  const status = effectiveStatus(state.status, state.validUntil, today);
  return (Object.keys(NEXT) as QuoteAction[]).filter((action) => {
    const rule = NEXT[action];
    if (!rule.from.includes(status)) return false;
    if (rule.coordinatorOnly && role !== 'coordinator') return false;
    // Straight from draft to sent: a coordinator's own draft only (a member's goes through validation).
    if (action === 'send' && status === 'draft' && state.createdByRole !== 'coordinator') return false;
    return true;
  });
}

/** The status after an action, or the refusal saying what the quote allows now. */
export function transition(state: QuoteState, action: QuoteAction, role: QuoteActor['role'], today: string): StoredQuoteStatus {
  if (!(action in NEXT)) throw invalidField('action', `action must be one of ${Object.keys(NEXT).join(', ')}.`);
  const status = effectiveStatus(state.status, state.validUntil, today);
  if (action === 'accept' && status === 'expired') {
    throw new DomainError('QUOTE_EXPIRED', `This quote was valid until ${state.validUntil}: it can no longer be accepted. Draft a new quote for the client.`, {
      validUntil: state.validUntil,
    });
  }
  const allowed = allowedActions(state, role, today);
  if (!allowed.includes(action)) {
    const rule = NEXT[action];
    const why =
      rule.coordinatorOnly && role !== 'coordinator' && rule.from.includes(status)
        ? `only a coordinator may ${action} a quote`
        : action === 'send' && status === 'draft'
          ? 'a draft written by a member must be submitted and validated before it is sent'
          : `${action} needs a quote that is ${rule.from.join(' or ')}`;
    throw new DomainError('QUOTE_TRANSITION_REFUSED', `The quote is ${status}: ${why}. Allowed now: ${allowed.length > 0 ? allowed.join(', ') : 'nothing'}.`, {
      status,
      action,
      allowed,
    });
  }
  if (action === 'send' && compareDates(today, state.validUntil) > 0) {
    throw new DomainError('QUOTE_EXPIRED', `This quote was valid until ${state.validUntil}: it cannot be sent any more. Draft a new quote with a later validUntil.`, {
      validUntil: state.validUntil,
    });
  }
  return NEXT[action].to;
}

/** PATCH is for drafts only; anything later is frozen (or waiting for validation). */
export function assertEditable(status: StoredQuoteStatus, validUntil: string, today: string): void {
  if (status !== 'draft') {
    const shown = effectiveStatus(status, validUntil, today);
    throw new DomainError(
      'QUOTE_NOT_EDITABLE',
      `The quote is ${shown}: only a draft can be changed${shown === 'sent' || shown === 'expired' || shown === 'accepted' || shown === 'declined' ? ' (a sent quote is frozen: draft a new one)' : ''}.`,
      {
        status: shown,
      },
    );
  }
}
