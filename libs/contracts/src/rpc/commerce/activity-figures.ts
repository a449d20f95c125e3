import { ClientKind } from './clients';

/**
 * Commerce's figures of a period for the funders' activity report: of some sites (a site, a host
 * structure's sites) or of the whole region when `siteIds` is absent.
 */
export interface ActivityFiguresRequest {
  /** Absent: the whole region. */
  siteIds?: string[];
  from: string;
  to: string;
}

export interface CommerceActivityFigures {
  from: string;
  to: string;
  /** Invoiced revenue excluding VAT (issued invoices less credit notes, by issue date), in cents, by activity pole and month ("2026-03"); pole null: invoices of no mission with a pole. */
  revenueByPoleAndMonth: { pole: string | null; month: string; netCents: number }[];
  /** Clients invoiced in the period, by kind. */
  clientsByKind: Partial<Record<ClientKind, number>>;
  /** Hours of missions completed in the period ("12.50"). */
  missionHours: string;
}
