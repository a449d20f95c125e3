import { connect } from 'node:net';
import { aMemberFile, HttpResult, Region, registerMember, setUpRegion, usePlatform } from './platform';

/** One request written by hand on a socket, for what fetch will not send (headers over 16 KiB): the status and the JSON body. */
async function rawRequest(url: string, request: string): Promise<{ status: number; body: any }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const [head, ...rest] = answer.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
      if (!status) return reject(new Error(`no HTTP answer: ${answer.slice(0, 200)}`));
      resolve({ status, body: JSON.parse(rest.join('\r\n\r\n')) });
    });
  });
}

/**
 * Hostile values on real routes: control and direction characters in bodies and queries, null
 * where an object or a boolean is required, days that do not exist, and what the framework
 * refuses before Nest (long path parameters, huge headers, bad JSON). Each is a 4xx in the error
 * contract, and nothing is stored.
 */
describe('hostile input over HTTP', () => {
  const platform = usePlatform('e2e_hostile_input');
  let region: Region;
  let memberId: string;

  const expectRefusal = (result: HttpResult, status: number, code: string) => {
    expect({ status: result.status, code: result.body?.code }).toEqual({ status, code });
    expect(result.body).toMatchObject({ statusCode: status, code, message: expect.any(String) });
    expect(JSON.stringify(result.body)).not.toMatch(/at .*\.(js|ts):\d+/);
  };
  const memberCount = async () => Number((await platform.query<{ n: string }>('SELECT count(*) AS n FROM membership.member WHERE site_id = $1', [region.sites.a.id]))[0].n);

  beforeAll(async () => {
    region = await setUpRegion(platform);
    memberId = await registerMember(platform, region.sites.a, aMemberFile('Inès', 'Benali', '1998-03-02', '2026-09-01'));
  });

  it('refuses a NUL, a C1 control or a direction override in any body field, naming it, and stores nothing', async () => {
    const site = region.sites.a;
    const before = await memberCount();
    const cases: [Record<string, unknown>, string][] = [
      [aMemberFile('Al\u0000ice', 'Martin', '1999-01-01', '2026-09-01'), 'firstName'],
      [aMemberFile('Alice', 'Mar\u0085tin', '1999-01-01', '2026-09-01'), 'lastName'],
      [aMemberFile('\u202eecilA', 'Martin', '1999-01-01', '2026-09-01'), 'firstName'],
      [aMemberFile('Alice', 'Martin', '1999-01-01', '2026-09-01', { address: { line: '1 rue', postalCode: '59100', city: 'Roubaix\u0007' } }), 'address.city'],
      [aMemberFile('Alice', 'Martin', '1999-01-01', '2026-09-01', { passions: ['vélo', 'couture\u001b[31m'] }), 'passions[1]'],
    ];
    for (const [body, field] of cases) {
      const result = await platform.http('POST', `/v1/sites/${site.id}/members`, { token: site.coordinator, body });
      expectRefusal(result, 400, 'VALIDATION_FAILED');
      expect(result.body.details).toMatchObject({ field });
    }
    expect(await memberCount()).toBe(before);

    const client = await platform.http('POST', `/v1/sites/${site.id}/clients`, { token: site.coordinator, body: { kind: 'company', name: 'Boulangerie\u0000 Nord' } });
    expectRefusal(client, 400, 'VALIDATION_FAILED');
    expect(client.body.details).toMatchObject({ field: 'name' });
  });

  it('a member cannot store a NUL in their own file either', async () => {
    const site = region.sites.a;
    const account = await platform.http('POST', `/v1/sites/${site.id}/members/${memberId}/account`, {
      token: site.coordinator,
      body: { email: 'ines@hostile.kpa.local', password: 'mon parcours à la cape' },
    });
    expect(account.status).toBe(201);
    const ines = (await platform.login('ines@hostile.kpa.local', 'mon parcours à la cape')).accessToken;
    const result = await platform.http('PATCH', '/v1/me/member', { token: ines, body: { passions: ['cuisine\u0000'] } });
    expectRefusal(result, 400, 'VALIDATION_FAILED');
    expect(result.body.details).toMatchObject({ field: 'passions[0]' });
    expect((await platform.http('GET', '/v1/me/member', { token: ines })).body.member.passions).toEqual([]);
  });

  it('keeps tab and line breaks in a note', async () => {
    const site = region.sites.a;
    const notes = 'Première ligne\n\tdeuxième, indentée\r\nfin';
    const interview = await platform.http('POST', `/v1/sites/${site.id}/members/${memberId}/interviews`, {
      token: site.coordinator,
      body: { kind: 'first', scheduledAt: new Date(Date.now() - 3_600_000).toISOString(), notes },
    });
    expect(interview.status).toBe(201);
    expect(interview.body.notes).toBe(notes);
  });

  it('refuses a control character in a query string, naming the parameter', async () => {
    const site = region.sites.a;
    for (const path of [`/v1/sites/${site.id}/members?q=%00`, `/v1/sites/${site.id}/clients?q=a%00b`, `/v1/sites/${site.id}/members?skill=%E2%80%AE`]) {
      const result = await platform.http('GET', path, { token: site.coordinator });
      expectRefusal(result, 400, 'VALIDATION_FAILED');
      expect(result.body.details.field).toMatch(/^(q|skill)$/);
    }
  });

  it('refuses null site settings and keeps the settings', async () => {
    const site = region.sites.a;
    const before = (await platform.http('GET', `/v1/sites/${site.id}`, { token: region.admin })).body.settings;
    const result = await platform.http('PATCH', `/v1/sites/${site.id}`, { token: region.admin, body: { settings: null } });
    expectRefusal(result, 400, 'VALIDATION_FAILED');
    expect(result.body.details.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'settings' })]));
    expect((await platform.http('GET', `/v1/sites/${site.id}`, { token: region.admin })).body.settings).toEqual(before);
  });

  it('refuses a query date that does not exist on every list with dates', async () => {
    const site = region.sites.a;
    for (const path of [
      `/v1/sites/${site.id}/missions?from=2026-02-30`,
      `/v1/sites/${site.id}/missions?to=2026-13-01`,
      `/v1/sites/${site.id}/expenses?from=2026-02-30`,
      `/v1/sites/${site.id}/contributions?to=2026-04-31`,
      `/v1/sites/${site.id}/stats?from=2026-02-29&to=2026-12-31`,
    ]) {
      const result = await platform.http('GET', path, { token: site.coordinator });
      expectRefusal(result, 400, 'VALIDATION_FAILED');
    }
  });

  it('refuses dryRun null on the member import instead of importing for real', async () => {
    const site = region.sites.a;
    const before = await memberCount();
    const csv = "prénom;nom;date de naissance;situation;orienté par\nSam;Durand;2001-02-03;demandeur d'emploi;mission locale";
    const result = await platform.http('POST', `/v1/sites/${site.id}/members/import`, { token: site.coordinator, body: { csv, dryRun: null } });
    expectRefusal(result, 400, 'VALIDATION_FAILED');
    expect(result.body.details.fields).toEqual([expect.objectContaining({ field: 'dryRun' })]);
    expect(await memberCount()).toBe(before);
  });

  it('the member import refuses the row holding a NUL and imports the others', async () => {
    const site = region.sites.a;
    const before = await memberCount();
    const csv = [
      'prénom;nom;date de naissance;situation;orienté par',
      "Lina;Moreau;2002-04-05;demandeur d'emploi;mission locale",
      "Nu\u0000l;Octet;2002-04-06;demandeur d'emploi;mission locale",
      'Yanis;Pe\u202etit;2003-05-06;étudiant;mission locale',
      'Zoé;Roux;2003-05-07;étudiant;centre social',
    ].join('\n');
    const result = await platform.http('POST', `/v1/sites/${site.id}/members/import`, { token: site.coordinator, body: { csv } });
    expect(result.status).toBe(200);
    expect(result.body.created.map((c: { row: number }) => c.row)).toEqual([2, 5]);
    expect(result.body.refused).toEqual([
      expect.objectContaining({ row: 3, field: 'firstName', column: 'prénom' }),
      expect.objectContaining({ row: 4, field: 'lastName', column: 'nom' }),
    ]);
    expect(await memberCount()).toBe(before + 2);
  });

  it("answers the framework's own refusals in the error contract", async () => {
    const site = region.sites.a;
    const longParam = await platform.http('GET', `/v1/sites/${site.id}/members/${'a'.repeat(3000)}`, { token: site.coordinator });
    expectRefusal(longParam, 414, 'URI_TOO_LONG');
    expect(longParam.body.message.length).toBeLessThan(300);

    const gateway = platform.url('gateway');
    const bigHeader = await rawRequest(gateway, `GET /v1/sites/${site.id} HTTP/1.1\r\nHost: localhost\r\nX-Padding: ${'x'.repeat(20_000)}\r\n\r\n`);
    expect(bigHeader).toMatchObject({ status: 431, body: { statusCode: 431, code: 'HEADERS_TOO_LARGE', message: expect.any(String) } });

    const badJson = await platform.http('POST', `/v1/sites/${site.id}/clients`, { token: site.coordinator, body: '{"kind": "company", ' });
    expectRefusal(badJson, 400, 'MALFORMED_REQUEST');
    const text = await platform.http('POST', `/v1/sites/${site.id}/clients`, { token: site.coordinator, body: '<client/>', headers: { 'content-type': 'application/xml' } });
    expectRefusal(text, 415, 'UNSUPPORTED_MEDIA_TYPE');
    const huge = await platform.http('POST', `/v1/sites/${site.id}/clients`, { token: site.coordinator, body: { kind: 'company', name: 'x'.repeat(1_100_000) } });
    expectRefusal(huge, 413, 'PAYLOAD_TOO_LARGE');
  });
});
