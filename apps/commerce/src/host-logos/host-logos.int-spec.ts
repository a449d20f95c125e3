import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { HostStructureChangedV1, SiteChangedV1, siteIdOf } from '@kpa/contracts';
import { dataSourceOptions, migrate } from '@kpa/platform';
import { createTestEnv, destroyTestEnv, TestEnv } from '@kpa/testing';
import { refusalOf } from '@kpa/testing/refusal';
import { Init1764000000000 } from '../migrations/1764000000000-init';
import { KnownMembers1765100000000 } from '../migrations/1765100000000-known-members';
import { DocumentFiles1765400000000 } from '../migrations/1765400000000-document-files';
import { HostLogoSiteAddress1768710000000 } from '../migrations/1768710000000-host-logo-site-address';
import { DocumentFileRepository } from '../documents/pdf/document-file.repository';
import { documentFile } from '../documents/pdf/document-files';
import { printableSeller } from '../documents/printable';
import { aPrintableInvoice } from '../documents/printable.test-helpers';
import { SellerRepository } from '../sellers/seller.repository';
import { HostLogoRepository } from './host-logo.repository';
import { HostLogosService } from './host-logos.service';
import { aPng } from './logo.test-helpers';

/** The image XObjects of a PDF with their size in pixels (PDFKit writes dictionaries uncompressed). */
function images(pdf: Buffer): string[] {
  return [...pdf.toString('latin1').matchAll(/<<([^>]*\/Subtype \/Image[^>]*)>>/g)].map((m) => `${/\/Width (\d+)/.exec(m[1])?.[1]}x${/\/Height (\d+)/.exec(m[1])?.[1]}`);
}

async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  return refusalOf(() => {
    if (error) throw error;
  });
}

/**
 * The host's logo against a real Postgres: stored by hash, the current one printed on drafts, and a
 * document frozen with a logo printing that logo even after the host replaced or removed it.
 */
describe('host logos', () => {
  let env: TestEnv;
  let dataSource: DataSource;
  let logos: HostLogosService;
  const sellers = new SellerRepository();
  const files = new DocumentFileRepository();
  const hostStructureId = randomUUID();
  const siteId = siteIdOf(randomUUID());
  const now = '2026-12-01T10:00:00.000Z';

  beforeAll(async () => {
    env = await createTestEnv('host_logos');
    dataSource = await new DataSource(
      dataSourceOptions({
        url: env.databaseUrl,
        schema: 'commerce',
        entities: [],
        migrations: [Init1764000000000, KnownMembers1765100000000, DocumentFiles1765400000000, HostLogoSiteAddress1768710000000],
      }),
    ).initialize();
    await migrate(dataSource, 'commerce');
    logos = new HostLogosService(dataSource, new HostLogoRepository(), sellers);
    const host = { id: hostStructureId, kind: 'cae', legalName: 'CAE Grand Nord', siret: '12002701600357', vatNumber: 'FR85120027016', city: 'Lille' };
    await sellers.upsertHostStructure(dataSource.manager, { ...host, mediatorName: 'CM2C', mediatorContact: 'www.cm2c.net' } as HostStructureChangedV1, now);
    await sellers.upsertSite(dataSource.manager, aSite('64 rue de l’Épeule', '59100', now), now);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (env) await destroyTestEnv(env);
  });

  function aSite(addressLine: string | null, postalCode: string | null, updatedAt: string): SiteChangedV1 {
    const profile = { carryingStructure: null, venues: [], activityPoles: [] };
    return { id: siteId, code: 'LACAPE', name: 'La Cape', city: 'Roubaix', status: 'active', hostStructureId, addressLine, postalCode, ...profile, updatedAt };
  }

  const put = (png: Buffer) => logos.put({ hostStructureId, contentBase64: png.toString('base64') });

  it('a document frozen with a logo prints that logo after the host replaced it, and after it removed it', async () => {
    const first = await put(aPng(300, 120));
    expect(first).toMatchObject({ hostStructureId, contentType: 'image/png', width: 300, height: 120 });

    // Issued now: the frozen seller names the logo by its hash.
    const issued = printableSeller(await sellers.sellerIdentity(dataSource.manager, siteId));
    expect(issued.logoSha256).toBe(first.sha256);
    const frozen = aPrintableInvoice({ number: 'LACAPE-F-2026-00042', seller: issued });
    const documentId = randomUUID();
    const ref = { siteId, kind: 'invoice' as const, documentId };

    // The host replaces its logo before anyone opened the invoice's PDF...
    const second = await put(aPng(90, 30));
    expect(second.sha256).not.toBe(first.sha256);
    const pdf = await documentFile(files, dataSource.manager, ref, async () => ({ documentId, frozen: true, printable: frozen }));
    expect(images(pdf.bytes)).toEqual(['300x120']);

    // ... while a draft made today prints the new one.
    const draftSeller = printableSeller(await sellers.sellerIdentity(dataSource.manager, siteId));
    const draft = await documentFile(files, dataSource.manager, { ...ref, documentId: randomUUID() }, async () => ({
      documentId,
      frozen: false,
      printable: aPrintableInvoice({ number: null, seller: draftSeller }),
    }));
    expect(images(draft.bytes)).toEqual(['90x30']);

    // Removed: new documents print none; the frozen one, rendered again from its printable, still finds its logo.
    expect(await logos.remove({ hostStructureId })).toEqual({ hostStructureId, removed: true });
    expect(await logos.remove({ hostStructureId })).toEqual({ hostStructureId, removed: false });
    expect((await sellers.sellerIdentity(dataSource.manager, siteId)).logoSha256).toBeNull();
    const again = await documentFile(files, dataSource.manager, { ...ref, documentId: randomUUID() }, async () => ({ documentId, frozen: true, printable: frozen }));
    expect(images(again.bytes)).toEqual(['300x120']);
    expect((await rejection(logos.get({ hostStructureId }))).code).toBe('LOGO_NOT_FOUND');
  });

  it('the same file twice is one stored file; the database refuses to change or delete a stored logo', async () => {
    const png = aPng(40, 40, [200, 10, 10]);
    const a = await put(png);
    const b = await put(png);
    expect(b.sha256).toBe(a.sha256);
    expect(await dataSource.query('SELECT count(*)::int AS n FROM commerce.logo_file WHERE sha256 = $1', [a.sha256])).toEqual([{ n: 1 }]);
    expect(Buffer.from((await logos.get({ hostStructureId })).contentBase64, 'base64').equals(png)).toBe(true);
    await expect(dataSource.query('DELETE FROM commerce.logo_file WHERE sha256 = $1', [a.sha256])).rejects.toThrow(/append-only/);
    await expect(dataSource.query('UPDATE commerce.logo_file SET width = 1 WHERE sha256 = $1', [a.sha256])).rejects.toThrow(/append-only/);
  });

  it('refuses an unknown host structure (404) and a file that is not a PNG or JPEG (422), storing nothing', async () => {
    const before = await dataSource.query('SELECT count(*)::int AS n FROM commerce.logo_file');
    expect((await rejection(logos.put({ hostStructureId: randomUUID(), contentBase64: aPng(10, 10).toString('base64') }))).code).toBe('HOST_STRUCTURE_NOT_FOUND');
    expect((await rejection(logos.put({ hostStructureId, contentBase64: Buffer.from('%PDF-1.7 not an image').toString('base64') }))).code).toBe('LOGO_TYPE_NOT_ALLOWED');
    expect((await rejection(logos.put({ hostStructureId, contentBase64: 'A'.repeat(500_000) }))).code).toBe('LOGO_TOO_LARGE');
    expect(await dataSource.query('SELECT count(*)::int AS n FROM commerce.logo_file')).toEqual(before);
  });

  it('keeps the issuing site’s address and the consumer mediator from membership’s events', async () => {
    const seller = await sellers.sellerIdentity(dataSource.manager, siteId);
    expect(seller.siteAddress).toEqual(['64 rue de l’Épeule', '59100 Roubaix']);
    expect(seller.consumerMediator).toEqual({ name: 'CM2C', contact: 'www.cm2c.net' });
    // A later event without an address (the site's address was cleared) clears it.
    const later = '2026-12-02T10:00:00.000Z';
    await sellers.upsertSite(dataSource.manager, aSite(null, null, later), later);
    expect((await sellers.sellerIdentity(dataSource.manager, siteId)).siteAddress).toEqual([]);
  });
});
