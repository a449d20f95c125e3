/**
 * Funders' and network reports, produced by the worker: a report is asked for, queued, then
 * generated as a frozen snapshot (its figures, a PDF, a CSV and the SHA-256 of its figures).
 */
export const REPORT_KINDS = ['activity'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Whose figures: one site's (small counts shown), a host structure's sites' or the region's (small counts hidden). */
export type ReportScope = { type: 'site'; siteId: string } | { type: 'host'; hostStructureId: string } | { type: 'region' };

/** The unit a figure counts in. */
export const FIGURE_UNITS = ['people', 'interviews', 'clients', 'euros', 'hours'] as const;
export type FigureUnit = (typeof FIGURE_UNITS)[number];

/** One figure of a report, as the CSV prints it: `value` null when hidden (a count from 1 to 4). */
export interface ReportFigure {
  /** Stable identifier ("people.by_gender.female", "revenue.by_pole.restauration.2026-03"). */
  id: string;
  section: string;
  label: string;
  definition: string;
  unit: FigureUnit;
  /** A count, or a decimal string for euros and hours ("1234.56"); null when suppressed. */
  value: number | string | null;
}

export interface RequestReport {
  kind: ReportKind;
  scope: ReportScope;
  from: string;
  to: string;
  requestedBy: string;
}

export interface GetReportRequest {
  reportId: string;
  /**
   * The scopes the caller may see, as the gateway established them: a site's report on the site's
   * path, a host accountant's hosts, or `network` (the network admin: every region and host report).
   * A report of another scope reads as not found.
   */
  allowed: ReportScope[] | 'network';
}

export interface ReportView {
  id: string;
  kind: ReportKind;
  scope: ReportScope;
  from: string;
  to: string;
  status: ReportStatus;
  /** 0 to 100. */
  progress: number;
  /** SHA-256 (hex) of the frozen figures, when done. */
  sha256: string | null;
  error: string | null;
  requestedAt: string;
  completedAt: string | null;
}

export interface ReportFileRequest extends GetReportRequest {
  format: 'pdf' | 'csv';
}

/** A file of a finished report (base64, like commerce's document PDFs). */
export interface ReportFile {
  filename: string;
  contentType: string;
  base64: string;
}
