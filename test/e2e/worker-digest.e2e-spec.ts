import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { ParsedMail, simpleParser } from 'mailparser';
import { addDays } from '@kpa/contracts';
import { todayInFrance } from '@kpa/platform';
import { eventually } from '@kpa/testing';
import { aMemberFile, registerMember, RegionSite, setUpRegion, usePlatform } from './platform';

/** The hour in Paris now (0–23). */
function parisHour(): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
}

/**
 * The coordinators' daily digest end to end: a member whose interview is overdue and another whose
 * CAPE ends in 7 days, registered through the API; the worker started at the coordinator's digest
 * hour writes one digest naming both, readable at GET /v1/me/notifications and received by e-mail;
 * later sweeps the same day, and a restarted worker, write nothing more.
 */
describe('coordinators’ daily digest (worker) end to end', () => {
  const extraEnv: Record<string, string> = { MAIL_SEND_INTERVAL_SECONDS: '1' };
  const received: ParsedMail[] = [];
  let smtp: SMTPServer;
  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => received.push(mail))
          .then(() => callback(), callback);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    extraEnv.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve())));

  const platform = usePlatform('worker-digest', extraEnv);
  let site: RegionSite;
  const today = todayInFrance();
  const capeEndsOn = addDays(today, 7);

  const digestsOf = async (token: string) => {
    const page = await platform.http('GET', '/v1/me/notifications', { token });
    expect(page.status).toBe(200);
    return (page.body.items as { kind: string; siteId: string; title: string; body: string; link: string | null }[]).filter((n) => n.kind === 'digest');
  };
  const digestMails = () => received.filter((mail) => mail.to && JSON.stringify(mail.to).includes(site.coordinatorEmail) && mail.subject?.includes('à voir aujourd’hui'));

  beforeAll(async () => {
    // While the site and its coordinator are set up, the worker lives yesterday: a sweep that finds the
    // coordinator then does yesterday's digest (with nothing to tell yet), never today's.
    await platform.stop('worker');
    await platform.start('worker', { KPA_CLOCK_OFFSET_MINUTES: String(-24 * 60) });
    const region = await setUpRegion(platform);
    site = region.sites.a;
    // The coordinator's digest hour is now (Paris).
    const preferences = await platform.http('PUT', '/v1/me/notification-preferences', {
      token: site.coordinator,
      body: { emailOff: [], digestHour: parisHour(), language: 'fr' },
    });
    expect(preferences.status).toBe(200);
    // The worker is down while the people are registered: it learns nothing of them before today's sweep.
    await platform.stop('worker');

    // Ines joined 100 days ago and was never seen: her interview is overdue.
    await registerMember(platform, site, aMemberFile('Ines', 'Benali', '1995-03-14', addDays(today, -100)));
    // Marc's CAPE ends in 7 days and nothing follows it.
    const marc = await registerMember(platform, site, aMemberFile('Marc', 'Dupont', '1990-05-05', addDays(today, -150)));
    const contract = await platform.http('POST', `/v1/sites/${site.id}/members/${marc}/cape-contracts`, {
      token: site.coordinator,
      body: { startsOn: addDays(today, -150), endsOn: capeEndsOn, activity: 'jardinage' },
    });
    expect(contract.status).toBe(201);

    // Kpa-Moulins asks the region for help.
    const help = await platform.http('POST', `/v1/sites/${region.sites.b.id}/help-requests`, {
      token: region.sites.b.coordinator,
      body: {
        title: 'Renfort traiteur',
        place: 'Lille',
        peopleNeeded: 2,
        returnKind: 'reciprocity',
        reciprocityHours: '6',
        visibility: 'region',
        startsOn: addDays(today, 14),
        endsOn: addDays(today, 14),
      },
    });
    expect(help.status).toBe(201);

    const board = await platform.http('GET', `/v1/sites/${site.id}/follow-up`, { token: site.coordinator });
    const codes = board.body.items.flatMap((item: { firstName: string; attention: { code: string }[] }) => item.attention.map((a) => `${item.firstName}:${a.code}`));
    expect(codes).toEqual(expect.arrayContaining(['Ines:interview_overdue', 'Marc:cape_ending_soon']));
  });

  it('at the coordinator’s digest hour, lists the overdue interview, the CAPE ending in 7 days and another site’s help request, in the app and by e-mail', async () => {
    // Nothing was told yet (not even yesterday): the worker starts now, at the digest hour, as in
    // production (hourly at minute 0): its sweep at start catches the hour up.
    expect(await platform.query(`SELECT 1 FROM worker.notification WHERE kind = 'digest'`)).toEqual([]);
    await platform.start('worker');

    const [digest] = await eventually(
      async () => {
        const digests = await digestsOf(site.coordinator);
        return digests.length > 0 ? digests : undefined;
      },
      { what: 'the digest in the coordinator’s notifications', timeoutMs: 30_000 },
    );
    expect(digest.siteId).toBe(site.id);
    expect(digest.title).toMatch(/^LACAPE : \d+ points à voir aujourd’hui$/);
    expect(digest.link).toBe(`/v1/sites/${site.id}/follow-up`);
    expect(digest.body).toContain('Entretien en retard : Ines B. (prévu le ');
    expect(digest.body).toContain('Le CAPE de Marc D. se termine dans 7 jours');
    expect(digest.body).toContain('MOULINS : « Renfort traiteur »');
    expect(digest.body).not.toContain('Benali');

    await eventually(async () => digestMails().length > 0, { what: 'the digest at the SMTP server', timeoutMs: 30_000 });
    const [mail] = digestMails();
    expect(mail.subject).toBe(digest.title);
    expect(mail.text).toContain('Entretien en retard : Ines B.');
    expect(mail.text).toContain('Le CAPE de Marc D. se termine dans 7 jours');
    expect(mail.text).not.toContain('Benali');
  });

  it('writes nothing more the same day: later sweeps and a restarted worker', async () => {
    // A restart (a sweep at start), then one sweep every 2 s.
    await platform.stop('worker');
    await platform.start('worker');
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await platform.stop('worker');
    await platform.start('worker', { DIGEST_SWEEP_INTERVAL_SECONDS: '2' });
    await eventually(async () => (await platform.query(`SELECT 1 FROM worker.outgoing_mail WHERE status = 'sent' AND key LIKE 'notification:digest:%'`)).length === 1, {
      what: 'the digest e-mail marked sent',
    });
    await new Promise((resolve) => setTimeout(resolve, 5000));
    // The sweeps did run meanwhile (this worker's own counter).
    const metrics = await (await fetch(`${platform.metricsUrl('worker')}/metrics`)).text();
    expect(metrics).toMatch(/kpa_jobs_completed_total\{queue="notifications",job="notifications.digest-sweep"\} ([2-9]|\d\d)/);
    expect(await digestsOf(site.coordinator)).toHaveLength(1);
    expect(digestMails()).toHaveLength(1);
    const runs = await platform.query<{ day: string; items: number }>(`SELECT to_char(day, 'YYYY-MM-DD') AS day, items FROM worker.digest_run WHERE site_id = $1 AND day = $2`, [
      site.id,
      today,
    ]);
    expect(runs).toHaveLength(1);
    expect(runs[0].items).toBeGreaterThanOrEqual(2);
  });
});
