import { Page, PageRequest } from '../page';

export const CATALOGUE_UNITS = ['hour', 'day', 'piece', 'flat_rate'] as const;
export type CatalogueUnit = (typeof CATALOGUE_UNITS)[number];

/** French VAT rates (CGI art. 278 ff.), as decimal strings; '0' needs the exemption's legal reason. */
export const VAT_RATES = ['20', '10', '5.5', '2.1', '0'] as const;
export type VatRate = (typeof VAT_RATES)[number];

export interface CatalogueItemInput {
  label: string;
  description?: string | null;
  unit: CatalogueUnit;
  /** Excluding VAT, a decimal string with up to 4 decimals ("12.3456"); stored as ten-thousandths. */
  unitPrice: string;
  vatRate: VatRate;
  /** Required with vatRate '0' (e.g. "Exonération de TVA, art. 261-7-1° du CGI"). */
  exemptionReason?: string | null;
  activityPole?: string | null;
}

export interface CatalogueItem {
  id: string;
  siteId: string;
  label: string;
  description: string | null;
  unit: CatalogueUnit;
  /** At least 2 decimals, at most 4 ("12.50", "12.3456"). */
  unitPrice: string;
  vatRate: VatRate;
  exemptionReason: string | null;
  activityPole: string | null;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface CreateCatalogueItemRequest {
  siteId: string;
  item: CatalogueItemInput;
}

export interface UpdateCatalogueItemRequest {
  siteId: string;
  itemId: string;
  changes: Partial<CatalogueItemInput> & { archived?: boolean };
}

export interface GetCatalogueItemRequest {
  siteId: string;
  itemId: string;
}

export interface ListCatalogueItemsRequest extends PageRequest {
  siteId: string;
  /** In the label (case-insensitive). */
  q?: string;
  /** Archived items are left out unless true. */
  includeArchived?: boolean;
}

export type CatalogueItemPage = Page<CatalogueItem>;
