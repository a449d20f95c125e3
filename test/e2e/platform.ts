import { ChildProcess, spawn } from 'node:child_process';
import { Client as PgClient } from 'pg';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SERVICES, ServiceName } from '@kpa/contracts';
import { createTestEnv, destroyTestEnv, eventually, TestEnv } from '@kpa/testing';

const ROOT = join(__dirname, '..', '..');
export const ADMIN = { email: 'admin@e2e.kpa.local', password: 'le vélo de la cape roule' };

export interface LogLine {
  level: string;
  service: string;
  message: string;
  requestId?: string;
  [key: string]: unknown;
}

export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * Ports for the services of this test file. Not the OS's "any free port" (listen on 0): that one is
 * closed again before the service binds it, and the OS may hand it to the file running beside this
 * one meanwhile (seen: EADDRINUSE at start). Each Jest worker takes ports from its own range, below
 * the OS's ephemeral range, checking each is free; two files of one worker never run at once.
 */
const PORTS_PER_WORKER = 500;
/**
 * `KPA_E2E_PORT_BASE` moves the ranges, for two checkouts running their e2e suites at once. Keep it
 * below the OS's ephemeral range (Linux: from 32768, `/proc/sys/net/ipv4/ip_local_port_range`):
 * there the client side of a Postgres or NATS connection may already hold the port (seen: EADDRINUSE).
 */
const FIRST_PORT = Number(process.env.KPA_E2E_PORT_BASE ?? 20000) + (Number(process.env.JEST_WORKER_ID ?? 1) % 20) * PORTS_PER_WORKER;
let nextPort = FIRST_PORT;
/**
 * How long a service may take to answer /health/ready. A crash is seen at once (its exit); this is
 * for a machine busy with other suites, where six services starting together took over 30 s.
 */
const READY_TIMEOUT_MS = 90_000;

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function freePort(): Promise<number> {
  while (nextPort < FIRST_PORT + PORTS_PER_WORKER) {
    const port = nextPort++;
    if (await isFree(port)) return port;
  }
  throw new Error(`no free port left between ${FIRST_PORT} and ${nextPort}`);
}

/**
 * The platform of one test file, booted before its tests and stopped after them: see Platform.
 * Test files run in parallel, each with its own platform, database and NATS namespace.
 * `extraEnv` is given to every service (e.g. a higher rate limit).
 */
export function usePlatform(label: string, extraEnv: Record<string, string> = {}): Platform {
  const platform = new Platform(label, extraEnv);
  beforeAll(() => platform.boot());
  afterAll(() => platform.shutdown());
  return platform;
}

/**
 * The built platform (dist/) started as real processes, one per service, on free ports, in
 * the test file's own database and NATS namespace: driven over HTTP as a client would.
 */
export class Platform {
  readonly logs: Record<string, LogLine[]> = {};
  private readonly processes = new Map<string, ChildProcess>();
  private readonly ports = new Map<string, number>();
  private readonly metricsPorts = new Map<string, number>();
  private testEnv?: TestEnv;
  private db?: PgClient;

  constructor(
    private readonly label: string,
    private readonly extraEnv: Record<string, string> = {},
  ) {
    if (!existsSync(join(ROOT, 'dist/apps/gateway/src/main.js'))) {
      throw new Error('dist/ is missing: run `npm run build` before the e2e tests (npm test does).');
    }
  }

  /** The test file's database and NATS namespace. */
  get env(): TestEnv {
    if (!this.testEnv) throw new Error('The platform is not booted yet: usePlatform() boots it in a beforeAll.');
    return this.testEnv;
  }

  /** Creates the test file's database and namespace, then starts every service. */
  async boot(): Promise<void> {
    this.testEnv = await createTestEnv(this.label);
    await this.startAll();
  }

  /** Stops every instance, then drops the database and the namespace's streams. */
  async shutdown(): Promise<void> {
    await this.db?.end();
    await this.stopAll();
    if (this.testEnv) await destroyTestEnv(this.testEnv);
  }

  get gatewayUrl(): string {
    return this.url('gateway');
  }

  url(instance: string): string {
    return `http://127.0.0.1:${this.ports.get(instance)}`;
  }

  /** The instance's metrics listener (METRICS_PORT), apart from its HTTP port. */
  metricsUrl(instance: string): string {
    return `http://127.0.0.1:${this.metricsPorts.get(instance)}`;
  }

  /** Starts a service (or another instance of it, e.g. `gateway#2`) and waits until it is ready. */
  async start(instance: string, env: Record<string, string> = {}): Promise<void> {
    const service = instance.split('#')[0] as ServiceName;
    const port = this.ports.get(instance) ?? (await freePort());
    this.ports.set(instance, port);
    const metricsPort = this.metricsPorts.get(instance) ?? (await freePort());
    this.metricsPorts.set(instance, metricsPort);
    const child = spawn(process.execPath, [join(ROOT, `dist/apps/${service}/src/main.js`)], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        ...this.env.serviceEnv,
        HTTP_PORT: String(port),
        METRICS_PORT: String(metricsPort),
        LOG_LEVEL: 'info',
        RPC_TIMEOUT_MS: '3000',
        SHUTDOWN_GRACE_MS: '500',
        JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e-secret',
        KPA_ADMIN_EMAIL: ADMIN.email,
        KPA_ADMIN_PASSWORD: ADMIN.password,
        ...this.extraEnv,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines = (this.logs[instance] ??= []);
    const collect = (line: string) => {
      if (process.env.E2E_DUMP && line.includes('"error"')) process.stderr.write(`${instance}: ${line.slice(0, 1500)}\n`);
      try {
        lines.push(JSON.parse(line) as LogLine);
      } catch {
        lines.push({ level: 'raw', service, message: line });
      }
    };
    createInterface({ input: child.stdout! }).on('line', collect);
    createInterface({ input: child.stderr! }).on('line', collect);
    this.processes.set(instance, child);
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) =>
        reject(
          new Error(
            `${instance} exited (${code}) while starting:\n${lines
              .slice(-5)
              .map((l) => l.message)
              .join('\n')}`,
          ),
        ),
      ),
    );
    exited.catch(() => undefined);
    await Promise.race([
      exited,
      eventually(async () => (await fetch(`${this.url(instance)}/health/ready`)).status === 200, { timeoutMs: READY_TIMEOUT_MS, what: `${instance} to be ready` }),
    ]);
  }

  async startAll(): Promise<void> {
    // Services first (in parallel), the gateway last: its readiness reports theirs.
    await Promise.all(SERVICES.filter((s) => s !== 'gateway').map((s) => this.start(s)));
    await this.start('gateway');
  }

  /**
   * SIGTERM, as an orchestrator stops a container. Resolves with how it ended: `graceful` when it
   * exited by itself (Nest re-raises SIGTERM after its shutdown hooks), `killed` when it had to
   * be SIGKILLed after 20 s.
   */
  async stop(instance: string): Promise<'graceful' | 'killed' | 'not running'> {
    return this.signal(instance, 'SIGTERM');
  }

  /** SIGKILL: a crash. */
  async kill(instance: string): Promise<void> {
    await this.signal(instance, 'SIGKILL');
  }

  /** SIGSTOP: a hung process, whose connections stay open and whose requests stay unanswered (`kill` ends it). */
  pause(instance: string): void {
    this.processes.get(instance)?.kill('SIGSTOP');
  }

  /** Resolves when the process ends by itself (e.g. a fault-injected crash). */
  async exited(instance: string): Promise<void> {
    const child = this.processes.get(instance);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise((resolve) => child.once('exit', resolve));
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.processes.keys()].map((instance) => this.stop(instance)));
  }

  private async signal(instance: string, signal: NodeJS.Signals): Promise<'graceful' | 'killed' | 'not running'> {
    const child = this.processes.get(instance);
    if (!child || child.exitCode !== null || child.signalCode !== null) return 'not running';
    const done = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, exitSignal) => resolve(exitSignal)));
    child.kill(signal);
    let forced = false;
    const timer = setTimeout(() => {
      forced = true;
      child.kill('SIGKILL');
    }, 20000);
    await done;
    clearTimeout(timer);
    return forced ? 'killed' : 'graceful';
  }

  async http<T = any>(method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string>; instance?: string } = {}): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined && typeof options.body !== 'string') headers['content-type'] = 'application/json';
    if (typeof options.body === 'string') headers['content-type'] ??= 'application/json';
    const response = await fetch(`${this.url(options.instance ?? 'gateway')}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (metrics, docs)
    }
    return { status: response.status, body: body as T, headers: response.headers };
  }

  /** A connection to the test database kept for the whole file (closed by shutdown, before the database is dropped). */
  async database(): Promise<PgClient> {
    if (!this.db) {
      this.db = new PgClient({ connectionString: this.env.databaseUrl });
      await this.db.connect();
    }
    return this.db;
  }

  /** One query on the test database (its own connection, closed after). */
  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    const db = new PgClient({ connectionString: this.env.databaseUrl });
    await db.connect();
    try {
      return (await db.query(sql, params)).rows as T[];
    } finally {
      await db.end();
    }
  }

  async login(email: string, password: string): Promise<{ accessToken: string; refreshToken: string }> {
    const result = await this.http('POST', '/v1/auth/login', { body: { email, password } });
    if (result.status !== 200) throw new Error(`login of ${email} failed: ${result.status} ${JSON.stringify(result.body)}`);
    return result.body;
  }
}

/** A valid SIRET / VAT pair for test host structures (INSEE's own SIRET; VAT key (12 + 3 × (SIREN mod 97)) mod 97). */
export const TEST_SIRET = '12002701600357';
export const TEST_VAT = 'FR85120027016';

export const COORDINATOR_PASSWORD = 'coordonner la cape ensemble';

/** A member's file as a coordinator registers it: a resident of Roubaix's priority neighbourhood, sent by the mission locale; `more` adds or replaces fields. */
export function aMemberFile(firstName: string, lastName: string, birthDate: string, joinedOn: string, more: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    firstName,
    lastName,
    birthDate,
    gender: 'female',
    situation: 'job_seeker',
    referredBy: 'mission_locale',
    priorityNeighbourhood: true,
    address: { line: '12 rue de l’Épeule', postalCode: '59100', city: 'Roubaix' },
    skills: [],
    passions: [],
    joinedOn,
    ...more,
  };
}

/** Registers a member on the site as its coordinator: the member's id. */
export async function registerMember(platform: Platform, site: Pick<RegionSite, 'id' | 'coordinator'>, file: Record<string, unknown>): Promise<string> {
  const created = await platform.http('POST', `/v1/sites/${site.id}/members`, { token: site.coordinator, body: file });
  if (created.status !== 201) throw new Error(`registering ${String(file.firstName)} failed: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.id;
}

export interface RegionSite {
  id: string;
  code: string;
  coordinator: string;
  coordinatorEmail: string;
}

export interface Region {
  admin: string;
  hostStructureId: string;
  sites: { a: RegionSite; b: RegionSite };
}

/** A host CAE and two sites (LACAPE, MOULINS) with a logged-in coordinator each: where most tests start. */
export async function setUpRegion(platform: Platform): Promise<Region> {
  const admin = (await platform.login(ADMIN.email, ADMIN.password)).accessToken;
  const host = await platform.http('POST', '/v1/host-structures', {
    token: admin,
    body: { kind: 'cae', legalName: 'CAE Grand Nord', siret: TEST_SIRET, vatNumber: TEST_VAT, city: 'Lille' },
  });
  const site = async (code: string): Promise<RegionSite> => {
    const created = await platform.http('POST', '/v1/sites', { token: admin, body: { name: code, code, city: 'Lille', status: 'active', hostStructureId: host.body.id } });
    const coordinatorEmail = `coordination@${code.toLowerCase()}.kpa.local`;
    await platform.http('POST', `/v1/sites/${created.body.id}/users`, {
      token: admin,
      body: { email: coordinatorEmail, displayName: `Coordination ${code}`, role: 'coordinator', password: COORDINATOR_PASSWORD },
    });
    return { id: created.body.id, code, coordinatorEmail, coordinator: (await platform.login(coordinatorEmail, COORDINATOR_PASSWORD)).accessToken };
  };
  return { admin, hostStructureId: host.body.id, sites: { a: await site('LACAPE'), b: await site('MOULINS') } };
}

/** A user with this role on the site (password COORDINATOR_PASSWORD), logged in: their access token. */
export async function siteUserToken(platform: Platform, site: Pick<RegionSite, 'id' | 'coordinator'>, role: 'member' | 'accountant'): Promise<string> {
  const email = `${role}.${site.id}@kpa.local`;
  await platform.http('POST', `/v1/sites/${site.id}/users`, { token: site.coordinator, body: { email, displayName: role, role, password: COORDINATOR_PASSWORD } });
  return (await platform.login(email, COORDINATOR_PASSWORD)).accessToken;
}

/** Commerce learns sites and their host structure from membership's events: waits until it knows these. */
export async function untilCommerceKnows(platform: Platform, siteIds: string[]): Promise<void> {
  await eventually(
    async () =>
      (await platform.query('SELECT 1 FROM commerce.seller_site s JOIN commerce.seller_host_structure h ON h.id = s.host_structure_id WHERE s.id = ANY($1)', [siteIds])).length ===
      siteIds.length,
    { what: 'the sites and their host known by commerce' },
  );
}

/** The day in Paris, as the platform counts it (a contribution may not be dated in the future, a mission is completed from its first day on). */
export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** Commerce and remuneration each learn members from membership's events: waits until both know these. */
export async function untilMembersKnown(platform: Platform, memberIds: string[]): Promise<void> {
  await eventually(
    async () =>
      (await platform.query('SELECT 1 FROM commerce.known_member WHERE id = ANY($1)', [memberIds])).length === memberIds.length &&
      (await platform.query('SELECT 1 FROM remuneration.known_member WHERE id = ANY($1)', [memberIds])).length === memberIds.length,
    { what: 'the members known by commerce and remuneration' },
  );
}

/** Money in site a's pot: the host's legal identity (an invoice needs it), then an invoice of 10 hours at 30 € issued and paid on `day`. */
export async function paidInvoice(platform: Platform, region: Region, day: string, description: string): Promise<void> {
  const site = region.sites.a;
  const at = (path: string) => `/v1/sites/${site.id}${path}`;
  const asCoordinator = (path: string, body: unknown) => platform.http('POST', at(path), { token: site.coordinator, body });
  const patched = await platform.http('PATCH', `/v1/host-structures/${region.hostStructureId}`, {
    token: region.admin,
    body: { legalForm: 'SCOP SARL à capital variable', shareCapital: '15000.00', rcsCity: 'Lille', addressLine: '12 rue de la Paix', postalCode: '59000' },
  });
  expect(patched.status).toBe(200);
  await eventually(async () => (await platform.query("SELECT 1 FROM commerce.seller_host_structure WHERE identity->>'legalForm' IS NOT NULL")).length === 1, {
    what: "the host structure's legal form known by commerce",
  });
  const client = await asCoordinator('/clients', {
    kind: 'company',
    name: 'Friperie du Pile',
    billingAddress: { line: '3 place de la Liberté', postalCode: '59100', city: 'Roubaix' },
    siret: '120 027 016 00357',
  });
  expect(client.status).toBe(201);
  const invoice = await asCoordinator('/invoices', {
    clientId: client.body.id,
    lines: [{ description, quantity: '10', unit: 'hour', unitPrice: '30.00', vatRate: '20' }],
    supplyDate: '2026-11-02',
  });
  expect(invoice.status).toBe(201);
  const issued = await asCoordinator(`/invoices/${invoice.body.id}/issue`, {});
  expect(issued.status).toBe(200);
  expect((await asCoordinator(`/invoices/${invoice.body.id}/payments`, { amount: issued.body.totals.total, receivedOn: day, method: 'transfer' })).status).toBe(201);
}
