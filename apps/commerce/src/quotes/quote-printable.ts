import { EntityManager } from 'typeorm';
import { DomainError, formatCents } from '@kpa/contracts';
import { computeTotals, VAT_FRANCHISE_NOTE } from '../documents/amounts';
import { addressLines, PrintableDocument, PrintableFact, UNIT_LABELS } from '../documents/printable';
import { ClientEntity } from '../clients/client.entity';
import { SellerIdentity, sellerIdentity } from '../sellers/seller';
import { QuoteEntity } from './quote.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a quote prints besides its lines (DOMAIN-RULES §1.6): validity, execution, the price of the quote itself. */
function quoteFacts(quote: Pick<QuoteEntity, 'validUntil' | 'executionPlace' | 'executionStartsOn' | 'executionEndsOn'>): PrintableFact[] {
  const facts: PrintableFact[] = [{ label: "Valable jusqu'au", value: quote.validUntil }];
  if (quote.executionPlace) facts.push({ label: "Lieu d'exécution", value: quote.executionPlace });
  if (quote.executionStartsOn && quote.executionEndsOn) {
    facts.push({ label: "Période d'exécution", value: quote.executionStartsOn === quote.executionEndsOn ? `le ${quote.executionStartsOn}` : `du ${quote.executionStartsOn} au ${quote.executionEndsOn}` });
  } else if (quote.executionStartsOn) {
    facts.push({ label: "Début d'exécution", value: quote.executionStartsOn });
  } else if (quote.executionEndsOn) {
    facts.push({ label: "Fin d'exécution au plus tard", value: quote.executionEndsOn });
  }
  facts.push({ label: 'Prix du devis', value: 'Devis gratuit' });
  return facts;
}

/**
 * A quote as printed (documents/printable.ts), from plain values: the seller is the host structure
 * (never the member nor the site), the figures are the quote's own totals (frozen when it was sent).
 * A quote carries the franchise note when the host is under it, the "bon pour accord" area, and the
 * 14-day withdrawal notice and form when it was signed at an individual's home (C. consom. L221-18).
 * No CAPE mention yet: a quote does not name the member who carries it out.
 */
export function quoteDocument(quote: QuoteEntity, client: ClientEntity, seller: SellerIdentity, today: string): PrintableDocument {
  const vatFranchise = quote.totals.vatFranchise;
  const computed = computeTotals(quote.lines, { vatFranchise });
  return {
    kind: 'quote',
    title: 'Devis',
    number: quote.number,
    // A draft previews with today's date; a sent quote is dated the day it was sent.
    issueDate: quote.sentOn ?? today,
    seller: {
      legalName: seller.legalName,
      legalForm: seller.legalForm,
      shareCapital: seller.shareCapital,
      rcsCity: seller.rcsCity,
      siren: seller.siren,
      siret: seller.siret,
      vatNumber: seller.vatNumber,
      address: addressLines(seller.addressLine, seller.postalCode, seller.city),
      siteName: seller.siteName,
    },
    client: {
      kind: client.kind,
      name: client.name,
      address: [client.billingAddress.line, `${client.billingAddress.postalCode} ${client.billingAddress.city}`],
      siret: client.siret,
      vatNumber: client.vatNumber,
      serviceCode: client.kind === 'public_body' ? client.chorusServiceCode : null,
      commitmentNumber: null,
      purchaseOrderNumber: null,
    },
    facts: quoteFacts(quote),
    lines: quote.lines.map((line, index) => ({
      description: line.description,
      quantity: line.quantity,
      unit: UNIT_LABELS[line.unit],
      unitPrice: line.unitPrice,
      // The rate actually charged: 0 under the franchise.
      vatRate: computed.lines[index].vatRate,
      net: formatCents(computed.lines[index].netCents),
    })),
    totals: {
      net: quote.totals.net,
      vat: quote.totals.vat,
      total: quote.totals.total,
      vatBreakdown: quote.totals.vatBreakdown,
      deposits: [],
      amountDue: quote.totals.total,
    },
    mentions: vatFranchise ? [VAT_FRANCHISE_NOTE] : [],
    acceptanceArea: true,
    withdrawalNotice: quote.signedAtClientHome,
  };
}

/**
 * The printable of a quote of a site (404 QUOTE_NOT_FOUND for an unknown id or another site's):
 * frozen once sent (it has its number), a preview before.
 */
export async function printableQuote(manager: EntityManager, siteId: string, quoteId: string, today: string): Promise<{ documentId: string; frozen: boolean; printable: PrintableDocument }> {
  const quote = UUID.test(quoteId) ? await manager.findOne(QuoteEntity, { where: { id: quoteId, siteId } }) : null;
  if (!quote) throw new DomainError('QUOTE_NOT_FOUND', `No quote with id ${quoteId} on this site.`, { quoteId });
  const client = await manager.findOne(ClientEntity, { where: { id: quote.clientId, siteId } });
  if (!client) throw new DomainError('CLIENT_NOT_FOUND', `The client ${quote.clientId} of this quote is not on this site.`, { clientId: quote.clientId });
  const seller = await sellerIdentity(manager, siteId);
  return { documentId: quote.id, frozen: quote.number !== null, printable: quoteDocument(quote, client, seller, today) };
}
