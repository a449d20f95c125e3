import { pdfText } from '@kpa/testing/pdf-text';
import { eventually } from '@kpa/testing';
import { aMemberFile, Region, registerMember, setUpRegion, siteUserToken, untilCommerceKnows, usePlatform } from './platform';

function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** The CSV as rows of cells (UTF-8 with BOM, ";", CRLF; no cell here holds a separator). */
function csvRows(bytes: Buffer): string[][] {
  return bytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((line) => line.length > 0)
    .map((line) => line.split(';'));
}

/**
 * Funders' and network reports over HTTP, with every service and the worker running: a region
 * report over two sites is queued (202), progresses and completes; its CSV figures equal the
 * API's own (GET /v1/stats, the invoices' totals); its PDF has the charts' titles and hides small
 * counts; each report stays with whoever may see its scope.
 */
describe('funder and network reports', () => {
  const platform = usePlatform('e2e_worker_reports');
  let region: Region;
  let accountant: string;
  let member: string;
  const from = `${today().slice(0, 4)}-01-01`;
  const to = today();
  const joined = from;
  const address = { line: '3 place de la Liberté', postalCode: '59100', city: 'Roubaix' };

  async function file(path: string, token: string): Promise<{ status: number; type: string | null; bytes: Buffer }> {
    const response = await fetch(`${platform.gatewayUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
  }

  async function issueInvoice(site: { id: string; coordinator: string }, unitPrice: string): Promise<void> {
    const client = await platform.http('POST', `/v1/sites/${site.id}/clients`, {
      token: site.coordinator,
      body: { kind: 'company', name: 'Boulangerie du Pile', billingAddress: address, siret: '120 027 016 00357', vatNumber: 'FR 85 120027016' },
    });
    expect(client.status).toBe(201);
    const draft = await platform.http('POST', `/v1/sites/${site.id}/invoices`, {
      token: site.coordinator,
      body: { clientId: client.body.id, lines: [{ description: 'Jardinage', quantity: '2', unit: 'hour', unitPrice, vatRate: '20' }], supplyDate: '2026-11-02' },
    });
    expect(draft.status).toBe(201);
    const issued = await platform.http('POST', `/v1/sites/${site.id}/invoices/${draft.body.id}/issue`, { token: site.coordinator });
    expect(issued.status).toBe(200);
  }

  beforeAll(async () => {
    region = await setUpRegion(platform);
    const { a, b } = region.sites;
    const identity = await platform.http('PATCH', `/v1/host-structures/${region.hostStructureId}`, {
      token: region.admin,
      body: { legalForm: 'SCOP SARL à capital variable', shareCapital: '15000', rcsCity: 'Lille', addressLine: '12 rue de la Paix', postalCode: '59000' },
    });
    expect(identity.status).toBe(200);
    accountant = await siteUserToken(platform, a, 'accountant');
    member = await siteUserToken(platform, a, 'member');
    // Site A: six women and two men sent by the mission locale; site B: three men who came by word of mouth.
    for (let i = 0; i < 6; i++) await registerMember(platform, a, aMemberFile(`Amina${i}`, 'Benali', '2004-03-01', joined));
    for (let i = 0; i < 2; i++) await registerMember(platform, a, aMemberFile(`Karim${i}`, 'Haddad', '2003-05-01', joined, { gender: 'male' }));
    for (let i = 0; i < 3; i++) {
      await registerMember(platform, b, aMemberFile(`Yanis${i}`, 'Martin', '2002-09-01', joined, { gender: 'male', referredBy: 'word_of_mouth', priorityNeighbourhood: false }));
    }
    await eventually(async () => (await platform.query("SELECT 1 FROM commerce.seller_host_structure WHERE identity->>'postalCode' = '59000'")).length === 1, {
      what: "the host's legal identity known by commerce",
    });
    await untilCommerceKnows(platform, [a.id, b.id]);
    await issueInvoice(a, '100');
    await issueInvoice(b, '45.50');
  });

  it('generates a region report over two sites with progress, whose CSV figures are the API’s own and whose PDF hides small counts', async () => {
    const asked = await platform.http('POST', '/v1/reports', { token: region.admin, body: { kind: 'activity', scope: 'region', from, to } });
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ kind: 'activity', scope: { type: 'region' }, from, to, status: 'queued', progress: 0 });
    const reportId = asked.body.id as string;

    const done = await eventually(
      async () => {
        const seen = await platform.http('GET', `/v1/reports/${reportId}`, { token: region.admin });
        expect(seen.status).toBe(200);
        expect(seen.body.progress).toBeGreaterThanOrEqual(0);
        expect(seen.body.progress).toBeLessThanOrEqual(100);
        return seen.body.status === 'done' ? seen.body : undefined;
      },
      { what: 'the region report done', timeoutMs: 60_000 },
    );
    expect(done).toMatchObject({ status: 'done', progress: 100, error: null });
    expect(done.sha256).toMatch(/^[0-9a-f]{64}$/);
    // Its progress, step by step, as the worker stored it.
    const steps = (platform.logs.worker ?? []).filter((line) => line.message === 'report progress' && line.reportId === reportId).map((line) => line.progress);
    expect(steps).toEqual([5, 30, 50, 65, 70, 95]);
    const events = await platform.query<{ envelope: { data: { sha256: string } } }>(
      "SELECT envelope FROM worker.outbox WHERE envelope->>'type' = 'worker.report.completed' AND envelope->'data'->>'reportId' = $1",
      [reportId],
    );
    expect(events.map((event) => event.envelope.data.sha256)).toEqual([done.sha256]);

    // The CSV: one row per figure, equal to the API's figures.
    const csv = await file(`/v1/reports/${reportId}/report.csv`, region.admin);
    expect(csv.status).toBe(200);
    expect(csv.type).toContain('text/csv');
    const rows = csvRows(csv.bytes);
    expect(rows[0]).toEqual(['identifiant', 'rubrique', 'indicateur', 'valeur', 'unité', 'définition']);
    const value = (id: string): string | undefined => rows.find((row) => row[0] === id)?.[3];
    const shown = (count: number | null | undefined): string => (count === null ? '< 5' : String(count ?? 0));
    const stats = await platform.http('GET', `/v1/stats?from=${from}&to=${to}`, { token: region.admin });
    expect(stats.status).toBe(200);
    expect(stats.body.tookPart).toBe(11);
    expect(value('people.took_part')).toBe(String(stats.body.tookPart));
    expect(value('people.active')).toBe(String(stats.body.activeNow));
    expect(value('people.joined')).toBe(String(stats.body.joined));
    expect(value('people.gender.female')).toBe(shown(stats.body.byGender.female));
    expect(value('people.gender.male')).toBe(shown(stats.body.byGender.male));
    expect(value('people.referrer.mission_locale')).toBe(shown(stats.body.byReferrer.mission_locale));
    expect(value('people.referrer.word_of_mouth')).toBe('< 5');
    expect(stats.body.byReferrer.word_of_mouth).toBeNull();
    expect(value('people.qpv')).toBe(shown(stats.body.priorityNeighbourhood.count));
    expect(value('people.interviews_held')).toBe(String(stats.body.interviewsHeld));
    // Revenue excluding VAT: the issued invoices' net totals of both sites, as their API shows them.
    let netCents = 0;
    for (const site of [region.sites.a, region.sites.b]) {
      const list = await platform.http('GET', `/v1/sites/${site.id}/invoices?status=issued`, { token: site.coordinator });
      expect(list.status).toBe(200);
      for (const invoice of list.body.items) netCents += Math.round(Number(invoice.totals.net) * 100);
    }
    expect(netCents).toBe(29100);
    expect(value('economy.revenue')).toBe('291.00');
    // Two company clients in the region: a small count, hidden.
    expect(value('economy.clients.company')).toBe('< 5');

    // The PDF: French, A4, every chart's title, small counts hidden and said so.
    const pdf = await file(`/v1/reports/${reportId}/report.pdf`, region.admin);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toContain('application/pdf');
    const read = await pdfText(pdf.bytes);
    expect(read.pageSizes[0]).toEqual({ width: 595.28, height: 841.89 });
    const text = read.text.replace(/\s+/g, ' ');
    for (const title of [
      'Personnes accompagnées selon l’âge',
      'Personnes accompagnées selon le genre',
      'Situation à l’entrée',
      'Orientation : qui a orienté les personnes',
      'Chiffre d’affaires HT par mois et par pôle d’activité',
      'Clients facturés selon leur nature',
    ]) {
      expect(text).toContain(title);
    }
    expect(text).toContain('Région');
    expect(text).toContain('Secret statistique');
    expect(text).toContain('Bouche-à-oreille < 5');
    expect(text).toContain('Femmes 6');
    expect(text).toContain(done.sha256);
  });

  it('lets a site’s accountant ask for the site’s report, with small counts shown, and keeps it from other sites', async () => {
    const { a, b } = region.sites;
    const asked = await platform.http('POST', `/v1/sites/${a.id}/reports`, { token: accountant, body: { kind: 'activity', from, to } });
    expect(asked.status).toBe(202);
    const reportId = asked.body.id as string;
    await eventually(async () => (await platform.http('GET', `/v1/sites/${a.id}/reports/${reportId}`, { token: a.coordinator })).body.status === 'done', {
      what: 'the site report done',
      timeoutMs: 60_000,
    });
    const rows = csvRows((await file(`/v1/sites/${a.id}/reports/${reportId}/report.csv`, accountant)).bytes);
    expect(rows.find((row) => row[0] === 'people.gender.male')?.[3]).toBe('2');
    expect(rows.find((row) => row[0] === 'economy.revenue')?.[3]).toBe('200.00');
    // Another site's coordinator, the network's routes for a non-admin, and a member: not theirs.
    expect((await platform.http('GET', `/v1/sites/${b.id}/reports/${reportId}`, { token: b.coordinator })).body.code).toBe('REPORT_NOT_FOUND');
    expect((await platform.http('GET', `/v1/reports/${reportId}`, { token: region.admin })).body.code).toBe('REPORT_NOT_FOUND');
    expect((await platform.http('POST', `/v1/sites/${a.id}/reports`, { token: member, body: { kind: 'activity', from, to } })).status).toBe(403);
  });

  it('lets a host structure’s accountant ask for its report, not the region’s', async () => {
    const refused = await platform.http('POST', '/v1/reports', { token: accountant, body: { kind: 'activity', scope: 'region', from, to } });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    const asked = await platform.http('POST', '/v1/reports', { token: accountant, body: { kind: 'activity', scope: region.hostStructureId, from, to } });
    expect(asked.status).toBe(202);
    expect(asked.body.scope).toEqual({ type: 'host', hostStructureId: region.hostStructureId });
    const done = await eventually(
      async () => {
        const seen = await platform.http('GET', `/v1/reports/${asked.body.id}`, { token: accountant });
        return seen.body.status === 'done' ? seen.body : undefined;
      },
      { what: 'the host report done', timeoutMs: 60_000 },
    );
    expect(done.progress).toBe(100);
    // A host report over both sites hides small counts like the region's.
    const rows = csvRows((await file(`/v1/reports/${asked.body.id}/report.csv`, accountant)).bytes);
    expect(rows.find((row) => row[0] === 'people.took_part')?.[3]).toBe('11');
    expect(rows.find((row) => row[0] === 'people.referrer.word_of_mouth')?.[3]).toBe('< 5');
    expect((await platform.http('GET', `/v1/reports/${asked.body.id}`, { token: member })).body.code).toBe('REPORT_NOT_FOUND');
  });

  it('refuses a bad request with a message that says what to fix', async () => {
    const bad = await platform.http('POST', '/v1/reports', { token: region.admin, body: { kind: 'funding', scope: 'everywhere', from: '2026-02-30', to } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/kind must be one of activity/);
    expect(JSON.stringify(bad.body)).toMatch(/scope must be \\"region\\" or the id of a host structure/);
    expect(JSON.stringify(bad.body)).toMatch(/from must be a date written YYYY-MM-DD/);
    const backwards = await platform.http('POST', '/v1/reports', { token: region.admin, body: { kind: 'activity', scope: 'region', from: '2026-06-30', to: '2026-01-01' } });
    expect(backwards.status).toBe(400);
    expect(backwards.body).toMatchObject({ code: 'VALIDATION_FAILED', message: 'from must be on or before to.' });
  });
});
