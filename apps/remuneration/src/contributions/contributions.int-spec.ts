import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { addDays, DomainError, RemunerationActor } from '@kpa/contracts';
import { dataSourceOptions, migrate, OutboxRelay, todayInFrance, UnitOfWork } from '@kpa/platform';
import { createTestEnv, destroyTestEnv, TestEnv } from '@kpa/testing';
import { isoWeekOf } from '../periods/period';
import { REMUNERATION_DATABASE } from '../remuneration.module';
import { ContributionsService } from './contributions.service';
import { ContributionsRepository } from './contributions.repository';
import { DirectoryRepository } from '../directory/directory.repository';

/**
 * Contributions against a real Postgres, from two instances (two connection pools): a minor's
 * limits hold when two entries are logged at once, and count the hours of completed missions on
 * the day they were completed. The list's totals add mission hours as kind `mission`.
 */
describe('contributions in Postgres', () => {
  let env: TestEnv;
  const instances: { dataSource: DataSource; contributions: ContributionsService }[] = [];
  const siteId = randomUUID();
  const otherSiteId = randomUUID();
  const minorId = randomUUID();
  const adultId = randomUUID();
  const coordinator: RemunerationActor = { userId: randomUUID(), role: 'coordinator', memberId: null };
  const today = todayInFrance();
  // A Monday to Friday inside one past ISO week, so every day of it may be logged.
  const monday = isoWeekOf(addDays(today, -14)).startsOn;
  const idle = { kick: () => undefined } as unknown as OutboxRelay;

  async function codeOf(work: Promise<unknown>): Promise<string> {
    try {
      await work;
    } catch (error) {
      if (error instanceof DomainError) return error.code;
      throw error;
    }
    return 'ok';
  }

  beforeAll(async () => {
    env = await createTestEnv('remuneration_contributions');
    for (let i = 0; i < 2; i++) {
      const dataSource = await new DataSource(
        dataSourceOptions({ url: env.databaseUrl, schema: 'remuneration', entities: REMUNERATION_DATABASE.entities, migrations: REMUNERATION_DATABASE.migrations, poolSize: 10 }),
      ).initialize();
      if (i === 0) await migrate(dataSource, 'remuneration');
      instances.push({
        dataSource,
        contributions: new ContributionsService(
          new UnitOfWork(dataSource, idle, { schema: 'remuneration' }),
          new ContributionsRepository(dataSource),
          new DirectoryRepository(dataSource),
        ),
      });
    }
    const db = instances[0].dataSource;
    // Inès turns 18 in more than a year; Karim is an adult.
    await db.query(
      `INSERT INTO remuneration.known_member (id, site_id, first_name, last_name, adult_on, joined_on, active, updated_at)
       VALUES ($1, $3, 'Inès', 'Benali', ($4::date + 400), ($4::date - 100), true, now()), ($2, $3, 'Karim', 'Haddad', NULL, ($4::date - 100), true, now())`,
      [minorId, adultId, siteId, today],
    );
  });

  afterAll(async () => {
    for (const { dataSource } of instances) await dataSource.destroy();
    if (env) await destroyTestEnv(env);
  });

  const log = (i: number, memberId: string, date: string, hours: string, startTime?: string) =>
    instances[i].contributions.create({ siteId, actor: coordinator, memberId, contribution: { kind: 'contributive_day', date, hours, startTime } });

  it('two entries logged at once for a minor cannot together pass 8 hours a day', async () => {
    const outcomes = await Promise.all([log(0, minorId, monday, '5'), log(1, minorId, monday, '5')].map(codeOf));
    expect(outcomes.sort()).toEqual(['MINOR_DAILY_HOURS_EXCEEDED', 'ok']);
    expect(await codeOf(log(0, minorId, monday, '3'))).toBe('ok');
    // An adult has no such limit.
    expect(await Promise.all([log(0, adultId, monday, '7'), log(1, adultId, monday, '7')].map(codeOf))).toEqual(['ok', 'ok']);
  });

  it('mission hours count on the day the mission was completed; a rejected entry does not count', async () => {
    const tuesday = addDays(monday, 1);
    await instances[0].dataSource.query(
      `INSERT INTO remuneration.mission_hours (mission_id, member_id, site_id, completed_on, title, hundredths) VALUES ($1, $2, $3, $4, 'Cantine partagée', 600)`,
      [randomUUID(), minorId, siteId, tuesday],
    );
    expect(await codeOf(log(0, minorId, tuesday, '2.01'))).toBe('MINOR_DAILY_HOURS_EXCEEDED');
    const two = await log(0, minorId, tuesday, '2');
    await instances[1].contributions.reject({ siteId, contributionId: two.id, actor: coordinator, reason: 'Doublon' });
    expect(await codeOf(log(1, minorId, tuesday, '2'))).toBe('ok');
  });

  it('a minor: 35 hours a week counting missions, and never at night', async () => {
    // Monday 8 h, Tuesday 6 h of mission + 2 h: 16 h so far this week.
    expect(await codeOf(log(0, minorId, addDays(monday, 2), '8'))).toBe('ok');
    expect(await codeOf(log(0, minorId, addDays(monday, 3), '8'))).toBe('ok');
    expect(await codeOf(log(0, minorId, addDays(monday, 4), '3.01'))).toBe('MINOR_WEEKLY_HOURS_EXCEEDED');
    expect(await codeOf(log(0, minorId, addDays(monday, 4), '3'))).toBe('ok');
    expect(await codeOf(log(0, minorId, addDays(monday, 7), '2', '21:00'))).toBe('MINOR_NIGHT_WORK');
    expect(await codeOf(log(0, minorId, addDays(monday, 7), '2', '05:30'))).toBe('MINOR_NIGHT_WORK');
    expect(await codeOf(log(0, minorId, addDays(monday, 7), '2', '20:00'))).toBe('ok');
  });

  it('totals per kind over the filters, mission hours as kind mission; another site sees none of it', async () => {
    const week = { from: monday, to: addDays(monday, 6) };
    const page = await instances[1].contributions.list({ siteId, memberId: minorId, ...week });
    expect(page.totals.byKind).toEqual({
      contributive_day: { validated: '0.00', submitted: '29.00' },
      collective_task: { validated: '0.00', submitted: '0.00' },
      peer_training: { validated: '0.00', submitted: '0.00' },
      mission: { validated: '6.00', submitted: '0.00' },
    });
    expect(page.items.map((c) => c.status).filter((s) => s === 'rejected')).toHaveLength(1);
    const first = page.items[0];
    await instances[0].contributions.validate({ siteId, contributionId: first.id, actor: coordinator });
    expect(await codeOf(instances[1].contributions.validate({ siteId, contributionId: first.id, actor: coordinator }))).toBe('CONTRIBUTION_TRANSITION_REFUSED');
    const validated = await instances[1].contributions.list({ siteId, memberId: minorId, status: 'validated', ...week });
    expect(validated.items.map((c) => c.id)).toEqual([first.id]);
    expect(validated.totals.byKind.contributive_day).toEqual({ validated: first.hours, submitted: '0.00' });
    expect(validated.totals.byKind.mission.validated).toBe('6.00');
    expect((await instances[1].contributions.list({ siteId, memberId: minorId, status: 'submitted', ...week })).totals.byKind.mission.validated).toBe('0.00');

    expect(await codeOf(instances[0].contributions.get({ siteId: otherSiteId, contributionId: first.id }))).toBe('CONTRIBUTION_NOT_FOUND');
    expect((await instances[0].contributions.list({ siteId: otherSiteId })).totals.all).toEqual({ validated: '0.00', submitted: '0.00' });
    expect(
      await codeOf(
        instances[0].contributions.create({ siteId: otherSiteId, actor: coordinator, memberId: minorId, contribution: { kind: 'contributive_day', date: monday, hours: '1' } }),
      ),
    ).toBe('MEMBER_NOT_FOUND');
  });

  it('pages through entries in order of creation with the same totals on every page', async () => {
    const first = await instances[0].contributions.list({ siteId, memberId: minorId, limit: 3 });
    const second = await instances[0].contributions.list({ siteId, memberId: minorId, limit: 3, cursor: first.nextCursor! });
    expect(first.items).toHaveLength(3);
    expect(second.items.length).toBeGreaterThan(0);
    expect(new Set([...first.items, ...second.items].map((c) => c.id)).size).toBe(first.items.length + second.items.length);
    expect(second.totals).toEqual(first.totals);
  });
});
