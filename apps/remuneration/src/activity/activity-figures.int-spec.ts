import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions, migrate } from '@kpa/platform';
import { createTestEnv, destroyTestEnv, TestEnv } from '@kpa/testing';
import { REMUNERATION_DATABASE } from '../remuneration.module';
import { ActivityFiguresRepository } from './activity-figures.repository';
import { ActivityFiguresService } from './activity-figures.service';

/**
 * Remuneration's figures for the activity report against a real Postgres: validated contributive
 * hours worked in the period (not submitted nor rejected ones), and what the periods closed in it
 * distributed (an open period distributed nothing yet); of some sites or of the region.
 */
describe('remuneration activity figures', () => {
  let env: TestEnv;
  let dataSource: DataSource;
  let service: ActivityFiguresService;
  const siteA = randomUUID();
  const siteB = randomUUID();
  const memberA = randomUUID();
  const memberB = randomUUID();

  async function contribution(siteId: string, memberId: string, workedOn: string, hundredths: number, status: 'submitted' | 'validated' | 'rejected'): Promise<void> {
    await dataSource.query(
      `INSERT INTO remuneration.contribution (id, site_id, member_id, kind, worked_on, hundredths, status, reason, created_by, decided_by, decided_at, created_at, updated_at)
       VALUES (gen_random_uuid(), $1, $2, 'contributive_day', $3, $4, $5, CASE WHEN $5 = 'rejected' THEN 'doublon' END, gen_random_uuid(),
               CASE WHEN $5 <> 'submitted' THEN gen_random_uuid() END, CASE WHEN $5 <> 'submitted' THEN now() END, now(), now())`,
      [siteId, memberId, workedOn, hundredths, status],
    );
  }

  async function period(siteId: string, startsOn: string, endsOn: string, distributed: string | null): Promise<void> {
    await dataSource.query(
      `INSERT INTO remuneration.period (id, site_id, starts_on, ends_on, status, figures, closed_at, closed_by, created_at, updated_at)
       VALUES (gen_random_uuid(), $1, $2, $3, CASE WHEN $4::text IS NULL THEN 'open' ELSE 'closed' END,
               CASE WHEN $4::text IS NULL THEN NULL ELSE jsonb_build_object('distribution', jsonb_build_object('distributed', $4::text)) END,
               CASE WHEN $4::text IS NULL THEN NULL ELSE now() END, CASE WHEN $4::text IS NULL THEN NULL ELSE gen_random_uuid() END, now(), now())`,
      [siteId, startsOn, endsOn, distributed],
    );
  }

  beforeAll(async () => {
    env = await createTestEnv('remuneration_activity');
    dataSource = await new DataSource(
      dataSourceOptions({ url: env.databaseUrl, schema: 'remuneration', entities: REMUNERATION_DATABASE.entities, migrations: REMUNERATION_DATABASE.migrations }),
    ).initialize();
    await migrate(dataSource, 'remuneration');
    await dataSource.query(
      `INSERT INTO remuneration.known_member (id, site_id, first_name, last_name, adult_on, joined_on, active, updated_at)
       VALUES ($1, $2, 'Inès', 'Benali', NULL, '2025-01-01', true, now()), ($3, $4, 'Karim', 'Haddad', NULL, '2025-01-01', true, now())`,
      [memberA, siteA, memberB, siteB],
    );
    await contribution(siteA, memberA, '2026-02-03', 350, 'validated');
    await contribution(siteA, memberA, '2026-02-04', 400, 'submitted');
    await contribution(siteA, memberA, '2026-02-05', 200, 'rejected');
    await contribution(siteA, memberA, '2025-12-31', 800, 'validated');
    await contribution(siteB, memberB, '2026-03-01', 125, 'validated');
    await period(siteA, '2026-01-01', '2026-01-31', '1200.50');
    await period(siteA, '2026-02-01', '2026-02-28', null);
    await period(siteB, '2026-01-01', '2026-01-31', '99.99');
    await period(siteB, '2025-12-01', '2025-12-31', '500.00');
    service = new ActivityFiguresService(dataSource, new ActivityFiguresRepository());
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (env) await destroyTestEnv(env);
  });

  it('counts a site’s validated contributive hours and what its closed periods distributed', async () => {
    expect(await service.figures({ siteIds: [siteA], from: '2026-01-01', to: '2026-06-30' })).toEqual({
      from: '2026-01-01',
      to: '2026-06-30',
      contributiveHours: '3.50',
      distributed: '1200.50',
    });
  });

  it('adds up the region when no site is named, within the period only', async () => {
    const region = await service.figures({ from: '2026-01-01', to: '2026-06-30' });
    expect(region).toMatchObject({ contributiveHours: '4.75', distributed: '1300.49' });
    expect(await service.figures({ from: '2025-12-01', to: '2025-12-31' })).toMatchObject({ contributiveHours: '8.00', distributed: '500.00' });
  });
});
