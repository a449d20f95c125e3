import { EntityManager } from 'typeorm';
import { DomainError, HostStructureChangedV1 } from '@kpa/contracts';

export interface SiteSeller {
  siteCode: string;
  /** The host structure has no VAT number: franchise en base (CGI art. 293 B), no VAT charged. */
  vatFranchise: boolean;
}

/**
 * The seller of a site's documents, from commerce's read model: the site's code (for the number
 * series) and whether its host structure is under the VAT franchise. 404 SITE_NOT_FOUND while
 * membership's events have not reached commerce yet.
 */
export async function siteSeller(manager: EntityManager, siteId: string): Promise<SiteSeller> {
  const rows: { code: string; host_id: string | null; vat_number: string | null }[] = await manager.query(
    `SELECT s.code, h.id AS host_id, h.vat_number
       FROM commerce.seller_site s LEFT JOIN commerce.seller_host_structure h ON h.id = s.host_structure_id
      WHERE s.id = $1`,
    [siteId],
  );
  if (rows.length === 0 || rows[0].host_id === null) {
    throw new DomainError('SITE_NOT_FOUND', `Commerce does not know the site ${siteId} or its host structure yet (still on its way from membership): try again in a moment.`, { siteId });
  }
  return { siteCode: rows[0].code, vatFranchise: rows[0].vat_number === null || rows[0].vat_number.trim() === '' };
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

/** The seller's whole legal identity, from commerce's read model (404 SITE_NOT_FOUND as siteSeller). */
export async function sellerIdentity(manager: EntityManager, siteId: string): Promise<SellerIdentity> {
  const rows: {
    code: string;
    name: string;
    host_id: string | null;
    legal_name: string;
    siret: string;
    vat_number: string | null;
    city: string;
    identity: Partial<HostStructureChangedV1> | null;
  }[] = await manager.query(
    `SELECT s.code, s.name, h.id AS host_id, h.legal_name, h.siret, h.vat_number, h.city, h.identity
       FROM commerce.seller_site s LEFT JOIN commerce.seller_host_structure h ON h.id = s.host_structure_id
      WHERE s.id = $1`,
    [siteId],
  );
  const row = rows[0];
  if (!row || row.host_id === null) {
    throw new DomainError('SITE_NOT_FOUND', `Commerce does not know the site ${siteId} or its host structure yet (still on its way from membership): try again in a moment.`, { siteId });
  }
  const identity = row.identity ?? {};
  const vatNumber = row.vat_number && row.vat_number.trim() !== '' ? row.vat_number : null;
  return {
    siteId,
    siteCode: row.code,
    siteName: row.name,
    vatFranchise: vatNumber === null,
    hostStructureId: row.host_id,
    legalName: row.legal_name,
    legalForm: identity.legalForm ?? null,
    shareCapital: identity.shareCapital ?? null,
    rcsCity: identity.rcsCity ?? null,
    siren: row.siret.slice(0, 9),
    siret: row.siret,
    vatNumber,
    addressLine: identity.addressLine ?? null,
    postalCode: identity.postalCode ?? null,
    city: row.city,
  };
}
