import { Page, PageRequest } from '../page';

export const HOST_STRUCTURE_KINDS = ['cae', 'business_incubator', 'association'] as const;
export type HostStructureKind = (typeof HOST_STRUCTURE_KINDS)[number];

/** The legal carrier of sites: employer of the members and legal seller on quotes and invoices. */
export interface HostStructure {
  id: string;
  kind: HostStructureKind;
  legalName: string;
  /** 14 digits, Luhn-checked. */
  siret: string;
  /** French intra-EU VAT number, or null under the VAT franchise (art. 293 B du CGI). */
  vatNumber: string | null;
  city: string;
  createdAt: string;
  updatedAt: string;
}

export interface CreateHostStructureRequest {
  kind: HostStructureKind;
  legalName: string;
  siret: string;
  vatNumber?: string | null;
  city: string;
}

export type ListHostStructuresRequest = PageRequest;
export type HostStructurePage = Page<HostStructure>;

export interface GetHostStructureRequest {
  hostStructureId: string;
}
