/** Who sells on a site's documents (the host structure), as commerce knows it from membership's events. */

export interface SiteSeller {
  siteCode: string;
  /** The host structure has no VAT number: franchise en base (CGI art. 293 B), no VAT charged. */
  vatFranchise: boolean;
}

/** Who sells, as printed on a document: the host structure's legal identity and the site. */
export interface SellerIdentity extends SiteSeller {
  siteId: string;
  siteName: string;
  hostStructureId: string;
  legalName: string;
  legalForm: string | null;
  shareCapital: string | null;
  rcsCity: string | null;
  siren: string;
  siret: string;
  vatNumber: string | null;
  addressLine: string | null;
  postalCode: string | null;
  city: string;
}
