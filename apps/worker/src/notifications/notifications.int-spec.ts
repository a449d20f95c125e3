import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { eventSubject, NotificationKind, SITE_USER_CHANGED_V1, SiteUserChangedV1 } from '@kpa/contracts';
import { createEvent, createLogger, loadConfig, RequestContext } from '@kpa/platform';
import { createTestEnv, databaseAsOwner, destroyTestEnv, eventually, OwnerDatabase, TestEnv } from '@kpa/testing';
import { WorkerConfig } from '../worker.config';
import { WorkerModule } from '../worker.module';
import { Notifications, NotificationToWrite } from './notifications';
import { NotificationsRpcController } from './notifications.rpc-controller';

/**
 * Notifications against real Postgres and NATS: the sites' users arrive as the gateway's events;
 * a notification is written once per key and user, in the app and (unless turned off) as an e-mail
 * in the user's language; a user reads only their own, on the sites they hold a role on.
 */
describe('notifications in Postgres', () => {
  let env: TestEnv;
  let app: INestApplicationContext;
  let db: OwnerDatabase;
  let nc: NatsConnection;
  const siteA = randomUUID();
  const siteB = randomUUID();
  const user = (role: SiteUserChangedV1['role'], siteId: string, over: Partial<SiteUserChangedV1> = {}): SiteUserChangedV1 => ({
    userId: randomUUID(),
    siteId,
    role,
    email: `u${randomUUID().slice(0, 6)}@example.org`,
    displayName: 'Nadia Coordinatrice',
    memberId: null,
    ...over,
  });
  const coordinator1 = user('coordinator', siteA);
  const coordinator2 = user('coordinator', siteA, { displayName: 'Yves' });
  const member = user('member', siteA, { memberId: randomUUID() });
  const coordinatorB = user('coordinator', siteB);

  async function publish(data: SiteUserChangedV1): Promise<void> {
    const envelope = createEvent(SITE_USER_CHANGED_V1, data.siteId, data);
    await jetstream(nc).publish(`${env.namespace}.${eventSubject(envelope)}`, JSON.stringify(envelope));
  }

  const recipients = async () => (await db.query<{ user_id: string }>('SELECT user_id FROM worker.recipient ORDER BY user_id')).map((row) => row.user_id);

  function notice(key: string, siteId: string, kind: NotificationKind = 'digest'): NotificationToWrite {
    return {
      key,
      siteId,
      kind,
      content: (language, recipient) => ({
        title: language === 'fr' ? `Bonjour ${recipient.displayName}` : `Hello ${recipient.displayName}`,
        paragraphs: ['Une ligne.', 'Une autre.'],
        link: `/v1/sites/${siteId}/follow-up`,
        signature: 'KPA Roubaix',
      }),
    };
  }

  /** As a sweep or an event handler writes them: in a transaction, working for the site. */
  const write = <T>(siteId: string, work: (notifications: Notifications, manager: DataSource['manager']) => Promise<T>) =>
    RequestContext.forSite(siteId, () => app.get(DataSource).transaction((manager) => work(app.get(Notifications), manager)));

  /** As the RPC layer runs a user's request: their sites in the context. */
  const asUser = <T>(who: SiteUserChangedV1, sites: string[], work: (rpc: NotificationsRpcController) => Promise<T>) =>
    RequestContext.run({ requestId: randomUUID(), actor: who.userId, sites }, () => work(app.get(NotificationsRpcController)));

  beforeAll(async () => {
    env = await createTestEnv('notifications');
    const config = loadConfig(WorkerConfig, env.serviceEnv as NodeJS.ProcessEnv, { HTTP_PORT: 1 });
    app = await NestFactory.createApplicationContext(WorkerModule.register(config, createLogger('worker', 'silent')), { logger: false, abortOnError: false });
    await app.init();
    db = databaseAsOwner(env);
    nc = await connect({ servers: env.natsUrl });
    for (const u of [coordinator1, coordinator2, member, coordinatorB]) await publish(u);
    await eventually(async () => (await recipients()).length === 4, { what: 'the four users known by the worker' });
  });

  afterAll(async () => {
    await nc?.close();
    await app?.close();
    await db?.close();
    if (env) await destroyTestEnv(env);
  });

  it('writes to each coordinator of the site once per key, and e-mails those who did not turn it off, in their language', async () => {
    await asUser(coordinator2, [siteA], (rpc) => rpc.setPreferences({ userId: coordinator2.userId, preferences: { emailOff: ['digest'], digestHour: 7, language: 'en' } }));
    expect(await write(siteA, (n, m) => n.toCoordinators(m, notice('digest:2026-12-04', siteA)))).toBe(2);
    expect(await write(siteA, (n, m) => n.toCoordinators(m, notice('digest:2026-12-04', siteA)))).toBe(0);

    const notes = await db.query<{ user_id: string; title: string }>(`SELECT user_id, title FROM worker.notification WHERE key LIKE 'digest:2026-12-04:%' ORDER BY title`);
    expect(notes).toEqual(
      [
        { user_id: coordinator1.userId, title: 'Bonjour Nadia Coordinatrice' },
        { user_id: coordinator2.userId, title: 'Hello Yves' },
      ].sort((a, b) => a.title.localeCompare(b.title)),
    );
    const mails = await db.query<{ recipient: string; language: string; subject: string; body_text: string }>(
      `SELECT recipient, language, subject, body_text FROM worker.outgoing_mail WHERE key LIKE 'notification:digest:2026-12-04:%'`,
    );
    expect(mails).toEqual([
      { recipient: coordinator1.email, language: 'fr', subject: 'Bonjour Nadia Coordinatrice', body_text: expect.stringContaining('Une ligne.\nUne autre.') },
    ]);
  });

  it('writes to a member through their account, to nobody the worker does not know', async () => {
    expect(await write(siteA, (n, m) => n.toMember(m, member.memberId!, notice('period_closed:p1', siteA, 'period_closed')))).toBe(true);
    expect(await write(siteA, (n, m) => n.toMember(m, randomUUID(), notice('period_closed:p1', siteA, 'period_closed')))).toBe(false);
    expect(await write(siteA, (n, m) => n.toUser(m, coordinatorB.userId, notice('x:1', siteA)))).toBe(false);
  });

  it('a user lists, reads and reads all of their own notifications only; another user’s reads as not found', async () => {
    await write(siteB, (n, m) => n.toCoordinators(m, notice('digest:b', siteB)));
    const page = await asUser(coordinator1, [siteA], (rpc) => rpc.list({ userId: coordinator1.userId, siteIds: [siteA] }));
    expect(page.items.map((n) => n.title)).toEqual(['Bonjour Nadia Coordinatrice']);
    expect(page.unread).toBe(1);

    const theirs = await asUser(coordinatorB, [siteB], (rpc) => rpc.list({ userId: coordinatorB.userId, siteIds: [siteB] }));
    expect(theirs.items).toHaveLength(1);
    // Another user, even naming the other site among theirs, finds nothing of it.
    await expect(
      asUser(coordinator1, [siteA], (rpc) => rpc.read({ userId: coordinator1.userId, siteIds: [siteA, siteB], notificationId: theirs.items[0].id })),
    ).rejects.toMatchObject({
      code: 'NOTIFICATION_NOT_FOUND',
    });

    const read = await asUser(coordinator1, [siteA], (rpc) => rpc.read({ userId: coordinator1.userId, siteIds: [siteA], notificationId: page.items[0].id }));
    expect(read).toMatchObject({ id: page.items[0].id, readAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    const again = await asUser(coordinator1, [siteA], (rpc) => rpc.read({ userId: coordinator1.userId, siteIds: [siteA], notificationId: page.items[0].id }));
    expect(again.readAt).toBe(read.readAt);
    expect((await asUser(coordinator1, [siteA], (rpc) => rpc.list({ userId: coordinator1.userId, siteIds: [siteA], unread: true }))).items).toEqual([]);

    const memberUser = { ...member };
    expect(await asUser(memberUser, [siteA], (rpc) => rpc.readAll({ userId: member.userId, siteIds: [siteA] }))).toEqual({ read: 1 });
    expect(await asUser(memberUser, [siteA], (rpc) => rpc.readAll({ userId: member.userId, siteIds: [siteA] }))).toEqual({ read: 0 });
  });

  it('keeps a user’s choices and refuses impossible ones', async () => {
    expect(await asUser(coordinator1, [siteA], (rpc) => rpc.preferences({ userId: coordinator1.userId }))).toEqual({ emailOff: [], digestHour: 8, language: 'fr' });
    expect(await asUser(coordinator2, [siteA], (rpc) => rpc.preferences({ userId: coordinator2.userId }))).toEqual({ emailOff: ['digest'], digestHour: 7, language: 'en' });
    await expect(
      asUser(coordinator1, [siteA], (rpc) => rpc.setPreferences({ userId: coordinator1.userId, preferences: { emailOff: [], digestHour: 25, language: 'fr' } })),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'digestHour' } });
  });

  it('a role taken away (or an erased member) removes the user at once, with no personal data in the event', async () => {
    await publish({ userId: coordinator2.userId, siteId: siteA, role: null, email: '', displayName: '', memberId: null });
    await eventually(async () => !(await recipients()).includes(coordinator2.userId), { what: 'the coordinator removed' });
    expect(await write(siteA, (n, m) => n.toCoordinators(m, notice('digest:2026-12-05', siteA)))).toBe(1);
  });
});
