import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { computeTotals, DomainError, formatCents, frenchAmount, frenchPercent, linesInclVat, SiteId } from '@kpa/contracts';
import { CapeHolder, legalMentions } from '../documents/legal-mentions';
import { quotePaymentTerms } from '../documents/payment-terms';
import { depositLines } from '../invoices/invoice-deposits';
import { KnownMemberRepository } from '../members/known-member.repository';
import { PrintableDocument, PrintableFact, PrintableLine, printableClient, printableLines, printableSeller } from '../documents/printable';
import { ClientEntity } from '../clients/client.entity';
import { ClientRepository } from '../clients/client.repository';
import { SellerIdentity } from '../sellers/seller';
import { SellerRepository } from '../sellers/seller.repository';
import { QuoteEntity } from './quote.entity';
import { QuoteRepository } from './quote.repository';

/** What a quote prints besides its lines (docs/domain-rules.md §1.6): validity, execution, the price of the quote itself. */
function quoteFacts(quote: Pick<QuoteEntity, 'validUntil' | 'executionPlace' | 'executionStartsOn' | 'executionEndsOn'>): PrintableFact[] {
  const facts: PrintableFact[] = [{ label: "Valable jusqu'au", value: quote.validUntil }];
  if (quote.executionPlace) facts.push({ label: "Lieu d'exécution", value: quote.executionPlace });
  if (quote.executionStartsOn && quote.executionEndsOn) {
    facts.push({
      label: "Période d'exécution",
      value: quote.executionStartsOn === quote.executionEndsOn ? `le ${quote.executionStartsOn}` : `du ${quote.executionStartsOn} au ${quote.executionEndsOn}`,
    });
  } else if (quote.executionStartsOn) {
    facts.push({ label: "Début d'exécution", value: quote.executionStartsOn });
  } else if (quote.executionEndsOn) {
    facts.push({ label: "Fin d'exécution au plus tard", value: quote.executionEndsOn });
  }
  facts.push({ label: 'Prix du devis', value: 'Devis gratuit' });
  return facts;
}

/**
 * The deposit a quote asks for, as printed: its percent and its amount including VAT, which is the
 * total of the deposit invoice accepting the quote drafts (the same depositLines, the same money
 * engine), so the two never differ by a cent.
 */
function depositFact(quote: Pick<QuoteEntity, 'lines' | 'number' | 'depositPercent'>, vatFranchise: boolean): PrintableFact | null {
  if (!quote.depositPercent) return null;
  const { totalCents } = computeTotals(depositLines(quote, { depositPercent: quote.depositPercent }), { vatFranchise });
  const amount = `${frenchAmount(formatCents(totalCents))}${vatFranchise ? '' : ' TTC'}`;
  return {
    label: 'Acompte à la commande',
    value: `${frenchPercent(quote.depositPercent)} du total, soit ${amount}, facturé à l'acceptation du devis ; le solde sur la facture finale, acompte déduit`,
  };
}

/**
 * Lines as a consumer reads them (C. consom. L112-1; arrêté du 3 décembre 1987: prices to consumers
 * are shown including VAT): each line's unit price and total including VAT, the rate's VAT split
 * over its lines so they add up to the total TTC (linesInclVat). Businesses read prices excluding VAT.
 */
function quoteLines(quote: Pick<QuoteEntity, 'lines'>, vatFranchise: boolean, inclVat: boolean): PrintableLine[] {
  const lines = printableLines(quote.lines, vatFranchise);
  if (!inclVat || vatFranchise) return lines;
  const ttc = linesInclVat(quote.lines, computeTotals(quote.lines, { vatFranchise }));
  return lines.map((line, index) => ({ ...line, unitPriceInclVat: formatCents(ttc[index].unitPriceCents), totalInclVat: formatCents(ttc[index].totalCents) }));
}

/**
 * A quote as printed (documents/printable.ts), from plain values: the seller is the host structure
 * (never the member nor the site), the figures are the quote's own totals (frozen when it was sent).
 * A quote carries the payment terms and payment sentences its invoice will carry, the deposit it asks
 * for, the goods' delivery address, prices including VAT for an individual, the franchise note when
 * the host is under it, the R127-3 mention when a CAPE holder carries the work out, the "bon pour
 * accord" area, and the 14-day withdrawal notice and form when it was signed at an individual's home
 * (C. consom. L221-18).
 */
export function quoteDocument(quote: QuoteEntity, client: ClientEntity, seller: SellerIdentity, today: string, capeHolder: CapeHolder | null = null): PrintableDocument {
  const vatFranchise = quote.totals.vatFranchise;
  const issueDate = quote.sentOn ?? today;
  return {
    kind: 'quote',
    title: 'Devis',
    number: quote.number,
    // A draft previews with today's date; a sent quote is dated the day it was sent.
    issueDate,
    seller: printableSeller(seller),
    client: printableClient(client, null, null),
    facts: [
      ...quoteFacts(quote),
      // The terms the invoice made from the quote will carry (issue 15 audit 5).
      { label: 'Conditions de paiement', value: quotePaymentTerms(client.kind, quote.signedAtClientHome) },
      ...[depositFact(quote, vatFranchise)].filter((fact): fact is PrintableFact => fact !== null),
      ...(quote.deliveryAddress ? [{ label: 'Adresse de livraison', value: quote.deliveryAddress }] : []),
    ],
    lines: quoteLines(quote, vatFranchise, client.kind === 'individual'),
    totals: {
      net: quote.totals.net,
      vat: quote.totals.vat,
      total: quote.totals.total,
      vatBreakdown: quote.totals.vatBreakdown,
      vatFranchise,
      deposits: [],
      depositDeductions: [],
      amountDue: quote.totals.total,
    },
    // The invoice's payment sentences (no discount, late penalties, the 40 € for businesses only), the
    // franchise, the consumer mediator for an individual (L616-1) and the CAPE mentions.
    mentions: legalMentions({ clientKind: client.kind, vatFranchise, issueDate, capeHolder, consumerMediator: seller.consumerMediator }),
    acceptanceArea: true,
    withdrawalNotice: quote.signedAtClientHome,
  };
}

/** What a quote prints, with the seller, client and CAPE holder read in the caller's manager. */
@Injectable()
export class QuotePrintables {
  constructor(
    private readonly sellers: SellerRepository,
    private readonly members: KnownMemberRepository,
    private readonly quotes: QuoteRepository,
    private readonly clients: ClientRepository,
  ) {}

  /** The printable of a quote with the seller and client as they are today: frozen into the quote when it is sent. */
  async currentQuoteDocument(manager: EntityManager, siteId: SiteId, quote: QuoteEntity, today: string): Promise<PrintableDocument> {
    const client = await this.clients.clientOrNull(manager, siteId, quote.clientId);
    if (!client) throw new DomainError('CLIENT_NOT_FOUND', `The client ${quote.clientId} of this quote is not on this site.`, { clientId: quote.clientId });
    const seller = await this.sellers.sellerIdentity(manager, siteId);
    const capeHolder = quote.capeHolderMemberId ? await this.members.capeHolderOn(manager, siteId, quote.capeHolderMemberId, quote.sentOn ?? today, seller) : null;
    return quoteDocument(quote, client, seller, today, capeHolder);
  }

  /**
   * The printable of a quote of a site (404 QUOTE_NOT_FOUND for an unknown id or another site's):
   * frozen once sent (it has its number), a preview before.
   */
  async printableQuote(manager: EntityManager, siteId: SiteId, quoteId: string, today: string): Promise<{ documentId: string; frozen: boolean; printable: PrintableDocument }> {
    const quote = await this.quotes.findQuote(manager, siteId, quoteId);
    // Frozen when sent: the PDF shows the seller and client as they were that day.
    if (quote.printable) return { documentId: quote.id, frozen: true, printable: quote.printable };
    return { documentId: quote.id, frozen: quote.number !== null, printable: await this.currentQuoteDocument(manager, siteId, quote, today) };
  }
}
