'use strict';

const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');
const { EventEmitter } = require('node:events');
const { spawn } = require('node:child_process');
const { StartError } = require('./output');

/**
 * The six services, their HTTP ports and metrics ports (each app's default HTTP_PORT and METRICS_PORT).
 * The gateway first: it is the API. A copy of SERVICES, SERVICE_PORTS and METRICS_PORTS
 * (libs/contracts/src/names.ts), readable before the build;
 * test/docs/service-ports.spec.ts keeps it equal to them.
 */
const SERVICES = [
  { name: 'gateway', port: 3000, metricsPort: 9400 },
  { name: 'membership', port: 3101, metricsPort: 9401 },
  { name: 'commerce', port: 3102, metricsPort: 9402 },
  { name: 'remuneration', port: 3103, metricsPort: 9403 },
  { name: 'networking', port: 3104, metricsPort: 9404 },
  { name: 'worker', port: 3105, metricsPort: 9405 },
];

const LAST_LINES_KEPT = 40;

function mainFile(service) {
  return path.join('dist', 'apps', service.name, 'src', 'main.js');
}

/** Fails before anything starts when a service was not built (e.g. an app without main.ts yet). */
function checkBuilt(root, services, { justBuilt }) {
  const missing = services.filter((service) => !fs.existsSync(path.join(root, mainFile(service))));
  if (missing.length === 0) return;
  const sources = missing.map((service) => `apps/${service.name}/src/main.ts`).join(', ');
  throw new StartError(
    `Not built: ${missing.map((service) => `${mainFile(service)} (${service.name})`).join(', ')}.`,
    justBuilt
      ? `The build did not produce it: does ${sources} exist? (Another build running at the same time also empties dist/.)`
      : `Run npm start without --no-build (or npm run build) first; it compiles ${sources}.`,
  );
}

/** Restart delays of a service that died: 1 s, 2 s, 4 s… at most 30 s; back to 1 s once it has run a minute. */
const RESTART_POLICY = { initialDelayMs: 1_000, maxDelayMs: 30_000, resetAfterMs: 60_000 };

/** The delay before restart number `attempt` (1, 2, 3…). */
function restartDelay(attempt, policy = RESTART_POLICY) {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));
}

/**
 * Runs the services as child processes and relays their output line by line.
 * Emits 'exit' (service, code, signal) once a child has exited and its output is drained.
 *
 * Once `keepAlive()` is called (the platform is up), a child that exits on its own is started
 * again after a growing delay (RESTART_POLICY), and 'restarting' (service, code, signal, delayMs,
 * attempt) says so; `stop()` cancels the pending restarts before the children are signalled.
 * Before that (start-up) nothing is restarted: an exit then is a configuration or build error
 * that a restart would only repeat, and the caller stops everything with the reason.
 *
 * Children get their own process group (detached): the terminal's Ctrl-C reaches only this
 * script, which then sends each child one SIGTERM and waits for it, instead of the children
 * receiving the terminal's (and npm's forwarded) signals on their own.
 */
class Supervisor extends EventEmitter {
  constructor({ root, env, onLine, restartPolicy = RESTART_POLICY }) {
    super();
    this.root = root;
    this.env = env;
    this.onLine = onLine;
    this.restartPolicy = restartPolicy;
    this.children = new Map();
    this.restarts = new Map(); // name → { attempt, timer } while a restart is pending
    this.attempts = new Map(); // name → restarts in a row (a run of resetAfterMs starts again at 1)
    this.restarting = false;
    this.stopped = false;
  }

  start(service) {
    // `service.args` lets a test run a small script instead of a built app.
    const child = spawn(process.execPath, service.args ?? [mainFile(service)], {
      cwd: this.root,
      // The ports are passed explicitly so that an HTTP_PORT or METRICS_PORT in the user's environment
      // cannot make all six services fight for one port, and the readiness check knows where to ask.
      env: { ...this.env, HTTP_PORT: String(service.port), METRICS_PORT: String(service.metricsPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
    const previous = this.children.get(service.name);
    const record = { service, child, lastLines: previous?.lastLines ?? [], exited: false, code: null, signal: null, startedAt: Date.now() };
    this.children.set(service.name, record);
    this.relay(record, child.stdout, 'stdout');
    this.relay(record, child.stderr, 'stderr');
    child.on('error', (error) => {
      this.remember(record, `could not start: ${error.message}`);
      this.markExited(record, 1, null);
    });
    // 'close' rather than 'exit': it comes after the last output lines, which we want to show.
    child.on('close', (code, signal) => this.markExited(record, code, signal));
  }

  /** From now on a child that exits by itself is restarted (see the class comment). */
  keepAlive() {
    this.restarting = true;
  }

  /** No more restarts (pending ones are cancelled): call it before signalling the children to stop. */
  stop() {
    this.stopped = true;
    for (const { timer } of this.restarts.values()) clearTimeout(timer);
    this.restarts.clear();
  }

  relay(record, stream, streamName) {
    readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      this.remember(record, line);
      this.onLine(record.service.name, line, streamName);
    });
  }

  remember(record, line) {
    record.lastLines.push(line);
    if (record.lastLines.length > LAST_LINES_KEPT) record.lastLines.shift();
  }

  markExited(record, code, signal) {
    if (record.exited) return;
    record.exited = true;
    record.code = code;
    record.signal = signal;
    this.emit('exit', record.service, code, signal);
    if (this.restarting && !this.stopped) this.scheduleRestart(record, code, signal);
    if (this.running().length === 0 && this.restarts.size === 0) this.emit('all-exited');
  }

  scheduleRestart(record, code, signal) {
    const name = record.service.name;
    const ranLongEnough = Date.now() - record.startedAt >= this.restartPolicy.resetAfterMs;
    const attempt = ranLongEnough ? 1 : (this.attempts.get(name) ?? 0) + 1;
    const delayMs = restartDelay(attempt, this.restartPolicy);
    const timer = setTimeout(() => {
      this.restarts.delete(name);
      if (this.stopped) return;
      this.start(record.service);
      this.emit('restarted', record.service, attempt);
    }, delayMs);
    this.restarts.set(name, { attempt, timer });
    this.attempts.set(name, attempt);
    this.emit('restarting', record.service, code, signal, delayMs, attempt);
  }

  running() {
    return [...this.children.values()].filter((record) => !record.exited);
  }

  lastLines(name) {
    return this.children.get(name)?.lastLines ?? [];
  }

  /** Signals every running child (and its process group, should it have started helpers). */
  signalAll(signal) {
    for (const record of this.running()) {
      try {
        if (process.platform !== 'win32') process.kill(-record.child.pid, signal);
        else record.child.kill(signal);
      } catch {
        record.child.kill(signal);
      }
    }
  }

  /** Resolves once every child has exited (and none is waiting to be restarted). */
  allExited() {
    if (this.running().length === 0 && this.restarts.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.once('all-exited', resolve));
  }
}

module.exports = { SERVICES, Supervisor, RESTART_POLICY, restartDelay, checkBuilt, mainFile };
