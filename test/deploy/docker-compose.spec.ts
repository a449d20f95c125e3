import { readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { parse } from 'yaml';
import { ConfigError, loadConfig, ServiceConfig } from '@kpa/platform';
import { GatewayConfig, GATEWAY_DEFAULTS } from '../../apps/gateway/src/gateway.config';
import { MembershipConfig, MEMBERSHIP_DEFAULTS } from '../../apps/membership/src/membership.config';
import { CommerceConfig, COMMERCE_DEFAULTS } from '../../apps/commerce/src/commerce.config';
import { RemunerationConfig, REMUNERATION_DEFAULTS } from '../../apps/remuneration/src/remuneration.config';
import { NetworkingConfig, NETWORKING_DEFAULTS } from '../../apps/networking/src/networking.config';
import { WorkerConfig, WORKER_DEFAULTS } from '../../apps/worker/src/worker.config';

/*
 * There is no Docker engine where the tests run: this reads docker-compose.yml, deploy/Dockerfile and
 * deploy/nats.conf as text and checks them against what the apps actually require (their config classes).
 * Each test collects one readable line per problem and expects the list to be empty.
 */

const ROOT = join(__dirname, '..', '..');
const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

type Dependency = 'postgres' | 'nats' | 'redis';

/** Which environment variable points an app at each dependency, and the image that provides it. */
const DEPENDENCIES: Record<Dependency, { variable: 'DATABASE_URL' | 'NATS_URL' | 'REDIS_URL'; image: string }> = {
  postgres: { variable: 'DATABASE_URL', image: 'postgres' },
  nats: { variable: 'NATS_URL', image: 'nats' },
  redis: { variable: 'REDIS_URL', image: 'redis' },
};

interface App {
  name: string;
  schema: new () => ServiceConfig;
  defaults: Partial<Record<keyof ServiceConfig, unknown>>;
  uses: Dependency[];
}

const APPS: App[] = [
  { name: 'gateway', schema: GatewayConfig, defaults: GATEWAY_DEFAULTS, uses: ['postgres', 'nats', 'redis'] },
  { name: 'membership', schema: MembershipConfig, defaults: MEMBERSHIP_DEFAULTS, uses: ['postgres', 'nats'] },
  { name: 'commerce', schema: CommerceConfig, defaults: COMMERCE_DEFAULTS, uses: ['postgres', 'nats'] },
  { name: 'remuneration', schema: RemunerationConfig, defaults: REMUNERATION_DEFAULTS, uses: ['postgres', 'nats'] },
  { name: 'networking', schema: NetworkingConfig, defaults: NETWORKING_DEFAULTS, uses: ['postgres', 'nats'] },
  { name: 'worker', schema: WorkerConfig, defaults: WORKER_DEFAULTS, uses: ['postgres', 'nats', 'redis'] },
];
const DATABASE_APPS = APPS.filter((app) => app.uses.includes('postgres'));

/** What an operator would put in the environment (or .env) of `docker compose up`. */
const PLACEHOLDERS: Record<string, string> = {
  POSTGRES_PASSWORD: '3f9c2a7e5b1d4c8a9e0f6b2d7a1c5e8f3b9d0a4c6e2f7b1d',
  JWT_SECRET: 'Zk8vQ2xN5pR7tW1yB4dF6hJ9mL3sV0cX8gK2nP5qT7wY1zA4',
  CURSOR_SECRET: 'q7Xw2Rb9Lm4Tz1Kc8Vn5Hs3Pd6Jf0Gy2Ue7Ia9Ob4Qr1St6W',
  KPA_ADMIN_EMAIL: 'admin@kpa-cite.example',
  KPA_ADMIN_PASSWORD: 'correct-horse-battery-staple',
  SMTP_URL: 'smtps://kpa:mail-password@smtp.kpa-cite.example:465',
  MAIL_FROM: 'KPA-Cité <ne-pas-repondre@kpa-cite.example>',
};

interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string; args?: Record<string, unknown> | string[] };
  command?: string | string[];
  environment?: Record<string, unknown> | string[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: string[] | Record<string, { condition?: string } | null>;
  ports?: (string | number | { target?: number | string; published?: number | string })[];
  profiles?: string[];
  volumes?: (string | { type?: string; source?: string; target?: string })[];
  restart?: string;
  stop_grace_period?: string;
}

interface Compose {
  version?: unknown;
  services?: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

/** Compose interpolation: `$$`, `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`. */
const INTERPOLATION = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(INTERPOLATION, (match, braced: string | undefined, operator: string | undefined, argument: string | undefined, bare: string | undefined) => {
    if (match === '$$') return '$';
    const name = (braced ?? bare) as string;
    const value = env[name];
    const isSet = operator?.startsWith(':') ? value !== undefined && value !== '' : value !== undefined;
    switch (operator) {
      case ':-':
      case '-':
        return isSet ? value : (argument ?? '');
      case ':?':
      case '?':
        if (!isSet) throw new Error(`docker-compose.yml requires ${name}: give it a value in PLACEHOLDERS of this test`);
        return value;
      case ':+':
      case '+':
        return isSet ? (argument ?? '') : '';
      default:
        return value ?? '';
    }
  });
}

function interpolateAll(value: unknown, env: Record<string, string>): unknown {
  if (typeof value === 'string') return interpolate(value, env);
  if (Array.isArray(value)) return value.map((item) => interpolateAll(item, env));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateAll(item, env)]));
  }
  return value;
}

/** Variables compose refuses to start without (`${VAR:?...}` anywhere in the file). */
function requiredByCompose(text: string): string[] {
  return [...new Set([...text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*):?\?/g)].map((match) => match[1]))];
}

function environmentOf(service: Service): Record<string, string> {
  const entries = Array.isArray(service.environment)
    ? service.environment.map((line) => [line.split('=')[0], line.slice(line.indexOf('=') + 1)] as const)
    : Object.entries(service.environment ?? {}).filter(([, value]) => value !== null && value !== undefined);
  return Object.fromEntries(entries.map(([key, value]) => [key, String(value)]));
}

function configProblems(app: App, env: Record<string, string>): string[] {
  try {
    loadConfig(app.schema, env, app.defaults);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

/** Settings the config class declares without a default and refuses to start without (e.g. JWT_SECRET). */
function variablesWithoutDefault(app: App): string[] {
  const declared = new app.schema() as unknown as Record<string, unknown>;
  const problems = configProblems(app, {});
  return Object.keys(declared).filter((key) => declared[key] === undefined && !(key in app.defaults) && problems.some((problem) => problem.startsWith(`${key} `)));
}

function commandLine(command: string | string[] | undefined): string {
  return Array.isArray(command) ? command.join(' ') : (command ?? '');
}

function dependsOn(service: Service): Record<string, string> {
  if (Array.isArray(service.depends_on)) return Object.fromEntries(service.depends_on.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(service.depends_on ?? {}).map(([name, spec]) => [name, spec?.condition ?? 'service_started']));
}

function mounts(service: Service): { source: string; target: string }[] {
  return (service.volumes ?? []).map((volume) => {
    if (typeof volume !== 'string') return { source: volume.source ?? '', target: volume.target ?? '' };
    const [source, target] = volume.split(':');
    return target === undefined ? { source: '', target: source } : { source, target };
  });
}

/** Compose durations such as `30s` or `1m30s`, in milliseconds (NaN if not one). */
function milliseconds(duration: string): number {
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001 };
  const parts = [...duration.matchAll(/(\d+(?:\.\d+)?)(ms|us|h|m|s)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== duration) return NaN;
  return parts.reduce((total, part) => total + Number(part[1]) * units[part[2]], 0);
}

function isLocalHost(host: string): boolean {
  return ['localhost', '127.0.0.1', '0.0.0.0', '[::1]', '::1'].includes(host);
}

const composeText = read('docker-compose.yml');
const raw = parse(composeText, { merge: true }) as Compose;
const requiredEnv = Object.fromEntries(
  requiredByCompose(composeText)
    .map((name) => [name, PLACEHOLDERS[name]])
    .filter(([, value]) => value !== undefined),
);

/** The file as compose sees it when the operator sets only what it insists on, then when they set everything. */
const SCENARIOS: { label: string; compose: Compose }[] = [
  { label: 'with only the required variables set', compose: interpolateAll(raw, requiredEnv) as Compose },
  { label: 'with every variable set', compose: interpolateAll(raw, PLACEHOLDERS) as Compose },
];
const compose = SCENARIOS[0].compose;
const services = compose.services ?? {};

function appEnv(app: App, scenario = compose): Record<string, string> {
  return environmentOf(scenario.services?.[app.name] ?? {});
}

/** One setting of an app as it would load it (NaN if invalid: the environment test reports that). */
function appSetting(app: App, key: 'HTTP_PORT' | 'METRICS_PORT' | 'SHUTDOWN_GRACE_MS'): number {
  // Only this variable, so that an unrelated invalid one does not fail every test.
  const value = appEnv(app)[key];
  try {
    return loadConfig(ServiceConfig, value === undefined ? {} : { [key]: value }, app.defaults)[key];
  } catch (error) {
    if (error instanceof ConfigError) return NaN;
    throw error;
  }
}

describe('docker-compose.yml', () => {
  it('follows the compose specification (no version key) and has a services section', () => {
    expect(raw.version).toBeUndefined();
    expect(Object.keys(raw.services ?? {})).not.toHaveLength(0);
  });

  it('has a service per app, built from deploy/Dockerfile with APP set to its name', () => {
    const problems: string[] = [];
    for (const app of APPS) {
      const service = raw.services?.[app.name];
      if (!service) {
        problems.push(`${app.name}: no such service`);
        continue;
      }
      const build = typeof service.build === 'string' ? { context: service.build } : service.build;
      if (!build) {
        problems.push(`${app.name}: has no build section`);
        continue;
      }
      if (normalize(build.context ?? '') !== '.') problems.push(`${app.name}: build context is ${build.context}, expected . (the repository root)`);
      if (normalize(build.dockerfile ?? 'Dockerfile') !== 'deploy/Dockerfile')
        problems.push(`${app.name}: builds from ${build.dockerfile ?? 'Dockerfile'}, expected deploy/Dockerfile`);
      const args = Array.isArray(build.args) ? Object.fromEntries(build.args.map((arg) => arg.split('='))) : (build.args ?? {});
      if (args.APP !== app.name) problems.push(`${app.name}: build arg APP is ${JSON.stringify(args.APP)}, expected "${app.name}"`);
    }
    expect(problems).toEqual([]);
  });

  it('gives each app a healthcheck run by node against its own HTTP_PORT and a health path', () => {
    const problems: string[] = [];
    for (const app of APPS) {
      const healthcheck = services[app.name]?.healthcheck;
      if (!healthcheck?.test || healthcheck.disable) {
        problems.push(`${app.name}: has no healthcheck`);
        continue;
      }
      const test = Array.isArray(healthcheck.test) ? healthcheck.test : ['CMD-SHELL', healthcheck.test];
      const program = test[0] === 'CMD' ? test[1] : (test[1] ?? '').trim().split(/\s+/)[0];
      if (program !== 'node') problems.push(`${app.name}: healthcheck runs ${program}, expected node (the slim image has no curl or wget)`);
      const url = test.join(' ').match(/https?:\/\/[^\s'"`)]+/)?.[0];
      if (!url) {
        problems.push(`${app.name}: no URL in healthcheck ${JSON.stringify(test)}`);
        continue;
      }
      const { hostname, port, pathname } = new URL(url);
      const expectedPort = appSetting(app, 'HTTP_PORT');
      if (Number(port) !== expectedPort) problems.push(`${app.name}: healthcheck calls port ${port || '(none)'}, but the app listens on HTTP_PORT ${expectedPort || '(invalid)'}`);
      if (!['/health/live', '/health/ready'].includes(pathname)) problems.push(`${app.name}: healthcheck calls ${pathname}, expected /health/live or /health/ready`);
      if (!isLocalHost(hostname)) problems.push(`${app.name}: healthcheck calls ${hostname}, expected 127.0.0.1 (it runs inside the container)`);
    }
    expect(problems).toEqual([]);
  });

  it('makes each app listen on 0.0.0.0, not only inside its container', () => {
    const problems = APPS.filter((app) => appEnv(app).HTTP_HOST !== '0.0.0.0').map(
      (app) => `${app.name}: HTTP_HOST is ${JSON.stringify(appEnv(app).HTTP_HOST)}, expected "0.0.0.0"`,
    );
    expect(problems).toEqual([]);
  });

  it("gives each app an environment its config class accepts (as the app's loadConfig would at start)", () => {
    const problems: string[] = [];
    for (const { label, compose: scenario } of SCENARIOS) {
      for (const app of APPS) {
        const env = appEnv(app, scenario);
        for (const problem of configProblems(app, env)) problems.push(`${app.name} ${label}: ${problem}`);
        if (env.NODE_ENV !== 'production') problems.push(`${app.name} ${label}: NODE_ENV is ${JSON.stringify(env.NODE_ENV)}, expected "production"`);
        if (env.KPA_FAULT_INJECTION) problems.push(`${app.name} ${label}: KPA_FAULT_INJECTION is test-only and must not be set`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('sets every variable that has no default in the config class', () => {
    expect(variablesWithoutDefault(APPS[0])).toContain('JWT_SECRET');
    const problems: string[] = [];
    for (const app of APPS) {
      for (const variable of variablesWithoutDefault(app)) {
        if (!appEnv(app)[variable]) {
          problems.push(`${app.name}: ${variable} has no default; set it, e.g. ${variable}: \${${variable}:?set ${variable}}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('points each app at the Postgres, NATS and Redis services it uses, and waits for them to be healthy', () => {
    const problems: string[] = [];
    for (const app of APPS) {
      const env = appEnv(app);
      const waitsFor = dependsOn(services[app.name] ?? {});
      for (const dependency of app.uses) {
        const { variable, image } = DEPENDENCIES[dependency];
        // Several comma-separated NATS servers are allowed: each must be a service.
        for (const url of (env[variable] ?? '').split(',')) {
          if (!url) {
            problems.push(`${app.name}: ${variable} is not set (the default points at 127.0.0.1, inside the container)`);
            continue;
          }
          const host = new URL(url).hostname;
          const target = services[host];
          if (isLocalHost(host)) problems.push(`${app.name}: ${variable} points at ${host}, which is the app's own container`);
          else if (!target) problems.push(`${app.name}: ${variable} points at ${host}, which is not a service of docker-compose.yml`);
          else if (!(target.image ?? '').startsWith(image)) problems.push(`${app.name}: ${variable} points at ${host}, whose image ${target.image} is not ${image}`);
          else if (waitsFor[host] !== 'service_healthy')
            problems.push(`${app.name}: depends_on ${host} should have condition service_healthy (got ${waitsFor[host] ?? 'nothing'})`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('migrates every database with a one-shot migrate service before the apps start', () => {
    const migrate = services.migrate;
    expect(migrate).toBeDefined();
    const problems: string[] = [];
    const command = commandLine(migrate.command);
    const env = environmentOf(migrate);
    for (const app of DATABASE_APPS) {
      if (!command.includes(`dist/apps/${app.name}/src/main.js --migrate-only`)) {
        problems.push(`migrate: does not run node dist/apps/${app.name}/src/main.js --migrate-only`);
      }
      // main.js validates the app's whole configuration before it migrates.
      for (const problem of configProblems(app, env)) problems.push(`migrate (as ${app.name}): ${problem}`);
      const condition = dependsOn(services[app.name] ?? {}).migrate;
      if (condition !== 'service_completed_successfully') {
        problems.push(`${app.name}: depends_on migrate should have condition service_completed_successfully (got ${condition ?? 'nothing'})`);
      }
    }
    const stopsAtFirstFailure =
      /^(ba)?sh\s+-[a-z]*e[a-z]*\s/.test(command) ||
      /\bset -e\b/.test(command) ||
      command
        .split('--migrate-only')
        .slice(1, -1)
        .every((rest) => /^\s*&&/.test(rest));
    if (!stopsAtFirstFailure || /\|\|\s*true\b/.test(command)) problems.push('migrate: its command must stop, and fail, at the first failed migration (sh -e or &&)');
    if (migrate.restart !== 'no') problems.push(`migrate: restart is ${JSON.stringify(migrate.restart)}, expected "no" (it runs once)`);
    if (dependsOn(migrate).postgres !== 'service_healthy') problems.push('migrate: depends_on postgres should have condition service_healthy');
    expect(problems).toEqual([]);
  });

  it('restarts the apps and lets them finish in-flight work when stopped', () => {
    const problems: string[] = [];
    for (const app of APPS) {
      const service = services[app.name] ?? {};
      if (service.restart !== 'unless-stopped') problems.push(`${app.name}: restart is ${JSON.stringify(service.restart)}, expected "unless-stopped"`);
      const grace = milliseconds(service.stop_grace_period ?? '10s'); // compose's default
      const shutdown = appSetting(app, 'SHUTDOWN_GRACE_MS');
      if (!(grace > shutdown)) problems.push(`${app.name}: stop_grace_period ${service.stop_grace_period} must exceed SHUTDOWN_GRACE_MS (${shutdown} ms)`);
    }
    expect(problems).toEqual([]);
  });

  it('publishes only the gateway HTTP port, never a metrics port', () => {
    const problems: string[] = [];
    for (const [name, service] of Object.entries(services)) {
      // A development-only helper (profile dev, e.g. the mail catcher) may show its page on the host's loopback only.
      const devOnLoopback = (service.profiles ?? []).includes('dev') && (service.ports ?? []).every((port) => String(port).startsWith('127.0.0.1:'));
      if (name !== 'gateway' && service.ports?.length && !devOnLoopback)
        problems.push(`${name}: publishes ${JSON.stringify(service.ports)}; only the gateway should be reachable from outside`);
    }
    const gatewayPort = appSetting(APPS[0], 'HTTP_PORT');
    const containerPorts = (services.gateway?.ports ?? []).map((port) => (typeof port === 'object' ? Number(port.target) : Number(String(port).split('/')[0].split(':').pop())));
    if (!containerPorts.includes(gatewayPort)) problems.push(`gateway: publishes container ports ${JSON.stringify(containerPorts)}, not its HTTP_PORT ${gatewayPort}`);
    const metricsPort = appSetting(APPS[0], 'METRICS_PORT');
    if (containerPorts.includes(metricsPort)) problems.push(`gateway: publishes its METRICS_PORT ${metricsPort}; metrics are for the compose network only`);
    expect(problems).toEqual([]);
  });

  it('runs Redis with noeviction (an evicted key is a lost job) and appendonly yes', () => {
    const command = commandLine(services.redis?.command);
    expect(command).toMatch(/--maxmemory-policy\s+noeviction\b/);
    expect(command).toMatch(/--appendonly\s+yes\b/);
  });

  it('keeps the data of Postgres, Redis and NATS on named volumes', () => {
    const storeDir = natsSetting(jetstreamBlock(), 'store_dir') ?? '';
    const dataDirs: Record<string, string> = { postgres: '/var/lib/postgresql/data', redis: '/data', nats: storeDir };
    const problems: string[] = [];
    for (const [name, dataDir] of Object.entries(dataDirs)) {
      const volume = mounts(services[name] ?? {}).find(({ target }) => dataDir === target || dataDir.startsWith(`${target}/`));
      if (!volume) problems.push(`${name}: ${dataDir || '(its data directory)'} is not on a volume`);
      else if (!Object.keys(compose.volumes ?? {}).includes(volume.source))
        problems.push(`${name}: ${volume.target} is on ${volume.source || 'an anonymous volume'}, not a named volume`);
    }
    expect(problems).toEqual([]);
  });

  it('runs NATS with deploy/nats.conf', () => {
    const nats = services.nats ?? {};
    const config = mounts(nats).find(({ source }) => normalize(source) === 'deploy/nats.conf');
    expect(config).toBeDefined();
    const target = (config?.target ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(commandLine(nats.command)).toMatch(new RegExp(`(-c|--config)[ =]${target}(\\s|$)`));
  });
});

/** The `jetstream { ... }` block of deploy/nats.conf, without comments. */
function jetstreamBlock(): string {
  const text = read('deploy/nats.conf').replace(/(^|\s)(#|\/\/).*$/gm, '$1');
  const start = text.search(/(^|\s)jetstream\s*[:=]?\s*\{/);
  if (start < 0) return '';
  const open = text.indexOf('{', start);
  let depth = 0;
  for (let index = open; index < text.length; index++) {
    if (text[index] === '{') depth++;
    if (text[index] === '}' && --depth === 0) return text.slice(open + 1, index);
  }
  return '';
}

function natsSetting(block: string, ...names: string[]): string | undefined {
  const line = new RegExp(`^\\s*(?:${names.join('|')})\\s*[:=]?\\s*"?([^"\\s]+)"?\\s*$`, 'm');
  return block.match(line)?.[1];
}

describe('deploy/nats.conf', () => {
  it('enables JetStream and fsyncs every write (sync_interval: always)', () => {
    const block = jetstreamBlock();
    expect(block).not.toBe('');
    expect(natsSetting(block, 'sync_interval', 'sync')).toBe('always');
  });
});

/** Dockerfile instructions with comments dropped and continuation lines joined. */
function dockerfile(): { keyword: string; args: string }[] {
  return read('deploy/Dockerfile')
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\s*\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [keyword, ...args] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: args.join(' ') };
    });
}

describe('deploy/Dockerfile', () => {
  const instructions = dockerfile();
  const lastFrom = instructions.map((instruction) => instruction.keyword).lastIndexOf('FROM');
  const runtime = instructions.slice(lastFrom);
  const last = (keyword: string) => runtime.filter((instruction) => instruction.keyword === keyword).pop()?.args;

  it('has a build stage and a runtime stage', () => {
    expect(instructions.filter((instruction) => instruction.keyword === 'FROM').length).toBeGreaterThanOrEqual(2);
  });

  it('runs the app as a non-root user', () => {
    expect(last('USER')).toBeDefined();
    expect(['root', '0', 'root:root', '0:0']).not.toContain(last('USER'));
  });

  it('has a HEALTHCHECK that uses node (the slim image has no curl or wget)', () => {
    const healthcheck = last('HEALTHCHECK') ?? '';
    expect(healthcheck).toMatch(/\bCMD\s+node\b/);
    expect(healthcheck).toContain('/health/');
  });

  it('installs with npm install, not npm ci (the lockfile lacks other platforms\u2019 optional binaries)', () => {
    const runs = instructions.filter((instruction) => instruction.keyword === 'RUN').map((instruction) => instruction.args);
    expect(runs.some((run) => /\bnpm (install|i)\b/.test(run))).toBe(true);
    expect(runs.filter((run) => /\bnpm ci\b/.test(run))).toEqual([]);
  });

  it('puts the built web console in the image where the gateway looks for it (/app/dist/web, beside /app/package.json)', () => {
    const build = instructions.slice(0, lastFrom);
    expect(build.some((instruction) => instruction.keyword === 'RUN' && /\bnpm run build\b/.test(instruction.args))).toBe(true);
    expect(build.some((instruction) => instruction.keyword === 'COPY' && /^apps\s/.test(instruction.args))).toBe(true);
    expect(instructions.find((instruction) => instruction.keyword === 'WORKDIR')?.args).toBe('/app');
    const copies = runtime.filter((instruction) => instruction.keyword === 'COPY').map((instruction) => instruction.args.split(/\s+/));
    expect(copies).toContainEqual(['--from=build', '/app/package.json', './']);
    expect(copies.some((args) => args[0] === '--from=build' && ['/app/dist', '/app/dist/web'].includes(args[1]) && ['./dist', './dist/web'].includes(args[2]))).toBe(true);
    expect(last('WORKDIR')).toBe('/app');
  });

  it('starts the app named by APP with exec, so that SIGTERM reaches node', () => {
    expect(runtime.some((instruction) => instruction.keyword === 'ARG' && /^APP\b/.test(instruction.args))).toBe(true);
    const cmd = last('CMD') ?? '';
    const argv = cmd.startsWith('[') ? (JSON.parse(cmd) as string[]) : ['sh', '-c', cmd];
    const startsNode = argv[0] === 'node' || /^exec node /.test(argv[argv.length - 1]);
    expect(startsNode).toBe(true);
    expect(argv.join(' ')).toContain('dist/apps/$APP/src/main.js');
  });
});
