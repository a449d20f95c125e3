import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError, HostStructureChangedV1, SiteChangedV1, SiteId } from '@kpa/contracts';
import { addressLines } from '../documents/printable';
import { SellerIdentity, SiteSeller } from './seller';

/** A host structure's legal identity as commerce's read model keeps it. */
export interface HostStructureRecord {
  legalName: string;
  siret: string;
  city: string;
  identity: Partial<HostStructureChangedV1>;
}

/** The option for VAT on debits counts only for a VAT-registered host structure (membership refuses it otherwise). */
function optedForDebits(vatNumber: string | null, identity: Partial<HostStructureChangedV1>): boolean {
  return vatNumber !== null && vatNumber.trim() !== '' && identity.vatOnDebits === true;
}

function siteNotKnownYet(siteId: string): DomainError {
  return new DomainError('SITE_NOT_FOUND', `Commerce does not know the site ${siteId} or its host structure yet (still on its way from membership): try again in a moment.`, {
    siteId,
  });
}

/**
 * Commerce's read model of who sells (`seller_site`, `seller_host_structure`), kept from
 * membership's events. Stateless: every method runs on the manager it is given (a use case's
 * transaction, or the data source's for a plain read).
 */
@Injectable()
export class SellerRepository {
  /**
   * The seller of a site's documents: the site's code (for the number series) and whether its host
   * structure is under the VAT franchise. 404 SITE_NOT_FOUND while membership's events have not
   * reached commerce yet.
   */
  async siteSeller(manager: EntityManager, siteId: SiteId): Promise<SiteSeller> {
    const rows: { code: string; host_id: string | null; vat_number: string | null }[] = await manager.query(
      `SELECT s.code, h.id AS host_id, h.vat_number
         FROM commerce.seller_site s LEFT JOIN commerce.seller_host_structure h ON h.id = s.host_structure_id
        WHERE s.id = $1`,
      [siteId],
    );
    if (rows.length === 0 || rows[0].host_id === null) throw siteNotKnownYet(siteId);
    return { siteCode: rows[0].code, vatFranchise: rows[0].vat_number === null || rows[0].vat_number.trim() === '' };
  }

  /** The seller's whole legal identity (404 SITE_NOT_FOUND as siteSeller). */
  async sellerIdentity(manager: EntityManager, siteId: SiteId): Promise<SellerIdentity> {
    const rows: {
      code: string;
      name: string;
      host_id: string | null;
      legal_name: string;
      siret: string;
      vat_number: string | null;
      city: string;
      identity: Partial<HostStructureChangedV1> | null;
      site_address_line: string | null;
      site_postal_code: string | null;
      site_city: string;
      logo_sha256: string | null;
    }[] = await manager.query(
      `SELECT s.code, s.name, h.id AS host_id, h.legal_name, h.siret, h.vat_number, h.city, h.identity,
              s.address_line AS site_address_line, s.postal_code AS site_postal_code, s.city AS site_city, l.sha256 AS logo_sha256
         FROM commerce.seller_site s
         LEFT JOIN commerce.seller_host_structure h ON h.id = s.host_structure_id
         LEFT JOIN commerce.host_logo l ON l.host_structure_id = h.id
        WHERE s.id = $1`,
      [siteId],
    );
    const row = rows[0];
    if (!row || row.host_id === null) throw siteNotKnownYet(siteId);
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
      // Fields of the e-invoicing reform: absent from the events published before they existed.
      iban: identity.iban ?? null,
      bic: identity.bic ?? null,
      electronicAddress: identity.electronicAddress ?? null,
      phone: identity.phone ?? null,
      email: identity.email ?? null,
      vatOnDebits: optedForDebits(vatNumber, identity),
      consumerMediator: identity.mediatorName && identity.mediatorContact ? { name: identity.mediatorName, contact: identity.mediatorContact } : null,
      logoSha256: row.logo_sha256,
      // A site without a street address has no address to print (its city alone says little).
      siteAddress: row.site_address_line ? addressLines(row.site_address_line, row.site_postal_code, row.site_city) : [],
    };
  }

  /**
   * Commerce knows a site once membership's `site.created` event reached its read model; until then
   * nothing can be created for it (404 SITE_NOT_FOUND).
   */
  async assertKnownSite(manager: EntityManager, siteId: SiteId): Promise<void> {
    const rows: unknown[] = await manager.query('SELECT 1 FROM commerce.seller_site WHERE id = $1', [siteId]);
    if (rows.length === 0) {
      throw new DomainError('SITE_NOT_FOUND', `Commerce does not know the site ${siteId} yet (its creation is still on its way from membership): try again in a moment.`, {
        siteId,
      });
    }
  }

  /** A host structure by id (a CAPE's may not be the site's), or null when its event has not arrived. */
  async hostStructure(manager: EntityManager, hostStructureId: string): Promise<HostStructureRecord | null> {
    const rows: { legal_name: string; siret: string; city: string; identity: Partial<HostStructureChangedV1> | null }[] = await manager.query(
      'SELECT legal_name, siret, city, identity FROM commerce.seller_host_structure WHERE id = $1',
      [hostStructureId],
    );
    return rows.length === 0 ? null : { legalName: rows[0].legal_name, siret: rows[0].siret, city: rows[0].city, identity: rows[0].identity ?? {} };
  }

  /** Whether the host structure opted to pay VAT on debits (false while its event has not arrived). */
  async vatOnDebits(manager: EntityManager, hostStructureId: string): Promise<boolean> {
    const rows: { vat_number: string | null; identity: Partial<HostStructureChangedV1> | null }[] = await manager.query(
      'SELECT vat_number, identity FROM commerce.seller_host_structure WHERE id = $1',
      [hostStructureId],
    );
    return rows.length > 0 && optedForDebits(rows[0].vat_number, rows[0].identity ?? {});
  }

  /** Events may arrive out of order between instances: the newest version of the identity wins. */
  async upsertHostStructure(manager: EntityManager, data: HostStructureChangedV1, at: string): Promise<void> {
    await manager.query(
      `INSERT INTO commerce.seller_host_structure (id, kind, legal_name, siret, vat_number, city, identity, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO UPDATE SET kind = $2, legal_name = $3, siret = $4, vat_number = $5, city = $6, identity = $7, updated_at = $8
       WHERE commerce.seller_host_structure.updated_at <= $8`,
      [data.id, data.kind, data.legalName, data.siret, data.vatNumber, data.city, JSON.stringify(data), at],
    );
  }

  async upsertSite(manager: EntityManager, data: SiteChangedV1, at: string): Promise<void> {
    await manager.query(
      `INSERT INTO commerce.seller_site (id, code, name, city, status, host_structure_id, updated_at, address_line, postal_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (id) DO UPDATE SET code = $2, name = $3, city = $4, status = $5, host_structure_id = $6, updated_at = $7, address_line = $8, postal_code = $9
       WHERE commerce.seller_site.updated_at <= $7`,
      [data.id, data.code, data.name, data.city, data.status, data.hostStructureId, at, data.addressLine ?? null, data.postalCode ?? null],
    );
  }
}
