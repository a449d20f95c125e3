import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DomainError, EventEnvelope, MEMBER_ERASED_V1, MemberErasedV1, PeriodActor, PeriodView } from '@kpa/contracts';
import { dataSourceOptions, handlerKey, migrate, OutboxRelay, todayInFrance, UnitOfWork } from '@kpa/platform';
import { createTestEnv, destroyTestEnv, TestEnv } from '@kpa/testing';
import { parseMoney, sumOf } from '../units';
import { REMUNERATION_DATABASE } from '../remuneration.module';
import { ObjectionsService } from './objections.service';
import { ERASED_OBJECTION_TEXT, PeriodErasureSubscription } from './period-erasure.subscription';
import { PeriodsService } from './periods.service';
import { PeriodsRepository } from './periods.repository';
import { ObjectionsRepository } from './objections.repository';
import { RecognitionsRepository } from './recognitions.repository';
import { DirectoryRepository } from '../directory/directory.repository';
import { SiteSettingsRepository } from '../settings/site-settings.repository';
import { RecognitionsService } from './recognitions.service';

/**
 * Periods against a real Postgres, with two service instances (two connection pools): closing
 * counts the ledger rows and freezes shares that add up to the distributed amount to the cent; a
 * late payment dated in a frozen period goes to the next one; the order of closing and reopening;
 * gifts racing for the same budget; the current period opened once by two instances at once;
 * objections hold the approval; the CSV export; another site's period does not exist.
 *
 * The ledger rows (R1's tables) are written directly, as the event consumers would. The outbox
 * rows are real; the relay is not started (its own tests cover publishing).
 */
describe('periods in Postgres', () => {
  let env: TestEnv;
  const instances: { dataSource: DataSource; periods: PeriodsService; recognitions: RecognitionsService; objections: ObjectionsService }[] = [];
  const siteId = randomUUID();
  const otherSiteId = randomUUID();
  const hostId = randomUUID();
  const coordinator: PeriodActor = { userId: randomUUID(), role: 'coordinator', memberId: null };
  const accountant: PeriodActor = { userId: randomUUID(), role: 'accountant', memberId: null };
  const m = { ines: randomUUID(), karim: randomUUID(), lina: randomUUID(), paul: randomUUID() };
  const as = (memberId: string): PeriodActor => ({ userId: randomUUID(), role: 'member', memberId });
  const missionId = randomUUID();
  const idle = { kick: () => undefined } as unknown as OutboxRelay;
  const periodIds: Record<string, string> = {};
  const db = () => instances[0].dataSource;

  async function codeOf(promise: Promise<unknown>): Promise<string> {
    try {
      await promise;
    } catch (error) {
      return error instanceof DomainError ? error.code : String(error);
    }
    return 'resolved';
  }

  async function payment(occurredOn: string, netCents: number, vatCents: number, reference: string, mission: string | null = null): Promise<string> {
    const id = randomUUID();
    await db().query(
      `INSERT INTO remuneration.money_movement (id, site_id, kind, occurred_on, net_cents, vat_cents, mission_id, reference) VALUES ($1, $2, 'payment', $3, $4, $5, $6, $7)`,
      [id, siteId, occurredOn, netCents, vatCents, mission, reference],
    );
    return id;
  }

  const cents = (amount: string) => parseMoney(amount, 'amount', true);
  const sumShares = (view: PeriodView) => sumOf(view.figures.shares.map((s) => cents(s.total)));

  beforeAll(async () => {
    env = await createTestEnv('periods');
    for (let i = 0; i < 2; i++) {
      const dataSource = await new DataSource(
        dataSourceOptions({ url: env.databaseUrl, schema: 'remuneration', entities: REMUNERATION_DATABASE.entities, migrations: REMUNERATION_DATABASE.migrations, poolSize: 10 }),
      ).initialize();
      if (i === 0) await migrate(dataSource, 'remuneration');
      const unitOfWork = new UnitOfWork(dataSource, idle, { schema: 'remuneration' });
      const repositories = {
        periods: new PeriodsRepository(dataSource),
        objections: new ObjectionsRepository(dataSource),
        directory: new DirectoryRepository(dataSource),
        settings: new SiteSettingsRepository(dataSource),
      };
      instances.push({
        dataSource,
        periods: new PeriodsService(dataSource, unitOfWork, repositories.periods, repositories.objections, repositories.directory, repositories.settings),
        recognitions: new RecognitionsService(unitOfWork, repositories.periods, new RecognitionsRepository(dataSource), repositories.directory, repositories.settings),
        objections: new ObjectionsService(unitOfWork, repositories.periods, repositories.objections),
      });
    }
    await db().query(`INSERT INTO remuneration.known_host (id, vat_franchise, legal_name, updated_at) VALUES ($1, false, 'CAE Grand Nord', now())`, [hostId]);
    await db().query(
      `INSERT INTO remuneration.known_site (id, code, name, host_structure_id, updated_at) VALUES ($1, 'LACAPE', 'La Cape', $2, now()), ($3, 'MOULINS', 'Moulins', $2, now())`,
      [siteId, hostId, otherSiteId],
    );
    const member = (id: string, first: string, last: string, joinedOn: string, leftOn: string | null) =>
      db().query(`INSERT INTO remuneration.known_member (id, site_id, first_name, last_name, joined_on, left_on, active, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, now())`, [
        id,
        siteId,
        first,
        last,
        joinedOn,
        leftOn,
        leftOn === null,
      ]);
    await member(m.ines, 'Inès', 'Benali', '2026-01-05', null);
    await member(m.karim, 'Karim', 'Haddad', '2026-01-05', null);
    await member(m.lina, 'Lina', 'Moreau', '2026-02-01', null);
    await member(m.paul, 'Paul', 'Adam', '2025-06-01', '2026-02-10');

    // March: a mission of 18 h and its payment, a payment of February nobody counted (carry-in), an expense, a validated and a submitted contribution.
    await db().query(
      `INSERT INTO remuneration.mission_hours (mission_id, member_id, site_id, completed_on, title, hundredths) VALUES ($1, $2, $4, '2026-03-09', 'Buffet', 800), ($1, $3, $4, '2026-03-09', 'Buffet', 1000)`,
      [missionId, m.ines, m.karim, siteId],
    );
    await payment('2026-03-20', 123_456, 24_691, 'LACAPE-F-2026-00001', missionId);
    await payment('2026-02-27', 10_001, 0, 'LACAPE-F-2026-00000');
    await payment('2026-04-02', 50_000, 10_000, 'LACAPE-F-2026-00002');
    await db().query(
      `INSERT INTO remuneration.money_movement (id, site_id, kind, occurred_on, net_cents, vat_cents, reference) VALUES ($1, $2, 'expense', '2026-03-12', 3333, 667, 'supplies')`,
      [randomUUID(), siteId],
    );
    const contribution = (memberId: string, workedOn: string, hundredths: number, status: string) =>
      db().query(
        `INSERT INTO remuneration.contribution (id, site_id, member_id, kind, task, worked_on, hundredths, status, created_by, decided_by, decided_at, created_at, updated_at)
         VALUES ($1, $2, $3, 'collective_task', 'cleaning', $4, $5, $6, $7, $8, $9, now(), now())`,
        [
          randomUUID(),
          siteId,
          memberId,
          workedOn,
          hundredths,
          status,
          coordinator.userId,
          status === 'submitted' ? null : coordinator.userId,
          status === 'submitted' ? null : new Date(),
        ],
      );
    await contribution(m.lina, '2026-03-03', 450, 'validated');
    await contribution(m.lina, '2026-03-04', 300, 'submitted');
  });

  afterAll(async () => {
    for (const { dataSource } of instances) await dataSource.destroy();
    if (env) await destroyTestEnv(env);
  });

  it('creates periods by hand (within a month, no overlap), and opens the current one once when two instances list at once', async () => {
    const march = await instances[0].periods.create({ siteId, actor: coordinator, startsOn: '2026-03-01', endsOn: '2026-03-31' });
    expect(march).toMatchObject({ status: 'open', payMonth: '2026-03', totals: null, figures: { kind: 'preview' } });
    periodIds.march = march.id;
    periodIds.april = (await instances[1].periods.create({ siteId, actor: coordinator, startsOn: '2026-04-01', endsOn: '2026-04-30' })).id;
    expect(await codeOf(instances[0].periods.create({ siteId, actor: coordinator, startsOn: '2026-04-15', endsOn: '2026-04-20' }))).toBe('PERIOD_OVERLAP');
    expect(await codeOf(instances[0].periods.create({ siteId, actor: coordinator, startsOn: '2026-05-15', endsOn: '2026-06-02' }))).toBe('PERIOD_INVALID_DATES');
    // The database holds the rule too.
    expect(
      await codeOf(
        db().query(
          `INSERT INTO remuneration.period (id, site_id, starts_on, ends_on, status, created_at, updated_at) VALUES ($1, $2, '2026-03-31', '2026-03-31', 'open', now(), now())`,
          [randomUUID(), siteId],
        ),
      ),
    ).toContain('period_no_overlap');

    const pages = await Promise.all([0, 1, 0, 1].map((i) => instances[i].periods.list({ siteId })));
    const today = todayInFrance();
    const current = await db().query(`SELECT id FROM remuneration.period WHERE site_id = $1 AND starts_on <= $2 AND ends_on >= $2`, [siteId, today]);
    expect(current).toHaveLength(1);
    expect(pages[3].items.map((p) => p.startsOn)).toEqual([`${today.slice(0, 7)}-01`, '2026-04-01', '2026-03-01']);
    // Another site's periods are its own; a site remuneration does not know gets none opened.
    expect((await instances[0].periods.list({ siteId: randomUUID() })).items).toEqual([]);
  });

  it('members give points within their budget, never to themselves; two instances racing cannot overspend', async () => {
    const { recognitions } = instances[0];
    expect(await codeOf(recognitions.give({ siteId, periodId: periodIds.march, actor: as(m.ines), toMemberId: m.ines, points: 5 }))).toBe('SELF_RECOGNITION_REFUSED');
    expect(await codeOf(recognitions.give({ siteId, periodId: periodIds.march, actor: as(m.ines), toMemberId: m.paul, points: 5 }))).toBe('RECOGNITION_RECIPIENT_INACTIVE');
    expect(await codeOf(recognitions.give({ siteId, periodId: periodIds.march, actor: as(m.ines), toMemberId: randomUUID(), points: 5 }))).toBe('MEMBER_NOT_FOUND');
    expect(await codeOf(recognitions.give({ siteId, periodId: periodIds.march, actor: coordinator, toMemberId: m.karim, points: 5 }))).toBe('FORBIDDEN');

    const racing = await Promise.allSettled(
      [0, 1, 0, 1, 0].map((i) => instances[i].recognitions.give({ siteId, periodId: periodIds.march, actor: as(m.karim), toMemberId: m.ines, points: 30, note: 'Merci !' })),
    );
    expect(racing.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const refused = racing.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => (r.reason as DomainError).code);
    expect(refused).toEqual(['RECOGNITION_BUDGET_EXCEEDED', 'RECOGNITION_BUDGET_EXCEEDED']);
    const last = await recognitions.give({ siteId, periodId: periodIds.march, actor: as(m.karim), toMemberId: m.lina, points: 10 });
    expect(last).toMatchObject({ toMemberId: m.lina, toName: 'Lina Moreau', points: 10, remaining: 0 });
    await recognitions.give({ siteId, periodId: periodIds.march, actor: as(m.ines), toMemberId: m.karim, points: 40 });

    const karimRound = await recognitions.list({ siteId, periodId: periodIds.march, actor: as(m.karim) });
    expect(karimRound).toMatchObject({ budget: 100, remaining: 0, totalsVisible: false, totals: null });
    expect(karimRound.given.map((g) => g.points).sort()).toEqual([10, 30, 30, 30]);
    const linaRound = await recognitions.list({ siteId, periodId: periodIds.march, actor: as(m.lina) });
    expect(linaRound).toMatchObject({ given: [], remaining: 100 });
  });

  it('closing freezes shares that add up to the distributed amount, counts the rows, publishes the event; a late payment goes to the next period', async () => {
    const preview = await instances[1].periods.get({ siteId, periodId: periodIds.march });
    expect(preview.figures.kind).toBe('preview');
    expect(preview.figures.recognition.totals).toBeNull();

    expect(await codeOf(instances[0].periods.close({ siteId, periodId: periodIds.april, actor: coordinator }))).toBe('PERIOD_OUT_OF_ORDER');
    const closed = await instances[0].periods.close({ siteId, periodId: periodIds.march, actor: coordinator });
    expect(closed).toMatchObject({ status: 'closed', closedBy: coordinator.userId, figures: { kind: 'frozen' } });
    // Payments 1 234.56 + 100.01 (carry-in from February) = 1 334.57; 10 % = 133.46; expense 33.33 net (VAT recovered).
    expect(closed.figures.pot.terms.map((t) => [t.kind, t.amount])).toEqual([
      ['payments', '1334.57'],
      ['host_contribution', '-133.46'],
      ['expenses', '-33.33'],
      ['carry_over', '0.00'],
    ]);
    expect(closed.figures.pot.pot).toBe('1167.78');
    expect(sumShares(closed)).toBe(cents(closed.figures.distribution.distributed));
    expect(closed.figures.distribution.distributed).toBe('1167.78');
    expect(closed.totals).toEqual({ pot: '1167.78', distributed: '1167.78', undistributed: '0.00', carryOverToNext: '0.00' });
    expect(closed.figures.shares.map((s) => s.name)).toEqual(['Inès Benali', 'Karim Haddad', 'Lina Moreau']);
    expect(closed.figures.recognition.totals).toEqual([
      { memberId: m.ines, name: 'Inès Benali', points: 90 },
      { memberId: m.karim, name: 'Karim Haddad', points: 40 },
      { memberId: m.lina, name: 'Lina Moreau', points: 10 },
    ]);
    expect(closed.figures.ledger.missions[0]).toMatchObject({ missionId, margin: '1234.56' });

    const counted = await db().query(
      `SELECT (SELECT count(*)::int FROM remuneration.money_movement WHERE period_id = $1) AS movements,
              (SELECT count(*)::int FROM remuneration.mission_hours WHERE period_id = $1) AS hours,
              (SELECT count(*)::int FROM remuneration.contribution WHERE period_id = $1) AS contributions,
              (SELECT count(*)::int FROM remuneration.money_movement WHERE period_id IS NULL) AS left_over`,
      [periodIds.march],
    );
    expect(counted).toEqual([{ movements: 3, hours: 2, contributions: 1, left_over: 1 }]);
    const events = await db().query(`SELECT envelope FROM remuneration.outbox WHERE envelope->>'type' = 'remuneration.period.closed'`);
    expect(events).toHaveLength(1);
    expect(events[0].envelope).toMatchObject({
      siteId,
      version: 1,
      data: { periodId: periodIds.march, startsOn: '2026-03-01', endsOn: '2026-03-31', pot: '1167.78', distributed: '1167.78', undistributed: '0.00' },
    });
    expect(sumOf(events[0].envelope.data.shares.map((s: { amount: string }) => cents(s.amount)))).toBe(116_778n);

    // Frozen: no more gifts; a second close is refused; the recognition totals are visible now.
    expect(await codeOf(instances[1].recognitions.give({ siteId, periodId: periodIds.march, actor: as(m.lina), toMemberId: m.ines, points: 1 }))).toBe('PERIOD_NOT_OPEN');
    expect(await codeOf(instances[1].periods.close({ siteId, periodId: periodIds.march, actor: coordinator }))).toBe('PERIOD_TRANSITION_REFUSED');
    expect((await instances[1].recognitions.list({ siteId, periodId: periodIds.march, actor: as(m.lina) })).totals).toHaveLength(3);

    // A payment dated in March arrives late: it goes to April (carry-in), never into March's frozen figures.
    const late = await payment('2026-03-25', 20_000, 4_000, 'LACAPE-F-2026-00003');
    const april = await instances[1].periods.close({ siteId, periodId: periodIds.april, actor: coordinator });
    expect(april.figures.ledger.movements.map((mv) => [mv.reference, mv.carriedIn])).toEqual([
      ['LACAPE-F-2026-00003', true],
      ['LACAPE-F-2026-00002', false],
    ]);
    expect(april.figures.pot.terms.find((t) => t.kind === 'payments')?.amount).toBe('700.00');
    expect(sumShares(april)).toBe(cents(april.figures.distribution.distributed));
    expect(await db().query('SELECT period_id FROM remuneration.money_movement WHERE id = $1', [late])).toEqual([{ period_id: periodIds.april }]);
    expect((await instances[0].periods.get({ siteId, periodId: periodIds.march })).figures).toEqual(closed.figures);
  });

  it('reopens only the latest frozen period, freeing its rows; closing again gives the same figures', async () => {
    expect(await codeOf(instances[0].periods.reopen({ siteId, periodId: periodIds.march, actor: coordinator }))).toBe('PERIOD_OUT_OF_ORDER');
    const before = await instances[0].periods.get({ siteId, periodId: periodIds.april });
    const reopened = await instances[0].periods.reopen({ siteId, periodId: periodIds.april, actor: coordinator });
    expect(reopened).toMatchObject({ status: 'open', totals: null, closedAt: null, figures: { kind: 'preview' } });
    expect(await db().query('SELECT count(*)::int AS n FROM remuneration.money_movement WHERE period_id = $1', [periodIds.april])).toEqual([{ n: 0 }]);
    const again = await instances[1].periods.close({ siteId, periodId: periodIds.april, actor: coordinator });
    expect(again.figures.shares).toEqual(before.figures.shares);
    expect(again.figures.pot).toEqual(before.figures.pot);
  });

  it('objections hold the approval until answered; approved is final; the CSV adds up to the distributed amount; another site sees nothing', async () => {
    const { objections, periods } = instances[0];
    const objection = await objections.create({ siteId, periodId: periodIds.march, actor: as(m.lina), text: 'Mes heures du 4 mars manquent.' });
    expect(objection).toMatchObject({ status: 'open', name: 'Lina Moreau', answer: null });
    expect(await codeOf(objections.create({ siteId, periodId: periodIds.march, actor: coordinator, text: 'x' }))).toBe('FORBIDDEN');
    expect(await codeOf(periods.approve({ siteId, periodId: periodIds.march, actor: coordinator }))).toBe('PERIOD_OBJECTIONS_PENDING');
    expect((await objections.list({ siteId, periodId: periodIds.march, actor: as(m.karim) })).items).toEqual([]);
    expect((await objections.list({ siteId, periodId: periodIds.march, actor: accountant })).open).toBe(1);
    expect(await codeOf(objections.answer({ siteId, periodId: periodIds.march, objectionId: randomUUID(), actor: coordinator, answer: 'Non.' }))).toBe('OBJECTION_NOT_FOUND');
    const answered = await objections.answer({
      siteId,
      periodId: periodIds.march,
      objectionId: objection.id,
      actor: coordinator,
      answer: 'Soumises mais pas encore validées : elles compteront en avril.',
    });
    expect(answered).toMatchObject({ status: 'answered', answeredBy: coordinator.userId });

    expect(await codeOf(periods.export({ siteId, periodId: periodIds.march, actor: accountant }))).toBe('PERIOD_TRANSITION_REFUSED');
    const approved = await periods.approve({ siteId, periodId: periodIds.march, actor: coordinator });
    expect(approved).toMatchObject({ status: 'approved', approvedBy: coordinator.userId });
    const [event] = await db().query(`SELECT envelope FROM remuneration.outbox WHERE envelope->>'type' = 'remuneration.period.approved'`);
    expect(event.envelope.data).toMatchObject({ periodId: periodIds.march, payMonth: '2026-03', distributed: '1167.78' });
    expect(await codeOf(periods.reopen({ siteId, periodId: periodIds.march, actor: coordinator }))).toBe('PERIOD_TRANSITION_REFUSED');
    expect(await codeOf(objections.create({ siteId, periodId: periodIds.march, actor: as(m.lina), text: 'Trop tard ?' }))).toBe('PERIOD_NOT_CLOSED');

    const csv = await periods.export({ siteId, periodId: periodIds.march, actor: accountant });
    expect(csv).toMatchObject({ filename: 'remuneration-LACAPE-2026-03-01-2026-03-31.csv', lines: 3, total: '1167.78' });
    const rows = csv.content
      .slice(1)
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(';'));
    expect(rows.map((r) => r[1])).toEqual(['Benali', 'Haddad', 'Moreau']);
    expect(sumOf(rows.map((r) => cents(r[5].replace(',', '.'))))).toBe(116_778n);
    expect(rows.find((r) => r[0] === m.lina)?.slice(6)).toEqual(['0,00', '0,00', '4,50', '0,00']);
    expect((await periods.get({ siteId, periodId: periodIds.march })).status).toBe('exported');
    expect((await periods.export({ siteId, periodId: periodIds.march, actor: coordinator })).content).toBe(csv.content);
    expect((await periods.markPaid({ siteId, periodId: periodIds.march, actor: accountant })).status).toBe('paid');

    expect(await codeOf(periods.get({ siteId: otherSiteId, periodId: periodIds.march }))).toBe('PERIOD_NOT_FOUND');
    expect(await codeOf(periods.close({ siteId: otherSiteId, periodId: periodIds.april, actor: coordinator }))).toBe('PERIOD_NOT_FOUND');
    expect(await codeOf(instances[0].recognitions.list({ siteId: otherSiteId, periodId: periodIds.march, actor: coordinator }))).toBe('PERIOD_NOT_FOUND');
  });

  it('an erased member leaves no name in frozen figures, and none of their free text; amounts stay', async () => {
    const before = await instances[0].periods.get({ siteId, periodId: periodIds.march });
    const erasure = new PeriodErasureSubscription(new PeriodsRepository(db()), new ObjectionsRepository(db()), new RecognitionsRepository(db()));
    for (const memberId of [m.karim, m.lina]) {
      const event = {
        id: randomUUID(),
        type: 'membership.member.erased',
        version: 1,
        occurredAt: new Date().toISOString(),
        siteId,
        actor: 'system',
        correlationId: 'none',
        data: { memberId, erasedAt: new Date().toISOString() },
      };
      await db().transaction((manager) => erasure.handlers[handlerKey(MEMBER_ERASED_V1)](event as EventEnvelope<MemberErasedV1>, manager));
    }
    const [row] = await db().query('SELECT figures::text AS figures FROM remuneration.period WHERE id = $1', [periodIds.march]);
    expect(row.figures).not.toContain('Haddad');
    expect(row.figures).not.toContain('Moreau');
    expect(row.figures).toContain('Benali');
    const after = await instances[0].periods.get({ siteId, periodId: periodIds.march });
    expect(after.figures.shares.map((s) => [s.name, s.total])).toEqual(
      before.figures.shares.map((s) => [s.memberId === m.karim || s.memberId === m.lina ? `Membre effacé #${s.memberId.replace(/-/g, '').slice(-8)}` : s.name, s.total]),
    );
    expect(await db().query('SELECT DISTINCT text FROM remuneration.objection WHERE member_id = $1', [m.lina])).toEqual([{ text: ERASED_OBJECTION_TEXT }]);
    expect(await db().query('SELECT count(*)::int AS n FROM remuneration.recognition WHERE from_member_id = $1 AND note IS NOT NULL', [m.karim])).toEqual([{ n: 0 }]);
  });
});
