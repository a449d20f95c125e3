import { Page, PageRequest } from '../page';
import { PostalAddress } from '../membership/members';

export const CLIENT_KINDS = ['individual', 'company', 'association', 'public_body'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

/** What a coordinator or a member sends to create a client (a PATCH sends any part of it). */
export interface ClientInput {
  kind: ClientKind;
  /** Company name, or the person's full name for an individual. */
  name: string;
  billingAddress: PostalAddress;
  email?: string | null;
  phone?: string | null;
  /** Companies and public bodies: required; associations: when they have one; individuals: never. */
  siret?: string | null;
  /** Companies, associations, public bodies; a French one (FR…) has its key checked against the SIRET. */
  vatNumber?: string | null;
  /** Public bodies: the Chorus Pro service code (up to 100 characters). */
  chorusServiceCode?: string | null;
  /** Public bodies: invoices need the buyer's commitment number (numéro d'engagement). */
  commitmentNumberRequired?: boolean;
}

/**
 * A client of a site. An individual's address, e-mail and phone are personal data: every role of
 * the site reads them (members draft quotes, accountants read invoices), no event carries them.
 */
export interface Client {
  id: string;
  siteId: string;
  kind: ClientKind;
  name: string;
  billingAddress: PostalAddress;
  email: string | null;
  phone: string | null;
  siret: string | null;
  /** The first 9 digits of the SIRET. */
  siren: string | null;
  vatNumber: string | null;
  chorusServiceCode: string | null;
  commitmentNumberRequired: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface CreateClientRequest {
  siteId: string;
  client: ClientInput;
}

export interface UpdateClientRequest {
  siteId: string;
  clientId: string;
  changes: Partial<ClientInput>;
}

export interface GetClientRequest {
  siteId: string;
  clientId: string;
}

export interface ListClientsRequest extends PageRequest {
  siteId: string;
  /** In the name (case-insensitive). */
  q?: string;
  kind?: ClientKind;
}

export type ClientPage = Page<Client>;
