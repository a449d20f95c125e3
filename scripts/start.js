#!/usr/bin/env node
'use strict';

/**
 * `npm start`: the whole platform on a developer machine, in one terminal.
 * (Node 24 if this one is older) → install (if needed) → build → local secrets → database → six services → wait until ready
 * → (--demo) demo data → ready block; Ctrl-C stops everything gracefully. Once up, a service
 * that dies is restarted with a growing delay (scripts/lib/services.js) while the others run on.
 *
 * Only Node built-ins and ./lib are required here: on a fresh clone the dependencies are not
 * installed yet when this starts (pg is required lazily, after the install step).
 */

const path = require('node:path');
const { existsSync } = require('node:fs');
const { parseOptions, HELP } = require('./lib/options');
const { step, info, warn, error, colours, StartError } = require('./lib/output');
const { ensureDependencies, build, currentCommand } = require('./lib/prepare');
const { loadSecrets } = require('./lib/secrets');
const { ensureDatabase, checkBrokers, checkPortsFree, DEFAULT_DATABASE_URL } = require('./lib/infrastructure');
const { SERVICES, Supervisor, checkBuilt } = require('./lib/services');
const { createFormatter, clockTime } = require('./lib/log-format');
const { waitUntilReady } = require('./lib/readiness');
const { readyBlock } = require('./lib/ready-block');
const { startMailCatcher } = require('./lib/mail-catcher');
const { majorOf, REQUIRED_MAJOR, runWithSupportedNode } = require('./lib/runtime');

const ROOT = path.resolve(__dirname, '..');
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
// `npm start` forwards the terminal's Ctrl-C to us while the terminal sends it too: signals
// this close together are one key press, not the "second Ctrl-C" that kills at once.
const SAME_KEY_PRESS_MS = 1_000;
const LAST_LINES_SHOWN = 15;

const state = {
  phase: 'preparing', // preparing → starting → running → stopping
  supervisor: null,
  formatter: createFormatter(SERVICES.map((service) => service.name)),
  json: false,
  firstSignalAt: 0,
  startup: new AbortController(),
  mailCatcher: null,
};

// ---------------------------------------------------------------- output of the services

function relayLine(service, line, stream) {
  const out = stream === 'stderr' ? process.stderr : process.stdout;
  if (state.json) {
    out.write(`${line}\n`);
    return;
  }
  const formatted = state.formatter(service, line);
  // Formatted JSON lines go to stdout; anything else keeps its stream, unchanged.
  (formatted === line ? out : process.stdout).write(`${formatted}\n`);
}

function showLastLines(name) {
  const lines = state.supervisor.lastLines(name).slice(-LAST_LINES_SHOWN);
  if (lines.length === 0) return;
  process.stderr.write(colours.gray(`  last lines of ${name}:\n`));
  for (const line of lines) {
    const text = state.json ? line : state.formatter(name, line);
    process.stderr.write(`${text.replace(/^/gm, '    ')}\n`);
  }
}

function describeExit(code, signal) {
  return signal ? `signal ${signal}` : `exit code ${code}`;
}

// ---------------------------------------------------------------- stopping

async function shutdown(exitCode) {
  if (state.phase === 'stopping') return;
  state.phase = 'stopping';
  state.startup.abort();
  const supervisor = state.supervisor;
  state.mailCatcher?.child?.kill('SIGTERM');
  supervisor?.stop();
  if (!supervisor || supervisor.running().length === 0) process.exit(exitCode);
  step(`Stopping ${supervisor.running().length} services (Ctrl-C again to kill them at once)`);
  supervisor.signalAll('SIGTERM');
  const force = setTimeout(() => {
    warn(
      `Still running after ${STOP_TIMEOUT_MS / 1000} s: ${supervisor
        .running()
        .map((r) => r.service.name)
        .join(', ')}; killing them.`,
    );
    supervisor.signalAll('SIGKILL');
    // SIGKILL cannot be refused; should a child's output pipe still not close, leave anyway.
    setTimeout(() => process.exit(exitCode), 2000);
  }, STOP_TIMEOUT_MS);
  await supervisor.allExited();
  clearTimeout(force);
  step('Stopped');
  process.exit(exitCode);
}

function killNow() {
  warn('Killing the services now.');
  state.supervisor?.signalAll('SIGKILL');
  process.exit(130);
}

function onSignal(signal) {
  const now = Date.now();
  if (state.phase === 'stopping') {
    if (now - state.firstSignalAt > SAME_KEY_PRESS_MS) killNow();
    return;
  }
  state.firstSignalAt = now;
  if (state.phase === 'preparing') {
    // npm install / the build got the terminal's Ctrl-C too; make sure they stop, then leave.
    currentCommand()?.kill('SIGTERM');
    process.stderr.write(`\n${signal}: stopped before starting the services.\n`);
    process.exit(130);
  }
  process.stdout.write('\n');
  shutdown(0);
}

function installSignalHandlers() {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => onSignal(signal));
  // Last resort (an exception in this script): never leave services running without us.
  process.on('exit', () => state.supervisor?.signalAll('SIGKILL'));
}

// ---------------------------------------------------------------- starting

/** Where to reach the services: their HTTP_HOST, or loopback when they listen on every interface. */
function reachableHost(httpHost) {
  return !httpHost || httpHost === '0.0.0.0' || httpHost === '::' ? '127.0.0.1' : httpHost;
}

function databaseName(databaseUrl) {
  try {
    return decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  } catch {
    return databaseUrl;
  }
}

async function prepareDatabase(env) {
  const databaseUrl = env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const created = await ensureDatabase(databaseUrl);
  step(created ? `Created the database ${databaseName(databaseUrl)}` : `Database ${databaseName(databaseUrl)} is there`);
}

function startServices(env) {
  state.supervisor = new Supervisor({ root: ROOT, env, onLine: relayLine });
  state.supervisor.on('exit', onServiceExit);
  state.supervisor.on('restarting', onServiceRestarting);
  state.supervisor.on('restarted', (service, attempt) => info(colours.gray(`${service.name} started again (restart ${attempt})`)));
  state.phase = 'starting';
  for (const service of SERVICES) state.supervisor.start(service);
}

/**
 * During start-up a service that exits is a configuration or build error that a restart would
 * only repeat: stop the rest and say why. Once the platform is up the supervisor restarts it
 * (onServiceRestarting says so) and the gateway answers 503 for its routes meanwhile.
 */
function onServiceExit(service, code, signal) {
  if (state.phase === 'stopping') {
    // Nest re-raises SIGTERM once it has closed everything: that is a clean stop too.
    const clean = code === 0 || signal === 'SIGTERM';
    info(colours.gray(`${service.name} stopped${clean ? '' : ` (${describeExit(code, signal)})`}`));
    return;
  }
  if (state.phase === 'running') return;
  error(`${service.name} exited during start-up (${describeExit(code, signal)}).`);
  showLastLines(service.name);
  shutdown(1);
}

function onServiceRestarting(service, code, signal, delayMs, attempt) {
  const at = clockTime(Date.now() + delayMs);
  error(
    `${service.name} died at ${clockTime(Date.now())} (${describeExit(code, signal)}); restarting it in ${delayMs / 1000} s at ${at} (restart ${attempt}). ` +
      `The other services keep running; the gateway answers 503 for its routes meanwhile.`,
  );
  showLastLines(service.name);
}

async function waitForServices(host) {
  step(`Waiting for the services to be ready (at most ${READY_TIMEOUT_MS / 1000} s)`);
  await waitUntilReady(SERVICES, {
    host,
    timeoutMs: READY_TIMEOUT_MS,
    signal: state.startup.signal,
    onReady: (service) => info(colours.gray(`${service.name} ready on port ${service.port}`)),
  });
}

/** The demo is a bonus: when it fails, say why and keep the platform running. */
async function runDemo(gatewayUrl, secrets) {
  step('Loading the demo region (--demo)');
  const { loadDemo, DEMO_FILE } = require('./lib/demo');
  try {
    const logins = await loadDemo({
      root: ROOT,
      apiBaseUrl: `${gatewayUrl}/v1`,
      adminEmail: secrets.KPA_ADMIN_EMAIL,
      adminPassword: secrets.KPA_ADMIN_PASSWORD,
    });
    return { logins, file: DEMO_FILE };
  } catch (failure) {
    error(`The demo data could not be loaded:\n    ${failure.message}`);
    return { error: failure };
  }
}

/**
 * The gateway creates the admin only when missing: after .local/ was deleted, the new password
 * in secrets.env would not work. Say so in the ready block instead of showing a wrong password.
 * 'ok', 'wrong', or 'unknown' (any other answer: the check is only a courtesy).
 */
async function checkAdminLogin(apiBaseUrl, email, password) {
  const { createApiClient, ApiError } = require('./lib/api-client');
  try {
    await createApiClient(apiBaseUrl).login(email, password);
    return 'ok';
  } catch (failure) {
    return failure instanceof ApiError && failure.body?.code === 'INVALID_CREDENTIALS' ? 'wrong' : 'unknown';
  }
}

async function main(argv) {
  const options = parseOptions(argv);
  if (options.help) {
    process.stdout.write(HELP);
    return;
  }
  state.json = options.json;
  installSignalHandlers();

  if (options.install) await ensureDependencies(ROOT);
  if (options.build) await build(ROOT);
  checkBuilt(ROOT, SERVICES, { justBuilt: options.build });

  const secrets = loadSecrets(ROOT);
  step(secrets.generated.length > 0 ? `Created local secrets in ${secrets.file}` : `Using local secrets from ${secrets.file}`);
  const env = { ...process.env, ...secrets.values };
  await prepareDatabase(env);
  await checkBrokers(env);
  const host = reachableHost(env.HTTP_HOST);
  await checkPortsFree(SERVICES, env.HTTP_HOST || '127.0.0.1');
  // E-mail: the worker sends to SMTP_URL, or to a local mail catcher started here.
  state.mailCatcher = await startMailCatcher({ root: ROOT, env });
  if (state.mailCatcher.kind === 'unavailable')
    warn(`No local mail catcher (${state.mailCatcher.reason}): the worker will retry its e-mails until one answers at ${state.mailCatcher.smtpUrl}.`);
  env.SMTP_URL = state.mailCatcher.smtpUrl;
  // E-invoices: handed to the sandbox PA, a folder anyone can play the PA in (docs/e-invoicing.md), unless one is set.
  env.EINVOICE_PA ??= 'file-drop';
  if (env.EINVOICE_PA === 'file-drop') env.EINVOICE_PA_DIR ??= path.join(ROOT, '.local', 'pa-sandbox');

  step(`Starting ${SERVICES.map((service) => service.name).join(', ')}`);
  startServices(env);
  await waitForServices(host);
  if (state.phase !== 'starting') return; // stopping meanwhile (Ctrl-C, a service exited)
  state.phase = 'running';
  state.supervisor.keepAlive();

  const gatewayUrl = `http://${host}:${SERVICES[0].port}`;
  const adminLogin = await checkAdminLogin(`${gatewayUrl}/v1`, secrets.values.KPA_ADMIN_EMAIL, secrets.values.KPA_ADMIN_PASSWORD);
  const demo = options.demo ? await runDemo(gatewayUrl, secrets.values) : undefined;
  if (state.phase !== 'running') return;
  process.stdout.write(
    readyBlock({
      gatewayUrl,
      services: SERVICES,
      admin: { email: secrets.values.KPA_ADMIN_EMAIL, password: secrets.values.KPA_ADMIN_PASSWORD, login: adminLogin },
      secretsFile: secrets.file,
      fromEnvironment: secrets.fromEnvironment,
      mail: state.mailCatcher,
      demo,
      // The gateway serves the console from dist/web (WEB_DIST_DIR elsewhere).
      webConsole: { built: existsSync(path.join(env.WEB_DIST_DIR || path.join(ROOT, 'dist', 'web'), 'index.html')) },
    }),
  );
}

function fail(failure) {
  if (state.phase === 'stopping') return;
  if (failure instanceof StartError) {
    error(failure.message);
    if (failure.hint) process.stderr.write(`  ${failure.hint}\n`);
  } else {
    error(failure.stack || String(failure));
  }
  shutdown(1);
}

if (majorOf(process.version) < REQUIRED_MAJOR) {
  // An end-of-life Node: start again on Node 24 (fetched once into .local/node24); npm, the
  // build and the services then run on it too.
  try {
    runWithSupportedNode(ROOT, 'node', [__filename, ...process.argv.slice(2)]);
  } catch (failure) {
    fail(failure);
  }
} else {
  main(process.argv.slice(2)).catch(fail);
}
