import { randomUUID } from 'node:crypto';
import { Job, Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { CommerceActivityFigures, Figures, JOBS, QUEUES, RemunerationActivityFigures, ReportScope } from '@kpa/contracts';
import { createLogger, dataSourceOptions, migrate, OutboxRelay, RequestContext, UnitOfWork } from '@kpa/platform';
import { createTestEnv, destroyTestEnv, eventually, TestEnv } from '@kpa/testing';
import { pdfText } from '@kpa/testing/pdf-text';
import { WORKER_DATABASE } from '../worker.module';
import { ReportSources } from './report-sources';
import { ReportRepository } from './report.repository';
import { REPORT_ATTEMPTS, ReportsService } from './reports.service';

/** A report renders its PDF in well under a second alone, but far slower when the whole suite shares 2 cores. */
const BUSY_MACHINE = { timeoutMs: 90_000 };

function peopleOf(siteId: string | undefined, from: string, to: string): Figures {
  return {
    from,
    to,
    tookPart: 9,
    activeNow: 8,
    underCapeNow: 2,
    joined: 3,
    left: 1,
    leavingOutcomes: { employment: 1 },
    byGender: { female: 5, male: 4 },
    byAgeBand: { '18_21': 9 },
    bySituation: { job_seeker: 9 },
    byReferrer: { mission_locale: 6, other: 3 },
    priorityNeighbourhood: { count: 5, of: 9 },
    interviewsHeld: siteId ? 4 : 8,
    smallCountsHidden: siteId === undefined,
  };
}

/**
 * Sources that answer like the services (figures are fixed: the services' own RPCs have their
 * tests), and can make a run crash midway, after it stored some progress.
 */
class ScriptedSources implements ReportSources {
  crashesLeft = 0;
  readonly progressSeenAtCrash: number[] = [];

  constructor(private readonly readProgress: () => Promise<number>) {}

  async scopeLabel(scope: ReportScope): Promise<string> {
    return scope.type === 'region' ? 'Région' : 'Site : La Cape';
  }

  async sitesOfHost(): Promise<string[]> {
    return [randomUUID(), randomUUID()];
  }

  async people(siteId: string | undefined, from: string, to: string): Promise<Figures> {
    return peopleOf(siteId, from, to);
  }

  async commerce(_siteIds: string[] | undefined, from: string, to: string): Promise<CommerceActivityFigures> {
    if (this.crashesLeft > 0) {
      this.crashesLeft--;
      this.progressSeenAtCrash.push(await this.readProgress());
      throw new Error('simulated crash: the worker died while asking commerce');
    }
    return { from, to, revenueByPoleAndMonth: [{ pole: 'restauration', month: from.slice(0, 7), netCents: 123456 }], clientsByKind: { company: 3 }, missionHours: '12.5' };
  }

  async remuneration(_siteIds: string[] | undefined, from: string, to: string): Promise<RemunerationActivityFigures> {
    return { from, to, contributiveHours: '4', distributed: '300' };
  }
}

/**
 * Reports against real Postgres and Redis (BullMQ): a run that crashes midway is retried by its
 * job and completes once (one event), progress is stored while it runs, a second run of a finished
 * report changes nothing, the same period on unchanged data gives the same figures and SHA-256, and
 * reports whose jobs Redis lost are queued again by the sweep.
 */
describe('report generation', () => {
  let env: TestEnv;
  let dataSource: DataSource;
  let queue: Queue;
  let worker: Worker;
  let service: ReportsService;
  let sources: ScriptedSources;
  const idle = { kick: () => undefined } as unknown as OutboxRelay;
  const connections: Redis[] = [];
  const connection = (): Redis => {
    const redis = new Redis(process.env.REDIS_URL as string, { maxRetriesPerRequest: null });
    connections.push(redis);
    return redis;
  };

  beforeAll(async () => {
    env = await createTestEnv('worker_reports');
    dataSource = await new DataSource(
      dataSourceOptions({ url: env.databaseUrl, schema: 'worker', entities: WORKER_DATABASE.entities, migrations: WORKER_DATABASE.migrations }),
    ).initialize();
    await migrate(dataSource, 'worker');
    const prefix = `${env.namespace}:bull`;
    queue = new Queue(QUEUES.reports, { connection: connection(), prefix });
    sources = new ScriptedSources(async () => {
      // The tests ask for one report at a time: the running one is the crashing one.
      const [row] = await dataSource.query(`SELECT progress FROM worker.report WHERE status = 'running'`);
      return row.progress as number;
    });
    service = new ReportsService(dataSource, new UnitOfWork(dataSource, idle, { schema: 'worker' }), new ReportRepository(), sources, queue, createLogger('worker', 'warn'));
    worker = new Worker(
      QUEUES.reports,
      async (job: Job) => {
        if (job.name !== JOBS.reportGenerate) return undefined;
        return RequestContext.acrossSites(async () => {
          try {
            return await service.generate(job.data.reportId, (percent) => job.updateProgress(percent));
          } catch (error) {
            if (job.attemptsMade + 1 >= REPORT_ATTEMPTS) await service.markFailed(job.data.reportId, error);
            throw error;
          }
        });
      },
      { connection: connection(), prefix },
    );
  });

  afterAll(async () => {
    await worker?.close();
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    for (const redis of connections) redis.disconnect();
    await dataSource?.destroy();
    if (env) await destroyTestEnv(env);
  });

  const request = (scope: ReportScope, from = '2026-01-01', to = '2026-06-30') =>
    RequestContext.acrossSites(() => service.request({ kind: 'activity', scope, from, to, requestedBy: randomUUID() }));
  const rowOf = async (id: string) =>
    (await dataSource.query(`SELECT status, progress, attempts, sha256, figures, pdf, csv FROM worker.report WHERE id = $1`, [id]))[0] as {
      status: string;
      progress: number;
      attempts: number;
      sha256: string;
      figures: unknown;
      pdf: Buffer;
      csv: Buffer;
    };
  const eventsOf = async (id: string) =>
    (await dataSource.query(`SELECT envelope FROM worker.outbox WHERE subject LIKE '%worker.report.completed%' AND envelope -> 'data' ->> 'reportId' = $1`, [id])) as {
      envelope: { data: { sha256: string } };
    }[];

  it('retries a run that crashed midway and completes the report once, with its progress stored on the way', async () => {
    sources.crashesLeft = 1;
    const siteId = randomUUID();
    const view = await request({ type: 'site', siteId });
    expect(view).toMatchObject({ status: 'queued', progress: 0, scope: { type: 'site', siteId } });

    const done = await eventually(async () => {
      const row = await rowOf(view.id);
      return row.status === 'done' ? row : undefined;
    }, BUSY_MACHINE);
    expect(sources.progressSeenAtCrash).toEqual([30]);
    expect(done).toMatchObject({ status: 'done', progress: 100, attempts: 2 });
    expect(done.sha256).toMatch(/^[0-9a-f]{64}$/);
    const events = await eventsOf(view.id);
    expect(events).toHaveLength(1);
    expect(events[0].envelope.data.sha256).toBe(done.sha256);

    // A stalled copy of the job running again finds it finished and changes nothing.
    expect(await RequestContext.acrossSites(() => service.generate(view.id))).toBe('finished-before');
    expect(await eventsOf(view.id)).toHaveLength(1);
    expect((await rowOf(view.id)).sha256).toBe(done.sha256);

    // Its files: a site report shows small counts; the CSV has one row per figure.
    const file = await RequestContext.acrossSites(() => service.file({ reportId: view.id, allowed: [{ type: 'site', siteId }], format: 'csv' }));
    expect(Buffer.from(file.base64, 'base64').toString('utf8')).toContain('people.interviews_held;Personnes accompagnées;Entretiens tenus;4;entretiens;');
    const pdf = await pdfText(done.pdf);
    expect(pdf.text).toContain('Site : La Cape');
  });

  it('keeps a report to the scope it was asked for', async () => {
    const view = await request({ type: 'region' });
    await expect(RequestContext.acrossSites(() => service.get({ reportId: view.id, allowed: [{ type: 'site', siteId: randomUUID() }] }))).rejects.toMatchObject({
      code: 'REPORT_NOT_FOUND',
    });
    await expect(RequestContext.acrossSites(() => service.get({ reportId: view.id, allowed: [{ type: 'host', hostStructureId: randomUUID() }] }))).rejects.toMatchObject({
      code: 'REPORT_NOT_FOUND',
    });
    expect((await RequestContext.acrossSites(() => service.get({ reportId: view.id, allowed: [{ type: 'region' }] }))).id).toBe(view.id);
    expect((await RequestContext.acrossSites(() => service.get({ reportId: view.id, allowed: 'network' }))).id).toBe(view.id);
  });

  it('gives the same figures and SHA-256 to the same kind and period on unchanged data', async () => {
    const first = await request({ type: 'region' }, '2025-01-01', '2025-12-31');
    const second = await request({ type: 'region' }, '2025-01-01', '2025-12-31');
    const [a, b] = await Promise.all(
      [first, second].map((view) =>
        eventually(async () => {
          const row = await rowOf(view.id);
          return row.status === 'done' ? row : undefined;
        }, BUSY_MACHINE),
      ),
    );
    expect(b.figures).toEqual(a.figures);
    expect(b.sha256).toBe(a.sha256);
    // A region report hides small counts: 4 interviews would show, a gender count of 4 does not.
    expect(Buffer.from(a.csv).toString('utf8')).toContain('people.gender.male;Personnes accompagnées;Hommes;< 5;personnes;');
  });

  it('queues again the reports whose jobs Redis lost, once each', async () => {
    await worker.pause();
    const view = await request({ type: 'region' }, '2024-01-01', '2024-03-31');
    // What a FLUSHALL does to this namespace's queue: every job gone, the row still queued.
    await queue.obliterate({ force: true });
    expect(await queue.getJobCounts('waiting', 'active', 'delayed')).toEqual({ waiting: 0, active: 0, delayed: 0 });
    const requeued = await RequestContext.acrossSites(() => service.requeueUnfinished());
    expect(requeued).toBe(1);
    // A second sweep before the job ran adds nothing: the job id is the report id.
    await RequestContext.acrossSites(() => service.requeueUnfinished());
    expect((await queue.getJobCounts('waiting')).waiting).toBe(1);
    worker.resume();
    await eventually(async () => (await rowOf(view.id)).status === 'done', BUSY_MACHINE);
    expect(await eventsOf(view.id)).toHaveLength(1);
  });
});
