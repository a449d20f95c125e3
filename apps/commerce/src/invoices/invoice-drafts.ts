import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { CreateInvoiceInput, DomainError, InvoiceActor, InvoiceDeposit, InvoiceFields, InvoiceKind, SiteId } from '@kpa/contracts';
import { CatalogueItemRepository } from '../catalogue/catalogue-item.repository';
import { ClientRepository } from '../clients/client.repository';
import { KnownMemberRepository } from '../members/known-member.repository';
import { MissionRepository } from '../missions/mission.repository';
import { QuoteLineData } from '../quotes/quote';
import { QuoteRepository, QuoteSource } from '../quotes/quote.repository';
import { SellerRepository } from '../sellers/seller.repository';
import { cents, checkInvoice, InvoiceData, InvoiceDraftInput, invoiceLines, invoiceTotals } from './invoice';
import { checkDeposits, checkDepositsFit, depositLines } from './invoice-deposits';
import { InvoiceEntity } from './invoice.entity';
import { InvoiceRepository } from './invoice.repository';

/** The fields a request may set on a draft whatever its source. */
const FIELD_KEYS = [
  'depositInvoiceIds',
  'purchaseOrderNumber',
  'commitmentNumber',
  'paymentTermDays',
  'deliveryStartsOn',
  'deliveryEndsOn',
  'supplyDate',
  'operationCategory',
  'deliveryAddress',
  'capeHolderMemberId',
] as const satisfies readonly (keyof InvoiceFields)[];

type DraftFields = Pick<InvoiceFields, (typeof FIELD_KEYS)[number]>;

function pickFields(input: InvoiceFields): DraftFields {
  const fields: Record<string, unknown> = {};
  for (const key of FIELD_KEYS) if (input[key] !== undefined) fields[key] = input[key];
  return fields as DraftFields;
}

function invalid(field: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, { field });
}

function given(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** A stored line holds exactly the line's fields. */
function copyLine(line: QuoteLineData): QuoteLineData {
  const { description, quantity, unit, unitPrice, vatRate, exemptionReason, catalogueItemId, nature } = line;
  return { description, quantity, unit, unitPrice, vatRate, exemptionReason: exemptionReason ?? null, catalogueItemId: catalogueItemId ?? null, nature: nature ?? 'service' };
}

/** Money columns of a draft or an invoice from its totals. */
export function moneyColumns(totals: ReturnType<typeof invoiceTotals>['totals']): Pick<InvoiceEntity, 'totalCents' | 'netCents' | 'depositsCents' | 'depositsNetCents'> {
  return {
    totalCents: cents(totals.total),
    netCents: cents(totals.net),
    depositsCents: cents(totals.depositsDeducted),
    depositsNetCents: totals.deposits.reduce((sum, d) => sum + cents(d.net), 0),
  };
}

interface FromQuoteOptions {
  kind?: InvoiceKind;
  depositPercent?: unknown;
  depositAmount?: unknown;
  missionId: string | null;
  fields: DraftFields;
}

function assertAccepted(quote: QuoteSource): void {
  if (quote.status !== 'accepted') {
    throw new DomainError(
      'INVOICE_QUOTE_NOT_ACCEPTED',
      `The quote ${quote.number ?? quote.id} is ${quote.status}: only an accepted quote is invoiced. Record the client's acceptance first.`,
      {
        quoteId: quote.id,
        status: quote.status,
      },
    );
  }
}

/**
 * Drafting an invoice: from free lines, an accepted quote or a mission, checked against the client,
 * the seller and the CAPE holder as commerce knows them. Every method runs in the caller's
 * transaction (its manager).
 */
@Injectable()
export class InvoiceDrafts {
  constructor(
    private readonly sellers: SellerRepository,
    private readonly members: KnownMemberRepository,
    private readonly invoices: InvoiceRepository,
    private readonly clients: ClientRepository,
    private readonly catalogue: CatalogueItemRepository,
    private readonly quotes: QuoteRepository,
    private readonly missions: MissionRepository,
  ) {}

  /** Lines as sent, filled from the site's catalogue items they name. */
  async resolveLines(manager: EntityManager, siteId: SiteId, lines: unknown): Promise<QuoteLineData[]> {
    return invoiceLines(lines, await this.catalogue.catalogueDefaults(manager, siteId, lines));
  }

  /**
   * The checked content of a draft and its totals: the client's kind decides the payment term rules,
   * a final invoice's deposits are checked and deducted. Shared by creation and PATCH.
   */
  async checkedDraft(
    manager: EntityManager,
    siteId: SiteId,
    invoiceId: string,
    input: InvoiceDraftInput,
  ): Promise<{ data: InvoiceData; deposits: InvoiceDeposit[]; totals: ReturnType<typeof invoiceTotals>['totals'] }> {
    const client = await this.clients.billedClient(manager, siteId, input.clientId);
    const data = checkInvoice(input, client.kind);
    if (data.capeHolderMemberId !== null) await this.members.knownMember(manager, siteId, data.capeHolderMemberId);
    const seller = await this.sellers.siteSeller(manager, siteId);
    const deposits =
      data.kind === 'final'
        ? checkDeposits(
            { id: invoiceId, clientId: data.clientId, quoteId: data.quoteId },
            data.depositInvoiceIds,
            await this.invoices.depositCandidates(manager, siteId, data.depositInvoiceIds),
          )
        : [];
    const { totals } = invoiceTotals(data.lines, seller.vatFranchise, deposits);
    if (deposits.length > 0) checkDepositsFit(totals.vatBreakdown, deposits);
    return { data, deposits, totals };
  }

  private async insertDraft(manager: EntityManager, siteId: SiteId, input: InvoiceDraftInput, actor: InvoiceActor): Promise<InvoiceEntity> {
    const id = uuidv7();
    const { data, totals } = await this.checkedDraft(manager, siteId, id, input);
    const now = new Date();
    const entity = Object.assign(new InvoiceEntity(), data, moneyColumns(totals), {
      id,
      siteId,
      status: 'draft' as const,
      number: null,
      issuedOn: null,
      dueOn: null,
      paidOn: null,
      deductedByInvoiceId: null,
      totals,
      printable: null,
      creditedCents: 0,
      creditedNetCents: 0,
      paidCents: 0,
      paidNetCents: 0,
      refundedCents: 0,
      refundedNetCents: 0,
      createdBy: actor.userId,
      createdByRole: actor.role,
      createdAt: now,
      updatedAt: now,
    });
    await this.invoices.insert(manager, entity);
    entity.outstandingCents = entity.totalCents - entity.depositsCents;
    return entity;
  }

  /** A draft from a quote: its lines (standard, final) or a deposit of it; a final one deducts the quote's open deposits by default. */
  private async insertFromQuote(
    manager: EntityManager,
    quote: Pick<QuoteSource, 'id' | 'siteId' | 'clientId' | 'lines' | 'number' | 'capeHolderMemberId' | 'deliveryAddress'>,
    options: FromQuoteOptions,
    actor: InvoiceActor,
  ): Promise<InvoiceEntity> {
    const kind = options.kind ?? 'standard';
    if (kind !== 'deposit' && (given(options.depositPercent) || given(options.depositAmount))) {
      throw invalid('depositPercent', 'depositPercent and depositAmount are for a deposit invoice: add kind "deposit", or remove them.');
    }
    const lines = kind === 'deposit' ? depositLines(quote, options) : quote.lines.map(copyLine);
    const depositInvoiceIds =
      kind === 'final' ? (options.fields.depositInvoiceIds ?? (await this.invoices.openDepositsOfQuote(manager, quote.siteId, quote.id))) : options.fields.depositInvoiceIds;
    // The member the quote names as carrying the work out under a CAPE is named on its invoices too (R127-3).
    const capeHolderMemberId = options.fields.capeHolderMemberId !== undefined ? options.fields.capeHolderMemberId : quote.capeHolderMemberId;
    // The goods' delivery address the quote names goes on its invoices (not on a deposit's lines, which may all be services).
    const deliveryAddress = options.fields.deliveryAddress !== undefined ? options.fields.deliveryAddress : kind === 'deposit' ? null : quote.deliveryAddress;
    return this.insertDraft(
      manager,
      quote.siteId,
      { ...options.fields, capeHolderMemberId, deliveryAddress, clientId: quote.clientId, kind, lines, quoteId: quote.id, missionId: options.missionId, depositInvoiceIds },
      actor,
    );
  }

  /**
   * A new draft from its one source: free lines (clientId + lines), an accepted quote (its lines, a
   * deposit of it, or the final invoice deducting its deposits) or a mission (its client; the lines
   * sent, else its quote's).
   */
  async draftFromRequest(manager: EntityManager, siteId: SiteId, input: CreateInvoiceInput, actor: InvoiceActor): Promise<InvoiceEntity> {
    if (given(input.fromQuoteId) && given(input.fromMissionId)) throw invalid('fromQuoteId', 'Draft from fromQuoteId or fromMissionId, not both (a mission brings its quote).');
    const fields = pickFields(input);
    let clientId = input.clientId;
    let missionId: string | null = null;
    let quoteId: string | null = null;
    let quote: QuoteSource | null = null;

    if (given(input.fromMissionId)) {
      const mission = await this.missions.missionSource(manager, siteId, input.fromMissionId);
      missionId = mission.id;
      if (mission.clientId !== null) {
        if (given(clientId) && clientId !== mission.clientId) throw invalid('clientId', 'The mission already has its client: remove clientId.');
        clientId = mission.clientId;
      }
      if (mission.quoteId !== null && input.lines === undefined) quote = await this.quotes.quoteSource(manager, siteId, mission.quoteId);
      else quoteId = mission.quoteId;
      if (quote === null && input.lines === undefined)
        throw invalid('lines', 'This mission has no quote to take lines from: send lines [{description, quantity, unit, unitPrice, vatRate}].');
    } else if (given(input.fromQuoteId)) {
      quote = await this.quotes.quoteSource(manager, siteId, input.fromQuoteId);
      if (input.lines !== undefined) throw invalid('lines', 'An invoice from a quote takes its lines: remove lines (change them on the draft afterwards if needed).');
      if (given(clientId) && clientId !== quote.clientId) throw invalid('clientId', "An invoice from a quote is for the quote's client: remove clientId.");
    }

    if (quote !== null) {
      assertAccepted(quote);
      return this.insertFromQuote(manager, quote, { kind: input.kind, depositPercent: input.depositPercent, depositAmount: input.depositAmount, missionId, fields }, actor);
    }
    if (!given(clientId)) throw invalid('clientId', 'clientId is required: a client of the site (or draft from fromQuoteId or fromMissionId).');
    if (given(input.depositPercent) || given(input.depositAmount))
      throw invalid('depositPercent', 'depositPercent and depositAmount take a deposit on a quote: add fromQuoteId, or write the deposit as lines.');
    const lines = await this.resolveLines(manager, siteId, input.lines);
    return this.insertDraft(manager, siteId, { ...fields, clientId: clientId as string, kind: input.kind ?? 'standard', lines, quoteId, missionId }, actor);
  }

  /**
   * For the quotes slice: accepting a quote drafts its invoice, in the same transaction. `standard`
   * copies the quote's lines; `deposit` invoices `depositPercent` of it (one line per VAT rate, exact
   * cents). The quote is trusted to be the site's and accepted (the caller holds it).
   */
  async insertInvoiceDraftFromQuote(
    manager: EntityManager,
    quote: { id: string; siteId: SiteId; clientId: string; lines: QuoteLineData[]; number: string | null; capeHolderMemberId: string | null; deliveryAddress: string | null },
    options: { kind: 'standard' | 'deposit'; depositPercent?: string; missionId?: string | null },
    actorUserId: string,
    _today: string,
  ): Promise<{ invoiceId: string }> {
    const invoice = await this.insertFromQuote(
      manager,
      quote,
      { kind: options.kind, depositPercent: options.depositPercent, missionId: options.missionId ?? null, fields: {} },
      { userId: actorUserId, role: 'coordinator' },
    );
    return { invoiceId: invoice.id };
  }
}
