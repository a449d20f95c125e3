import { EntityManager } from 'typeorm';
import { DomainError, HostStructureChangedV1 } from '@kpa/contracts';
import { CapeHolder } from '../documents/legal-mentions';
import { addressLines } from '../documents/printable';
import { SellerIdentity } from '../sellers/seller';
import { capeContractOn, displayName, knownMember } from './known-member';

/**
 * The R127-3 mention's facts for a member carrying out the activity under a CAPE running on `date`
 * (422 CAPE_NOT_RUNNING otherwise): the supporting structure is the CAPE's host structure.
 */
export async function capeHolderOn(manager: EntityManager, siteId: string, memberId: string, date: string, seller: SellerIdentity): Promise<CapeHolder> {
  const member = await knownMember(manager, siteId, memberId);
  const contract = await capeContractOn(manager, memberId, date);
  if (!contract) {
    throw new DomainError(
      'CAPE_NOT_RUNNING',
      `${displayName(member)} has no CAPE contract running on ${date}: the CAPE mention (C. com. R127-3) cannot be printed. Remove capeHolderMemberId, or renew the contract first.`,
      { field: 'capeHolderMemberId', memberId, date },
    );
  }
  let host = { legalName: seller.legalName, address: addressLines(seller.addressLine, seller.postalCode, seller.city), siret: seller.siret };
  if (contract.hostStructureId !== seller.hostStructureId) {
    const rows: { legal_name: string; siret: string; city: string; identity: Partial<HostStructureChangedV1> | null }[] = await manager.query(
      'SELECT legal_name, siret, city, identity FROM commerce.seller_host_structure WHERE id = $1',
      [contract.hostStructureId],
    );
    if (rows.length > 0) {
      const identity = rows[0].identity ?? {};
      host = { legalName: rows[0].legal_name, address: addressLines(identity.addressLine ?? null, identity.postalCode ?? null, rows[0].city), siret: rows[0].siret };
    }
  }
  return { beneficiaryName: displayName(member), hostLegalName: host.legalName, hostAddress: host.address.join(', '), hostIdentifier: host.siret, contractEndDate: contract.endsOn };
}
