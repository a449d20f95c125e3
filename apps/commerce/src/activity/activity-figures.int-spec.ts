import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DomainError } from '@kpa/contracts';
import { dataSourceOptions, migrate } from '@kpa/platform';
import { createTestEnv, destroyTestEnv, TestEnv } from '@kpa/testing';
import { COMMERCE_DATABASE } from '../commerce.module';
import { ActivityFiguresRepository } from './activity-figures.repository';
import { ActivityFiguresService } from './activity-figures.service';

/**
 * Commerce's figures for the activity report against a real Postgres: revenue excluding VAT by the
 * invoiced mission's pole and month of issue (drafts and other periods left out, deposits a final
 * invoice deducts counted once, credit notes of the period subtracted), clients invoiced by kind,
 * hours of completed missions; of some sites or of the region.
 */
describe('commerce activity figures', () => {
  let env: TestEnv;
  let dataSource: DataSource;
  let service: ActivityFiguresService;
  const siteA = randomUUID();
  const siteB = randomUUID();
  const company = randomUUID();
  const person = randomUUID();
  const companyB = randomUUID();
  const kitchen = randomUUID();

  let sequence = 0;
  async function invoice(
    siteId: string,
    clientId: string,
    issuedOn: string | null,
    netCents: number,
    more: { missionId?: string; kind?: string; depositsNetCents?: number } = {},
  ): Promise<string> {
    const id = randomUUID();
    const deposits = more.depositsNetCents ?? 0;
    await dataSource.query(
      `INSERT INTO commerce.invoice (id, site_id, client_id, kind, status, number, issued_on, due_on, mission_id, deposit_invoice_ids, operation_category, lines, totals, printable,
                                    total_cents, net_cents, deposits_cents, deposits_net_cents, created_by, created_by_role, created_at, updated_at)
       VALUES ($1, $2, $3, $4, CASE WHEN $5::date IS NULL THEN 'draft' ELSE 'issued' END, CASE WHEN $5::date IS NULL THEN NULL ELSE 'F-' || $6 END, $5, $5, $7,
               CASE WHEN $4 = 'final' THEN ARRAY[gen_random_uuid()] ELSE '{}'::uuid[] END, 'services', '[]', '{}', CASE WHEN $5::date IS NULL THEN NULL ELSE '{}'::jsonb END,
               $8::bigint * 12 / 10, $8, $9::bigint * 12 / 10, $9, gen_random_uuid(), 'coordinator', now(), now())`,
      [id, siteId, clientId, more.kind ?? 'standard', issuedOn, ++sequence, more.missionId ?? null, netCents, deposits],
    );
    return id;
  }

  beforeAll(async () => {
    env = await createTestEnv('commerce_activity');
    dataSource = await new DataSource(
      dataSourceOptions({ url: env.databaseUrl, schema: 'commerce', entities: COMMERCE_DATABASE.entities, migrations: COMMERCE_DATABASE.migrations }),
    ).initialize();
    await migrate(dataSource, 'commerce');
    for (const [id, siteId, kind] of [
      [company, siteA, 'company'],
      [person, siteA, 'individual'],
      [companyB, siteB, 'association'],
    ]) {
      await dataSource.query(
        `INSERT INTO commerce.client (id, site_id, kind, name, billing_address, created_at, updated_at) VALUES ($1, $2, $3, 'Client', '{"line":"1 rue","postalCode":"59100","city":"Roubaix"}', now(), now())`,
        [id, siteId, kind],
      );
    }
    await dataSource.query(
      `INSERT INTO commerce.mission (id, site_id, title, activity_pole, starts_on, ends_on, people_needed, status, team_confirmed_on, completed_on, created_by, created_at, updated_at)
       VALUES ($1, $2, 'Traiteur', 'restauration', '2026-03-10', '2026-03-10', 2, 'completed', '2026-03-01', '2026-03-10', gen_random_uuid(), now(), now()),
              ($3, $2, 'Hors période', 'restauration', '2025-03-10', '2025-03-10', 1, 'completed', '2025-03-01', '2025-03-10', gen_random_uuid(), now(), now())`,
      [kitchen, siteA, randomUUID()],
    );
    await dataSource.query(`INSERT INTO commerce.mission_participant (mission_id, member_id, site_id, hours_hundredths) VALUES ($1, $2, $3, 350), ($1, $4, $3, 425)`, [
      kitchen,
      randomUUID(),
      siteA,
      randomUUID(),
    ]);
    await invoice(siteA, company, '2026-03-12', 50000, { missionId: kitchen });
    await invoice(siteA, company, '2026-03-20', 30000, { missionId: kitchen, kind: 'final', depositsNetCents: 10000 });
    const credited = await invoice(siteA, person, '2026-04-02', 8000);
    await invoice(siteA, person, null, 99999);
    await invoice(siteA, company, '2025-12-31', 77777);
    await invoice(siteB, companyB, '2026-04-15', 12345);
    await dataSource.query(
      `INSERT INTO commerce.credit_note (id, site_id, invoice_id, number, issued_on, full_credit, lines, totals, printable, net_cents, vat_cents, total_cents, created_by, created_at)
       VALUES (gen_random_uuid(), $1, $2, 'A-1', '2026-05-05', false, '[]', '{}', '{}', 3000, 600, 3600, gen_random_uuid(), now())`,
      [siteA, credited],
    );
    service = new ActivityFiguresService(dataSource, new ActivityFiguresRepository());
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (env) await destroyTestEnv(env);
  });

  it('adds up a site’s revenue by pole and month, its clients by kind and its mission hours', async () => {
    const figures = await service.figures({ siteIds: [siteA], from: '2026-01-01', to: '2026-06-30' });
    expect(figures.revenueByPoleAndMonth).toEqual([
      { pole: 'restauration', month: '2026-03', netCents: 70000 },
      { pole: null, month: '2026-04', netCents: 8000 },
      { pole: null, month: '2026-05', netCents: -3000 },
    ]);
    expect(figures.clientsByKind).toEqual({ company: 1, individual: 1 });
    expect(figures.missionHours).toBe('7.75');
  });

  it('counts the whole region when no site is named, and nothing outside the period', async () => {
    const region = await service.figures({ from: '2026-01-01', to: '2026-06-30' });
    expect(region.revenueByPoleAndMonth.reduce((sum, row) => sum + row.netCents, 0)).toBe(70000 + 8000 - 3000 + 12345);
    expect(region.clientsByKind).toEqual({ company: 1, individual: 1, association: 1 });
    const before = await service.figures({ from: '2025-01-01', to: '2025-12-31' });
    expect(before.revenueByPoleAndMonth).toEqual([{ pole: null, month: '2025-12', netCents: 77777 }]);
    expect(before.missionHours).toBe('0.00');
    expect((await service.figures({ siteIds: [], from: '2026-01-01', to: '2026-06-30' })).revenueByPoleAndMonth).toEqual([]);
  });

  it('refuses a period that ends before it starts and ids that are not site ids', async () => {
    await expect(service.figures({ from: '2026-02-01', to: '2026-01-01' })).rejects.toBeInstanceOf(DomainError);
    await expect(service.figures({ siteIds: ['nope'], from: '2026-01-01', to: '2026-02-01' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
