import { EntityManager, In } from 'typeorm';
import { DomainError, isUuid, QuoteLineInput, SiteId } from '@kpa/contracts';
import { CatalogueItemEntity } from '../catalogue/catalogue-item.entity';
import { formatTenThousandths } from '../catalogue/catalogue-item';
import { ClientEntity } from '../clients/client.entity';
import { CatalogueDefaults, QuoteLineData, resolveLines } from '../quotes/quote';
import { RateAmount, sumRates, toRateAmounts } from './invoice';
import { DepositCandidate } from './invoice-deposits';
import { InvoiceEntity } from './invoice.entity';

/** The reads invoices, credit notes and payments share; every one scoped to the site. */

/** An invoice of the site (another site's does not exist for it: 404), under a row lock when it is to change. */
export async function findInvoice(manager: EntityManager, siteId: SiteId, invoiceId: string, forChange = false): Promise<InvoiceEntity> {
  const invoice = isUuid(invoiceId)
    ? await manager.findOne(InvoiceEntity, { where: { id: invoiceId, siteId }, ...(forChange ? { lock: { mode: 'pessimistic_write' as const } } : {}) })
    : null;
  if (!invoice) throw new DomainError('INVOICE_NOT_FOUND', `No invoice with id ${invoiceId} on this site.`, { invoiceId });
  return invoice;
}

export async function findClient(manager: EntityManager, siteId: SiteId, clientId: unknown): Promise<ClientEntity> {
  const client = isUuid(clientId) ? await manager.findOne(ClientEntity, { where: { id: clientId, siteId } }) : null;
  if (!client) throw new DomainError('CLIENT_NOT_FOUND', `No client with id ${String(clientId)} on this site: create the client first, or pick one of the site's clients.`, { field: 'clientId', clientId });
  return client;
}

/** Lines as sent, filled from the site's catalogue items they name. */
export async function resolveInvoiceLines(manager: EntityManager, siteId: SiteId, lines: unknown, field = 'lines'): Promise<QuoteLineData[]> {
  if (!Array.isArray(lines) || lines.length === 0) {
    throw new DomainError('VALIDATION_FAILED', `${field} needs at least one line: [{description, quantity, unit, unitPrice, vatRate}] or [{catalogueItemId, quantity}].`, { field });
  }
  const ids = [...new Set((lines as QuoteLineInput[]).map((l) => l?.catalogueItemId).filter((id): id is string => isUuid(id)))];
  const items = ids.length === 0 ? [] : await manager.find(CatalogueItemEntity, { where: { siteId, id: In(ids) } });
  const defaults = new Map<string, CatalogueDefaults>(
    items.map((i) => [i.id, { label: i.label, unit: i.unit, unitPrice: formatTenThousandths(i.unitPriceTenThousandths), vatRate: i.vatRate, exemptionReason: i.exemptionReason, archived: i.archived }]),
  );
  return resolveLines(lines, defaults);
}

/** A quote of the site, as an invoice needs it. */
export interface QuoteSource {
  id: string;
  siteId: SiteId;
  clientId: string;
  status: string;
  number: string | null;
  lines: QuoteLineData[];
  capeHolderMemberId: string | null;
}

export async function findQuoteSource(manager: EntityManager, siteId: SiteId, quoteId: unknown): Promise<QuoteSource> {
  const rows: { id: string; site_id: string; client_id: string; status: string; number: string | null; lines: QuoteLineData[]; cape_holder_member_id: string | null }[] =
    isUuid(quoteId)
      ? await manager.query('SELECT id, site_id, client_id, status, number, lines, cape_holder_member_id FROM commerce.quote WHERE id = $1 AND site_id = $2', [quoteId, siteId])
      : [];
  if (rows.length === 0) throw new DomainError('QUOTE_NOT_FOUND', `No quote with id ${String(quoteId)} on this site.`, { field: 'fromQuoteId', quoteId });
  const row = rows[0];
  return { id: row.id, siteId, clientId: row.client_id, status: row.status, number: row.number, lines: row.lines, capeHolderMemberId: row.cape_holder_member_id };
}

/**
 * A mission of the site: only what an invoice needs (missions are their own slice, commerce.mission).
 */
export async function findMissionSource(manager: EntityManager, siteId: SiteId, missionId: unknown): Promise<{ id: string; clientId: string | null; quoteId: string | null }> {
  const rows: { id: string; client_id: string | null; quote_id: string | null }[] =
    isUuid(missionId)
      ? await manager.query('SELECT id, client_id, quote_id FROM commerce.mission WHERE id = $1 AND site_id = $2', [missionId, siteId])
      : [];
  if (rows.length === 0) throw new DomainError('MISSION_NOT_FOUND', `No mission with id ${String(missionId)} on this site.`, { field: 'fromMissionId', missionId });
  return { id: rows[0].id, clientId: rows[0].client_id, quoteId: rows[0].quote_id };
}

export async function quoteNumber(manager: EntityManager, quoteId: string | null): Promise<string | null> {
  if (quoteId === null) return null;
  const rows: { number: string | null }[] = await manager.query('SELECT number FROM commerce.quote WHERE id = $1', [quoteId]);
  return rows[0]?.number ?? null;
}

function depositCandidate(invoice: InvoiceEntity): DepositCandidate {
  return {
    id: invoice.id,
    kind: invoice.kind,
    status: invoice.status,
    clientId: invoice.clientId,
    quoteId: invoice.quoteId,
    number: invoice.number,
    issuedOn: invoice.issuedOn,
    creditedCents: invoice.creditedCents,
    deductedByInvoiceId: invoice.deductedByInvoiceId,
    totals: invoice.totals,
  };
}

/** The invoices a final invoice names as its deposits, locked when the final is being issued. */
export async function depositCandidates(manager: EntityManager, siteId: SiteId, ids: readonly string[], lock = false): Promise<DepositCandidate[]> {
  if (ids.length === 0) return [];
  const found = await manager.find(InvoiceEntity, {
    where: { siteId, id: In([...ids]) },
    order: { id: 'ASC' },
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  return found.map(depositCandidate);
}

/** Issued deposit invoices of a quote no final invoice deducts yet, oldest first: a final invoice's default deposits. */
export async function openDepositsOfQuote(manager: EntityManager, siteId: SiteId, quoteId: string): Promise<string[]> {
  const rows: { id: string }[] = await manager.query(
    `SELECT id FROM commerce.invoice
      WHERE site_id = $1 AND quote_id = $2 AND kind = 'deposit' AND status IN ('issued', 'partially_paid', 'paid')
        AND credited_cents = 0 AND deducted_by_invoice_id IS NULL
      ORDER BY issued_on, number`,
    [siteId, quoteId],
  );
  return rows.map((r) => r.id);
}

/** What the invoice's credit notes already cancelled, per VAT rate. */
export async function creditedRates(manager: EntityManager, invoiceId: string): Promise<RateAmount[]> {
  const rows: { totals: { vatBreakdown: Parameters<typeof toRateAmounts>[0] } }[] = await manager.query('SELECT totals FROM commerce.credit_note WHERE invoice_id = $1', [invoiceId]);
  return sumRates(...rows.map((r) => toRateAmounts(r.totals.vatBreakdown)));
}

/** The day of the invoice's latest payment, if any. */
export async function lastPaymentOn(manager: EntityManager, invoiceId: string): Promise<string | null> {
  const rows: { last: string | null }[] = await manager.query(`SELECT to_char(max(received_on), 'YYYY-MM-DD') AS last FROM commerce.payment WHERE invoice_id = $1`, [invoiceId]);
  return rows[0]?.last ?? null;
}

