import { DomainError } from '@kpa/contracts';
import { CapeHolder } from '../documents/legal-mentions';
import { addressLines } from '../documents/printable';
import { SellerIdentity } from '../sellers/seller';
import { HostStructureRecord } from '../sellers/seller.repository';
import { displayName, KnownMember, RunningCapeContract } from './known-member';

/**
 * The R127-3 mention's facts for a member carrying out the activity under a CAPE running on `date`
 * (422 CAPE_NOT_RUNNING otherwise): the supporting structure is the CAPE's host structure, the
 * seller's unless the contract names another one (`otherHost`, when commerce knows it).
 */
export function capeHolderOf(member: KnownMember, contract: RunningCapeContract | null, date: string, seller: SellerIdentity, otherHost: HostStructureRecord | null): CapeHolder {
  if (!contract) {
    throw new DomainError(
      'CAPE_NOT_RUNNING',
      `${displayName(member)} has no CAPE contract running on ${date}: the CAPE mention (C. com. R127-3) cannot be printed. Remove capeHolderMemberId, or renew the contract first.`,
      { field: 'capeHolderMemberId', memberId: member.id, date },
    );
  }
  const host =
    contract.hostStructureId !== seller.hostStructureId && otherHost
      ? {
          legalName: otherHost.legalName,
          address: addressLines(otherHost.identity.addressLine ?? null, otherHost.identity.postalCode ?? null, otherHost.city),
          siret: otherHost.siret,
        }
      : { legalName: seller.legalName, address: addressLines(seller.addressLine, seller.postalCode, seller.city), siret: seller.siret };
  return {
    beneficiaryName: displayName(member),
    hostLegalName: host.legalName,
    hostAddress: host.address.join(', '),
    hostIdentifier: host.siret,
    contractEndDate: contract.endsOn,
  };
}
