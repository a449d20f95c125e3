import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { addDays, QUEUES, QuoteExpiredV1 } from '@kpa/contracts';
import { todayInFrance } from '@kpa/platform';
import { eventually } from '@kpa/testing';
import { setUpRegion, siteUserToken, untilCommerceKnows, usePlatform } from './platform';

/**
 * The quotes' expiry sweep end to end: a member's quote, sent and valid until tomorrow, is published
 * as expired (`commerce.quote.expired` in commerce's outbox) when the worker starts with its clock
 * three days ahead (KPA_CLOCK_OFFSET_MINUTES, never the machine's clock) — the catch-up run every
 * start makes, no 06:00 needed — and once only, whatever restarts follow; a quote still valid is not.
 */
describe('quotes expiry (worker) end to end', () => {
  const platform = usePlatform('worker-quotes');
  const today = todayInFrance();
  const ids: Record<'expiring' | 'valid', string> = { expiring: '', valid: '' };
  let site: { id: string; coordinator: string };
  let member: string;

  const api = (method: string, path: string, token: string, body?: unknown) => platform.http(method, `/v1/sites/${site.id}${path}`, { token, body });

  const expiredEvents = () =>
    platform.query<{ envelope: { siteId: string; data: QuoteExpiredV1 } }>(`SELECT envelope FROM commerce.outbox WHERE envelope->>'type' = 'commerce.quote.expired'`);

  /** The expiry sweeps the worker logged so far (every start runs one). */
  const sweeps = () => (platform.logs.worker ?? []).filter((line) => line.message === 'quotes expiry sweep');

  async function workerDaysAhead(days: number): Promise<void> {
    const before = sweeps().length;
    await platform.stop('worker');
    await platform.start('worker', { KPA_CLOCK_OFFSET_MINUTES: String(days * 24 * 60) });
    await eventually(async () => sweeps().length > before, { what: 'the expiry sweep the worker runs at start', timeoutMs: 40_000 });
  }

  beforeAll(async () => {
    const region = await setUpRegion(platform);
    site = region.sites.a;
    member = await siteUserToken(platform, site, 'member');
    await untilCommerceKnows(platform, [site.id]);
    const client = await api('POST', '/clients', site.coordinator, {
      kind: 'company',
      name: 'Boulangerie du Pile',
      billingAddress: { line: '3 place de la Liberté', postalCode: '59100', city: 'Roubaix' },
      siret: '120 027 016 00357',
    });
    expect(client.status).toBe(201);
    const line = { description: 'Buffet pour 40 personnes', quantity: '1', unit: 'flat_rate', unitPrice: '1000', vatRate: '10' };
    // A member's draft, submitted, validated and sent by the coordinator; valid through tomorrow.
    const drafted = await api('POST', '/quotes', member, { clientId: client.body.id, lines: [line], validUntil: addDays(today, 1) });
    expect(drafted.status).toBe(201);
    ids.expiring = drafted.body.id;
    for (const action of ['submit', 'validate', 'send'])
      expect((await api('POST', `/quotes/${ids.expiring}/${action}`, action === 'submit' ? member : site.coordinator)).status).toBe(200);
    // The coordinator's own quote, sent directly, valid for a month.
    const valid = await api('POST', '/quotes', site.coordinator, { clientId: client.body.id, lines: [line], validUntil: addDays(today, 30) });
    ids.valid = valid.body.id;
    expect((await api('POST', `/quotes/${ids.valid}/send`, site.coordinator)).status).toBe(200);
  });

  it('today nothing has expired: a restart’s sweep publishes nothing; the daily sweep is scheduled at 06:00 Paris time, once', async () => {
    await workerDaysAhead(0);
    expect(sweeps().at(-1)).toMatchObject({ today, expired: 0 });
    expect(await expiredEvents()).toEqual([]);
    const redis = new Redis(platform.env.redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue(QUEUES.quotes, { connection: redis, prefix: `${platform.env.namespace}:bull` });
    try {
      // Declared at every start (twice by now) under one id.
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers).toHaveLength(1);
      expect(schedulers[0]).toMatchObject({ key: 'quotes-expire-due', name: 'quotes.expire-due', pattern: '0 6 * * *', tz: 'Europe/Paris' });
    } finally {
      await queue.close();
      redis.disconnect();
    }
  });

  it('three days later the worker’s start publishes the expired quote once, with what its author needs to know', async () => {
    await workerDaysAhead(3);
    const quote = await api('GET', `/quotes/${ids.expiring}`, site.coordinator);
    const events = await expiredEvents();
    expect(events).toHaveLength(1);
    expect(events[0].envelope).toMatchObject({
      siteId: site.id,
      data: {
        quoteId: ids.expiring,
        siteId: site.id,
        number: quote.body.number,
        clientId: quote.body.clientId,
        clientName: 'Boulangerie du Pile',
        validUntil: addDays(today, 1),
        totalIncludingTax: '1100.00',
        createdBy: quote.body.createdBy,
        createdByRole: 'member',
      },
    });
    expect(sweeps().at(-1)).toMatchObject({ today: addDays(today, 3), expired: 1 });

    // Started again the same (moved) day: the catch-up finds nothing left to publish.
    await workerDaysAhead(3);
    expect(sweeps().at(-1)).toMatchObject({ expired: 0 });
    expect(await expiredEvents()).toHaveLength(1);
  });

  it('its author, the member, is told once, in the app and by e-mail; the coordinator who sent it is not', async () => {
    const page = await eventually(
      async () => {
        const response = await platform.http('GET', '/v1/me/notifications', { token: member });
        return response.body.items?.length > 0 ? response.body : undefined;
      },
      { what: "the member's notice of the expired quote" },
    );
    const quote = await api('GET', `/quotes/${ids.expiring}`, site.coordinator);
    expect(page.items).toEqual([
      expect.objectContaining({ kind: 'quote_expired', title: `Votre devis ${quote.body.number} a expiré`, link: `/v1/sites/${site.id}/quotes/${ids.expiring}` }),
    ]);
    expect(page.items[0].body).toContain('pour Boulangerie du Pile (1\u00a0100,00\u00a0€ TTC)');
    expect(await platform.query(`SELECT 1 FROM worker.outgoing_mail WHERE template = 'notification.quote_expired'`)).toHaveLength(1);
    expect((await platform.http('GET', '/v1/me/notifications', { token: site.coordinator })).body.items).toEqual([]);
  });
});
