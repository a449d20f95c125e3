import { randomUUID } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { addDays, QUEUES, SiteUserChangedV1 } from '@kpa/contracts';
import { createLogger, dataSourceOptions, migrate, RequestContext } from '@kpa/platform';
import { createTestEnv, destroyTestEnv, eventually, TestEnv } from '@kpa/testing';
import { DunningRepository } from '../dunning/dunning.repository';
import { WorkerClock } from '../dunning/worker-clock';
import { OutgoingMail } from '../mail/outgoing-mail';
import { OutgoingMailRepository } from '../mail/outgoing-mail.repository';
import { Notifications } from '../notifications/notifications';
import { NotificationsRepository } from '../notifications/notifications.repository';
import { WORKER_DATABASE } from '../worker.module';
import { DigestSourcesReader, SiteDigestSources } from './digest-sources';
import { DigestRepository } from './digest.repository';
import { DigestService, DigestSweepOutcome } from './digest.service';

/** Paris is UTC+1 in December: 07:30 UTC is 08:30 in Paris. */
const DAY = '2026-12-07';
const at = (parisHour: number, minute = 30) => new Date(`${DAY}T${String(parisHour - 1).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`);

/** A site's sources as the services would say them, from memory (their RPCs have their own tests). */
class InMemorySources implements DigestSourcesReader {
  readonly sites = new Map<string, SiteDigestSources>();
  readonly asked: string[] = [];
  down = new Set<string>();

  async ofSite(siteId: string): Promise<SiteDigestSources> {
    this.asked.push(siteId);
    if (this.down.has(siteId)) throw new Error('membership did not answer');
    const site = this.sites.get(siteId);
    if (!site) throw new Error(`no sources for ${siteId}`);
    return site;
  }
}

/**
 * The daily digest against real Postgres and Redis: a coordinator gets one digest a day at their hour
 * (caught up later the same day), with only what is new to them; nothing when nothing is new; two
 * workers sweeping at once, a rerun or a job run twice write one digest; a site whose services do not
 * answer waits for the next sweep.
 */
describe('daily digest', () => {
  let env: TestEnv;
  const dataSources: DataSource[] = [];
  const connections: Redis[] = [];
  let sources: InMemorySources;
  let digestA: DigestService;
  let digestB: DigestService;
  const siteA = randomUUID();
  const siteB = randomUUID();
  const ines = randomUUID();
  const marc = randomUUID();

  const user = (siteId: string, over: Partial<SiteUserChangedV1> = {}): SiteUserChangedV1 => ({
    userId: randomUUID(),
    siteId,
    role: 'coordinator',
    email: `c${randomUUID().slice(0, 6)}@example.org`,
    displayName: 'Nadia',
    memberId: null,
    ...over,
  });
  const early = user(siteA, { displayName: 'Early' });
  const late = user(siteA, { displayName: 'Late' });
  const english = user(siteA, { displayName: 'Ann' });
  const member = user(siteA, { role: 'member', memberId: ines });
  const coordinatorB = user(siteB);

  function siteSources(over: Partial<SiteDigestSources> = {}): SiteDigestSources {
    return {
      siteName: 'La Cape',
      board: [{ memberId: ines, firstName: 'Ines', lastName: 'Benali', stage: 'exploration', attention: [{ code: 'interview_overdue', message: '', dueOn: '2026-11-28' }] }],
      members: [
        { memberId: ines, firstName: 'Ines', lastName: 'Benali', birthDate: '1999-03-01' },
        { memberId: marc, firstName: 'Marc', lastName: 'Dupont', birthDate: '1990-05-05' },
      ],
      capeContracts: [{ memberId: marc, endsOn: addDays(DAY, 7), status: 'active' }],
      contributionsToValidate: [],
      openObjections: [],
      helpRequests: [],
      ...over,
    };
  }

  function service(dataSource: DataSource): DigestService {
    const clock = { now: () => new Date() } as WorkerClock;
    const notifications = new Notifications(new NotificationsRepository(), new OutgoingMail(new OutgoingMailRepository()));
    return new DigestService(dataSource, new DigestRepository(), new DunningRepository(), notifications, sources, clock, createLogger('worker', 'silent'));
  }

  const db = () => dataSources[0];
  const digests = (userId: string) =>
    db().query<{ key: string; title: string; body: string; link: string }[]>(`SELECT key, title, body, link FROM worker.notification WHERE user_id = $1 ORDER BY created_at`, [
      userId,
    ]);
  const mails = (to: string) => db().query<{ subject: string; body_text: string }[]>(`SELECT subject, body_text FROM worker.outgoing_mail WHERE recipient = $1`, [to]);

  beforeAll(async () => {
    env = await createTestEnv('worker_digest');
    for (let i = 0; i < 2; i++) {
      const dataSource = await new DataSource(
        dataSourceOptions({ url: env.databaseUrl, schema: 'worker', entities: WORKER_DATABASE.entities, migrations: WORKER_DATABASE.migrations }),
      ).initialize();
      dataSources.push(dataSource);
    }
    await migrate(db(), 'worker');
    sources = new InMemorySources();
    sources.sites.set(siteA, siteSources());
    sources.sites.set(siteB, siteSources({ siteName: 'Kpa-Moulins', board: [], capeContracts: [] }));
    digestA = service(dataSources[0]);
    digestB = service(dataSources[1]);
    const recipients = new NotificationsRepository();
    await RequestContext.acrossSites(async () => {
      for (const u of [early, late, english, member, coordinatorB]) await recipients.saveRecipient(db().manager, u);
      await recipients.setPreferences(db().manager, early.userId, { emailOff: [], digestHour: 7, language: 'fr' });
      await recipients.setPreferences(db().manager, late.userId, { emailOff: [], digestHour: 14, language: 'fr' });
      await recipients.setPreferences(db().manager, english.userId, { emailOff: ['digest'], digestHour: 8, language: 'en' });
    });
  });

  afterAll(async () => {
    for (const redis of connections) redis.disconnect();
    for (const dataSource of dataSources) await dataSource.destroy();
    if (env) await destroyTestEnv(env);
  });

  it('at 08:30 Paris, writes the digest of the coordinators whose hour has come (the 07:00 one caught up), not the 14:00 one', async () => {
    const outcome = await digestA.sweep(at(8));
    // early (7:00), english (8:00) and the site B coordinator (8:00 by default); not late (14:00), not the member.
    expect(outcome).toEqual({ due: 3, written: 2, nothingNew: 1, taken: 0, failed: 0 });
    expect(sources.asked.sort()).toEqual([siteA, siteB].sort());

    const [fr] = await digests(early.userId);
    expect(fr).toEqual({
      key: `digest:${siteA}:${DAY}:${early.userId}`,
      title: 'La Cape : 2 points à voir aujourd’hui',
      body: ['Suivi des parcours :', '– Entretien en retard : Ines B. (prévu le 28 nov.)', 'Contrats CAPE :', '– Le CAPE de Marc D. se termine dans 7 jours (le 14 déc.)'].join(
        '\n',
      ),
      link: `/v1/sites/${siteA}/follow-up`,
    });
    expect(await mails(early.email)).toEqual([{ subject: fr.title, body_text: expect.stringContaining('– Entretien en retard : Ines B. (prévu le 28 nov.)') }]);
    expect((await mails(early.email))[0].body_text).not.toContain('Benali');

    const [en] = await digests(english.userId);
    expect(en.title).toBe('La Cape: 2 new items to look at today');
    expect(en.body).toContain("Marc D.'s CAPE ends in 7 days (14 Dec)");
    expect(await mails(english.email)).toEqual([]);

    // Site B had nothing to say: no notification, no e-mail, and the day is done.
    expect(await digests(coordinatorB.userId)).toEqual([]);
    expect(await mails(coordinatorB.email)).toEqual([]);
    expect(await digests(member.userId)).toEqual([]);
  });

  it('a rerun and two workers sweeping at once the same day write nothing more; the late coordinator gets theirs at 14:00, once', async () => {
    expect(await digestA.sweep(at(9))).toEqual({ due: 0, written: 0, nothingNew: 0, taken: 0, failed: 0 });

    const [a, b] = await Promise.all([digestA.sweep(at(14, 5)), digestB.sweep(at(14, 5))]);
    const sum = (key: keyof DigestSweepOutcome) => a[key] + b[key];
    expect(sum('written')).toBe(1);
    expect(sum('failed')).toBe(0);
    expect(await digests(late.userId)).toHaveLength(1);
    expect(await mails(late.email)).toHaveLength(1);
    expect(await digests(early.userId)).toHaveLength(1);
  });

  it('the next day tells only what is new: not the overdue interview nor the CAPE threshold already told', async () => {
    sources.sites.set(
      siteA,
      siteSources({
        capeContracts: [{ memberId: marc, endsOn: addDays(DAY, 7), status: 'active' }],
        contributionsToValidate: [{ id: randomUUID(), memberName: 'Ines Benali', date: DAY, hours: '3.50' }],
      }),
    );
    const nextDay = new Date(at(8).getTime() + 86_400_000);
    await digestA.sweep(nextDay);
    const [, second] = await digests(early.userId);
    expect(second.key).toBe(`digest:${siteA}:${addDays(DAY, 1)}:${early.userId}`);
    expect(second.body).toBe(['Contributions à valider :', '– Ines B. : 3,50 h le 7 déc.'].join('\n'));

    // A day later still, nothing new at all: no digest, no e-mail.
    const before = (await mails(early.email)).length;
    await digestA.sweep(new Date(at(8).getTime() + 2 * 86_400_000));
    expect(await digests(early.userId)).toHaveLength(2);
    expect(await mails(early.email)).toHaveLength(before);
  });

  it('lists the site’s level-3 drafts from the worker’s own dunning tables', async () => {
    const invoiceId = randomUUID();
    const dunning = new DunningRepository();
    await RequestContext.forSite(siteB, async () => {
      await dunning.recordIssued(db().manager, {
        invoiceId,
        siteId: siteB,
        number: 'F-2026-0042',
        clientId: randomUUID(),
        issuedOn: '2026-09-01',
        dueOn: '2026-10-01',
        totalCents: 12000,
      });
      await dunning.recordReminders(db().manager, [{ invoiceId, siteId: siteB, level: 3, status: 'draft', dueDay: DAY }]);
    });
    await digestA.sweep(new Date(at(8).getTime() + 3 * 86_400_000));
    const [draft] = await digests(coordinatorB.userId);
    expect(draft.body).toBe(['Mises en demeure à relire :', '– Facture F-2026-0042 (échue le 1 oct.)'].join('\n'));
  });

  it('a site whose services do not answer waits for the next sweep, the others go on', async () => {
    const fourthDay = new Date(at(8).getTime() + 4 * 86_400_000);
    sources.sites.set(
      siteB,
      siteSources({ siteName: 'Kpa-Moulins', board: [], capeContracts: [], helpRequests: [{ id: randomUUID(), siteName: 'La Cape', title: 'Traiteur', startsOn: DAY }] }),
    );
    sources.down.add(siteB);
    const outcome = await digestA.sweep(fourthDay);
    expect(outcome.failed).toBe(1);
    sources.down.clear();
    expect(await digestA.sweep(new Date(fourthDay.getTime() + 3_600_000))).toMatchObject({ due: 1, written: 1, failed: 0 });
    expect((await digests(coordinatorB.userId)).map((n) => n.body)).toContain(['Demandes d’aide d’autres KPA :', '– La Cape : « Traiteur » (à partir du 7 déc.)'].join('\n'));
  });

  it('runs as the notifications queue’s job on Redis: the job run twice writes one digest', async () => {
    const redis = (): Redis => {
      const connection = new Redis(process.env.REDIS_URL as string, { maxRetriesPerRequest: null });
      connections.push(connection);
      return connection;
    };
    const prefix = `${env.namespace}:bull`;
    const queue = new Queue(QUEUES.notifications, { connection: redis(), prefix });
    const sixthDay = new Date(at(8).getTime() + 6 * 86_400_000);
    sources.sites.set(siteA, siteSources({ openObjections: [{ id: randomUUID(), periodId: randomUUID(), name: 'Marc Dupont' }] }));
    const outcomes: DigestSweepOutcome[] = [];
    const workers = [digestA, digestB].map(
      (digest) =>
        new Worker(
          QUEUES.notifications,
          async () => {
            const outcome = await digest.sweep(sixthDay);
            outcomes.push(outcome);
            return outcome;
          },
          { connection: redis(), prefix, concurrency: 2 },
        ),
    );
    try {
      await queue.addBulk([1, 2, 3].map((n) => ({ name: 'notifications.digest-sweep', data: {}, opts: { jobId: `sweep-${n}` } })));
      await eventually(async () => outcomes.length === 3, { what: 'three sweeps done' });
      expect(outcomes.reduce((n, o) => n + o.failed, 0)).toBe(0);
      const objections = (await digests(early.userId)).filter((n) => n.body.includes('Contestations à traiter'));
      expect(objections).toHaveLength(1);
      expect(objections[0].body).toContain('– Marc D. conteste la répartition');
    } finally {
      for (const worker of workers) await worker.close();
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    }
  });
});
