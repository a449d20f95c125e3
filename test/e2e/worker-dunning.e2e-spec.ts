import { addDays } from '@kpa/contracts';
import { eventually } from '@kpa/testing';
import { pdfText } from '@kpa/testing/pdf-text';
import { isFrenchPublicHoliday } from '../../apps/worker/src/dunning/french-holidays';
import { setUpRegion, untilCommerceKnows, usePlatform } from './platform';
import { useSmtpSink } from './smtp-sink';

/**
 * Dunning end to end: invoices issued today, the worker's clock moved 38 then 52 then 76 days ahead
 * (KPA_CLOCK_OFFSET_MINUTES, never the machine's clock): level 1 then level 2 with the letter of the
 * client's kind (an individual's without "40 €", a business's with it) queued with the invoice PDF;
 * paying the business invoice stops its level 3, while the individual's is prepared as a draft a
 * coordinator sends once.
 */
describe('dunning (worker) end to end', () => {
  const env: Record<string, string> = { DUNNING_SWEEP_INTERVAL_SECONDS: '10' };
  const smtp = useSmtpSink(env);
  const platform = usePlatform('worker-dunning', env);
  let site: { id: string; coordinator: string };
  let admin: string;
  const ids: Record<'company' | 'individual', string> = { company: '', individual: '' };
  let dueOn = '';

  const api = (method: string, path: string, body?: unknown, token = site.coordinator) => platform.http(method, `/v1/sites/${site.id}${path}`, { token, body });

  /** Restarts the worker with its clock at 10:00 (Paris, winter) or 11:00 (summer) on the first working day from `day`. */
  async function workerAt(day: string, instances = ['worker']): Promise<string> {
    while (new Date(`${day}T12:00:00Z`).getUTCDay() === 0 || isFrenchPublicHoliday(day)) day = addDays(day, 1);
    const offset = Math.round((new Date(`${day}T09:00:00Z`).getTime() - Date.now()) / 60_000);
    for (const instance of instances) {
      await platform.stop(instance);
      await platform.start(instance, { KPA_CLOCK_OFFSET_MINUTES: String(offset), DUNNING_SWEEP_INTERVAL_SECONDS: '10' });
    }
    return day;
  }

  const sentEvents = async (level: number) =>
    (await platform.query(`SELECT 1 FROM worker.outbox WHERE envelope->>'type' = 'worker.reminder.sent' AND (envelope->'data'->>'level')::int = $1`, [level])).length;

  const mail = async (invoiceId: string, level: number) =>
    (
      await platform.query<{ id: string; recipient: string; subject: string; body_text: string }>(
        `SELECT id, recipient, subject, body_text FROM worker.outgoing_mail WHERE key = $1`,
        [`dunning:${invoiceId}:${level}`],
      )
    )[0];

  async function attachments(mailId: string): Promise<{ filename: string; text: string }[]> {
    const rows = await platform.query<{ filename: string; content: Buffer }>(`SELECT filename, content FROM worker.outgoing_mail_attachment WHERE mail_id = $1 ORDER BY position`, [
      mailId,
    ]);
    return Promise.all(rows.map(async (row) => ({ filename: row.filename, text: (await pdfText(row.content)).text.replace(/\s+/g, ' ') })));
  }

  beforeAll(async () => {
    const region = await setUpRegion(platform);
    site = region.sites.a;
    await platform.http('PATCH', `/v1/host-structures/${region.hostStructureId}`, {
      token: region.admin,
      body: { legalForm: 'SCOP SARL à capital variable', shareCapital: '15000.00', rcsCity: 'Lille', addressLine: '12 rue de la Paix', postalCode: '59000' },
    });
    await untilCommerceKnows(platform, [site.id]);
    await eventually(async () => (await platform.query("SELECT 1 FROM commerce.seller_host_structure WHERE identity->>'legalForm' IS NOT NULL")).length === 1, {
      what: "the host structure's legal form known by commerce",
    });
    const address = { line: '3 place de la Liberté', postalCode: '59100', city: 'Roubaix' };
    const clients = {
      company: { kind: 'company', name: 'Boulangerie du Pile', billingAddress: address, siret: '120 027 016 00357', email: 'compta@boulangerie.example.org' },
      individual: { kind: 'individual', name: 'Mme Durand', billingAddress: address, email: 'durand@example.org' },
    };
    const lines = [{ description: 'Jardinage', quantity: '2', unit: 'hour', unitPrice: '100', vatRate: '20' }];
    for (const kind of ['company', 'individual'] as const) {
      const client = await api('POST', '/clients', clients[kind]);
      expect(client.status).toBe(201);
      // The same agreed term for both, so one clock serves both schedules.
      const draft = await api('POST', '/invoices', { clientId: client.body.id, lines, paymentTermDays: 30, supplyDate: '2026-11-02' });
      expect(draft.status).toBe(201);
      const issued = await api('POST', `/invoices/${draft.body.id}/issue`, {});
      expect(issued.status).toBe(200);
      ids[kind] = issued.body.id;
      dueOn = issued.body.dueOn;
    }
    admin = region.admin;
    await eventually(async () => (await platform.query('SELECT 1 FROM worker.dunning_invoice WHERE invoice_id = ANY($1)', [Object.values(ids)])).length === 2, {
      what: 'the issued invoices known by the worker',
    });
  });

  it('shows the default policy and refuses one whose levels are less than 7 days apart (422) or malformed (400)', async () => {
    const policy = await api('GET', '/dunning-policy');
    expect(policy.status).toBe(200);
    expect(policy.body).toMatchObject({
      level1: { enabled: true, delayDays: 7 },
      level2: { delayDays: 21 },
      level3: { delayDays: 45 },
      sendFromHour: 9,
      sendUntilHour: 18,
      customised: false,
    });
    const { siteId: _s, customised: _c, updatedAt: _u, ...input } = policy.body;
    const tooClose = await api('PUT', '/dunning-policy', { ...input, level2: { enabled: true, delayDays: 10 } });
    expect(tooClose.status).toBe(422);
    expect(tooClose.body.code).toBe('DUNNING_POLICY_INVALID');
    expect((await api('PUT', '/dunning-policy', { ...input, sendFromHour: 'nine' })).status).toBe(400);
    const saved = await api('PUT', '/dunning-policy', input);
    expect(saved.status).toBe(200);
    expect(saved.body.customised).toBe(true);
  });

  it('sends level 1 with the letter of the client’s kind and the invoice PDF', async () => {
    await workerAt(addDays(dueOn, 8));
    for (const kind of ['company', 'individual'] as const)
      await eventually(async () => (await mail(ids[kind], 1)) !== undefined, { what: `level 1 of the ${kind}`, timeoutMs: 40_000 });
    const company = await mail(ids.company, 1);
    expect(company.recipient).toBe('compta@boulangerie.example.org');
    expect(company.body_text).toContain('40 €');
    const [letter, invoice] = await attachments(company.id);
    expect(letter.text).toContain('Relance de paiement');
    expect(letter.text).toMatch(/40 €/);
    expect(invoice.filename).toMatch(/^LACAPE-F-2026-\d{5}\.pdf$|^LACAPE-F-\d{4}-\d{5}\.pdf$/);
    const individual = await mail(ids.individual, 1);
    expect(individual.body_text).not.toMatch(/40\s?€/);
    const [consumerLetter] = await attachments(individual.id);
    expect(consumerLetter.text).not.toMatch(/40 €/);
    expect(consumerLetter.text).toContain('Aucuns frais de recouvrement');
    expect(await sentEvents(1)).toBe(2);

    // And as the clients receive them, through the worker's sender and a real SMTP exchange.
    const delivered = await eventually(
      async () => {
        const [business] = smtp.byKey(`dunning:${ids.company}:1`);
        const [consumer] = smtp.byKey(`dunning:${ids.individual}:1`);
        return business && consumer ? { business, consumer } : undefined;
      },
      { what: 'both level-1 reminders at the SMTP server', timeoutMs: 20_000 },
    );
    expect(delivered.business.to).toMatchObject({ value: [{ address: 'compta@boulangerie.example.org' }] });
    expect(delivered.business.text).toContain('40 €');
    expect(delivered.consumer.text).not.toMatch(/40\s?€/);
    for (const mail of [delivered.business, delivered.consumer]) {
      expect(mail.attachments.map((a) => a.contentType)).toEqual(['application/pdf', 'application/pdf']);
    }
    expect((await pdfText(delivered.business.attachments[0].content)).text.replace(/\s+/g, ' ')).toMatch(/Relance de paiement.*40 €/);
    expect((await pdfText(delivered.consumer.attachments[0].content)).text).not.toMatch(/40 €/);
  });

  it('sends level 2 once with two worker instances sweeping, and the board and collection log show the level and next step', async () => {
    await workerAt(addDays(dueOn, 22), ['worker', 'worker#2']);
    for (const kind of ['company', 'individual'] as const)
      await eventually(async () => (await mail(ids[kind], 2)) !== undefined, { what: `level 2 of the ${kind}`, timeoutMs: 40_000 });
    // Both instances ran sweeps (every 10 s) meanwhile: one e-mail and one event per invoice × level.
    await new Promise((resolve) => setTimeout(resolve, 12_000));
    expect(await sentEvents(1)).toBe(2);
    expect(await sentEvents(2)).toBe(2);
    expect(await platform.query(`SELECT 1 FROM worker.outgoing_mail WHERE key LIKE 'dunning:%'`)).toHaveLength(4);
    await platform.stop('worker#2');
    expect((await mail(ids.company, 2)).subject).toContain('Seconde relance');
    const board = await api('GET', '/receivables');
    expect(board.status).toBe(200);
    const row = board.body.items.find((item: { invoiceId: string }) => item.invoiceId === ids.company);
    expect(row.dunning).toMatchObject({ level: 2, paused: false, settled: false, nextStep: { level: 3, action: 'draft' } });
    const log = await api('GET', `/invoices/${ids.company}/collection`, undefined, admin);
    expect(log.status).toBe(200);
    expect(log.body.entries.filter((e: { type: string }) => e.type === 'reminder').map((e: { level: number }) => e.level)).toEqual([1, 2]);
    const note = await api('POST', `/invoices/${ids.company}/collection`, { kind: 'promise_to_pay', text: 'Client appelé : virement promis', promisedOn: addDays(dueOn, 30) });
    expect(note.status).toBe(201);
    expect(note.body.entries.at(-1)).toMatchObject({ type: 'promise_to_pay', promisedOn: addDays(dueOn, 30) });
    expect((await api('POST', `/invoices/${ids.company}/collection`, { kind: 'promise_to_pay', text: 'sans date' })).status).toBe(400);
  });

  it('paying stops level 3; the unpaid one gets a draft the coordinator sends once', async () => {
    const paid = await api('POST', `/invoices/${ids.company}/payments`, {
      amount: '240.00',
      receivedOn: (await api('GET', `/invoices/${ids.company}`)).body.issuedOn,
      method: 'transfer',
    });
    expect(paid.status).toBe(201);
    await eventually(async () => (await platform.query('SELECT 1 FROM worker.dunning_invoice WHERE invoice_id = $1 AND settled_on IS NOT NULL', [ids.company])).length === 1, {
      what: 'the payment known by the worker',
    });
    await workerAt(addDays(dueOn, 46));
    await eventually(async () => (await api('GET', '/dunning-drafts')).body.items.length === 1, { what: 'the formal notice drafted', timeoutMs: 40_000 });
    const drafts = await api('GET', '/dunning-drafts');
    expect(drafts.body.items.map((d: { invoiceId: string }) => d.invoiceId)).toEqual([ids.individual]);
    expect(await platform.query('SELECT 1 FROM worker.dunning_reminder WHERE invoice_id = $1 AND level = 3', [ids.company])).toHaveLength(0);
    expect(await mail(ids.individual, 3)).toBeUndefined();
    const sent = await api('POST', `/dunning-drafts/${ids.individual}/send`, {});
    expect(sent.status).toBe(200);
    const notice = await mail(ids.individual, 3);
    expect(notice.subject).toContain('Mise en demeure');
    expect(notice.body_text).not.toMatch(/40\s?€/);
    const again = await api('POST', `/dunning-drafts/${ids.individual}/send`, {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DUNNING_DRAFT_ALREADY_SENT');
  });

  it('pauses and resumes an invoice with a reason, refusing a second pause (409) and unknown invoices (404)', async () => {
    const paused = await api('POST', `/invoices/${ids.individual}/dunning/pause`, { reason: 'Échéancier convenu' });
    expect(paused.status).toBe(200);
    expect(paused.body.status.paused).toBe(true);
    expect((await api('POST', `/invoices/${ids.individual}/dunning/pause`, { reason: 'encore' })).status).toBe(409);
    expect((await api('POST', `/invoices/${ids.individual}/dunning/pause`, { reason: '' })).status).toBe(400);
    const resumed = await api('POST', `/invoices/${ids.individual}/dunning/resume`, {});
    expect(resumed.status).toBe(200);
    expect(resumed.body.entries.find((e: { type: string }) => e.type === 'pause')).toMatchObject({ reason: 'Échéancier convenu' });
    expect((await api('GET', `/invoices/00000000-0000-4000-8000-000000000000/collection`)).status).toBe(404);
  });
});
