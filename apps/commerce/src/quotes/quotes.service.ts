import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  CreateQuoteRequest,
  DomainError,
  GetQuoteRequest,
  isUuid,
  ListQuotesRequest,
  Quote,
  QUOTE_ACCEPTED_V1,
  QUOTE_DECLINED_V1,
  QUOTE_SENT_V1,
  QuoteActionRequest,
  QuoteEventV1,
  QuoteLineInput,
  QuotePage,
  siteIdOf,
  UpdateQuoteRequest,
} from '@kpa/contracts';
import { createEvent, keysetPage, todayInFrance, UnitOfWork } from '@kpa/platform';
import { CatalogueItemEntity } from '../catalogue/catalogue-item.entity';
import { formatTenThousandths } from '../catalogue/catalogue-item';
import { ClientEntity } from '../clients/client.entity';
import { InvoiceDrafts } from '../invoices/invoice-drafts';
import { KnownMemberRepository } from '../members/known-member.repository';
import { insertMissionFromQuote } from '../missions/missions.service';
import { allocateDocumentNumber } from '../numbering/document-counter';
import { SellerRepository } from '../sellers/seller.repository';
import { assertEditable, CatalogueDefaults, checkQuote, QuoteLineData, quoteTotals, resolveLines, transition } from './quote';
import { QuoteEntity } from './quote.entity';
import { QuotePrintables } from './quote-printable';


/** Reads a quote of a site: one of another site does not exist for it (404). */
async function findQuote(manager: EntityManager, siteId: string, quoteId: string, forChange = false): Promise<QuoteEntity> {
  const quote = isUuid(quoteId)
    ? await manager.findOne(QuoteEntity, { where: { id: quoteId, siteId }, ...(forChange ? { lock: { mode: 'pessimistic_write' as const } } : {}) })
    : null;
  if (!quote) throw new DomainError('QUOTE_NOT_FOUND', `No quote with id ${quoteId} on this site.`, { quoteId });
  return quote;
}

/** The client of a site the quote is for: another site's client does not exist for it (404). */
async function findClient(manager: EntityManager, siteId: string, clientId: unknown): Promise<ClientEntity> {
  const client = isUuid(clientId) ? await manager.findOne(ClientEntity, { where: { id: clientId, siteId } }) : null;
  if (!client) throw new DomainError('CLIENT_NOT_FOUND', `No client with id ${String(clientId)} on this site: create the client first, or pick one of the site's clients.`, { field: 'clientId', clientId });
  return client;
}

/** The catalogue items the lines name, of this site only. */
async function catalogueDefaults(manager: EntityManager, siteId: string, lines: unknown): Promise<Map<string, CatalogueDefaults>> {
  const ids = Array.isArray(lines)
    ? [...new Set((lines as QuoteLineInput[]).map((l) => l?.catalogueItemId).filter((id): id is string => isUuid(id)))]
    : [];
  if (ids.length === 0) return new Map();
  const items = await manager.find(CatalogueItemEntity, { where: { siteId, id: In(ids) } });
  return new Map(
    items.map((i) => [i.id, { label: i.label, unit: i.unit, unitPrice: formatTenThousandths(i.unitPriceTenThousandths), vatRate: i.vatRate, exemptionReason: i.exemptionReason, archived: i.archived }]),
  );
}

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
  ) {}

  create({ siteId, actor, quote }: CreateQuoteRequest): Promise<Quote> {
    const today = todayInFrance();
    return this.unitOfWork.run(async ({ manager }) => {
      const seller = await this.sellers.siteSeller(manager, siteIdOf(siteId));
      const client = await findClient(manager, siteId, quote.clientId);
      const lines = resolveLines(quote.lines, await catalogueDefaults(manager, siteId, quote.lines));
      const data = checkQuote({ ...quote, lines }, client.kind, today);
      if (data.capeHolderMemberId) await this.members.knownMember(manager, siteIdOf(siteId), data.capeHolderMemberId);
      const { totals } = quoteTotals(data.lines, seller.vatFranchise);
      const now = new Date();
      const entity = Object.assign(new QuoteEntity(), data, {
        id: uuidv7(),
        siteId,
        status: 'draft',
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
      await manager.insert(QuoteEntity, entity);
      return entity.toContract(today);
    });
  }

  async get({ siteId, quoteId }: GetQuoteRequest): Promise<Quote> {
    return (await findQuote(this.dataSource.manager, siteId, quoteId)).toContract(todayInFrance());
  }

  async list(request: ListQuotesRequest): Promise<QuotePage> {
    const today = todayInFrance();
    const query = this.dataSource.getRepository(QuoteEntity).createQueryBuilder('q').where('q.siteId = :siteId', { siteId: request.siteId });
    if (request.status === 'expired') query.andWhere("q.status = 'sent' AND q.validUntil < :today", { today });
    else if (request.status === 'sent') query.andWhere("q.status = 'sent' AND q.validUntil >= :today", { today });
    else if (request.status) query.andWhere('q.status = :status', { status: request.status });
    const page = await keysetPage(query, request);
    return { items: page.items.map((q) => q.toContract(today)), nextCursor: page.nextCursor };
  }

  /** Drafts only: read under a row lock, apply the rules, recompute the totals, save. */
  update({ siteId, quoteId, changes }: UpdateQuoteRequest): Promise<Quote> {
    const today = todayInFrance();
    return this.unitOfWork.run(async ({ manager }) => {
      const quote = await findQuote(manager, siteId, quoteId, true);
      assertEditable(quote.status, quote.validUntil, today);
      if (Object.keys(changes).length === 0) throw new DomainError('VALIDATION_FAILED', 'Nothing to change: send at least one field.');
      const seller = await this.sellers.siteSeller(manager, siteIdOf(siteId));
      const merged = { ...quote.data(), ...changes };
      const client = await findClient(manager, siteId, merged.clientId);
      const lines: QuoteLineData[] = changes.lines !== undefined ? resolveLines(changes.lines, await catalogueDefaults(manager, siteId, changes.lines)) : quote.lines;
      const data = checkQuote({ ...merged, lines }, client.kind, today);
      if (data.capeHolderMemberId) await this.members.knownMember(manager, siteIdOf(siteId), data.capeHolderMemberId);
      Object.assign(quote, data, { totals: quoteTotals(data.lines, seller.vatFranchise).totals, updatedAt: new Date() });
      await manager.save(quote);
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
      const quote = await findQuote(manager, siteId, quoteId, true);
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
        const { missionId } = await insertMissionFromQuote(manager, quote, actor.userId, today);
        const kind = depositPercent === undefined ? 'standard' : 'deposit';
        const { invoiceId } = await this.invoiceDrafts.insertInvoiceDraftFromQuote(manager, { ...quote, siteId: siteIdOf(siteId) }, { kind, depositPercent, missionId }, actor.userId, today);
        Object.assign(quote, { missionId, invoiceId });
      }
      Object.assign(quote, { status: next, updatedAt: now });
      await manager.save(quote);
      if (action === 'send' || action === 'accept' || action === 'decline') await publish(createEvent(EVENTS[action], siteId, eventData(quote), now));
      return quote.toContract(today);
    });
  }
}
