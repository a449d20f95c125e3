import { defineEvent } from '../../envelope';

/** A CAPE was signed, renewed or terminated: who, with which host structure, until when. */
export interface CapeContractChangedV1 {
  contractId: string;
  memberId: string;
  hostStructureId: string;
  startsOn: string;
  endsOn: string;
  renewals: number;
  terminatedOn: string | null;
}

export const CAPE_SIGNED_V1 = defineEvent<CapeContractChangedV1>('membership.cape_contract.signed', 1);
export const CAPE_RENEWED_V1 = defineEvent<CapeContractChangedV1>('membership.cape_contract.renewed', 1);
export const CAPE_TERMINATED_V1 = defineEvent<CapeContractChangedV1 & { reason: string }>('membership.cape_contract.terminated', 1);
