import { randomUUID } from 'node:crypto';
import { eventually } from '@kpa/testing';
import { Region, setUpRegion, untilCommerceKnows, usePlatform } from './platform';

/**
 * An idempotent retry after a lost reply: commerce is killed between the commit of an invoice's
 * issue and its reply, the client sees a 503 and retries with the same Idempotency-Key once
 * commerce is back: it gets the invoice as issued the first time (200, same number), never a 409
 * it could not tell from a real conflict, and the invoice was numbered once.
 */
describe('idempotency across a lost reply', () => {
  const platform = usePlatform('e2e_idempotency');
  let region: Region;
  let clientId: string;
  const invoices = () => `/v1/sites/${region.sites.a.id}/invoices`;
  const lines = [{ description: 'Jardinage', quantity: '2', unit: 'hour', unitPrice: '100', vatRate: '20' }];
  const draft = async () => {
    const created = await platform.http('POST', invoices(), { token: region.sites.a.coordinator, body: { clientId, lines } });
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
});
