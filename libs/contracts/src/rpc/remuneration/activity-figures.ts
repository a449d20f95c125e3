/**
 * Remuneration's figures of a period for the funders' activity report: of some sites or of the
 * whole region when `siteIds` is absent.
 */
export interface RemunerationActivityFiguresRequest {
  siteIds?: string[];
  from: string;
  to: string;
}

export interface RemunerationActivityFigures {
  from: string;
  to: string;
  /** Validated contributive hours (not mission hours) dated in the period ("7.50"). */
  contributiveHours: string;
  /** Amounts distributed to members by the periods closed within the period ("1234.56"). */
  distributed: string;
}
