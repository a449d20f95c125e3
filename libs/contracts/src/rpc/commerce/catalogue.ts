import { Page, PageRequest } from '../page';

export const CATALOGUE_UNITS = ['hour', 'day', 'piece', 'flat_rate'] as const;
export type CatalogueUnit = (typeof CATALOGUE_UNITS)[number];

/**
 * What a catalogue item or a document line supplies: a service (prestation de services) or goods
 * (livraison de biens). The lines decide the invoice's nature of the operation (CGI ann. II 242
 * nonies A 8° bis, see operationCategoryOf); `service` by default, as most KPA work is.
 */
export const LINE_NATURES = ['service', 'goods'] as const;
export type LineNature = (typeof LINE_NATURES)[number];

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
  /** Default `service`; copied onto the lines made from the item. */
  nature?: LineNature;
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
  nature: LineNature;
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
