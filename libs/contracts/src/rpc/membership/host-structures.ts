import { Page, PageRequest } from '../page';

export const HOST_STRUCTURE_KINDS = ['cae', 'business_incubator', 'association'] as const;
export type HostStructureKind = (typeof HOST_STRUCTURE_KINDS)[number];

/** The legal carrier of sites: employer of the members and legal seller on quotes and invoices. */
export interface HostStructure {
  id: string;
  kind: HostStructureKind;
  legalName: string;
  /** e.g. "SCOP SARL à capital variable", "association loi 1901". */
  legalForm: string | null;
  /** Decimal string ("15000.00"); null when the form has none (associations). */
  shareCapital: string | null;
  /** City of the trade register (RCS) it is registered with; null if not registered. */
  rcsCity: string | null;
  /** The first 9 digits of the SIRET. */
  siren: string;
  /** 14 digits, Luhn-checked. */
  siret: string;
  /** French intra-EU VAT number, or null under the VAT franchise (art. 293 B du CGI). */
  vatNumber: string | null;
  /** True when vatNumber is null: invoices then say "TVA non applicable, art. 293 B du CGI". */
  vatFranchise: boolean;
  addressLine: string | null;
  postalCode: string | null;
  city: string;
  /** Bank account for transfers, compact ("FR7630006000011234567890189"); printed in groups of 4 on invoices. */
  iban: string | null;
  /** 8 or 11 characters; printed with the IBAN. */
  bic: string | null;
  /**
   * The e-invoicing routing address of the reform (the PPF directory's "adresse de facturation
   * électronique", BT-34), usually "SIREN" or "SIREN_suffix"; at most 125 characters.
   */
  electronicAddress: string | null;
  /** Printed on quotes and invoices. */
  phone: string | null;
  /** Printed on quotes and invoices. */
  email: string | null;
  /** Opted to pay VAT on debits: invoices print "Option pour le paiement de la taxe d'après les débits". */
  vatOnDebits: boolean;
  /**
   * The consumer mediator the host structure adheres to (C. consom. L612-1, L616-1, R616-1): its
   * name, and its website or postal address. Quotes and invoices to individuals print them. Both or
   * neither.
   */
  mediatorName: string | null;
  mediatorContact: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CreateHostStructureRequest {
  kind: HostStructureKind;
  legalName: string;
  legalForm?: string | null;
  shareCapital?: string | null;
  rcsCity?: string | null;
  siret: string;
  vatNumber?: string | null;
  addressLine?: string | null;
  postalCode?: string | null;
  city: string;
  iban?: string | null;
  bic?: string | null;
  electronicAddress?: string | null;
  phone?: string | null;
  email?: string | null;
  vatOnDebits?: boolean;
  mediatorName?: string | null;
  mediatorContact?: string | null;
}

/** Every field but the kind may change; the change is published to the services that print it. */
export interface UpdateHostStructureRequest extends Partial<Omit<CreateHostStructureRequest, 'kind'>> {
  hostStructureId: string;
}

export type ListHostStructuresRequest = PageRequest;
export type HostStructurePage = Page<HostStructure>;

export interface GetHostStructureRequest {
  hostStructureId: string;
}
