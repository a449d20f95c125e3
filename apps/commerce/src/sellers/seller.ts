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
  /** Compact IBAN for transfers (BT-84), or null. */
  iban: string | null;
  bic: string | null;
  /** The e-invoicing routing address (BT-34), or null. */
  electronicAddress: string | null;
  phone: string | null;
  email: string | null;
  /** Opted to pay VAT on debits (invoices print the option). */
  vatOnDebits: boolean;
  /** The consumer mediator (C. consom. L612-1), printed for individuals; null when the host named none. */
  consumerMediator: { name: string; contact: string } | null;
  /** The SHA-256 of the host's current logo (commerce.logo_file), or null. */
  logoSha256: string | null;
  /** The issuing site's address, line by line; empty when the site has none. */
  siteAddress: string[];
}
