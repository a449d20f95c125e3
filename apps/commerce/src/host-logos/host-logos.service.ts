import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, GetHostLogoRequest, HostLogo, HostLogoFile, HostLogoRemoved, isUuid, LOGO_MAX_BYTES, PutHostLogoRequest } from '@kpa/contracts';
import { SellerRepository } from '../sellers/seller.repository';
import { sha256Hex } from '../documents/pdf/document-files';
import { checkLogo, logoTooLarge } from './host-logo';
import { HostLogoRepository } from './host-logo.repository';

/**
 * A host structure's logo, which the documents of its sites print in their header. Commerce keeps
 * it because commerce prints the documents and freezes them: the bytes live in its Postgres beside
 * the stored PDFs, by SHA-256, so issuing a document (which freezes the hash) and rendering it later
 * need nothing but commerce's own database (docs/commerce.md, "The host's logo").
 */
@Injectable()
export class HostLogosService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly logos: HostLogoRepository,
    private readonly sellers: SellerRepository,
  ) {}

  async put({ hostStructureId, contentBase64 }: PutHostLogoRequest): Promise<HostLogo> {
    if (typeof contentBase64 !== 'string') throw new DomainError('VALIDATION_FAILED', 'contentBase64 must be the logo file in base64.', { field: 'contentBase64' });
    // Base64 of LOGO_MAX_BYTES takes 4/3 of it: anything longer is too large before decoding.
    if (contentBase64.length > Math.ceil(LOGO_MAX_BYTES / 3) * 4 + 4) throw logoTooLarge(`A logo may weigh ${LOGO_MAX_BYTES / 1024} KB at most.`);
    const bytes = Buffer.from(contentBase64, 'base64');
    const facts = await checkLogo(bytes);
    const sha256 = sha256Hex(bytes);
    return this.dataSource.transaction(async (manager) => {
      await this.knownHost(manager, hostStructureId);
      await this.logos.storeFile(manager, sha256, facts, bytes);
      await this.logos.setCurrent(manager, hostStructureId, sha256, new Date());
      return (await this.logos.current(manager, hostStructureId)) as HostLogo;
    });
  }

  async get({ hostStructureId }: GetHostLogoRequest): Promise<HostLogoFile> {
    const manager = this.dataSource.manager;
    await this.knownHost(manager, hostStructureId);
    const logo = await this.logos.current(manager, hostStructureId, true);
    if (!logo) throw new DomainError('LOGO_NOT_FOUND', `The host structure ${hostStructureId} has no logo: upload a PNG or JPEG.`, { hostStructureId });
    const { bytes, ...rest } = logo;
    return { ...rest, contentBase64: (bytes as Buffer).toString('base64') };
  }

  /** The documents issued with the logo keep printing it; drafts and new documents print none. */
  async remove({ hostStructureId }: GetHostLogoRequest): Promise<HostLogoRemoved> {
    return this.dataSource.transaction(async (manager) => {
      await this.knownHost(manager, hostStructureId);
      return { hostStructureId, removed: await this.logos.removeCurrent(manager, hostStructureId) };
    });
  }

  /** 404 HOST_STRUCTURE_NOT_FOUND for an unknown id, or one whose creation has not reached commerce yet. */
  private async knownHost(manager: EntityManager, hostStructureId: string): Promise<void> {
    if (isUuid(hostStructureId) && (await this.sellers.hostStructure(manager, hostStructureId)) !== null) return;
    throw new DomainError(
      'HOST_STRUCTURE_NOT_FOUND',
      `No host structure with id ${String(hostStructureId)} (a new one may still be on its way from membership: try again in a moment).`,
      {
        hostStructureId,
      },
    );
  }
}
