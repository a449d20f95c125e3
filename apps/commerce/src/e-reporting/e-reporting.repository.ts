import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ClientKind, InvoiceDeposit, InvoiceKind, QuoteVatBreakdown } from '@kpa/contracts';
import { InvoiceLineData } from '../invoices/invoice';

/** A document's lines and whether it was issued under the VAT franchise: what splits its VAT groups by nature. */
export interface EReportingLines {
  lines: InvoiceLineData[];
  vat_franchise: boolean;
}

export interface EReportingInvoiceRow extends EReportingLines {
  id: string;
  kind: InvoiceKind;
  issued_on: string;
  vat_breakdown: QuoteVatBreakdown[];
  deposits: InvoiceDeposit[] | null;
  /** The lines of the deposit invoices a final invoice deducts, by deposit invoice id. */
  deposit_lines: Record<string, EReportingLines>;
  client_kind: ClientKind;
  client_vat_number: string | null;
}

export interface EReportingCreditNoteRow extends EReportingLines {
  invoice_id: string;
  issued_on: string;
  vat_breakdown: QuoteVatBreakdown[];
  client_kind: ClientKind;
  client_vat_number: string | null;
}

export interface EReportingMovementRow {
  invoice_id: string;
  on: string;
  amount_cents: string;
}

/**
 * The documents behind a host structure's e-reporting, read from the frozen invoices: their VAT
 * breakdown, their lines (for the nature of each part) and the buyer as printed at issue (kind, VAT number), falling back on the client file
 * only for a document issued before the printable was frozen. Reads no buyer's name.
 */
@Injectable()
export class EReportingRepository {
  /** The sites commerce knows for the host structure (its read model of membership). */
  async hostSites(manager: EntityManager, hostStructureId: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(`SELECT id FROM commerce.seller_site WHERE host_structure_id = $1 ORDER BY id`, [hostStructureId]);
    return rows.map((row) => row.id);
  }

  /** Issued invoices of the sites issued in [from, to] or with a payment or refund in it. */
  invoices(manager: EntityManager, siteIds: string[], from: string, to: string): Promise<EReportingInvoiceRow[]> {
    return manager.query(
      `SELECT i.id, i.kind, to_char(i.issued_on, 'YYYY-MM-DD') AS issued_on, i.lines, COALESCE((i.totals->>'vatFranchise')::boolean, false) AS vat_franchise,
              i.totals->'vatBreakdown' AS vat_breakdown, i.totals->'deposits' AS deposits,
              (SELECT COALESCE(jsonb_object_agg(d.id, jsonb_build_object('lines', d.lines, 'vat_franchise', COALESCE((d.totals->>'vatFranchise')::boolean, false))), '{}'::jsonb)
                 FROM commerce.invoice d WHERE d.id = ANY(i.deposit_invoice_ids)) AS deposit_lines,
              COALESCE(i.printable->'client'->>'kind', c.kind) AS client_kind,
              CASE WHEN i.printable IS NULL THEN c.vat_number ELSE i.printable->'client'->>'vatNumber' END AS client_vat_number
         FROM commerce.invoice i JOIN commerce.client c ON c.id = i.client_id
        WHERE i.site_id = ANY($1::uuid[]) AND i.status <> 'draft' AND i.issued_on IS NOT NULL
          AND (i.issued_on BETWEEN $2::date AND $3::date
               OR EXISTS (SELECT 1 FROM commerce.payment p WHERE p.invoice_id = i.id AND p.received_on BETWEEN $2::date AND $3::date)
               OR EXISTS (SELECT 1 FROM commerce.refund r WHERE r.invoice_id = i.id AND r.refunded_on BETWEEN $2::date AND $3::date))
        ORDER BY i.issued_on, i.number`,
      [siteIds, from, to],
    );
  }

  /** Credit notes of the sites issued in [from, to], with the buyer of the invoice they correct. */
  creditNotes(manager: EntityManager, siteIds: string[], from: string, to: string): Promise<EReportingCreditNoteRow[]> {
    return manager.query(
      `SELECT cn.invoice_id, to_char(cn.issued_on, 'YYYY-MM-DD') AS issued_on, cn.totals->'vatBreakdown' AS vat_breakdown,
              cn.lines, COALESCE((cn.totals->>'vatFranchise')::boolean, false) AS vat_franchise,
              COALESCE(i.printable->'client'->>'kind', c.kind) AS client_kind,
              CASE WHEN i.printable IS NULL THEN c.vat_number ELSE i.printable->'client'->>'vatNumber' END AS client_vat_number
         FROM commerce.credit_note cn
         JOIN commerce.invoice i ON i.id = cn.invoice_id
         JOIN commerce.client c ON c.id = i.client_id
        WHERE cn.site_id = ANY($1::uuid[]) AND cn.issued_on BETWEEN $2::date AND $3::date
        ORDER BY cn.issued_on, cn.number`,
      [siteIds, from, to],
    );
  }

  /** Every payment (positive) and refund (negative) of the invoices up to `to`, in the order they happened. */
  movements(manager: EntityManager, invoiceIds: string[], to: string): Promise<EReportingMovementRow[]> {
    if (invoiceIds.length === 0) return Promise.resolve([]);
    return manager.query(
      `SELECT invoice_id, to_char(day, 'YYYY-MM-DD') AS "on", amount_cents::text AS amount_cents
         FROM (SELECT p.invoice_id, p.received_on AS day, p.amount_cents, p.created_at, 0 AS sort FROM commerce.payment p
                WHERE p.invoice_id = ANY($1::uuid[]) AND p.received_on <= $2::date
               UNION ALL
               SELECT r.invoice_id, r.refunded_on, -r.amount_cents, r.created_at, 1 FROM commerce.refund r
                WHERE r.invoice_id = ANY($1::uuid[]) AND r.refunded_on <= $2::date) m
        ORDER BY day, created_at, sort`,
      [invoiceIds, to],
    );
  }
}
