import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { SMTPServer } from 'smtp-server';
import { ParsedMail, simpleParser } from 'mailparser';
import { appDatabaseUrl, createLogger, dataSourceOptions, loadConfig, Metrics, migrateAsOwner, RequestContext, siteScopedDataSource } from '@kpa/platform';
import { createTestEnv, destroyTestEnv, eventually, TestEnv } from '@kpa/testing';
import { WORKER_DATABASE } from '../worker.module';
import { WorkerConfig, WORKER_DEFAULTS } from '../worker.config';
import { OutgoingMail, MailToSend } from './outgoing-mail';
import { OutgoingMailRepository } from './outgoing-mail.repository';
import { MailSender } from './mail-sender';
import { SiteNames } from './site-names';
import { renderMail } from './mail-templates';
import Redis from 'ioredis';
import { Queue, Worker } from 'bullmq';
import { JOBS, QUEUES } from '@kpa/contracts';
import { MailProcessor } from './mail.processor';

/**
 * The sender against a real Postgres (as the worker's own role, held to row-level security) and an
 * in-process SMTP server whose received messages are parsed back: what arrives, arrives once.
 */
describe('mail sender', () => {
  let env: TestEnv;
  let smtp: SMTPServer;
  const received: ParsedMail[] = [];
  const databases: DataSource[] = [];
  const senders: MailSender[] = [];
  const repository = new OutgoingMailRepository();
  const outgoing = new OutgoingMail(repository);
  const siteId = randomUUID();
  /** The site's name as membership would answer it (the worker asks membership over RPC; no bus here). */
  const siteNames = { nameOf: async () => 'KPA Roubaix' } as unknown as SiteNames;
  // A small real PDF, with bytes of every value so a re-encoding would show.
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n', 'latin1'), Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 256)), Buffer.from('\n%%EOF\n')]);

  async function mailRow(id: string): Promise<{ status: string; attempts: number; last_error: string | null; sent_at: Date | null }> {
    const [row] = await RequestContext.acrossSites(() => databases[0].query('SELECT status, attempts, last_error, sent_at FROM worker.outgoing_mail WHERE id = $1', [id]));
    return row;
  }

  async function queue(mail: Partial<MailToSend> & { key: string }): Promise<{ messageId: string; queued: boolean }> {
    const rendered = renderMail('mail.test', 'fr', { siteName: 'KPA Roubaix' });
    const full: MailToSend = { siteId, to: 'nadia@example.org', attachments: [], ...rendered, ...mail };
    return RequestContext.forSite(siteId, () => databases[0].transaction((manager) => outgoing.queue(manager, full)));
  }

  beforeAll(async () => {
    env = await createTestEnv('worker_mail');
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (address.address.startsWith('refused')) return callback(Object.assign(new Error('5.1.1 Mailbox unknown'), { responseCode: 550 }));
        callback();
      },
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => received.push(mail))
          .then(() => callback(), callback);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    await migrateAsOwner({ DATABASE_URL: env.databaseUrl }, WORKER_DATABASE);
    const config = loadConfig(
      WorkerConfig,
      { DATABASE_URL: env.databaseUrl, SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'KPA-Cité Hauts-de-France <ne-pas-repondre@kpa-cite.test>', MAIL_MAX_ATTEMPTS: '3' },
      WORKER_DEFAULTS,
    );
    const logger = createLogger('worker', 'silent');
    // Two worker instances: two pools, two senders.
    for (let i = 0; i < 2; i++) {
      const db = await siteScopedDataSource(dataSourceOptions({ url: appDatabaseUrl(env.databaseUrl, 'worker'), ...WORKER_DATABASE, poolSize: 4 })).initialize();
      databases.push(db);
      senders.push(new MailSender(db, repository, siteNames, config, new Metrics(), logger));
    }
  });

  afterAll(async () => {
    for (const sender of senders) sender.onModuleDestroy();
    for (const db of databases) await db.destroy();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
    if (env) await destroyTestEnv(env);
  });

  beforeEach(() => (received.length = 0));

  it('delivers a queued message once, French subject intact and its PDF byte-identical, under the site’s name', async () => {
    const key = `test:${randomUUID()}`;
    const { messageId, queued } = await queue({ key, attachments: [{ filename: 'relance-F-2026-0042.pdf', contentType: 'application/pdf', content: pdf }] });
    expect(queued).toBe(true);
    expect(await queue({ key, to: 'someone-else@example.org' })).toEqual({ messageId, queued: false });

    expect(await senders[0].sendDue()).toMatchObject({ sent: 1, failed: 0 });
    expect(await senders[0].sendDue()).toMatchObject({ sent: 0 });

    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail.subject).toBe('Message d’essai de KPA Roubaix');
    expect(mail.from?.value).toEqual([{ name: 'KPA Roubaix (KPA-Cité Hauts-de-France)', address: 'ne-pas-repondre@kpa-cite.test' }]);
    expect(mail.text).toContain('Ce message vérifie que les e-mails de KPA Roubaix vous parviennent.');
    expect(mail.html).toContain('<html lang="fr">');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0].filename).toBe('relance-F-2026-0042.pdf');
    expect(mail.attachments[0].contentType).toBe('application/pdf');
    expect(Buffer.compare(mail.attachments[0].content, pdf)).toBe(0);
    expect(await mailRow(messageId)).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
  });

  it('two senders running at once send each message exactly once', async () => {
    const keys = Array.from({ length: 30 }, () => `test:${randomUUID()}`);
    for (const key of keys) await queue({ key });
    const reports = await Promise.all([senders[0].sendDue(), senders[1].sendDue(), senders[0].sendDue(), senders[1].sendDue()]);

    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(30);
    const arrived = received.map((m) => m.headers.get('x-kpa-mail-key') as string).sort();
    expect(arrived).toEqual([...keys].sort());
  });

  it('marks a message refused with a 5xx failed at once, with the server’s answer, and never retries it', async () => {
    const { messageId } = await queue({ key: `test:${randomUUID()}`, to: 'refused@example.org' });
    expect(await senders[0].sendDue()).toMatchObject({ sent: 0, failed: 1 });
    const row = await mailRow(messageId);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, sent_at: null });
    expect(row.last_error).toMatch(/^refused by the mail server: 550 .*Mailbox unknown/);
    expect(await senders[1].sendDue()).toMatchObject({ sent: 0, failed: 0 });
    expect(received).toHaveLength(0);

    // It shows on the coordinator's list of the site's failed messages, and not another site's.
    const failed = await RequestContext.forSite(siteId, () => repository.pageOfSite(databases[0].manager, siteId, 'failed', undefined, 50));
    expect(failed.map((m) => m.id)).toEqual([messageId]);
    const otherSite = randomUUID();
    expect(await RequestContext.forSite(otherSite, () => repository.pageOfSite(databases[0].manager, siteId, 'failed', undefined, 50))).toEqual([]);
  });

  it('retries when the server cannot be reached, later, and fails after the last attempt', async () => {
    const { messageId } = await queue({ key: `test:${randomUUID()}` });
    const config = loadConfig(WorkerConfig, { DATABASE_URL: env.databaseUrl, SMTP_URL: 'smtp://127.0.0.1:1', MAIL_MAX_ATTEMPTS: '2' }, WORKER_DEFAULTS);
    const down = new MailSender(databases[0], repository, siteNames, config, new Metrics(), createLogger('worker', 'silent'));
    try {
      const now = new Date();
      expect(await down.sendDue(() => now)).toMatchObject({ retried: 1 });
      expect(await mailRow(messageId)).toMatchObject({ status: 'queued', attempts: 1 });
      // Not due again before its delay (1 minute).
      expect(await down.sendDue(() => new Date(now.getTime() + 30_000))).toMatchObject({ retried: 0, failed: 0 });
      expect(await down.sendDue(() => new Date(now.getTime() + 61_000))).toMatchObject({ failed: 1 });
      const row = await mailRow(messageId);
      expect(row).toMatchObject({ status: 'failed', attempts: 2 });
      expect(row.last_error).toMatch(/^gave up after 2 attempts: .*ECONNREFUSED/);
    } finally {
      down.onModuleDestroy();
    }
  });

  it('fails, without sending again, a message whose sender stopped while sending it', async () => {
    const { messageId } = await queue({ key: `test:${randomUUID()}` });
    // A sender claims it and dies before it could record the outcome. (A second later than the queuing:
    // Postgres stamps it in microseconds, a JavaScript date counts milliseconds.)
    const now = new Date(Date.now() + 1_000);
    await RequestContext.acrossSites(() => repository.claimDue(databases[1].manager, now, 600, 50));
    expect(await senders[0].sendDue(() => new Date(now.getTime() + 60_000))).toMatchObject({ sent: 0, interrupted: 0 });
    expect(await senders[0].sendDue(() => new Date(now.getTime() + 601_000))).toMatchObject({ sent: 0, interrupted: 1 });
    expect((await mailRow(messageId)).status).toBe('failed');
    expect(received).toHaveLength(0);
  });

  it('through BullMQ on Redis: send-due jobs run at once by two workers, then after a flushed Redis, send each message once', async () => {
    const keys = Array.from({ length: 10 }, () => `test:${randomUUID()}`);
    for (const key of keys) await queue({ key });
    const prefix = `${env.namespace}:bull`;
    const connections: Redis[] = [];
    const connection = () => {
      const redis = new Redis(env.redisUrl, { maxRetriesPerRequest: null });
      connections.push(redis);
      return redis;
    };
    const jobs = new Queue(QUEUES.mail, { connection: connection(), prefix });
    const config = loadConfig(WorkerConfig, { DATABASE_URL: env.databaseUrl }, WORKER_DEFAULTS);
    const metrics = new Metrics();
    const workers = senders.map((sender) => {
      const processor = new MailProcessor(jobs, sender, config, metrics);
      processor.onModuleInit();
      return new Worker(QUEUES.mail, (job) => processor.process(job), { connection: connection(), prefix, concurrency: 2 });
    });
    try {
      const run = async (n: number) => {
        const added = await Promise.all(Array.from({ length: n }, () => jobs.add(JOBS.mailSendDue, {}, { removeOnComplete: 100, removeOnFail: 100 })));
        await Promise.all(added.map((job) => eventually(async () => (await job.isCompleted()) || undefined, { what: `job ${job.id} completed` })));
      };
      await run(6);
      expect(received.map((m) => m.headers.get('x-kpa-mail-key') as string).sort()).toEqual([...keys].sort());
      // Redis loses everything (FLUSHALL of this namespace): the next sweeps find nothing left to send.
      await jobs.obliterate({ force: true });
      await run(4);
      expect(received).toHaveLength(keys.length);
      const done = await metrics.jobsCompleted.get();
      expect(done.values.find((v) => v.labels.job === 'mail.send-due')?.value).toBe(10);
    } finally {
      for (const worker of workers) await worker.close();
      await jobs.close();
      for (const redis of connections) redis.disconnect();
    }
  });
});
