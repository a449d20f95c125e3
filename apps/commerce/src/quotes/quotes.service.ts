import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  CreateQuoteRequest,
  DomainError,
  GetQuoteRequest,
  ListQuotesRequest,
  Quote,
  QUOTE_ACCEPTED_V1,
  QUOTE_DECLINED_V1,
  QUOTE_SENT_V1,
  QuoteActionRequest,
  QuoteEventV1,
  QuotePage,
  siteIdOf,
  UpdateQuoteRequest,
} from '@kpa/contracts';
import { createEvent, todayInFrance, UnitOfWork } from '@kpa/platform';
import { CatalogueItemRepository } from '../catalogue/catalogue-item.repository';
import { ClientRepository } from '../clients/client.repository';
import { InvoiceDrafts } from '../invoices/invoice-drafts';
import { KnownMemberRepository } from '../members/known-member.repository';
import { MissionRepository } from '../missions/mission.repository';
import { allocateDocumentNumber } from '../numbering/document-counter';
import { SellerRepository } from '../sellers/seller.repository';
import { assertEditable, checkQuote, QuoteLineData, quoteTotals, resolveLines, transition } from './quote';
import { QuoteEntity } from './quote.entity';
import { QuotePrintables } from './quote-printable';
import { QuoteRepository } from './quote.repository';

function eventData(quote: QuoteEntity): QuoteEventV1 {
  return { quoteId: quote.id, number: quote.number as string, clientId: quote.clientId, totals: quote.totals };
}

const EVENTS = { send: QUOTE_SENT_V1, accept: QUOTE_ACCEPTED_V1, decline: QUOTE_DECLINED_V1 } as const;

@Injectable()
export class QuotesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly sellers: SellerRepository,
    private readonly members: KnownMemberRepository,
    private readonly invoiceDrafts: InvoiceDrafts,
    private readonly printables: QuotePrintables,
    private readonly quotes: QuoteRepository,
    private readonly clients: ClientRepository,
    private readonly catalogue: CatalogueItemRepository,
    private readonly missions: MissionRepository,
  ) {}

  create({ siteId, actor, quote }: CreateQuoteRequest): Promise<Quote> {
    const today = todayInFrance();
    return this.unitOfWork.run(async ({ manager }) => {
      const seller = await this.sellers.siteSeller(manager, siteIdOf(siteId));
      const client = await this.clients.billedClient(manager, siteIdOf(siteId), quote.clientId);
      const lines = resolveLines(quote.lines, await this.catalogue.catalogueDefaults(manager, siteIdOf(siteId), quote.lines));
      const data = checkQuote({ ...quote, lines }, client.kind, today);
      if (data.capeHolderMemberId) await this.members.knownMember(manager, siteIdOf(siteId), data.capeHolderMemberId);
      const { totals } = quoteTotals(data.lines, seller.vatFranchise);
      const now = new Date();
      const entity = Object.assign(new QuoteEntity(), data, {
        id: uuidv7(),
        siteId: siteIdOf(siteId),
        status: 'draft' as const,
        number: null,
        sentOn: null,
        printable: null,
        missionId: null,
        invoiceId: null,
        answeredOn: null,
        totals,
        createdBy: actor.userId,
        createdByRole: actor.role,
        createdAt: now,
        updatedAt: now,
      });
      await this.quotes.insert(manager, entity);
      return entity.toContract(today);
    });
  }

  async get({ siteId, quoteId }: GetQuoteRequest): Promise<Quote> {
    return (await this.quotes.findQuote(this.dataSource.manager, siteIdOf(siteId), quoteId)).toContract(todayInFrance());
  }

  async list(request: ListQuotesRequest): Promise<QuotePage> {
    const today = todayInFrance();
    const page = await this.quotes.page(this.dataSource.manager, siteIdOf(request.siteId), request.status, today, request);
    return { items: page.items.map((q) => q.toContract(today)), nextCursor: page.nextCursor };
  }

  /** Drafts only: read under a row lock, apply the rules, recompute the totals, save. */
  update({ siteId, quoteId, changes }: UpdateQuoteRequest): Promise<Quote> {
    const today = todayInFrance();
    return this.unitOfWork.run(async ({ manager }) => {
      const quote = await this.quotes.findQuote(manager, siteIdOf(siteId), quoteId, true);
      assertEditable(quote.status, quote.validUntil, today);
      if (Object.keys(changes).length === 0) throw new DomainError('VALIDATION_FAILED', 'Nothing to change: send at least one field.');
      const seller = await this.sellers.siteSeller(manager, siteIdOf(siteId));
      const merged = { ...quote.data(), ...changes };
      const client = await this.clients.billedClient(manager, siteIdOf(siteId), merged.clientId);
      const lines: QuoteLineData[] =
        changes.lines !== undefined ? resolveLines(changes.lines, await this.catalogue.catalogueDefaults(manager, siteIdOf(siteId), changes.lines)) : quote.lines;
      const data = checkQuote({ ...merged, lines }, client.kind, today);
      if (data.capeHolderMemberId) await this.members.knownMember(manager, siteIdOf(siteId), data.capeHolderMemberId);
      Object.assign(quote, data, { totals: quoteTotals(data.lines, seller.vatFranchise).totals, updatedAt: new Date() });
      await this.quotes.save(manager, quote);
      return quote.toContract(today);
    });
  }

  /**
   * submit, validate, send, accept, decline: one transaction. Sending freezes the totals and what
   * the quote prints and takes the next number of the site's quotes series under the counter's row
   * lock; accepting drafts the mission and the invoice (or a deposit invoice).
   */
  act({ siteId, quoteId, action, actor, depositPercent }: QuoteActionRequest): Promise<Quote> {
    const today = todayInFrance();
    return this.unitOfWork.run(async ({ manager, publish }) => {
      const quote = await this.quotes.findQuote(manager, siteIdOf(siteId), quoteId, true);
      const next = transition(quote, action, actor.role, today);
      const now = new Date();
      if (depositPercent !== undefined && action !== 'accept') throw new DomainError('VALIDATION_FAILED', 'depositPercent goes with accept only.', { field: 'depositPercent' });
      if (action === 'send') {
        const seller = await this.sellers.siteSeller(manager, siteIdOf(siteId));
        quote.totals = quoteTotals(quote.lines, seller.vatFranchise).totals;
        const { number } = await allocateDocumentNumber(manager, { siteId, siteCode: seller.siteCode, kind: 'quote' }, today);
        Object.assign(quote, { number, sentOn: today });
        quote.printable = await this.printables.currentQuoteDocument(manager, siteIdOf(siteId), quote, today);
      }
      if (action === 'accept' || action === 'decline') quote.answeredOn = today;
      if (action === 'accept') {
        // The client said yes: the work to do and its invoice (or its deposit) are drafted at once.
        const { missionId } = await this.missions.insertFromQuote(manager, { ...quote, siteId: siteIdOf(siteId) }, actor.userId, today);
        // The deposit the quote asked for, unless the acceptance names another.
        const deposit = depositPercent ?? quote.depositPercent ?? undefined;
        const kind = deposit === undefined ? 'standard' : 'deposit';
        const { invoiceId } = await this.invoiceDrafts.insertInvoiceDraftFromQuote(
          manager,
          { ...quote, siteId: siteIdOf(siteId) },
          { kind, depositPercent: deposit, missionId },
          actor.userId,
          today,
        );
        Object.assign(quote, { missionId, invoiceId });
      }
      Object.assign(quote, { status: next, updatedAt: now });
      await this.quotes.save(manager, quote);
      if (action === 'send' || action === 'accept' || action === 'decline') await publish(createEvent(EVENTS[action], siteId, eventData(quote), now));
      return quote.toContract(today);
    });
  }
}
