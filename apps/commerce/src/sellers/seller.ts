import { EntityManager } from 'typeorm';
import { DomainError } from '@kpa/contracts';

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
