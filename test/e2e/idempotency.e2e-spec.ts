import { randomUUID } from 'node:crypto';
import { eventually } from '@kpa/testing';
import { ADMIN, aMemberFile, Region, setUpRegion, untilCommerceKnows, usePlatform } from './platform';

/**
 * An idempotent retry after a lost reply: commerce is killed between the commit of an invoice's
 * issue and its reply, the client sees a 503 and retries with the same Idempotency-Key once
 * commerce is back: it gets the invoice as issued the first time (200, same number), never a 409
 * it could not tell from a real conflict, and the invoice was numbered once. The same for a
 * command of membership (a member registered) and of remuneration (a period opened): the retry
 * answers the first result (same id) and creates nothing more.
 */
describe('idempotency across a lost reply', () => {
  const platform = usePlatform('e2e_idempotency');
  let region: Region;
  let clientId: string;
  const invoices = () => `/v1/sites/${region.sites.a.id}/invoices`;
  const lines = [{ description: 'Jardinage', quantity: '2', unit: 'hour', unitPrice: '100', vatRate: '20' }];
  const draft = async () => {
    const created = await platform.http('POST', invoices(), { token: region.sites.a.coordinator, body: { clientId, lines, supplyDate: '2026-11-02' } });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const issue = (invoiceId: string, key?: string) =>
    platform.http('POST', `${invoices()}/${invoiceId}/issue`, { token: region.sites.a.coordinator, headers: key ? { 'idempotency-key': key } : {} });

  beforeAll(async () => {
    region = await setUpRegion(platform);
    await untilCommerceKnows(platform, [region.sites.a.id]);
    const patched = await platform.http('PATCH', `/v1/host-structures/${region.hostStructureId}`, {
      token: region.admin,
      body: { legalForm: 'SCOP SARL à capital variable', shareCapital: '15000.00', rcsCity: 'Lille', addressLine: '12 rue de la Paix', postalCode: '59000' },
    });
    expect(patched.status).toBe(200);
    await eventually(async () => (await platform.query("SELECT 1 FROM commerce.seller_host_structure WHERE identity->>'legalForm' IS NOT NULL")).length === 1, {
      what: "the host structure's legal form known by commerce",
    });
    const client = await platform.http('POST', `/v1/sites/${region.sites.a.id}/clients`, {
      token: region.sites.a.coordinator,
      body: { kind: 'individual', name: 'Mme Durand', billingAddress: { line: '8 rue Jules Guesde', postalCode: '59100', city: 'Roubaix' } },
    });
    expect(client.status).toBe(201);
    clientId = client.body.id;
  });

  it('commerce killed between the commit of an issue and its reply: the retry with the same key answers 200 with the same invoice, issued once', async () => {
    const first = await issue(await draft());
    expect(first.status).toBe(200);
    const lost = await draft();
    const key = randomUUID();

    await platform.stop('commerce');
    await platform.start('commerce', { KPA_FAULT_INJECTION: 'exit_after_commit_before_reply' });
    const attempt = issue(lost, key);
    await platform.exited('commerce'); // SIGKILLed by the fault injection, after the commit, before the reply
    const unanswered = await attempt;
    expect(unanswered.status).toBe(503);
    const [committed] = await platform.query<{ number: string; status: string }>('SELECT number, status FROM commerce.invoice WHERE id = $1', [lost]);
    expect(committed.status).toBe('issued');

    await platform.start('commerce');
    const retried = await issue(lost, key);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: lost, status: 'issued', number: committed.number });
    // Then the gateway replays what it stored; without the key, issuing again is the real conflict.
    const replayed = await issue(lost, key);
    expect(replayed.status).toBe(200);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.body).toEqual(retried.body);
    expect((await issue(lost)).status).toBe(409);

    // Numbered once: the next issue takes the next number, and the invoice has one issued event.
    const next = await issue(await draft(), randomUUID());
    expect(next.status).toBe(200);
    const sequence = (number: string) => Number(number.split('-').at(-1));
    expect([first.body.number, committed.number, next.body.number].map(sequence)).toEqual([1, 2, 3]);
    const events = await platform.query("SELECT 1 FROM commerce.outbox WHERE envelope->>'type' = 'commerce.invoice.issued' AND envelope->'data'->>'invoiceId' = $1", [lost]);
    expect(events).toHaveLength(1);
  });

  /**
   * Kills `service` between the commit of the request and its reply, then retries the request with
   * the same key once the service is back: the unanswered attempt and the retry's answer.
   */
  const lostReplyThenRetry = async (service: string, send: (key: string) => ReturnType<typeof platform.http>) => {
    const key = randomUUID();
    await platform.stop(service);
    await platform.start(service, { KPA_FAULT_INJECTION: 'exit_after_commit_before_reply' });
    const attempt = send(key);
    await platform.exited(service);
    const unanswered = await attempt;
    await platform.start(service);
    return { unanswered, retried: await send(key), replayed: await send(key) };
  };

  it('membership killed between the commit of a new member and its reply: the retry with the same key answers 201 with the same member, registered once', async () => {
    const members = `/v1/sites/${region.sites.a.id}/members`;
    const file = aMemberFile('Lina', `Retry-${randomUUID().slice(0, 8)}`, '2004-03-02', '2026-09-01');
    const { unanswered, retried, replayed } = await lostReplyThenRetry('membership', (key) =>
      platform.http('POST', members, { token: region.sites.a.coordinator, body: file, headers: { 'idempotency-key': key } }),
    );
    expect(unanswered.status).toBe(503);
    const registered = await platform.query<{ id: string }>('SELECT id FROM membership.member WHERE last_name = $1', [file.lastName]);
    expect(registered).toHaveLength(1);
    expect(retried.status).toBe(201);
    expect(retried.body).toMatchObject({ id: registered[0].id, lastName: file.lastName });
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.body).toEqual(retried.body);
    expect(await platform.query('SELECT 1 FROM membership.member WHERE last_name = $1', [file.lastName])).toHaveLength(1);
    const joined = await platform.query("SELECT 1 FROM membership.outbox WHERE envelope->>'type' = 'membership.member.joined' AND envelope->'data'->>'memberId' = $1", [
      registered[0].id,
    ]);
    expect(joined).toHaveLength(1);
  });

  it('remuneration killed between the commit of a new period and its reply: the retry with the same key answers 201 with the same period, opened once', async () => {
    await eventually(async () => (await platform.query('SELECT 1 FROM remuneration.known_site WHERE id = $1', [region.sites.a.id])).length === 1, {
      what: 'site A known by remuneration',
    });
    const periods = `/v1/sites/${region.sites.a.id}/periods`;
    const body = { startsOn: '2030-01-01', endsOn: '2030-01-31' };
    const { unanswered, retried, replayed } = await lostReplyThenRetry('remuneration', (key) =>
      platform.http('POST', periods, { token: region.sites.a.coordinator, body, headers: { 'idempotency-key': key } }),
    );
    expect(unanswered.status).toBe(503);
    const opened = await platform.query<{ id: string }>('SELECT id FROM remuneration.period WHERE site_id = $1 AND starts_on = $2', [region.sites.a.id, body.startsOn]);
    expect(opened).toHaveLength(1);
    // Without the key recorded with the period, the retry would run again and meet its own period: 409.
    expect(retried.status).toBe(201);
    expect(retried.body).toMatchObject({ id: opened[0].id, startsOn: body.startsOn, endsOn: body.endsOn });
    expect(replayed.body).toEqual(retried.body);
    expect(await platform.query('SELECT 1 FROM remuneration.period WHERE site_id = $1 AND starts_on = $2', [region.sites.a.id, body.startsOn])).toHaveLength(1);
  });

  it('commerce killed between the commit of a new client and its reply: the retry with the same key answers 201 with the same client, created once', async () => {
    const name = `Retry ${randomUUID().slice(0, 8)}`;
    const { unanswered, retried, replayed } = await lostReplyThenRetry('commerce', (key) =>
      platform.http('POST', `/v1/sites/${region.sites.a.id}/clients`, {
        token: region.sites.a.coordinator,
        body: { kind: 'individual', name, billingAddress: { line: '8 rue Jules Guesde', postalCode: '59100', city: 'Roubaix' } },
        headers: { 'idempotency-key': key },
      }),
    );
    expect(unanswered.status).toBe(503);
    const created = await platform.query<{ id: string }>('SELECT id FROM commerce.client WHERE name = $1', [name]);
    expect(created).toHaveLength(1);
    expect(retried.status).toBe(201);
    expect(retried.body).toMatchObject({ id: created[0].id, name });
    expect(replayed.body).toEqual(retried.body);
    expect(await platform.query('SELECT 1 FROM commerce.client WHERE name = $1', [name])).toHaveLength(1);
  });

  it('a login or refresh sent with an Idempotency-Key is neither stored nor replayed: its answer carries tokens', async () => {
    const key = `login-${Date.now()}`;
    const login = () =>
      fetch(`${platform.url('gateway')}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
      });
    const first = await login();
    const second = await login();
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.headers.get('idempotent-replayed')).toBeNull();
    expect(((await first.json()) as { refreshToken: string }).refreshToken).not.toBe(((await second.json()) as { refreshToken: string }).refreshToken);
    expect(await platform.query('SELECT 1 FROM gateway.idempotency_key WHERE key = $1', [key])).toEqual([]);
  });
});
