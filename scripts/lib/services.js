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

/**
 * Runs the services as child processes and relays their output line by line.
 * Emits 'exit' (service, code, signal) once a child has exited and its output is drained.
 *
 * Children get their own process group (detached): the terminal's Ctrl-C reaches only this
 * script, which then sends each child one SIGTERM and waits for it, instead of the children
 * receiving the terminal's (and npm's forwarded) signals on their own.
 */
class Supervisor extends EventEmitter {
  constructor({ root, env, onLine }) {
    super();
    this.root = root;
    this.env = env;
    this.onLine = onLine;
    this.children = new Map();
  }

  start(service) {
    const child = spawn(process.execPath, [mainFile(service)], {
      cwd: this.root,
      // The ports are passed explicitly so that an HTTP_PORT or METRICS_PORT in the user's environment
      // cannot make all six services fight for one port, and the readiness check knows where to ask.
      env: { ...this.env, HTTP_PORT: String(service.port), METRICS_PORT: String(service.metricsPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
    const record = { service, child, lastLines: [], exited: false, code: null, signal: null };
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
    if (this.running().length === 0) this.emit('all-exited');
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

  /** Resolves once every child has exited. */
  allExited() {
    if (this.running().length === 0) return Promise.resolve();
    return new Promise((resolve) => this.once('all-exited', resolve));
  }
}

module.exports = { SERVICES, Supervisor, checkBuilt, mainFile };
