import { randomUUID } from 'node:crypto';
import { QUEUES } from '@kpa/contracts';
import { eventually } from '@kpa/testing';
import { setUpRegion, usePlatform, Region } from './platform';
import { useSmtpSink } from './smtp-sink';

/**
 * The worker's e-mail, over the built platform: messages queued in worker.outgoing_mail go out from
 * the worker's own sender sweep to an SMTP server (in process here), each once, under its site's
 * name; one refused by the recipient's server shows on that site's coordinator's list of failed
 * messages, with the server's answer, and on no other site's.
 */
describe('worker e-mail over HTTP', () => {
  const smtpEnv: Record<string, string> = { MAIL_FROM: 'KPA-Cité Grand Nord <ne-pas-repondre@kpa-cite.test>' };
  const { received } = useSmtpSink(smtpEnv);

  const platform = usePlatform('e2e_worker_mail', smtpEnv);
  let region: Region;

  /** What a feature's OutgoingMail.queue writes (this file tests the sending, not a feature). */
  async function queued(siteId: string, to: string): Promise<string> {
    const id = randomUUID();
    await platform.query(
      `INSERT INTO worker.outgoing_mail (id, key, site_id, recipient, template, language, subject, body_text, body_html)
       VALUES ($1, $2, $3, $4, 'mail.test', 'fr', 'Message d’essai de LACAPE', 'Bonjour,\nCe message vérifie que les e-mails vous parviennent.\n', '<!DOCTYPE html><html lang="fr"><body><p>Bonjour,</p></body></html>')`,
      [id, `e2e:${id}`, siteId, to],
    );
    return id;
  }

  beforeAll(async () => {
    region = await setUpRegion(platform);
  });

  it('sends a queued message once, under the site’s name, and lists it as sent', async () => {
    const id = await queued(region.sites.a.id, 'nadia@example.org');
    await eventually(async () => received.find((m) => m.headers.get('x-kpa-mail-key') === `e2e:${id}`), { what: 'the message at the SMTP server' });
    const mail = received.find((m) => m.headers.get('x-kpa-mail-key') === `e2e:${id}`)!;
    expect(mail.subject).toBe('Message d’essai de LACAPE');
    expect(mail.from?.value[0].address).toBe('ne-pas-repondre@kpa-cite.test');
    expect(mail.from?.value[0].name).toMatch(/\(KPA-Cité Grand Nord\)$/);
    // Several sweeps later, still once.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(received.filter((m) => m.headers.get('x-kpa-mail-key') === `e2e:${id}`)).toHaveLength(1);

    const sent = await platform.http('GET', `/v1/sites/${region.sites.a.id}/mail?status=sent`, { token: region.sites.a.coordinator });
    expect(sent.status).toBe(200);
    expect(sent.body.items.map((m: { id: string }) => m.id)).toContain(id);
  });

  it('shows a message refused by the recipient’s server on its coordinator’s failed list, and nowhere else', async () => {
    const id = await queued(region.sites.a.id, 'inconnu@example.org');
    const failed = await eventually(
      async () => {
        const page = await platform.http('GET', `/v1/sites/${region.sites.a.id}/mail?status=failed`, { token: region.sites.a.coordinator });
        return page.body?.items?.find((m: { id: string }) => m.id === id);
      },
      { what: 'the failed message on the coordinator’s list' },
    );
    expect(failed).toMatchObject({ to: 'inconnu@example.org', status: 'failed', attempts: 1, sentAt: null });
    expect(failed.lastError).toMatch(/^refused by the mail server: 550/);

    const otherSite = await platform.http('GET', `/v1/sites/${region.sites.b.id}/mail?status=failed`, { token: region.sites.b.coordinator });
    expect(otherSite.status).toBe(200);
    expect(otherSite.body.items).toEqual([]);
    // Another site's coordinator is told the site does not exist for them, as everywhere.
    expect((await platform.http('GET', `/v1/sites/${region.sites.a.id}/mail?status=failed`, { token: region.sites.b.coordinator })).status).toBe(404);
    expect((await platform.http('GET', `/v1/sites/${region.sites.a.id}/mail?status=failed`)).status).toBe(401);
  });

  it('refuses an unknown status or limit with a message that says what to fix', async () => {
    const bad = await platform.http('GET', `/v1/sites/${region.sites.a.id}/mail?status=bounced`, { token: region.sites.a.coordinator });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(bad.body.message).toContain('status must be one of queued, sending, sent, failed');
    expect((await platform.http('GET', `/v1/sites/${region.sites.a.id}/mail?limit=1000`, { token: region.sites.a.coordinator })).status).toBe(400);
  });

  it('shows the queue dashboard to network admins only, through a dashboard token the gateway gives them', async () => {
    const worker = { instance: 'worker' };
    const anonymous = await platform.http('GET', '/queues/api/queues', worker);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.message).toContain('POST /v1/ops/queue-dashboard-tokens');
    // An API access token does not say its holder is a network admin.
    expect((await platform.http('GET', '/queues/api/queues', { ...worker, token: region.sites.a.coordinator })).status).toBe(403);
    expect((await platform.http('GET', '/queues/api/queues', { ...worker, token: region.admin })).status).toBe(403);
    // Only a network admin gets a dashboard token.
    expect((await platform.http('POST', '/v1/ops/queue-dashboard-tokens', { token: region.sites.a.coordinator })).status).toBe(403);
    const issued = await platform.http('POST', '/v1/ops/queue-dashboard-tokens', { token: region.admin });
    expect(issued.status).toBe(201);

    const board = await platform.http('GET', '/queues/api/queues', { ...worker, token: issued.body.token });
    expect(board.status).toBe(200);
    // Every queue of the platform, none missing.
    expect(board.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(Object.values(QUEUES).sort());

    // The login path trades the token for an HttpOnly cookie that opens the pages.
    const login = await fetch(`${platform.url('worker')}${issued.body.loginPath}`, { redirect: 'manual' });
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^kpa_queues=[^;]+; HttpOnly; SameSite=Strict; Path=\/queues/);
    const page = await fetch(`${platform.url('worker')}/queues`, { headers: { cookie: cookie.split(';')[0] } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    expect((await fetch(`${platform.url('worker')}/queues`)).status).toBe(401);
  });

  it('exports gauges per queue and counters per job kind', async () => {
    const text = await eventually(
      async () => {
        const body = await (await fetch(`${platform.metricsUrl('worker')}/metrics`)).text();
        return /kpa_jobs_completed_total\{queue="mail",job="mail.send-due"\} [1-9]/.test(body) ? body : undefined;
      },
      { what: 'a completed mail job in the metrics' },
    );
    for (const state of ['waiting', 'active', 'delayed', 'failed']) expect(text).toMatch(new RegExp(`kpa_queue_jobs\\{queue="mail",state="${state}"\\} \\d+`));
    expect(text).toMatch(/kpa_job_duration_seconds_count\{queue="mail",job="mail.send-due",outcome="done"\} [1-9]/);
    expect(text).toMatch(/kpa_mail_sent_total\{outcome="sent"\} [1-9]/);
    expect(text).toMatch(/kpa_mail_sent_total\{outcome="failed"\} [1-9]/);
  });
});
