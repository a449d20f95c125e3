import { Page, PageRequest } from '../page';

export const CAPE_STATUSES = ['upcoming', 'active', 'ended', 'terminated'] as const;
export type CapeContractStatus = (typeof CAPE_STATUSES)[number];

/** One period of a CAPE: the first one, then each renewal. Dates inclusive. */
export interface CapePeriodView {
  startsOn: string;
  endsOn: string;
}

/** A CAPE contract (contrat d'appui au projet d'entreprise, C. com. L127-1 ff.) with its renewals. */
export interface CapeContract {
  id: string;
  siteId: string;
  memberId: string;
  /** The site's host structure, the legal counterpart of the member. */
  hostStructureId: string;
  activity: string;
  periods: CapePeriodView[];
  startsOn: string;
  /** The last period's end, or the termination date when it came first. */
  endsOn: string;
  renewals: number;
  status: CapeContractStatus;
  terminatedOn: string | null;
  terminationReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SignCapeContractRequest {
  siteId: string;
  memberId: string;
  startsOn: string;
  endsOn: string;
  activity: string;
}

export interface RenewCapeContractRequest {
  siteId: string;
  contractId: string;
  endsOn: string;
}

export interface TerminateCapeContractRequest {
  siteId: string;
  contractId: string;
  on: string;
  reason: string;
}

export interface ListCapeContractsRequest extends PageRequest {
  siteId: string;
  memberId?: string;
  status?: CapeContractStatus;
}

export type CapeContractPage = Page<CapeContract>;
