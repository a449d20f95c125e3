import { eventually } from '@kpa/testing';
import { COORDINATOR_PASSWORD, Region, setUpRegion, siteUserToken, today, untilCommerceKnows, usePlatform } from './platform';

const cents = (value: string) => Math.round(Number(value) * 100);

/**
 * A host structure's B2C e-reporting over HTTP: a B2C invoice with mixed rates issued and partly
 * paid, a business invoice beside it; the figures (JSON and CSV) equal the invoice's own totals per
 * rate; who may read them (network admin, the host's coordinators and accountants) and who reads
 * them as not found (a member, another host structure's coordinator); bad ranges are a 400.
 */
describe('e-reporting over HTTP', () => {
  const platform = usePlatform('e2e_e_reporting');
  let region: Region;
  let otherCoordinator: string;
  let member: string;
  let accountant: string;
  const day = today();
  const siteA = () => region.sites.a;
  const eReporting = (hostId = region.hostStructureId, query = `from=${day}&to=${day}&frequency=whole`) => `/v1/host-structures/${hostId}/e-reporting?${query}`;
  const address = { line: '8 rue Jules Guesde', postalCode: '59100', city: 'Roubaix' };

  beforeAll(async () => {
    region = await setUpRegion(platform);
    member = await siteUserToken(platform, siteA(), 'member');
    accountant = await siteUserToken(platform, siteA(), 'accountant');
    // Another host structure with its own site and coordinator.
    const other = await platform.http('POST', '/v1/host-structures', {
      token: region.admin,
      body: { kind: 'business_incubator', legalName: 'Couveuse du Littoral', siret: '35600000049837', city: 'Dunkerque' },
    });
    expect(other.status).toBe(201);
    const site = await platform.http('POST', '/v1/sites', {
      token: region.admin,
      body: { name: 'Synthe', code: 'SYNTHE', city: 'Grande-Synthe', status: 'active', hostStructureId: other.body.id },
    });
    await platform.http('POST', `/v1/sites/${site.body.id}/users`, {
      token: region.admin,
      body: { email: 'coordination@synthe.kpa.local', displayName: 'Coordination SYNTHE', role: 'coordinator', password: COORDINATOR_PASSWORD },
    });
    otherCoordinator = (await platform.login('coordination@synthe.kpa.local', COORDINATOR_PASSWORD)).accessToken;
    const patched = await platform.http('PATCH', `/v1/host-structures/${region.hostStructureId}`, {
      token: region.admin,
      body: { legalForm: 'SCOP SARL à capital variable', shareCapital: '15000.00', rcsCity: 'Lille', addressLine: '12 rue de la Paix', postalCode: '59000' },
    });
    expect(patched.status).toBe(200);
    await untilCommerceKnows(platform, [siteA().id]);
    await eventually(async () => (await platform.query("SELECT 1 FROM commerce.seller_host_structure WHERE identity->>'legalForm' IS NOT NULL")).length === 1, {
      what: "the host's legal form known by commerce",
    });
  });

  it('reports the B2C invoice and its payment per rate, equal to the invoice to the cent, as JSON and CSV', async () => {
    const at = (path: string) => `/v1/sites/${siteA().id}${path}`;
    const post = (path: string, body: unknown) => platform.http('POST', at(path), { token: siteA().coordinator, body });
    const individual = await post('/clients', { kind: 'individual', name: 'Łukasz Dağlı', billingAddress: address });
    const company = await post('/clients', { kind: 'company', name: 'Boulangerie du Pile', billingAddress: address, siret: '120 027 016 00357', vatNumber: 'FR 85 120027016' });
    const issue = async (clientId: string, lines: unknown[]) => {
      const draft = await post('/invoices', { clientId, lines, supplyDate: day });
      expect(draft.status).toBe(201);
      const issued = await post(`/invoices/${draft.body.id}/issue`, undefined);
      expect(issued.status).toBe(200);
      return issued.body;
    };
    const b2c = await issue(individual.body.id, [
      { description: 'Jardinage', quantity: '3', unit: 'hour', unitPrice: '41.15', vatRate: '20' },
      { description: 'Repas', quantity: '1', unit: 'piece', unitPrice: '10.01', vatRate: '5.5' },
    ]);
    const b2b = await issue(company.body.id, [{ description: 'Buffet', quantity: '1', unit: 'flat_rate', unitPrice: '1000', vatRate: '20' }]);
    expect((await post(`/invoices/${b2c.id}/payments`, { amount: b2c.totals.total, receivedOn: day, method: 'cash' })).status).toBe(201);
    expect((await post(`/invoices/${b2b.id}/payments`, { amount: b2b.totals.total, receivedOn: day, method: 'transfer' })).status).toBe(201);

    const answer = await platform.http('GET', eReporting(), { token: region.admin });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ servicesVatDue: 'receipts', paymentsNote: null });
    const [period] = answer.body.periods;
    expect(period.transactions.rates.map((r: { rate: string; nature: string; base: string; vat: string }) => [r.rate, r.nature, r.base, r.vat])).toEqual(
      b2c.totals.vatBreakdown.map((g: { rate: string; base: string; vat: string }) => [g.rate, 'service', g.base, g.vat]),
    );
    expect(period.transactions.total).toBe(b2c.totals.total);
    expect(period.payments.rates.map((r: { rate: string; base: string; vat: string }) => [r.rate, r.base, r.vat])).toEqual(
      b2c.totals.vatBreakdown.map((g: { rate: string; base: string; vat: string }) => [g.rate, g.base, g.vat]),
    );
    expect(cents(period.payments.amount)).toBe(cents(b2c.totals.total));

    const csv = await platform.http('GET', eReporting().replace('/e-reporting?', '/e-reporting.csv?'), { token: accountant });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="e-reporting-${day}-${day}.csv"`);
    const rows = (csv.body as string).replace(/^\ufeff/, '').split('\r\n');
    expect(rows[0]).toMatch(/^Début de période;Fin de période;Données;/);
    const twenty = b2c.totals.vatBreakdown.find((g: { rate: string }) => g.rate === '20');
    expect(rows).toContain(
      `${day.split('-').reverse().join('/')};${day.split('-').reverse().join('/')};Opérations;Services;S;20;;${twenty.base.replace('.', ',')};${twenty.vat.replace('.', ',')};${(
        (cents(twenty.base) + cents(twenty.vat)) /
        100
      )
        .toFixed(2)
        .replace('.', ',')};${((cents(twenty.base) + cents(twenty.vat)) / 100).toFixed(2).replace('.', ',')};0,00`,
    );
    expect(csv.body).not.toContain('Łukasz');
  });

  it("lets the network admin and the host's coordinators and accountants read it; others read it as not found", async () => {
    for (const token of [region.admin, siteA().coordinator, region.sites.b.coordinator, accountant]) {
      expect((await platform.http('GET', eReporting(), { token })).status).toBe(200);
    }
    for (const token of [member, otherCoordinator]) {
      const refused = await platform.http('GET', eReporting(), { token });
      expect(refused.status).toBe(404);
      expect(refused.body.code).toBe('HOST_STRUCTURE_NOT_FOUND');
      expect(refused.body).not.toHaveProperty('periods');
    }
    expect((await platform.http('GET', eReporting())).status).toBe(401);
    const unknown = await platform.http('GET', eReporting('0190a000-0000-7000-8000-000000000000'), { token: region.admin });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'HOST_STRUCTURE_NOT_FOUND']);
  });

  it('refuses bad dates and ranges over a year with a 400 that names the field', async () => {
    const bad = await platform.http('GET', eReporting(region.hostStructureId, 'from=2026-02-30&to=2026-03-31'), { token: region.admin });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(JSON.stringify(bad.body)).toContain('from');
    const long = await platform.http('GET', eReporting(region.hostStructureId, 'from=2025-01-01&to=2026-06-30'), { token: region.admin });
    expect([long.status, long.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(long.body.message).toMatch(/at most 366 days/);
    const half = await platform.http('GET', eReporting(region.hostStructureId, 'from=2026-01-01'), { token: region.admin });
    expect([half.status, half.body.details?.field]).toEqual([400, 'to']);
    const monthly = await platform.http('GET', `/v1/host-structures/${region.hostStructureId}/e-reporting`, { token: siteA().coordinator });
    expect(monthly.status).toBe(200);
    expect(monthly.body.frequency).toBe('monthly');
    expect(monthly.body.periods).toHaveLength(1);
  });

  it('reports no payment data once the host structure opts for VAT on debits, and says why', async () => {
    const patched = await platform.http('PATCH', `/v1/host-structures/${region.hostStructureId}`, { token: region.admin, body: { vatOnDebits: true } });
    expect([patched.status, patched.body.vatOnDebits]).toEqual([200, true]);
    await eventually(async () => (await platform.query("SELECT 1 FROM commerce.seller_host_structure WHERE identity->>'vatOnDebits' = 'true'")).length === 1, {
      what: "the host's option for debits known by commerce",
    });
    const answer = await platform.http('GET', eReporting(), { token: siteA().coordinator });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ servicesVatDue: 'debits', paymentsNote: expect.stringContaining('VAT on debits') });
    expect(answer.body.periods.map((p: { payments: unknown }) => p.payments)).toEqual([null]);
    expect(answer.body.periods[0].transactions.invoiceCount).toBe(1);
    const csv = await platform.http('GET', eReporting().replace('/e-reporting?', '/e-reporting.csv?'), { token: accountant });
    expect(csv.body).toContain("Encaissements non déclarés : Option pour le paiement de la taxe d'après les débits");
    expect(csv.body).not.toContain(';Encaissements;');
  });
});
