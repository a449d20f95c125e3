'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { StartError, step, info } = require('./output');

/** The command being run (npm install, npm run build), so a Ctrl-C can stop it. */
let current = null;

function currentCommand() {
  return current;
}

/**
 * npm's own CLI when started through `npm start` (npm_execpath), so we use the same npm
 * version as the user; `npm` from the PATH otherwise (node scripts/start.js).
 */
function npmCommand(args) {
  const execPath = process.env.npm_execpath;
  if (execPath && /\.c?js$/.test(execPath) && fs.existsSync(execPath)) {
    return { command: process.execPath, args: [execPath, ...args] };
  }
  return { command: process.platform === 'win32' ? 'npm.cmd' : 'npm', args };
}

/** Runs a command with the terminal attached; resolves with its exit code. */
function run(command, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: 'inherit', shell: process.platform === 'win32' });
    current = child;
    child.on('error', (error) => {
      current = null;
      reject(new StartError(`Could not run ${command}: ${error.message}`));
    });
    child.on('exit', (code, signal) => {
      current = null;
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

function mtimeMs(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Why `npm install` is needed, or null when node_modules matches package.json and the lockfile. */
function installReason(root) {
  // npm writes node_modules/.package-lock.json at the end of every install: its age tells
  // whether package.json or package-lock.json changed since (git pull, a new dependency).
  const marker = mtimeMs(path.join(root, 'node_modules', '.package-lock.json'));
  if (!fs.existsSync(path.join(root, 'node_modules'))) return 'node_modules is missing';
  if (marker === undefined) return 'node_modules was not installed by npm';
  for (const file of ['package.json', 'package-lock.json']) {
    const changed = mtimeMs(path.join(root, file));
    if (changed !== undefined && changed > marker) return `${file} changed since the last install`;
  }
  return null;
}

/**
 * `npm install`, not `npm ci`: the lockfile lacks other platforms' optional binaries, which
 * makes `npm ci` fail on some machines, while `npm install` fills them in.
 */
async function ensureDependencies(root) {
  const reason = installReason(root);
  if (!reason) {
    step('Dependencies are up to date');
    return;
  }
  step(`Installing dependencies (${reason})`);
  const npm = npmCommand(['install', '--no-audit', '--no-fund']);
  const code = await run(npm.command, npm.args, root);
  if (code !== 0) {
    throw new StartError(`npm install failed (exit code ${code}).`, 'Fix the error above, then run npm start again.');
  }
  // npm leaves the marker untouched when nothing had to change: touch it so the next start
  // does not install again just because package-lock.json is newer.
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  if (fs.existsSync(marker)) {
    const now = new Date();
    fs.utimesSync(marker, now, now);
  }
}

async function build(root) {
  step('Building (npm run build)');
  const started = Date.now();
  const npm = npmCommand(['run', '--silent', 'build']);
  const code = await run(npm.command, npm.args, root);
  if (code !== 0) {
    throw new StartError(`The build failed (exit code ${code}).`, 'Fix the compile errors above, then run npm start again.');
  }
  info(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

module.exports = { ensureDependencies, build, installReason, currentCommand };
