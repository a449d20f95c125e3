import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, EReportingFigures, EReportingFile, EReportingRequest, isUuid, QuoteVatBreakdown } from '@kpa/contracts';
import { todayInFrance } from '@kpa/platform';
import { eReportingCsv, eReportingFilename } from './e-reporting-csv';
import { eReportingRange, transmissionPeriods } from './e-reporting-period';
import { SellerRepository } from '../sellers/seller.repository';
import { byNature, eReportingPeriods, isB2c, natureNets, rateAmounts, ReportedCreditNote, ReportedInvoice, ReportedMovement, VAT_ON_DEBITS_PAYMENTS_NOTE } from './e-reporting';
import { EReportingLines, EReportingRepository } from './e-reporting.repository';

/** A frozen VAT breakdown split by the nature of the document's lines. */
const natureAmounts = (breakdown: readonly QuoteVatBreakdown[], document: EReportingLines | undefined) =>
  byNature(rateAmounts(breakdown), document ? natureNets(document.lines, document.vat_franchise) : []);

@Injectable()
export class EReportingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: EReportingRepository,
    private readonly sellers: SellerRepository,
  ) {}

  /**
   * The B2C e-reporting figures of a host structure's sites, period by period (docs/e-reporting.md).
   * The gateway has checked the caller may read this host structure.
   */
  async figures(request: EReportingRequest): Promise<EReportingFigures> {
    if (!isUuid(request.hostStructureId)) throw new DomainError('VALIDATION_FAILED', 'hostStructureId must be a uuid.', { field: 'hostStructureId' });
    const range = eReportingRange(request, todayInFrance());
    // One snapshot for the five reads, so a payment recorded meanwhile cannot appear in one and not another.
    const documents = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const vatOnDebits = await this.sellers.vatOnDebits(manager, request.hostStructureId);
      const siteIds = await this.repository.hostSites(manager, request.hostStructureId);
      if (siteIds.length === 0) return { vatOnDebits, invoices: [], creditNotes: [], movements: [] };
      const invoiceRows = (await this.repository.invoices(manager, siteIds, range.from, range.to)).filter((row) =>
        isB2c({ kind: row.client_kind, vatNumber: row.client_vat_number }),
      );
      const creditRows = (await this.repository.creditNotes(manager, siteIds, range.from, range.to)).filter((row) =>
        isB2c({ kind: row.client_kind, vatNumber: row.client_vat_number }),
      );
      const invoices: ReportedInvoice[] = invoiceRows.map((row) => ({
        id: row.id,
        kind: row.kind,
        issuedOn: row.issued_on,
        breakdown: natureAmounts(row.vat_breakdown, row),
        deducted: (row.deposits ?? []).flatMap((deposit) => natureAmounts(deposit.vatBreakdown, row.deposit_lines[deposit.invoiceId])),
      }));
      const creditNotes: ReportedCreditNote[] = creditRows.map((row) => ({ invoiceId: row.invoice_id, issuedOn: row.issued_on, breakdown: natureAmounts(row.vat_breakdown, row) }));
      const movementRows = await this.repository.movements(
        manager,
        invoices.map((invoice) => invoice.id),
        range.to,
      );
      const movements: ReportedMovement[] = movementRows.map((row) => ({ invoiceId: row.invoice_id, on: row.on, amountCents: Number(row.amount_cents) }));
      return { vatOnDebits, invoices, creditNotes, movements };
    });
    const servicesVatDue = documents.vatOnDebits ? 'debits' : 'receipts';
    return {
      hostStructureId: request.hostStructureId,
      from: range.from,
      to: range.to,
      frequency: range.frequency,
      servicesVatDue,
      paymentsNote: documents.vatOnDebits ? VAT_ON_DEBITS_PAYMENTS_NOTE : null,
      periods: eReportingPeriods(transmissionPeriods(range, range.frequency), documents, servicesVatDue),
    };
  }

  async csv(request: EReportingRequest): Promise<EReportingFile> {
    const figures = await this.figures(request);
    return { filename: eReportingFilename(figures), contentType: 'text/csv; charset=utf-8', content: eReportingCsv(figures) };
  }
}
